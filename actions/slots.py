"""Helpers shared by the actions: which slots hold facts, the transcript, resetting an intake, and
the form's "not needed" mark.

The intake form's required slots are static in domain.yml (every fact any request may need, in the
order bot.services.intake asks for them), so that Rasa runs the form without a validation call to
the action server. A fact this request does not need (the expense and income of an emergency) holds
NOT_NEEDED, which the form counts as filled; `fact_values` never returns it."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

FACT_SLOTS = [
    "cause", "other_causes", "description", "event_place", "event_date", "hukou_place",
    "household_size", "applicant_name", "phone", "id_number", "priority_group",
    "expense_amount", "household_income", "loss_amount", "illness",
]
STATE_SLOTS = ["provenance", "intake_id", "failed_answers", "answer_problem"]
FLAG_SLOTS = ["awaiting_confirmation", "cancel_pending", "human_offered"]
NOT_NEEDED = "__not_needed__"


def fact_values(tracker: Tracker) -> dict[str, Any]:
    return {name: tracker.get_slot(name) for name in FACT_SLOTS if tracker.get_slot(name) not in (None, "", NOT_NEEDED)}


def not_needed_marks(tracker: Tracker, values: dict[str, Any], optional: list[str], required: list[str]) -> list[dict]:
    """Marks the optional facts this request does not need, and unmarks those it now needs (a
    correction turned a fire into a hospital bill): SlotSet only where the mark changes."""
    events = []
    for name in optional:
        current = tracker.get_slot(name)
        if name not in required and current is None and values.get(name) is None:
            events.append(SlotSet(name, NOT_NEEDED))
        elif name in required and current == NOT_NEEDED and values.get(name) is None:
            events.append(SlotSet(name, None))
    return events


def reset_intake(tracker: Tracker | None = None) -> list[dict]:
    """Empties the intake. With the tracker, a fact or state slot already empty is left alone (fewer
    events stored and sent on every later turn); the flags and `requested_slot` are always set,
    since rules read them after these actions."""
    facts = [name for name in FACT_SLOTS + STATE_SLOTS if tracker is None or tracker.get_slot(name) is not None]
    return [SlotSet(name, None) for name in facts + ["requested_slot"]] + [
        SlotSet(name, False) for name in FLAG_SLOTS
    ]


def transcript(tracker: Tracker) -> list[dict[str, Any]]:
    """The conversation as the caseworker reads it: who said what, and when (UTC)."""
    lines = []
    for event in tracker.events:
        kind = event.get("event")
        if kind not in ("user", "bot") or not event.get("text"):
            continue
        at = event.get("timestamp")
        lines.append({
            "role": "resident" if kind == "user" else "assistant",
            "text": event["text"],
            "at": datetime.fromtimestamp(at, tz=timezone.utc).isoformat() if at else None,
        })
    return lines


def channel_of(tracker: Tracker) -> str:
    return tracker.get_latest_input_channel() or "unknown"
