"""Hardship type from cause, with the rule ids a caseworker reads (XC-2.1.1, XC-2.1.2)."""
import pytest

from bot.domain.model import Cause, HardshipType
from bot.policy import classify


@pytest.mark.parametrize("cause", ["fire", "traffic_accident", "natural_disaster", "sudden_illness", "accident_injury", "death", "stranded"])
def test_emergencies(cause):
    result = classify(cause)
    assert result.hardship_type == HardshipType.EMERGENCY
    assert result.reasons[0].rule_id == "XC-2.1.1"


@pytest.mark.parametrize("cause", ["medical_cost", "education_cost", "income_loss"])
def test_expenditure(cause):
    result = classify(cause)
    assert result.hardship_type == HardshipType.EXPENDITURE
    assert result.reasons[0].rule_id == "XC-2.1.2"


def test_both_kinds_are_said():
    result = classify("traffic_accident", ["medical_cost"])
    assert result.hardship_type == HardshipType.EMERGENCY
    assert result.also == (HardshipType.EXPENDITURE,)
    assert [r.rule_id for r in result.reasons] == ["XC-2.1.1", "XC-2.1.2", "CN-2014-649"]


@pytest.mark.parametrize("cause", [None, "other", "nonsense"])
def test_unknown_needs_checking(cause):
    result = classify(cause)
    assert result.hardship_type == HardshipType.UNKNOWN
    assert result.reasons and result.reasons[0].rule_id == "XC-2.1-local"


def test_every_cause_has_a_chinese_label():
    assert all(cause.label for cause in Cause)
