"""The hotline operator console (接线员实时辅助): while a call goes on, each utterance goes through the
same understanding as the assistant; the console shows the facts with their sources, the
classification and policy hints with rule ids, what is missing and the next question, and earlier
cases of the same phone or ID number. One step creates the pre-filled case. The call's state is
stored, so a page reload or another browser tab picks it up."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.call import Call
from bot.domain.casework import Refusal, Role, Staff
from bot.domain.model import Cause, FactName, PriorityGroup, label_of
from bot.log_masking import mask
from bot.policy import classify
from bot.services import facts as fact_merge
from bot.services.assessment import application_from_intake, assess_intake
from bot.services.bootstrap import Deps
from bot.services.cases import Submission, past_assistance, submit_case
from bot.services.errors import NotFound
from bot.services.intake import missing_facts
from bot.services.questions import QUESTIONS
from bot.services.views import earlier_case, needs_checking
from bot.store.unit_of_work import UnitOfWork
from bot.understanding import extract_facts
from bot.understanding.extract import NOT_GIVEN

CHANNEL = "hotline"
SHOWN = {f.value for f in FactName} - {FactName.LOSS_AMOUNT.value}
HINT_TOPICS = ("acceptance", "economic_check", "approval", "first_aid", "small_fast_aid", "frequency", "other_programmes")
FACTS = {f.value for f in FactName}


def _allowed(staff: Staff) -> None:
    if staff.role == Role.ADMIN:
        raise Refusal("role", "管理员不接听热线")


def _call(uow: UnitOfWork, staff: Staff, call_id: int) -> Call:
    call = uow.calls.get(call_id)
    if call is None or call.operator != staff.username:
        raise NotFound()
    return call


def _now(deps: Deps) -> datetime:
    return deps.clock().astimezone(ZoneInfo(deps.settings.timezone)).replace(tzinfo=None)


def open_call(deps: Deps, staff: Staff) -> dict[str, Any]:
    _allowed(staff)
    with deps.uow() as uow:
        view = _view(deps, uow, uow.calls.add(Call(staff.username)))
        uow.commit()
        return view


def open_calls(deps: Deps, staff: Staff) -> list[dict[str, Any]]:
    with deps.uow() as uow:
        return [{"id": c.id, "created_at": c.created_at.isoformat(timespec="seconds"),
                 "facts": len((c.facts or {}).get("values", {}))} for c in uow.calls.open_of(staff.username)]


def call_view(deps: Deps, staff: Staff, call_id: int) -> dict[str, Any]:
    with deps.uow() as uow:
        return _view(deps, uow, _call(uow, staff, call_id))


def _check_utterance(text: str, speaker: str) -> str:
    text = (text or "").strip()
    if not text:
        raise Refusal("missing_text", "请输入来电人说的话")
    if len(text) > 5000:
        raise Refusal("too_long_text", "一次输入太长（最多5000字）")
    if speaker not in ("caller", "operator", "note"):
        raise Refusal("bad_speaker", "说话人只能是来电人、接线员或备注")
    return text


def _understand(deps: Deps, state: dict[str, Any], text: str, now: datetime, typed_by: str) -> None:
    """The caller's words through the same understanding as the assistant, merged into the call's facts."""
    values, provenance = dict(state.get("values", {})), dict(state.get("provenance", {}))
    asked = state.get("asked")
    result = extract_facts(text, now=now, expecting=FactName(asked) if asked in FACTS else None, known=values,
                           gazetteer=deps.places(), causes=deps.causes())
    new, provenance = fact_merge.merge(provenance, result, text, CHANNEL, now, typed_by=typed_by, expecting=asked, known=values)
    values.update(new)
    if FactName.CAUSE.value in new:
        values["other_causes"] = result.facts[FactName.CAUSE].extra.get("also") or None
    if not state.get("description") and result.facts:
        state["description"] = text
    state.update(values=values, provenance=provenance,
                 problems={k.value: v for k, v in result.problems.items() if k not in result.facts})


def hear(deps: Deps, staff: Staff, call_id: int, text: str, speaker: str = "caller") -> dict[str, Any]:
    """One utterance: the caller's words (or the operator's note about the call) are understood;
    what the operator said is only recorded."""
    text = _check_utterance(text, speaker)
    now = _now(deps)
    with deps.uow() as uow:
        call = _call(uow, staff, call_id)
        call.ensure_open()
        state = dict(call.facts or {})
        if speaker != "operator":
            _understand(deps, state, text, now, staff.username)
        missing = missing_facts(state.get("values", {}))
        state["asked"] = missing[0] if missing else None
        call.facts = state
        call.said({"role": "resident" if speaker == "caller" else "operator", "speaker": speaker, "text": text,
                   "at": now.isoformat(timespec="seconds"), "typed_by": staff.username})
        uow.calls.save(call)
        view = _view(deps, uow, call)
        uow.commit()
        return view


FREE_TEXT = {FactName.APPLICANT_NAME.value, FactName.EVENT_PLACE.value, FactName.HUKOU_PLACE.value, FactName.ILLNESS.value}
NOT_UNDERSTOOD = {
    FactName.EVENT_DATE.value: "没看懂这个日期，请写成“12月1日”“2026-12-01”或“前天”。",
    FactName.HOUSEHOLD_SIZE.value: "家庭人口请填人数，比如“4”或“四口人”。",
    FactName.EXPENSE_AMOUNT.value: "金额请填数字（元），比如“35000”或“3万5”。",
    FactName.HOUSEHOLD_INCOME.value: "收入请填每月的金额（元），没有收入填“0”。",
}


def typed_value(deps: Deps, name: str, value: Any, now: datetime) -> Any:
    """What the operator typed for one fact, read the way the assistant reads an answer (「前天」,
    「四口人」, 「3万5」); a masked number (「139****4321」) is never taken for the number."""
    text = str(value).strip()
    if name in (FactName.PHONE.value, FactName.ID_NUMBER.value) and "*" in text:
        raise Refusal("bad_value", "这是遮挡后的号码，请填写完整号码（可在案件页“查看完整号码”）。")
    result = extract_facts(text, now=now, expecting=FactName(name), gazetteer=deps.places(), causes=deps.causes())
    found = result.facts.get(FactName(name))
    if found is not None:
        return found.value
    if name in FREE_TEXT:
        return text
    raise Refusal("bad_value", result.problems.get(FactName(name)) or NOT_UNDERSTOOD.get(name) or f"没看懂“{text[:20]}”，请换个说法。")


def correct(deps: Deps, staff: Staff, call_id: int, name: str, value: Any) -> dict[str, Any]:
    """The operator corrects a fact by hand; the earlier value stays in its history."""
    if name not in FACTS:
        raise Refusal("bad_fact", f"没有这一项：{name}")
    if value is None or not str(value).strip():
        raise Refusal("missing_value", "请填写内容")
    now = _now(deps)
    value = typed_value(deps, name, value, now)
    with deps.uow() as uow:
        call = _call(uow, staff, call_id)
        call.ensure_open()
        state = dict(call.facts or {})
        values = {**state.get("values", {}), name: value}
        missing = missing_facts(values)
        state.update(values=values, provenance=fact_merge.set_by_hand(state.get("provenance", {}), name, value, staff.username,
                                                                      CHANNEL, now), asked=missing[0] if missing else None)
        call.facts = state
        uow.calls.save(call)
        view = _view(deps, uow, call)
        uow.commit()
        return view


def create_case(deps: Deps, staff: Staff, call_id: int) -> dict[str, Any]:
    """One step: the pre-filled case, with the operator's name and the transcript."""
    with deps.uow() as uow:
        call = _call(uow, staff, call_id)
        if call.case_number:
            return {"case_number": call.case_number, "created": False}
        state = call.facts or {}
        values = dict(state.get("values", {}))
        if not values.get(FactName.CAUSE.value):
            raise Refusal("missing_cause", "还不知道来电人遇到了什么困难，不能生成案件")
        values["description"] = state.get("description") or ""
    result = submit_case(deps, Submission(intake_key=f"call-{call_id}", channel=CHANNEL, sender_id=f"hotline-call-{call_id}",
                                          values=values, provenance=state.get("provenance", {}), transcript=list(call.transcript),
                                          actor=staff.username))
    with deps.uow() as uow:
        call = _call(uow, staff, call_id)
        call.became_case(result.case_number)
        uow.calls.save(call)
        uow.commit()
    return {"case_number": result.case_number, "created": result.created, "status": result.status.value}


