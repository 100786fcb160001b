"""主动发现: a message that is not a request for help but shows a hardship (bot.understanding.signals)
is kept, with the words that showed it, on a 「可能需要救助」 list for operators and caseworkers; an
operator opens one as a console call in one step, or sets it aside with a note. Nothing is created
for the resident without a person. Stored as a call in the state `discovered`."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.domain.call import Call
from bot.domain.casework import Refusal, Role, Staff
from bot.log_masking import mask
from bot.services import console
from bot.services.bootstrap import Deps
from bot.services.errors import NotFound
from bot.understanding.signals import signals

DISCOVERED, SET_ASIDE = "discovered", "set_aside"


def flag(deps: Deps, channel: str, sender: str, text: str) -> int | None:
    """Keep the message for a person when it shows a hardship; returns the list entry's id."""
    found = signals(text)
    if not found:
        return None
    call = Call("", status=DISCOVERED, transcript=[{"role": "resident", "speaker": "caller", "text": text[:2000],
                                                    "at": datetime.utcnow().isoformat(timespec="seconds")}],
                facts={"values": {}, "provenance": {},
                       "discovery": {"channel": channel, "sender": sender, "signals": [s.__dict__ for s in found]}})
    with deps.uow() as uow:
        uow.calls.add(call)
        uow.commit()
    return call.id


def _allowed(staff: Staff) -> None:
    if staff.role == Role.ADMIN:
        raise Refusal("role", "管理员不处理求助线索")


def listing(deps: Deps, staff: Staff) -> list[dict[str, Any]]:
    """The 「可能需要救助」 list, newest first: the words that showed the hardship, the message masked."""
    _allowed(staff)
    with deps.uow() as uow:
        found = uow.calls.with_status(DISCOVERED)
    return [{"id": c.id, "created_at": deps.local(c.created_at), "channel": c.facts["discovery"]["channel"],
             "signals": c.facts["discovery"]["signals"], "text": mask(c.transcript[0]["text"])} for c in found]


def _discovered(uow, call_id: int) -> Call:
    call = uow.calls.get(call_id)
    if call is None or call.status != DISCOVERED:
        raise NotFound()
    return call


def take(deps: Deps, staff: Staff, call_id: int) -> dict[str, Any]:
    """One step: the message becomes the operator's console call, already understood."""
    if staff.role != Role.OPERATOR:
        raise Refusal("role", "由热线接线员接手求助线索")
    with deps.uow() as uow:
        call = _discovered(uow, call_id)
        text = call.transcript[0]["text"]
        call.operator, call.status, call.transcript = staff.username, "open", []
        uow.calls.save(call)
        uow.commit()
    return console.hear(deps, staff, call_id, text, speaker="note")


def set_aside(deps: Deps, staff: Staff, call_id: int, note: str) -> None:
    _allowed(staff)
    if not note.strip():
        raise Refusal("missing_note", "请写明为什么不需要跟进")
    with deps.uow() as uow:
        call = _discovered(uow, call_id)
        call.status = SET_ASIDE
        call.facts = {**call.facts, "set_aside": {"by": staff.username, "note": note.strip()[:500]}}
        uow.calls.save(call)
        uow.commit()
