"""The operator console (bot/services/console) on the fake unit of work."""
from __future__ import annotations

import pytest

from bot.domain.casework import Refusal
from bot.services import console
from bot.services.errors import NotFound
from tests.unit.services.conftest import ADMIN, COUNTY, OPERATOR


def test_what_the_caller_says_fills_the_facts_and_the_next_question(deps):
    call = console.open_call(deps, OPERATOR)
    view = console.hear(deps, OPERATOR, call["id"], "鄢陵县马栏镇的，昨天家里着火了，一家四口")
    facts = {f["name"]: f for f in view["facts"]}
    assert facts["cause"]["value"] == "火灾" and facts["cause"]["label"] == "困难情况"
    assert facts["household_size"]["value"] == 4 and "马栏镇" in facts["event_place"]["value"]
    assert view["classification"]["hardship_type"] == "emergency" and view["next_question"]
    assert view["missing"] and all(m["label"] for m in view["missing"])
    said = console.hear(deps, OPERATOR, call["id"], "我先记一下", speaker="operator")
    assert said["facts"] == view["facts"] and said["transcript"][-1]["speaker"] == "operator"


def test_a_correction_keeps_the_old_value_and_checks_numbers(deps):
    call = console.open_call(deps, OPERATOR)["id"]
    console.hear(deps, OPERATOR, call, "家里三口人")
    view = console.correct(deps, OPERATOR, call, "household_size", "5")
    size = next(f for f in view["facts"] if f["name"] == "household_size")
    assert size["value"] == 5 and 3 in size["history"]
    with pytest.raises(Refusal):
        console.correct(deps, OPERATOR, call, "household_size", "五个")
    with pytest.raises(Refusal):
        console.correct(deps, OPERATOR, call, "favourite_colour", "红")


def test_the_case_is_created_once_and_closes_the_call(deps, store):
    call = console.open_call(deps, OPERATOR)["id"]
    with pytest.raises(Refusal) as early:
        console.create_case(deps, OPERATOR, call)
    assert early.value.code == "missing_cause"
    console.hear(deps, OPERATOR, call, "鄢陵县马栏镇，前天着火了，电话13812345678")
    first = console.create_case(deps, OPERATOR, call)
    assert first["created"] and console.create_case(deps, OPERATOR, call) == {"case_number": first["case_number"], "created": False}
    assert store.calls[call].status == "closed" and next(iter(store.cases.values())).created_by == "op"
    with pytest.raises(Refusal):
        console.hear(deps, OPERATOR, call, "还有一件事")


def test_calls_are_the_operators_own(deps):
    call = console.open_call(deps, OPERATOR)["id"]
    with pytest.raises(NotFound):
        console.call_view(deps, COUNTY, call)
    with pytest.raises(Refusal):
        console.open_call(deps, ADMIN)
    assert [c["id"] for c in console.open_calls(deps, OPERATOR)] == [call]
