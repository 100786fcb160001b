"""The desk's rules, pure: scope, which action is allowed when, and each refusal with its rule id."""
from __future__ import annotations

import pytest

from bot.domain.casework import Action, CaseState, Refusal, Role, Staff, allowed_actions, can_see
from bot.domain.casework_rules import check
from bot.domain.model import CaseStatus, HardshipType
from bot.policy.engine import engine_for
from bot.policy.limits import decision_limits
from bot.policy.routing import office_for
from bot.settings import PROJECT_ROOT

TOWNSHIP = Staff("t", "乡镇", Role.TOWNSHIP, "411024", "马栏镇")
COUNTY = Staff("c", "县", Role.COUNTY, "411024")
OPERATOR = Staff("o", "接线员", Role.OPERATOR)
ADMIN = Staff("a", "管理员", Role.ADMIN)


def state(status=CaseStatus.VERIFIED, kind=HardshipType.EXPENDITURE, region="411024", **kw) -> CaseState:
    """A case's state with the refusals' rule ids from the region's documents (as the service passes them)."""
    values = dict(status=status, hardship_type=kind, first_aid=False, paperwork_done=False, approved_amount=None,
                  paid_total=0.0, township_max=1890.0, cap=15120.0, rules=decision_limits(_regions().get(region), 4).rules)
    values.update(kw)
    return CaseState(**values)


def refused(action, case_state, staff=TOWNSHIP, **params) -> Refusal:
    with pytest.raises(Refusal) as info:
        check(action, case_state, staff, params)
    return info.value


def test_scope_township_county_operator_admin():
    assert can_see(TOWNSHIP, "411024", "马栏镇") and not can_see(TOWNSHIP, "411024", "柏梁镇")
    assert not can_see(TOWNSHIP, "411081", "马栏镇") and not can_see(TOWNSHIP, "411024", None)
    assert can_see(COUNTY, "411024", "柏梁镇") and not can_see(COUNTY, "411081", None)
    assert can_see(OPERATOR, None, None, created_by="o") and not can_see(OPERATOR, "411024", "马栏镇", created_by="x")
    assert can_see(ADMIN, None, None)


def test_township_approval_is_limited_to_its_level():
    error = refused(Action.APPROVE, state(), amount=2000)
    assert error.code == "above_township_level" and error.rule_id == "XC-2.2.2-township"
    assert check(Action.APPROVE, state(), TOWNSHIP, {"amount": 1890}).status == CaseStatus.APPROVED
    assert check(Action.APPROVE, state(), COUNTY, {"amount": 2000}).status == CaseStatus.APPROVED


def test_no_delegation_means_no_township_approval():
    assert refused(Action.APPROVE, state(township_max=None), amount=100).code == "above_township_level"


def test_above_the_cap_needs_the_major_hardship_record():
    assert refused(Action.APPROVE, state(), COUNTY, amount=16000).rule_id == "XC-2.3-major"
    outcome = check(Action.APPROVE, state(), COUNTY, {"amount": 16000, "major_record": "会议纪要"})
    assert outcome.event["major_record"] == "会议纪要"


def test_expenditure_needs_verification_but_an_emergency_is_helped_first():
    assert refused(Action.APPROVE, state(CaseStatus.ACCEPTED), amount=100).rule_id == "XC-2.2.2"
    assert refused(Action.APPROVE, state(CaseStatus.ACCEPTED, region="360100"), amount=100).rule_id == "JX-2.2-expenditure"
    outcome = check(Action.APPROVE, state(CaseStatus.ACCEPTED, HardshipType.EMERGENCY), TOWNSHIP, {"amount": 500})
    assert outcome.event["first_aid"] is True


@pytest.mark.parametrize("status", [CaseStatus.CLOSED, CaseStatus.REJECTED, CaseStatus.SUBMITTED])
def test_only_an_approved_case_is_paid(status):
    error = refused(Action.PAY, state(status, approved_amount=100), amount=50)
    assert error.code == ("closed" if status == CaseStatus.CLOSED else "status")


