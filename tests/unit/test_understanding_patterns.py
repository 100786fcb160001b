"""Each failure pattern of the understanding issue (#13), as a message and what must come out of it.

Places resolve against the gazetteer built from the project's own region files (config/regions),
as the assistant builds it."""
from datetime import datetime

import pytest

from bot.domain.model import Cause, FactName, HardshipType
from bot.policy import classify
from bot.services.bootstrap import gazetteer
from bot.services.facts import merge
from bot.understanding import extract_facts
from bot.understanding.category import categorise
from bot.understanding.consent import read_consent

NOW = datetime(2026, 12, 3, 10, 0)


def facts(text, expecting=None, attempts=0, known=None):
    return extract_facts(text, now=NOW, expecting=expecting, gazetteer=gazetteer(), attempts=attempts, known=known)


@pytest.mark.parametrize("text, expecting, name, value", [
    ("户口都在方山镇", None, "hukou_place", "禹州市方山镇"),
    ("禹州市夏都街道", FactName.EVENT_PLACE, "event_place", "禹州市夏都街道"),
    ("长葛市长社路街道", FactName.HUKOU_PLACE, "hukou_place", "长葛市长社路街道"),
    ("户口在魏都区五一路街道", None, "hukou_place", "许昌市魏都区五一路街道"),
    ("户口说错了，是长葛市坡胡镇", None, "hukou_place", "长葛市坡胡镇"),
    ("户口在江西", FactName.HUKOU_PLACE, "hukou_place", "江西省"),
])
def test_townships_keep_their_suffix_and_role(text, expecting, name, value):
    assert facts(text, expecting).values()[name] == value


def test_a_configured_township_resolves_to_its_county():
    place = facts("户口都在方山镇").facts[FactName.HUKOU_PLACE].extra["place"]
    assert place["admin_code"] == "411081" and place["township"] == "方山镇"


def test_hukou_and_event_place_read_from_the_cue_words():
    values = facts("我是鄢陵县人，在禹州打工出的事").values()
    assert values["hukou_place"] == "鄢陵县" and values["event_place"] == "禹州市"


def test_a_corrected_hukou_leaves_the_event_place():
    assert "event_place" not in facts("户口说错了，是长葛市坡胡镇").values()


@pytest.mark.parametrize("text, date", [
    ("我家在八一路，11月30号晚上着火了", "2026-11-30"),
    ("住在五一路街道，昨晚家里着火了", "2026-12-02"),
])
def test_road_names_are_not_dates(text, date):
    assert facts(text).values()["event_date"] == date


@pytest.mark.parametrize("text", ["我住七一路", "家在五一路", "八一路那边"])
def test_a_road_alone_gives_no_date(text):
    assert "event_date" not in facts(text).values()


def test_the_present_is_not_an_event_date():
    assert "event_date" not in facts("身份证现在不在身边").values()


@pytest.mark.parametrize("text, expecting", [
    ("儿子上高中，学费交不起", None), ("我叫罗建华，家里着火了", None), ("咋办", FactName.EVENT_PLACE),
    ("三口", FactName.EVENT_PLACE),
])
def test_ordinary_words_and_names_are_not_places(text, expecting):
    values = facts(text, expecting).values()
    assert "event_place" not in values and "hukou_place" not in values


@pytest.mark.parametrize("text, expecting, value", [
    ("来电人不愿提供", FactName.APPLICANT_NAME, "未提供（本人不愿提供）"),
    ("暂不提供", FactName.APPLICANT_NAME, "未提供（本人不愿提供）"),
    ("姓名改成王大力", None, "王大力"),
    ("我叫罗建华，家里着火了", None, "罗建华"),
])
def test_names_are_names(text, expecting, value):
    assert facts(text, expecting).values()["applicant_name"] == value


@pytest.mark.parametrize("text", ["张女士称家里着火了", "来电人不愿提供姓名", "我姓马"])
def test_no_junk_name_in_passing(text):
    assert "applicant_name" not in facts(text).values()


def test_a_surname_alone_asks_once_for_the_full_name_then_is_kept():
    first = facts("我姓马", FactName.APPLICANT_NAME, attempts=0)
    assert "applicant_name" not in first.values() and "全名" in first.problems[FactName.APPLICANT_NAME]
    assert facts("马", FactName.APPLICANT_NAME, attempts=1).values()["applicant_name"] == "马（全名待核实）"


