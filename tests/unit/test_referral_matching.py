"""Partner matching, pure: cover by cause, type, region and priority group, ranked with reasons;
the catalogue is validated when loaded."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.referral import ANSWER_RANK, ReferralStatus
from bot.policy.referrals import CaseNeed, CatalogueError, load_catalogue, match
from bot.settings import PROJECT_ROOT

CATALOGUE = load_catalogue(PROJECT_ROOT / "config" / "partners")
XUCHANG = ("411024", "411000", "410000")


def ids(need: CaseNeed) -> list[str]:
    return [m.partner.id for m in match(CATALOGUE, need)]


def test_a_fire_in_xuchang_goes_to_the_emergency_fund_with_reasons():
    found = match(CATALOGUE, CaseNeed("emergency", "fire", XUCHANG, "none", None))
    assert [m.partner.id for m in found] == ["demo-fund"]
    assert "覆盖本案事由（火灾）" in found[0].reasons and found[0].rule_ids == ("XC-2.4-forms", "XC-2.4-social")


def test_region_and_cause_limit_the_match():
    assert ids(CaseNeed("emergency", "fire", ("360100", "360000"), "none", None)) == []      # the fund serves 许昌 only
    assert ids(CaseNeed("expenditure", "education_cost", XUCHANG, "none", None)) == ["education-aid"]


def test_households_already_in_dibao_are_not_sent_to_apply_for_it():
    assert "dibao-application" in ids(CaseNeed("expenditure", "medical_cost", XUCHANG, "none", None))
    assert "dibao-application" not in ids(CaseNeed("expenditure", "medical_cost", XUCHANG, "dibao", None))


def test_a_need_above_the_partners_limit_ranks_lower_and_says_why():
    small, large = (match(CATALOGUE, CaseNeed("emergency", "fire", XUCHANG, "none", amount))[0] for amount in (1000, 9000))
    assert large.score < small.score and any("上限" in r for r in large.reasons)


def test_no_partner_receives_the_id_number_unless_it_asks_for_it():
    assert [p.id for p in CATALOGUE.values() if "id_number" in p.shares] == ["medical-assistance"]


def test_a_bad_catalogue_entry_is_named(tmp_path: Path):
    (tmp_path / "bad.yml").write_text("id: x\nname: y\nkind: charity\ncovers: {}\nreach: {method: http}\nshares: [phone]\n",
                                      encoding="utf-8")
    with pytest.raises(CatalogueError, match="bad.yml"):
        load_catalogue(tmp_path)
    (tmp_path / "bad.yml").write_text("id: x\nname: y\nkind: charity\ncovers: {}\nreach: {method: manual}\nshares: [bank_card]\n",
                                      encoding="utf-8")
    with pytest.raises(CatalogueError, match="bank_card"):
        load_catalogue(tmp_path)


def test_an_answer_never_moves_a_referral_backwards():
    assert ANSWER_RANK[ReferralStatus.RECEIVED] < ANSWER_RANK[ReferralStatus.ACCEPTED] < ANSWER_RANK[ReferralStatus.HELPED]
