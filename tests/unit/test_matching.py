"""Related-case scoring: same household through different doors, one fire with several households."""
from datetime import date

from bot.domain.matching import CaseFacts, related, score

FIRE_DAY = date(2026, 11, 22)


def case(number, id_hash=None, phone_hash=None, name=None, cause="fire", place="鄢陵县马栏镇张村", day=FIRE_DAY):
    return CaseFacts(number, id_hash, phone_hash, name, cause, place, day)


def test_same_id_number_through_different_channels():
    match = score(case("LS1", id_hash="h-id", phone_hash="p1"), case("LS2", id_hash="h-id", phone_hash="p2", place=None))
    assert match.kind == "same_household" and match.score == 1.0 and match.reasons[0] == "身份证号相同"


def test_same_phone_with_a_typo_in_the_name():
    match = score(case("LS1", phone_hash="p", name="王小明"), case("LS2", phone_hash="p", name="王晓明"))
    assert match.kind == "same_household" and match.score == 0.9 and "电话相同" in match.reasons


def test_one_fire_with_several_households():
    new = case("LS9", phone_hash="p9")
    neighbours = [case(f"LS{i}", phone_hash=f"p{i}", day=date(2026, 11, 21 + i % 2)) for i in range(1, 4)]
    matches = related(new, neighbours)
    assert [m.kind for m in matches] == ["same_incident"] * 3


def test_full_width_and_half_width_places_match():
    assert score(case("LS1", place="马栏镇张村１组"), case("LS2", place="马栏镇张村1组")).kind == "same_incident"


def test_a_different_cause_at_the_same_address_a_year_later_is_not_a_duplicate():
    later = case("LS1", phone_hash="a", cause="medical_cost", day=date(2027, 11, 22))
    assert score(later, case("LS2", phone_hash="b")) is None


def test_same_household_same_cause_points_to_the_frequency_rule():
    match = score(case("LS1", phone_hash="p", day=date(2027, 1, 10)), case("LS2", phone_hash="p"))
    assert any("XC-2.3-frequency" in reason for reason in match.reasons)


def test_a_case_is_not_related_to_itself():
    assert related(case("LS1", phone_hash="p"), [case("LS1", phone_hash="p")]) == []