@pytest.mark.parametrize("text, expecting, value", [
    ("没有收入", FactName.HOUSEHOLD_INCOME, 0), ("没收入", FactName.HOUSEHOLD_INCOME, 0),
    ("五六万", FactName.EXPENSE_AMOUNT, 50000), ("一千来块", FactName.HOUSEHOLD_INCOME, 1000),
    ("好多年了", FactName.EVENT_DATE, "待核实"), ("九月份开始的", FactName.EVENT_DATE, "2026-09-01"),
    ("不是", FactName.PRIORITY_GROUP, "none"), ("no", FactName.PRIORITY_GROUP, "none"),
    ("🙅都不是", FactName.PRIORITY_GROUP, "none"), ("不知道", FactName.HOUSEHOLD_INCOME, "待核实"),
    ("说不清", FactName.HOUSEHOLD_SIZE, "待核实"),
])
def test_everyday_answers_are_accepted(text, expecting, value):
    result = facts(text, expecting)
    assert result.values()[expecting.value] == value and expecting not in result.problems


@pytest.mark.parametrize("text, size", [("家庭只有二人", 2), ("婆媳孙三人相依为命", 3), ("我和老伴两个人", 2), ("老两口", 2)])
def test_household_sizes_people_state(text, size):
    assert facts(text).values()["household_size"] == size


def test_spent_and_still_needed_keeps_what_was_spent():
    assert facts("已花二十万，后面还要十几万").values()["expense_amount"] == 200000


@pytest.mark.parametrize("text, cause, kinds", [
    ("孩子得了白血病，已经花了二十万", Cause.MEDICAL_COST, {HardshipType.EXPENDITURE}),
    ("尿毒症透析好几年了，不是突发的", Cause.MEDICAL_COST, {HardshipType.EXPENDITURE}),
    ("老公昨天突发脑出血送到医院抢救，住院费交不起", Cause.SUDDEN_ILLNESS, {HardshipType.EMERGENCY, HardshipType.EXPENDITURE}),
    ("孩子他爸上个月突然走了，家里顶梁柱没了", Cause.DEATH, {HardshipType.EMERGENCY}),
    ("在工地干活摔断了腿", Cause.ACCIDENT_INJURY, {HardshipType.EMERGENCY}),
    ("父亲10年前去世了，今年孩子考上大学学费交不起", Cause.EDUCATION_COST, {HardshipType.EXPENDITURE}),
    ("房子是危房，下雨就漏，一家人只能借住在亲戚家", Cause.HOUSING, {HardshipType.EXPENDITURE}),
    ("家里着火了，现在借住在亲戚家", Cause.FIRE, {HardshipType.EMERGENCY}),
])
def test_classification_reads_the_story(text, cause, kinds):
    found = facts(text).facts[FactName.CAUSE]
    assert found.value == cause.value
    result = classify(found.value, found.extra.get("also") or ())
    assert {result.hardship_type, *result.also} == kinds
    assert all(reason.rule_id for reason in result.reasons)


def test_housing_cites_its_rule():
    assert "XC-2.1.2-housing" in {r.rule_id for r in classify("housing").reasons}


@pytest.mark.parametrize("text, intent, expected", [
    ("低保金这个月什么时候发", "request_help", "check_status"),
    ("去年申请的残疾人补贴到现在还没到账", "request_help", "check_status"),
    ("感谢民政局和村干部在我家着火后送来的救助", "request_help", "out_of_scope"),
    ("我们村那条路坑坑洼洼，什么时候能修一下", "request_help", "out_of_scope"),
    ("老板拖欠工资半年了，去哪里讨薪", "request_help", "out_of_scope"),
    ("能不能免费给我儿子送一部手机", "request_help", "out_of_scope"),
    ("俺家出事了", "goodbye", "request_help"),
    ("外地人在许昌遇到急事能申请临时救助吗", "request_help", "ask_policy"),
])
def test_what_a_message_is_about(text, intent, expected):
    verdict = categorise(text, intent)
    assert (verdict.intent if verdict else intent) == expected


def test_answers_inside_the_form_are_not_recategorised():
    assert categorise("没有收入", "inform") is None


@pytest.mark.parametrize("text, answer", [
    ("对", None), ("好的", None), ("可以吧", None), ("嗯", None), ("同意", True), ("同意转介", True),
    ("我同意转给他们", True), ("不同意", False), ("不用了", False),
])
def test_consent_is_only_an_explicit_yes(text, answer):
    assert read_consent(text).answer is answer


def test_consent_naming_one_partner_covers_only_that_one():
    answer = read_consent("只同意转给慈善总会", {"charity": "慈善总会", "fund": "大病救助基金"})
    assert answer.answer is True and answer.partners == ("charity",)


def test_a_fact_mentioned_in_passing_does_not_overwrite_a_known_one():
    known = facts("家里12月1号着火了")
    values, provenance = merge({}, known, "家里12月1号着火了", "rest", NOW)
    later = facts("昨天我去医院了", FactName.PHONE)
    new, provenance = merge(provenance, later, "昨天我去医院了", "rest", NOW, expecting="phone", known=values)
    assert "event_date" not in new and provenance["event_date"]["value"] == "2026-12-01"
    assert provenance["event_date"]["also_said"][0]["value"] == "2026-12-02"


