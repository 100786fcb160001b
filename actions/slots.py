"""Helpers shared by the actions: which slots hold facts, the transcript, resetting an intake."""
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


def fact_values(tracker: Tracker) -> dict[str, Any]:
    return {name: tracker.get_slot(name) for name in FACT_SLOTS if tracker.get_slot(name) not in (None, "")}


def reset_intake() -> list[dict]:
    return [SlotSet(name, None) for name in FACT_SLOTS + STATE_SLOTS + ["requested_slot"]] + [
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
