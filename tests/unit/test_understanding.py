"""The normalisers on colloquial Chinese: each row is a message and what must come out of it."""
from datetime import datetime

import pytest

from bot.domain.model import FactName
from bot.understanding import extract_facts
from bot.understanding.contact import find_id_number, find_phone
from bot.understanding.numbers import find_amounts, find_household_size, to_number
from bot.understanding.text import clean

NOW = datetime(2026, 11, 23, 10, 0)


@pytest.mark.parametrize("text, expected", [
    ("三千五", 3500), ("两万五", 25000), ("一万二", 12000), ("1万5", 15000), ("2.5万", 25000), ("四", 4), ("12", 12),
])
def test_numbers_read_as_people_say_them(text, expected):
    assert to_number(text) == expected


@pytest.mark.parametrize("text, value, upper", [
    ("花了三千五，电话13812345678", 3500, None),
    ("学费要一万二", 12000, None),
    ("花了两万多", 20000, 30000),
    ("欠了十几万", 100000, 200000),
    ("医药费花了8万", 80000, None),
    ("大概五千块", 5000, None),
    ("损失20多万", 200000, 300000),
])
def test_amounts_with_ranges(text, value, upper):
    amounts = find_amounts(text)
    assert len(amounts) == 1
    assert amounts[0].value == value
    assert amounts[0].upper == upper


@pytest.mark.parametrize("text", ["一家四口", "3月5号住院", "家里5个人", "电话13812345678"])
def test_no_money_where_there_is_none(text):
    assert find_amounts(text) == []


@pytest.mark.parametrize("text, size", [
    ("一家四口现在没地方住", 4), ("家里5个人", 5), ("家里六口人", 6), ("就我一个人", 1), ("全家七口", 7),
])
def test_household_size(text, size):
    assert find_household_size(text)[0] == size


def test_bare_number_is_a_household_size_only_as_an_answer():
    assert find_household_size("四个") is None
    assert find_household_size("四个", as_answer=True)[0] == 4


@pytest.mark.parametrize("text, value", [
    ("13812345678", "13812345678"), ("电话 138 1234 5678", "13812345678"), ("+86 13812345678", "13812345678"),
    ("０３７４－２３４５６７８", "03742345678"),
])
def test_phone_found_and_normalised(text, value):
    assert find_phone(clean(text)).value == value


@pytest.mark.parametrize("text", ["1381234", "138123456789"])
def test_phone_with_wrong_length_is_reported(text):
    found = find_phone(text)
    assert found.value is None and "11位" in found.problem


def test_id_number_checked_with_check_digit_and_birth_date():
    assert find_id_number("身份证11010519491231002X").value == "11010519491231002X"
    assert find_id_number("11010519491231002x").value == "11010519491231002X"
    assert find_id_number("110105194912310021").problem  # wrong check digit
    assert find_id_number("110105194902300021").problem  # 30 February
    assert "17位" in find_id_number("11010519491231002").problem
    assert find_id_number("411024198503150014").value == "411024198503150014"  # 鄢陵县: not in stdnum's place table


def test_the_issue_example_keeps_every_fact():
    result = extract_facts("我家昨晚着火了，房子烧没了，一家四口现在没地方住", now=NOW)
    assert result.values() == {"cause": "fire", "household_size": 4, "event_date": "2026-11-22"}
    assert result.facts[FactName.CAUSE].source_text == "着火"


def test_operator_note_with_many_facts():
    text = "来电人称，户口在鄢陵县马栏镇，在许昌市魏都区打工时出了车祸，花了三千五，电话13812345678"
    values = extract_facts(text, now=NOW).values()
    assert values["cause"] == "traffic_accident"
    assert values["hukou_place"] == "鄢陵县马栏镇"
    assert values["event_place"] == "许昌市魏都区"
    assert values["expense_amount"] == 3500
    assert values["phone"] == "13812345678"


def test_hotline_fillers_and_priority_group_and_name():
    values = extract_facts("嗯那个就是说孩子考上大学了学费要一万二，家里是低保户，我叫王小明，老家是襄城县", now=NOW).values()
    assert values == {
        "cause": "education_cost", "priority_group": "dibao", "applicant_name": "王小明",
        "hukou_place": "襄城县", "expense_amount": 12000,
    }


def test_negated_priority_group_is_not_membership():
    assert "priority_group" not in extract_facts("我们不是低保户，家里着火了", now=NOW).values()
    answer = extract_facts("不是低保户", now=NOW, expecting=FactName.PRIORITY_GROUP)
    assert answer.values()["priority_group"] == "none"


@pytest.mark.parametrize("expecting, text, value", [
    (FactName.HOUSEHOLD_SIZE, "四个", 4),
    (FactName.PRIORITY_GROUP, "都不是", "none"),
    (FactName.ID_NUMBER, "暂不提供", "未提供"),
    (FactName.APPLICANT_NAME, "李芳", "李芳"),
    (FactName.EVENT_DATE, "记不清了", "待核实"),
    (FactName.HOUSEHOLD_INCOME, "一个月收入两千", 2000),
    (FactName.HOUSEHOLD_INCOME, "0元", 0),
    (FactName.HOUSEHOLD_INCOME, "一年收入两万四", 2000),
    (FactName.EXPENSE_AMOUNT, "两万", 20000),
    (FactName.EVENT_PLACE, "住在长葛市老城镇张庄村", "长葛市老城镇张庄村"),
])
def test_answers_read_in_the_light_of_the_question(expecting, text, value):
    result = extract_facts(text, now=NOW, expecting=expecting)
    assert result.values()[expecting.value] == value
    assert result.facts[expecting].method == "answer"


def test_same_as_event_place():
    result = extract_facts("跟上面一样", now=NOW, expecting=FactName.HUKOU_PLACE, known={"event_place": "鄢陵县马栏镇"})
    assert result.values()["hukou_place"] == "鄢陵县马栏镇"


@pytest.mark.parametrize("expecting, text, words", [
    (FactName.HOUSEHOLD_SIZE, "100口", "看起来不对"),
    (FactName.PHONE, "1381234", "11位"),
    (FactName.ID_NUMBER, "110105194902300021", "校验"),
    (FactName.PHONE, "😀😀", "文字"),
    (FactName.PHONE, "", "文字"),
    (FactName.APPLICANT_NAME, "我不知道你在说什么东西啊啊啊", "姓名"),
])
def test_unusable_answers_get_a_reason_in_chinese(expecting, text, words):
    result = extract_facts(text, now=NOW, expecting=expecting)
    assert expecting not in result.facts
    assert words in result.problems[expecting]


def test_future_dates_are_not_event_dates():
    assert "event_date" not in extract_facts("明天要交学费", now=NOW).values()


def test_clean_handles_hostile_text():
    assert clean("\x00\x07abc\u200b") == "abc"
    assert clean("１２３") == "123"
    assert len(clean("火" * 5000)) == 2000
    assert clean("\ud800x") == "x"
    assert clean(None) == ""


def test_five_thousand_characters_do_not_break_extraction():
    result = extract_facts("我家着火了" * 1000, now=NOW)
    assert result.values()["cause"] == "fire"


def test_a_negated_cause_is_not_the_cause():
    values = extract_facts("不对，不是着火，是孩子上学学费要一万二", now=NOW).values()
    assert values["cause"] == "education_cost" and values["expense_amount"] == 12000
