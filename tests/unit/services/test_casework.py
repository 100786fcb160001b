"""Casework commands on the desk (bot/services/casework): the rules' refusals, the case's changes,
its events, scope."""
from __future__ import annotations

from decimal import Decimal

import pytest

from bot.domain.casework import Refusal
from bot.services import casework
from bot.services.errors import Forbidden, NotFound
from tests.unit.services.conftest import ADMIN, COUNTY, OPERATOR, OTHER_TOWNSHIP, TOWNSHIP


def test_accept_then_approve_and_pay_in_stages(deps, store, fire):
    casework.act(deps, TOWNSHIP, fire, "accept", {})
    casework.act(deps, TOWNSHIP, fire, "approve", {"amount": "1000", "form": "cash"})
    casework.act(deps, TOWNSHIP, fire, "pay", {"amount": 0.1})
    result = casework.act(deps, TOWNSHIP, fire, "pay", {"amount": 0.2})
    case = store.cases[1]
    assert result["status"] == "paid" and case.paid_total == Decimal("0.30")     # exact, never 0.30000000000000004
    assert [p.amount for p in store.payments[1]] == [Decimal("0.10"), Decimal("0.20")] and store.payments[1][0].township == "马栏镇"
    assert [e.kind for e in store.events[1]][-4:] == ["accept", "approve", "pay", "pay"]
    assert case.first_aid                                                # approved straight from 受理: 先行救助


def test_paying_more_than_approved_is_refused(deps, store, fire):
    casework.act(deps, TOWNSHIP, fire, "accept", {})
    casework.act(deps, TOWNSHIP, fire, "approve", {"amount": 500})
    with pytest.raises(Refusal) as refused:
        casework.act(deps, TOWNSHIP, fire, "pay", {"amount": 600})
    assert refused.value.code == "above_approved" and store.payments.get(1, []) == []


def test_a_township_may_not_approve_above_its_limit(deps, fire):
    casework.act(deps, TOWNSHIP, fire, "accept", {})
    with pytest.raises(Refusal) as refused:
        casework.act(deps, TOWNSHIP, fire, "approve", {"amount": 5000})
    assert refused.value.code == "above_township_level" and refused.value.rule_id == "XC-2.2.2-township"
    assert casework.act(deps, COUNTY, fire, "approve", {"amount": 5000})["status"] == "approved"


def test_transfer_checks_the_office_and_restarts_the_clock(deps, store, fire):
    casework.act(deps, TOWNSHIP, fire, "accept", {})
    with pytest.raises(Refusal, match="没有"):
        casework.act(deps, TOWNSHIP, fire, "transfer", {"reason": "住在柏梁", "to_township": "不存在镇"})
    with pytest.raises(Refusal) as same:
        casework.act(deps, TOWNSHIP, fire, "transfer", {"reason": "x", "to_township": "马栏镇"})
    assert same.value.code == "same_office"
    event = casework.act(deps, TOWNSHIP, fire, "transfer", {"reason": "住在柏梁", "to_township": "柏梁镇"})["event"]
    case = store.cases[1]
    assert (case.township, case.accepted_at, case.status) == ("柏梁镇", None, "submitted")
    assert event["from_township"] == "马栏镇"
    with pytest.raises(NotFound):                     # no longer in the first township's scope
        casework.act(deps, TOWNSHIP, fire, "accept", {})
    assert casework.act(deps, OTHER_TOWNSHIP, fire, "accept", {})["status"] == "accepted"


def test_only_caseworkers_act_and_only_in_their_scope(deps, fire):
    with pytest.raises(Refusal, match="不能办理案件"):
        casework.act(deps, ADMIN, fire, "accept", {})
    with pytest.raises(NotFound):
        casework.act(deps, OTHER_TOWNSHIP, fire, "accept", {})
    with pytest.raises(Refusal) as unknown:
        casework.act(deps, TOWNSHIP, fire, "pay_twice", {})
    assert unknown.value.code == "unknown_action"


def test_revealing_a_number_is_recorded_and_refused_to_the_admin(deps, store, fire):
    assert casework.reveal(deps, TOWNSHIP, fire, "phone") == "13812345678"
    assert store.events[1][-1].kind == "revealed" and store.events[1][-1].actor == "malan"
    with pytest.raises(Forbidden):
        casework.reveal(deps, ADMIN, fire, "id_number")
    with pytest.raises(NotFound):
        casework.reveal(deps, OPERATOR, fire, "phone")


