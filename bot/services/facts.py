"""Merging newly understood facts into what is known, keeping each fact's provenance and the
history of earlier values (the assistant's slots and the operator console share this).

A fact already known changes only when the message is the answer to that fact's question, says it
corrects something (改成, 写错了, 不是…是), or comes while the resident checks the read-back; a
different value mentioned in passing (「身份证现在不在身边」 is no new event date) is kept beside the
fact as 「也提到」 for the caseworker, and the fact stays as it was.

A place said in passing that names no township or street (在许昌火车站, 俺是长葛市的) is kept aside and
the place question is still asked, since it asks for the county and the township; an answer that
gives no usable place (不知道) then takes the place kept aside instead of 待核实. A fact held as 待核实
takes the value said later, whatever question that message answers (「想起来了，是鄢陵县只乐镇」).
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.understanding.extract import Extraction
from bot.understanding.text import clean, says_correction


def merge(provenance: dict[str, Any], result: Extraction, text: str, channel: str, now: datetime,
          allowed: set[str] | None = None, typed_by: str | None = None, expecting: str | None = None,
          reviewing: bool = False, known: dict[str, Any] | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """The new values and the updated provenance. A value that replaces a different earlier one is a
    correction; the earlier one goes into the history. `expecting` is the fact whose question this
    message answers; `reviewing` is true while the resident checks the read-back; `known` the
    facts currently held (a fact emptied since is filled again freely)."""
    provenance = dict(provenance or {})
    values: dict[str, Any] = {}
    correcting = reviewing or says_correction(text)
    for name, fact in result.facts.items():
        if allowed is not None and name.value not in allowed:
            continue
        previous = provenance.get(name.value)
        if _coarse_in_passing(name.value, fact, expecting, known) and not (previous or {}).get("value"):
            provenance[PENDING + name.value] = {"value": fact.value, "text": fact.source_text, "detail": fact.extra}
            continue
        fact = _kept_aside(provenance, name.value, fact)
        # a fact held as 待核实 (「不知道」) is filled by the value remembered later, as a correction
        held = previous and previous.get("value") != _UNKNOWN and (known is None or known.get(name.value) not in (None, ""))
        if held and previous.get("value") != fact.value and not (correcting or name.value == expecting):
            mentions = list(previous.get("also_said", []))[-4:] + [{"value": fact.value, "text": fact.source_text,
                                                                  "at": now.isoformat(timespec="seconds")}]
            provenance[name.value] = {**previous, "also_said": mentions}
            continue
        values[name.value] = fact.value
        history = list((previous or {}).get("history", []))
        changed = bool(previous) and previous.get("value") != fact.value
        if changed:
            history.append({k: v for k, v in previous.items() if k != "history"})
        provenance[name.value] = {
            "value": fact.value, "method": "correction" if changed else fact.method, "text": fact.source_text,
            "span": fact.span, "message": clean(text), "confidence": fact.confidence, "channel": channel,
            "detail": fact.extra, "at": now.isoformat(timespec="seconds"), "history": history,
            **({"typed_by": typed_by} if typed_by else {}),
        }
    return values, provenance


PENDING = "pending:"
_PLACES = {"event_place", "hukou_place"}
_UNKNOWN = "待核实"


def _coarse_in_passing(name: str, fact: Any, expecting: str | None, known: dict[str, Any] | None) -> bool:
    """A place heard while another question was answered (or before any) that names no township."""
    place = fact.extra.get("place") if isinstance(fact.extra, dict) else None
    if name not in _PLACES or expecting == name or place is None or fact.method == "answer":
        return False
    return not (place.get("township") or place.get("detail")) and not (known or {}).get(name)


def _kept_aside(provenance: dict[str, Any], name: str, fact: Any) -> Any:
    """The place kept aside, when the answer to the place question gives none (不知道)."""
    pending = provenance.pop(PENDING + name, None)
    if pending and fact.value == _UNKNOWN:
        return type(fact)(fact.name, pending["value"], pending["text"], fact.span, "normaliser", fact.confidence,
                          fact.observed_at, pending.get("detail") or {})
    return fact


def set_by_hand(provenance: dict[str, Any], name: str, value: Any, who: str, channel: str, now: datetime) -> dict[str, Any]:
    """An operator's or caseworker's correction of one fact, with the earlier value kept."""
    provenance = dict(provenance or {})
    previous = provenance.get(name)
    history = list((previous or {}).get("history", []))
    if previous:
        history.append({k: v for k, v in previous.items() if k != "history"})
    provenance[name] = {"value": value, "method": "operator", "text": str(value), "span": None, "message": None,
                        "confidence": None, "channel": channel, "detail": {}, "at": now.isoformat(timespec="seconds"),
                        "history": history, "typed_by": who}
    return provenance
