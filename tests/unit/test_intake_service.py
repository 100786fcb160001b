"""What the form asks for, and the read-back."""
from bot.services import intake
from bot.services.questions import QUESTIONS


def test_emergency_does_not_ask_for_expense_or_income():
    required = intake.required_facts({"cause": "fire"})
    assert "expense_amount" not in required and "household_income" not in required
    assert required[0] == "cause"


def test_expenditure_asks_for_expense_and_income():
    required = intake.required_facts({"cause": "medical_cost"})
    assert required[-2:] == ["expense_amount", "household_income"]


def test_missing_facts_skip_what_the_first_message_gave():
    missing = intake.missing_facts({"cause": "fire", "household_size": 4, "event_date": "2026-11-22"})
    assert "cause" not in missing and "household_size" not in missing and missing[0] == "event_place"


def test_summary_reads_back_in_chinese():
    text = intake.summary({"cause": "fire", "household_size": 4, "phone": "13812345678", "priority_group": "none",
                           "expense_amount": 3500.0})
    assert "火灾" in text and "4人" in text and "138****5678" in text and "急难型" in text and "不属于以上人群" in text
    assert "13812345678" not in text        # the read-back shows what is needed to check the number, not the number


def test_every_required_fact_has_a_question():
    for name in intake.required_facts({"cause": "medical_cost"}):
        assert QUESTIONS[name]
