"""The case and the referral own their transitions (bot/domain/case.py, bot/domain/referral.py)."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from decimal import Decimal

import pytest

from bot.domain.case import Case, Household
from bot.domain.casework import Action, Outcome, Refusal
from bot.domain.model import CaseStatus
from bot.domain.referral import Referral, ReferralStatus

TODAY = date(2026, 12, 3)


def case(**kw) -> Case:
    kw.setdefault("id", 1)
    return Case("k", "rest", "s", kw.pop("status", "submitted"), "emergency", Household(phone="13812345678"),
                county_code="411024", township="马栏镇", **kw)


def test_apply_changes_the_case_and_records_one_event():
    c = case()
    c.apply(Action.ACCEPT, Outcome(CaseStatus.ACCEPTED), "malan", TODAY, date(2026, 12, 17))
    assert (c.status, c.accepted_at, c.due_date) == ("accepted", TODAY, date(2026, 12, 17))
    c.apply(Action.APPROVE, Outcome(CaseStatus.APPROVED, {"amount": 1000.0, "form": "cash", "first_aid": True}), "malan", TODAY)
    c.apply(Action.PAY, Outcome(CaseStatus.PAID, {"amount": 333.33, "form": "cash"}), "malan", TODAY)
    c.apply(Action.PAY, Outcome(CaseStatus.PAID, {"amount": 333.34, "form": "cash"}), "malan", TODAY)
    assert c.paid_total == Decimal("666.67") and len(c.new_payments) == 2 and c.first_aid
    assert [e.kind for e in c.new_events] == ["accept", "approve", "pay", "pay"]
    assert c.new_events[0].data == {"due_date": "2026-12-17"}


def test_a_transfer_to_the_same_office_is_refused_and_a_real_one_restarts_the_clock():
    c = case(status="accepted", accepted_at=TODAY, due_date=TODAY)
    with pytest.raises(Refusal):
        c.apply(Action.TRANSFER, Outcome(CaseStatus.SUBMITTED, {"to_township": "马栏镇"}), "malan", TODAY)
    c.apply(Action.TRANSFER, Outcome(CaseStatus.SUBMITTED, {"to_township": "柏梁镇"}), "malan", TODAY)
    assert (c.township, c.accepted_at, c.due_date, c.status) == ("柏梁镇", None, None, "submitted")


def test_handover_once_duplicates_never_paid_or_in_a_cycle():
    c = case()
    assert c.request_handover("assistant") and not c.request_handover("assistant")
    assert c.status == "needs_human" and [e.kind for e in c.new_events] == ["handover_requested"]
    other = case(id=2)
    other.duplicate_of = 1
    with pytest.raises(Refusal):
        c.close_as_duplicate_of(other)
    paid = case(paid_total=100.0)
    with pytest.raises(Refusal):
        paid.close_as_duplicate_of(case(id=3))


def test_a_referral_moves_forward_and_hands_failures_to_a_person():
    now = datetime(2026, 12, 3, 9)
    r = Referral("key", 1, "demo-fund", "http", "pending", {})
    assert r.attempted(now, "HTTP 503", refused=False, give_up=False, retry_at=now + timedelta(seconds=5)) is None
    assert r.next_attempt_at == now + timedelta(seconds=5) and r.attempts == 1
    kind, data = r.attempted(now, "HTTP 401", refused=True, give_up=False, retry_at=now)
    assert kind == "referral_failed" and r.state == ReferralStatus.MANUAL and "人工" in data["why"]
    ok = Referral("key2", 1, "demo-fund", "http", "pending", {})
    assert ok.attempted(now, None, False, False, now)[0] == "referral_delivered"
    assert ok.answered(ReferralStatus.HELPED, 500.0, None, "已资助", now)["amount"] == 500.0
    assert ok.answered(ReferralStatus.RECEIVED, None, None, None, now) is None
    ok.cancel()
    assert not ok.cancellable or ok.state == ReferralStatus.CANCELLED