def test_a_correction_that_says_so_replaces_the_fact():
    first = facts("家里12月1号着火了")
    values, provenance = merge({}, first, "家里12月1号着火了", "rest", NOW)
    text = "日期说错了，应该是11月30号"
    new, provenance = merge(provenance, facts(text), text, "rest", NOW, known=values)
    assert new["event_date"] == "2026-11-30" and provenance["event_date"]["history"][0]["value"] == "2026-12-01"


@pytest.mark.parametrize("text, name, value", [
    ("厂子倒闭了，现在一点收入都没有", "event_date", None),
    ("非低保、特困、建档立卡户", "priority_group", "none"),
    ("俺老伴上礼拜病没了 就剩俺一个了", "household_size", 1),
    ("你好，我是张建华", "applicant_name", "张建华"),
    ("我是鄢陵县人", "applicant_name", None),
    ("禹州市梁北镇，昨天夜里，户口也在这，家里四口人", "hukou_place", "禹州市梁北镇"),
    ("本人李建民，户籍禹州市方山镇，昨晚家中起火", "event_place", "禹州市方山镇"),
    ("今年九月份起在厂里被辞退", "event_date", "2026-09-01"),
])
def test_operator_notes_and_dialect(text, name, value):
    assert facts(text).values().get(name) == value


@pytest.mark.parametrize("text, cause", [
    ("手被机器轧了，今天早上刚做完手术", Cause.ACCIDENT_INJURY),
    ("在厂里干活手指头被冲床切掉两根，医药费已经花了一万多", Cause.ACCIDENT_INJURY),
    ("连着下了好几天雨 俺家老房子塌了一间 现在借住在侄子家", Cause.NATURAL_DISASTER),
    ("孩子昨天突发急性阑尾炎住院了", Cause.SUDDEN_ILLNESS),
    ("儿子前几年没了，孙子今年住院花了一万来块", Cause.MEDICAL_COST),
    ("我妈五年前去世了，我爸身体不好干不了活，今年上大学的学费还差八千", Cause.EDUCATION_COST),
    ("儿子出车祸整整11个月了，花了50多万元，后续治疗费还没有着落", Cause.MEDICAL_COST),
])
def test_more_stories(text, cause):
    assert facts(text).values()["cause"] == cause.value


@pytest.mark.parametrize("text, intent, expected", [
    ("是", "inform", "affirm"), ("不是", "inform", "deny"), ("户口说错了，是长葛市坡胡镇", "inform", "inform"),
    ("不会弄", "cancel", "inform"), ("九月份开始的", "check_status", "inform"),
    ("武汉中职生助学金什么时候到", "inform", "check_status"), ("城镇居民如何申请低保", "inform", "ask_policy"),
])
def test_answers_and_questions_the_model_misreads(text, intent, expected):
    verdict = categorise(text, intent)
    assert verdict is not None and verdict.intent == expected


@pytest.mark.parametrize("text, expecting, value", [
    ("俺两口子带俩孩儿", FactName.HOUSEHOLD_SIZE, 4),
    ("俺老两口 儿子儿媳 孙子孙女", FactName.HOUSEHOLD_SIZE, 6),
    ("俺跟俺老头 还有个傻儿子", FactName.HOUSEHOLD_SIZE, 3),
    ("俺 媳妇 俩娃 俺娘 五口", FactName.HOUSEHOLD_SIZE, 5),
    ("来电人称不是", FactName.PRIORITY_GROUP, "none"),
    ("啥户? 俺不懂 都不是吧", FactName.PRIORITY_GROUP, "none"),
    ("来电人未提供", FactName.ID_NUMBER, "未提供"),
    ("五六天了吧", FactName.EVENT_DATE, "2026-11-28"),
    ("赖国华", FactName.APPLICANT_NAME, "赖国华"),
    ("申请人是她丈夫卫东升", FactName.APPLICANT_NAME, "卫东升"),
    ("名字错了，是卞雪玫，玫瑰的玫", None, "卞雪玫"),
])
def test_answers_from_a_blind_hold_out_of_residents(text, expecting, value):
    name = expecting.value if expecting else "applicant_name"
    assert facts(text, expecting).values()[name] == value


def test_a_month_stated_in_passing_is_kept_as_approximate():
    found = facts("今年三月查出肺癌，化疗花了八万").facts[FactName.EVENT_DATE]
    assert found.value == "2026-03-01" and found.extra["approximate"]
