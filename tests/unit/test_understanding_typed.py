"""How residents and operators type (issue #13, a tester's findings over REST): punctuation and blanks
around an answer, pinyin instead of characters, homophone and input-method slips in cause words and
place suffixes, and operators' shorthand. Each row failed before its fix."""
from __future__ import annotations

from datetime import datetime

import pytest

from bot.domain.model import FactName
from bot.understanding import extract_facts
from tests.unit.places import gazetteer

NOW = datetime(2026, 12, 3, 10, 0)


def facts(text, expecting=None, known=None):
    return extract_facts(text, now=NOW, expecting=expecting, gazetteer=gazetteer(), known=known)


@pytest.mark.parametrize("text, value", [("张三，", "张三"), ("张三、", "张三"), ("“张三”", "张三"), ("张 三", "张三"),
                                         ("张三；", "张三")])
def test_a_name_is_stored_without_punctuation_or_blanks(text, value):
    """「张三，」 was read back as 「姓名：张三,」."""
    assert facts(text, FactName.APPLICANT_NAME).values()["applicant_name"] == value


@pytest.mark.parametrize("text, value", [("某某村，还有", "某某村"), ("李家庄村。", "李家庄村"), ("“王庄村”", "王庄村")])
def test_an_unknown_place_is_stored_without_punctuation(text, value):
    assert facts(text, FactName.EVENT_PLACE).values()["event_place"] == value


@pytest.mark.parametrize("text, expecting", [
    ("xie xie", FactName.APPLICANT_NAME), ("wo jia zhao huo le", FactName.APPLICANT_NAME),
    ("Zhang San", FactName.APPLICANT_NAME), ("wo jia zhao huo le", FactName.EVENT_PLACE),
])
def test_pinyin_is_never_a_name_or_place_and_asks_for_characters(text, expecting):
    """「xie xie」 to the name question became 「姓名：xie xie」."""
    result = facts(text, expecting)
    assert not result.values() and "汉字" in result.problems[expecting]


def test_a_latin_name_that_is_not_pinyin_is_still_a_name():
    assert facts("John Smith", FactName.APPLICANT_NAME).values()["applicant_name"] == "John Smith"


@pytest.mark.parametrize("text, cause", [("我家着活了", "fire"), ("家里着伙了", "fire"), ("俺男人出了车货", "traffic_accident")])
def test_a_cause_word_typed_by_sound_is_read(text, cause):
    """「我家着活了」 got 「请简单说说遇到了什么困难？」 as if no cause was said."""
    assert facts(text).values()["cause"] == cause


@pytest.mark.parametrize("text", ["一直干着活，没歇过", "去市里看病了", "做期货赔了", "他的事业刚起步"])
def test_a_real_word_is_no_slip(text):
    values = facts(text).values()
    assert values.get("cause") not in ("fire", "death", "income_loss" if "事业" in text else "-")


@pytest.mark.parametrize("text, value", [
    ("鄢陵线马兰镇", "鄢陵县马栏镇"),     # 县 typed 线, and 马栏 typed by sound
    ("禹州市方善镇", "禹州市方山镇"),
    ("长葛市坡湖镇", "长葛市坡胡镇"),
])
def test_a_place_typed_by_sound_resolves_to_the_gazetteer(text, value):
    assert facts(text, FactName.EVENT_PLACE).values()["event_place"] == value


@pytest.mark.parametrize("text", ["襄城县马兰镇", "鄢陵县马家镇"])
def test_no_township_is_invented(text):
    """Only a township of the county named is put right: 鄢陵县's 马栏镇 is not lent to 襄城县."""
    assert "马栏" not in facts(text, FactName.EVENT_PLACE).values().get("event_place", "")


KNOWN = {"event_place": "许昌市鄢陵县马栏镇"}


@pytest.mark.parametrize("text, expecting, name, value", [
    ("户籍同事发地", FactName.HUKOU_PLACE, "hukou_place", "许昌市鄢陵县马栏镇"),
    ("同事发地", FactName.HUKOU_PLACE, "hukou_place", "许昌市鄢陵县马栏镇"),
    ("户籍本地", FactName.HUKOU_PLACE, "hukou_place", "许昌市鄢陵县马栏镇"),
    ("非低保户", FactName.PRIORITY_GROUP, "priority_group", "none"),
    ("无", FactName.PRIORITY_GROUP, "priority_group", "none"),
    ("不详", FactName.PRIORITY_GROUP, "priority_group", "待核实"),
    ("未提供", FactName.PRIORITY_GROUP, "priority_group", "待核实"),
    ("不详", FactName.ID_NUMBER, "id_number", "未提供"),
    ("无", FactName.ID_NUMBER, "id_number", "未提供"),
    ("不详", FactName.EVENT_DATE, "event_date", "待核实"),
    ("不详", FactName.HOUSEHOLD_INCOME, "household_income", "待核实"),
    ("未提供", FactName.APPLICANT_NAME, "applicant_name", "未提供（本人不愿提供）"),
])
def test_operator_shorthand_is_an_answer(text, expecting, name, value):
    """Hotline operators type 「户籍同事发地」「不详」「未提供」: they were asked again until a person was offered."""
    assert facts(text, expecting, known=KNOWN).values()[name] == value


def test_an_operator_note_says_the_hukou_is_the_event_place():
    values = facts("鄢陵县马栏镇村民，户籍同事发地，非低保户，家中着火").values()
    assert values["hukou_place"] == values["event_place"] == "鄢陵县马栏镇" and values.get("priority_group") != "dibao"