def test_a_payment_after_midnight_in_beijing_is_dated_that_day_and_times_show_the_offset():
    """Issue #15 item 9: a payment at 00:48 on 12-03 Beijing time was dated 12-02 (UTC)."""
    from datetime import datetime, timezone

    from bot.services import views
    from bot.services.cases import submit_case
    from tests.factories import submission
    from tests.fakes import fake_deps

    deps, store = fake_deps(clock=lambda: datetime(2026, 12, 2, 16, 48, tzinfo=timezone.utc))
    number = submit_case(deps, submission()).case_number
    assert number[2:8] == "261203"                                   # the case number carries the local date
    for action, params in (("accept", {}), ("approve", {"amount": 600}), ("pay", {"amount": 600})):
        casework.act(deps, TOWNSHIP, number, action, params)
    assert store.payments[1][0].paid_on.isoformat() == "2026-12-03"
    page = views.case_page(deps, TOWNSHIP, number)
    assert page["created_at"].endswith("+08:00") and all(e["at"].endswith("+08:00") for e in page["events"])


def test_ten_staged_payments_add_up_exactly_and_a_fen_more_is_refused(deps, store, fire):
    """Issue #15 item 2: amounts are exact decimals; ten payments of 0.1 make 1.00, not 0.9999999999999999."""
    casework.act(deps, TOWNSHIP, fire, "accept", {})
    casework.act(deps, TOWNSHIP, fire, "approve", {"amount": "1.00"})
    for _ in range(10):
        casework.act(deps, TOWNSHIP, fire, "pay", {"amount": 0.1})
    assert store.cases[1].paid_total == Decimal("1.00") and sum(p.amount for p in store.payments[1]) == Decimal("1.00")
    with pytest.raises(Refusal) as refused:
        casework.act(deps, TOWNSHIP, fire, "pay", {"amount": "0.01"})
    assert refused.value.code == "above_approved"
    with pytest.raises(Refusal, match="两位小数"):
        casework.act(deps, TOWNSHIP, fire, "pay", {"amount": "0.001"})


def test_a_township_escalates_what_it_may_not_approve_and_the_county_decides(deps, store, fire):
    """Issue #15 workflow: 「报县级审批」 with the township's opinion (XC-2.2.2-county, JX-2.3-levels)."""
    from bot.services import views

    casework.act(deps, TOWNSHIP, fire, "accept", {})
    with pytest.raises(Refusal):
        casework.act(deps, TOWNSHIP, fire, "escalate", {})                       # an opinion is required
    casework.act(deps, TOWNSHIP, fire, "escalate", {"opinion": "房屋全部烧毁，建议5000元", "amount": 5000})
    waiting = views.inbox(deps, COUNTY, status="escalated")["cases"]
    assert [c["case_number"] for c in waiting] == [fire] and waiting[0]["status_label"].startswith("已报县级")
    with pytest.raises(Refusal) as township:
        casework.act(deps, TOWNSHIP, fire, "approve", {"amount": 1000})
    assert township.value.code == "escalated"
    with pytest.raises(Refusal):
        casework.act(deps, COUNTY, fire, "escalate", {"opinion": "x"})
    assert casework.act(deps, COUNTY, fire, "approve", {"amount": 5000})["status"] == "approved"
    page = views.case_page(deps, COUNTY, fire)
    assert any("乡镇意见：房屋全部烧毁" in e["text"] and "5,000.00元" in e["text"] for e in page["events"])


def test_cases_are_assigned_within_the_office_and_the_inbox_splits_mine_and_unassigned(deps, store, fire):
    from bot.domain.casework import Role
    from bot.services import accounts, views

    accounts.create_staff(deps, "malan", "马栏镇经办人", Role.TOWNSHIP, "long-password-1", "411024", "马栏镇")
    accounts.create_staff(deps, "bailiang", "柏梁镇经办人", Role.TOWNSHIP, "long-password-1", "411024", "柏梁镇")
    assert views.inbox(deps, TOWNSHIP, who="unassigned")["total"] == 1 and views.inbox(deps, TOWNSHIP, who="mine")["total"] == 0
    with pytest.raises(Refusal) as elsewhere:
        casework.act(deps, TOWNSHIP, fire, "assign", {"assignee": "bailiang"})   # another township's caseworker
    assert elsewhere.value.code == "bad_assignee"
    casework.act(deps, TOWNSHIP, fire, "assign", {})                               # to oneself
    row = views.inbox(deps, TOWNSHIP, who="mine")["cases"][0]
    assert row["assignee"] == "malan" and row["applicant"] == "王*明" and row["one_line"].startswith("火灾，4口之家")
    assert row["deadline"] and views.inbox(deps, TOWNSHIP, who="unassigned")["total"] == 0
    casework.act(deps, TOWNSHIP, fire, "note", {"note": "已电话联系，明天入户"})
    assert views.case_page(deps, TOWNSHIP, fire)["events"][-1]["text"] == "备注：已电话联系，明天入户"
