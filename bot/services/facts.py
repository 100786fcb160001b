"""Merging newly understood facts into what is known, keeping each fact's provenance and the
history of earlier values (the assistant's slots and the operator console share this).

A fact already known changes only when the message is the answer to that fact's question, says it
corrects something (改成, 写错了, 不是…是), or comes while the resident checks the read-back; a
different value mentioned in passing (「身份证现在不在身边」 is no new event date) is kept beside the
fact as 「也提到」 for the caseworker, and the fact stays as it was.
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
        held = previous and (known is None or known.get(name.value) not in (None, ""))
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
