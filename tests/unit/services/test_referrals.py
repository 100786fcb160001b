"""Consent, referrals on the desk and partners' answers (bot/services/referrals)."""
from __future__ import annotations

import pytest

from bot.domain.casework import Refusal
from bot.services import referrals
from tests.unit.services.conftest import OPERATOR, TOWNSHIP


def test_the_offer_names_each_partner_and_what_it_would_receive(deps, fire):
    text = referrals.referral_offer(deps, fire)
    assert "姓名" in text and "联系电话" in text and "身份证号" not in text and "同意转介" in text
    assert referrals.offered_partners(deps, fire) == {"demo-fund": deps.partners["demo-fund"].name}


def test_the_submission_brings_its_offer_so_the_saving_turn_reads_the_case_once(deps):
    from bot.services.cases import submit_case
    from tests.factories import submission

    result = submit_case(deps, submission())
    assert result.referral_offer == referrals.referral_offer(deps, result.case_number) and "同意转介" in result.referral_offer
    assert submit_case(deps, submission()).referral_offer == result.referral_offer   # the same intake again


def test_a_yes_creates_the_referrals_in_the_same_transaction_a_no_none(deps, store, fire):
    assert referrals.record_consent(deps, fire, False, "resident") == []
    assert store.referrals == {} and store.cases[1].referral_consent is False
    names = referrals.record_consent(deps, fire, True, "resident", sender_id="resident-1", wording="同意转介")
    assert names == [deps.partners["demo-fund"].name]
    referral = next(iter(store.referrals.values()))
    assert referral.status == "pending" and set(referral.payload) == {"case_number", *deps.partners["demo-fund"].shares}
    assert referrals.record_consent(deps, fire, True, "resident") == []          # asked twice: one referral
    with pytest.raises(referrals.UnknownReferral):
        referrals.record_consent(deps, fire, True, "resident", sender_id="not-the-resident")


def test_the_desk_needs_consent_to_refer_and_can_cancel_before_delivery(deps, store, fire):
    with pytest.raises(Refusal) as refused:
        referrals.add_referral(deps, TOWNSHIP, fire, "demo-fund")
    assert refused.value.code == "no_consent"
    with pytest.raises(Refusal) as unnamed:
        referrals.record_consent_on_desk(deps, TOWNSHIP, fire, True)           # a yes names the partners (#16 item 5)
    assert unnamed.value.code == "missing_partners"
    referrals.record_consent_on_desk(deps, TOWNSHIP, fire, True, ("demo-fund",))
    assert store.events[1][-1].data["partners"] == ["demo-fund"] and store.events[1][-1].data["wording"]
    assert referrals.add_referral(deps, TOWNSHIP, fire, "demo-fund")["status"] == "pending"
    with pytest.raises(Refusal):
        referrals.add_referral(deps, TOWNSHIP, fire, "demo-fund")
    assert referrals.cancel_referral(deps, TOWNSHIP, fire, "demo-fund")["status"] == "cancelled"
    with pytest.raises(Refusal, match="不能办理转介"):
        referrals.record_consent_on_desk(deps, OPERATOR, fire, True, ("demo-fund",))


def test_a_consent_covers_only_the_partners_it_names(deps, store, fire):
    other = next(p for p in deps.partners if p != "demo-fund")
    referrals.record_consent(deps, fire, True, "resident", partners=("demo-fund",), wording="同意转介给慈善总会")
    with pytest.raises(Refusal) as refused:
        referrals.add_referral(deps, TOWNSHIP, fire, other)
    assert refused.value.code == "no_consent"


def test_a_partners_answer_moves_forward_only_once(deps, store, fire):
    referrals.record_consent(deps, fire, True, "resident")
    key = next(iter(store.referrals.values())).key
    view, changed = referrals.record_partner_answer(deps, "demo-fund", key, "accepted", note="已受理")
    assert changed and view["status"] == "accepted"
    assert referrals.record_partner_answer(deps, "demo-fund", key, "accepted")[1] is False
    assert referrals.record_partner_answer(deps, "demo-fund", key, "received")[1] is False    # never backwards
    assert [e.kind for e in store.events[1]].count("referral_answered") == 1
    with pytest.raises(referrals.UnknownReferral):
        referrals.record_partner_answer(deps, "another-partner", key, "helped")
    with pytest.raises(Refusal):
        referrals.record_partner_answer(deps, "demo-fund", key, "cancelled")