def _shown(name: str, value: Any) -> Any:
    if name in (FactName.PHONE.value, FactName.ID_NUMBER.value) and isinstance(value, str):
        return mask(value)
    if name == FactName.CAUSE.value:
        return label_of(Cause, value)
    if name == FactName.PRIORITY_GROUP.value:
        return label_of(PriorityGroup, value)
    return value


def _fact_rows(values: dict[str, Any], provenance: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for name, value in values.items():
        if name not in SHOWN:
            continue
        source = provenance.get(name) or {}
        rows.append({"name": name, "label": FactName(name).label, "value": _shown(name, value), "method": source.get("method"),
                     "text": mask(source.get("text") or ""), "confidence": source.get("confidence"),
                     "history": [_shown(name, h.get("value")) for h in source.get("history", [])],
                     "previous": _shown(name, source["history"][-1].get("value")) if source.get("history") else None,
                     "needs_checking": needs_checking(source)})
    return rows


def _hints(deps: Deps, values: dict[str, Any], provenance: dict[str, Any], earlier: list) -> list[dict[str, Any]]:
    if not values.get("cause"):
        return []
    today = deps.today()
    assessment, _ = assess_intake(deps, application_from_intake(values, provenance, today, past_assistance(earlier)), today)
    if assessment is None:
        return []
    return [{"topic": c.topic, "text": c.text, "rule_ids": [r.rule_id for r in c.reasons], "needs_checking": c.needs_checking}
            for c in assessment.conclusions if c.topic in HINT_TOPICS]


def _view(deps: Deps, uow: UnitOfWork, call: Call) -> dict[str, Any]:
    state = call.facts or {}
    values, provenance = state.get("values", {}), state.get("provenance", {})
    missing = missing_facts(values)
    phone, id_number = values.get("phone"), values.get("id_number")
    earlier = uow.cases.earlier_cases(phone, None if id_number in (None, NOT_GIVEN) else id_number) if phone or id_number else []
    earlier = [c for c in earlier if c.case_number != call.case_number]   # the case this call made is not an earlier one
    return {
        "id": call.id, "status": call.status, "case_number": call.case_number,
        "classification": classify(values.get("cause"), values.get("other_causes") or ()).as_dict(),
        "facts": _fact_rows(values, provenance),
        "missing": [{"name": m, "label": FactName(m).label} for m in missing],
        "next_question": QUESTIONS.get(missing[0]) if missing else "信息已齐全，可以生成案件。",
        "problems": state.get("problems", {}),
        "hints": _hints(deps, values, provenance, earlier),
        "earlier_cases": [earlier_case(deps, c) for c in earlier],
        "transcript": [{**line, "text": mask(line.get("text") or "")} for line in call.transcript or []],
    }
