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
        console.correct(deps, OPERATOR, call, "household_size", "abc")
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
    assert console.call_view(deps, OPERATOR, call)["earlier_cases"] == []    # its own case is not an earlier one
    with pytest.raises(Refusal):
        console.hear(deps, OPERATOR, call, "还有一件事")


def test_calls_are_the_operators_own(deps):
    call = console.open_call(deps, OPERATOR)["id"]
    with pytest.raises(NotFound):
        console.call_view(deps, COUNTY, call)
    with pytest.raises(Refusal):
        console.open_call(deps, ADMIN)
    assert [c["id"] for c in console.open_calls(deps, OPERATOR)] == [call]


def test_a_masked_number_is_never_saved_over_the_real_one(deps, store):
    """Issue #15 item 3: 「改」 beside 「139****4321」 used to save the masked value."""
    call = console.open_call(deps, OPERATOR)["id"]
    console.hear(deps, OPERATOR, call, "电话13912344321")
    with pytest.raises(Refusal) as refused:
        console.correct(deps, OPERATOR, call, "phone", "139****4321")
    assert "完整号码" in refused.value.message and store.calls[call].facts["values"]["phone"] == "13912344321"


def test_a_date_is_typed_as_the_assistant_reads_it_and_nonsense_is_refused(deps):
    """Issue #15 item 5: 「前天」 or 「12月1日」 typed into 事发日期 answered 服务器内部错误."""
    call = console.open_call(deps, OPERATOR)["id"]
    console.hear(deps, OPERATOR, call, "鄢陵县马栏镇家里着火了")
    for typed in ("前天", "12月1日", "2026-12-01"):
        view = console.correct(deps, OPERATOR, call, "event_date", typed)
        assert next(f for f in view["facts"] if f["name"] == "event_date")["value"][:4].isdigit()
    with pytest.raises(Refusal) as refused:
        console.correct(deps, OPERATOR, call, "event_date", "abc")
    assert refused.value.code == "bad_value"


def test_a_later_remark_does_not_move_a_fact_and_a_change_shows_the_old_value(deps):
    """Issue #15 item 4: 「身份证现在不在身边」 moved 事发日期 to today."""
    call = console.open_call(deps, OPERATOR)["id"]
    console.hear(deps, OPERATOR, call, "鄢陵县马栏镇，12月1号家里着火了")
    view = console.hear(deps, OPERATOR, call, "身份证现在不在身边")
    date_fact = next(f for f in view["facts"] if f["name"] == "event_date")
    assert date_fact["value"].endswith("12-01") and date_fact["previous"] is None
    view = console.correct(deps, OPERATOR, call, "household_size", "5")
    view = console.correct(deps, OPERATOR, call, "household_size", "6")
    assert next(f for f in view["facts"] if f["name"] == "household_size")["previous"] == 5
