"""A house that fell in is an accident, 急难型 (XC-2.1.1); a house that may fall in, or a family without
a home of its own, is the housing need of XC-2.1.2-housing, 支出型 (issue #13: a tester's 「房子塌了」
was read as 支出型 and asked for the household's spending and income)."""
from __future__ import annotations

from datetime import datetime

import pytest

from bot.domain.model import Cause, HardshipType
from bot.policy.classify import classify
from bot.understanding import extract_facts

NOW = datetime(2026, 12, 3, 10, 0)


def cause_of(text):
    return extract_facts(text, now=NOW).values().get("cause")


@pytest.mark.parametrize("text", ["房子塌了", "我家房子塌了", "老屋昨天夜里突然倒塌，一家人没地方住", "房屋倒塌，人没事"])
def test_a_house_that_fell_in_is_an_emergency(text):
    assert cause_of(text) == Cause.COLLAPSE.value
    result = classify(cause_of(text), [])
    assert result.hardship_type == HardshipType.EMERGENCY and result.reasons[0].rule_id == "XC-2.1.1"


@pytest.mark.parametrize("text", ["房子要塌了", "危房，眼看就塌了", "住的是危房，下雨就漏", "一家人借住在亲戚家"])
def test_a_house_that_may_fall_in_is_a_housing_need(text):
    assert cause_of(text) == Cause.HOUSING.value
    assert classify(cause_of(text), []).hardship_type == HardshipType.EXPENDITURE


def test_a_collapse_brought_by_the_weather_stays_a_disaster():
    assert cause_of("昨晚下大雨，房子塌了") == Cause.NATURAL_DISASTER.value
