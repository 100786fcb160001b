"""Merging newly understood facts into what is known, keeping each fact's provenance and the
history of earlier values (the assistant's slots and the operator console share this)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.understanding.extract import Extraction
from bot.understanding.text import clean


def merge(provenance: dict[str, Any], result: Extraction, text: str, channel: str, now: datetime,
          allowed: set[str] | None = None, typed_by: str | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """The new values and the updated provenance. A value that replaces a different earlier one is a
    correction; the earlier one goes into the history."""
    provenance = dict(provenance or {})
    values: dict[str, Any] = {}
    for name, fact in result.facts.items():
        if allowed is not None and name.value not in allowed:
            continue
        values[name.value] = fact.value
        previous = provenance.get(name.value)
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
