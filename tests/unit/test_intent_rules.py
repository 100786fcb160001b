"""The intent-rules component of the Rasa pipeline (bot/nlu/intent_rules.py) on single messages."""
from __future__ import annotations

from rasa.shared.nlu.training_data.message import Message

from bot.nlu.intent_rules import IntentRules


def _intent(text: str, model_intent: str) -> str:
    message = Message(data={"text": text, "intent": {"name": model_intent, "confidence": 0.8}})
    IntentRules.process(None, [message])   # the component keeps no state
    return message.get("intent")["name"]


def test_a_case_number_is_no_story_even_when_its_digits_hold_120():
    """LS2612034830178 (made on 2026-12-03) holds 「120」, the ambulance number: it was read as a
    sudden illness and the status question turned into a new intake (#16 finding 6 made every number
    random, so any of them may hold it)."""
    for number in ("LS2612034830178", "LS2611231207", "ls 261203 1200001"):
        assert _intent(number, "inform") == "inform", number
        assert _intent(f"查一下{number}的进度", "check_status") == "check_status", number
