"""The form's questions in domain.yml (responses, so a form turn needs no action server call) are
bot.services.questions word for word, say the last answer's problem first when there is one, and
the form's static slots are every fact in the order bot.services.intake asks for them."""
from __future__ import annotations

from pathlib import Path

import yaml

from bot.services import intake
from bot.services.questions import QUESTIONS

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


def test_every_question_is_the_services_text_with_and_without_a_problem():
    for slot, text in QUESTIONS.items():
        plain, with_problem = DOMAIN["responses"][f"utter_ask_{slot}"]
        assert plain == {"condition": [{"type": "slot", "name": "answer_problem", "value": None}], "text": text}
        assert with_problem == {"text": "{answer_problem}\n" + text}
        assert "\u4e00" <= text[0] <= "\u9fff"


def test_no_ask_or_validation_action_is_left_for_the_form():
    actions = set(DOMAIN["actions"])
    assert not {a for a in actions if a.startswith("action_ask_") and a != "action_ask_cancel"}
    assert "validate_intake_form" not in actions


def test_the_form_holds_every_fact_in_the_order_they_are_asked():
    most = intake.required_facts({"cause": "education_cost"})
    assert DOMAIN["forms"]["intake_form"]["required_slots"] == most
    assert set(intake.required_facts({"cause": "fire"})) < set(most)