def test_payments_stay_within_the_approved_amount_and_goods_are_named():
    approved = state(CaseStatus.PAID, approved_amount=1000, paid_total=800)
    assert refused(Action.PAY, approved, amount=300).code == "above_approved"
    assert check(Action.PAY, approved, TOWNSHIP, {"amount": 200}).status == CaseStatus.PAID
    assert refused(Action.PAY, approved, amount=100, form="in_kind").code == "missing_goods"


def test_first_aid_closes_only_after_the_paperwork():
    paid = state(CaseStatus.PAID, HardshipType.EMERGENCY, first_aid=True, approved_amount=100, paid_total=100)
    assert refused(Action.CLOSE, paid).rule_id == "XC-2.2.1-complete"
    assert refused(Action.CLOSE, state(CaseStatus.PAID, HardshipType.EMERGENCY, region="360100", first_aid=True, approved_amount=100,
                                       paid_total=100)).rule_id == "JX-2.2-complete"
    assert check(Action.CLOSE, CaseState(**{**paid.__dict__, "paperwork_done": True}), TOWNSHIP, {}).status == CaseStatus.CLOSED
    assert refused(Action.COMPLETE_PAPERWORK, state(CaseStatus.PAID)).code == "not_first_aid"


@pytest.mark.parametrize("amount", ["", "abc", -1, 0, 1e12, None])
def test_bad_amounts_are_refused(amount):
    assert refused(Action.APPROVE, state(), COUNTY, amount=amount).code == "bad_amount"


def test_reasons_are_required_where_the_record_needs_them():
    assert refused(Action.REJECT, state()).code == "missing_reason"
    assert refused(Action.TRANSFER, state()).code == "missing_reason"
    assert refused(Action.REQUEST_INFO, state()).code == "missing_question"


def test_operators_and_administrators_decide_nothing():
    for staff in (OPERATOR, ADMIN):
        assert refused(Action.ACCEPT, state(CaseStatus.SUBMITTED), staff).code == "role"
        assert allowed_actions(staff, CaseStatus.SUBMITTED) == []
    assert allowed_actions(TOWNSHIP, CaseStatus.SUBMITTED) == [Action.ACCEPT, Action.TRANSFER, Action.ASSIGN, Action.NOTE]
    assert Action.ESCALATE in allowed_actions(TOWNSHIP, CaseStatus.VERIFIED) and Action.ESCALATE not in allowed_actions(COUNTY, CaseStatus.VERIFIED)


def _regions():
    return engine_for(str(PROJECT_ROOT / "config")).regions


def test_decision_limits_come_from_the_region():
    xc = decision_limits(_regions().get("411024"), 4)
    assert xc.township_max == 3 * 630 and xc.cap == 6 * 630 * 4 and xc.township_rule == "XC-2.2.2-township"
    jx = decision_limits(_regions().get("360100"), 4)
    assert jx.township_max == 1000 and jx.cap is None and jx.township_rule == "JX-2.3-levels"
    assert xc.rules == {"township": "XC-2.2.2-township", "verification": "XC-2.2.2", "major": "XC-2.3-major",
                        "staged": "XC-2.2.1-staged", "paperwork": "XC-2.2.1-complete"}
    assert jx.rules["verification"] == "JX-2.2-expenditure" and "staged" not in jx.rules


def test_cases_are_routed_to_the_township_named_in_the_place():
    assert office_for(_regions(), "411024", "鄢陵县马栏镇张村").township == "马栏镇"
    assert office_for(_regions(), "411000", "马栏镇").county_code == "411024"
    unknown = office_for(_regions(), "411024", "鄢陵县城里")
    assert unknown.county_code == "411024" and unknown.township is None
    assert office_for(_regions(), None, None).county_code is None
