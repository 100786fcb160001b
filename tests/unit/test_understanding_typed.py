"""How residents and operators type (issue #13, a tester's findings over REST): punctuation and blanks
around an answer, pinyin instead of characters, homophone and input-method slips in cause words and
place suffixes, and operators' shorthand. Each row failed before its fix."""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from pathlib import Path

import pytest

from bot.domain.model import FactName
from bot.policy.engine import engine_for
from bot.understanding import extract_facts
from bot.understanding.gazetteer import build as build_gazetteer

NOW = datetime(2026, 12, 3, 10, 0)


@lru_cache(maxsize=1)
def gazetteer():
    regions = engine_for(str(Path(__file__).resolve().parents[2] / "config")).regions
    return build_gazetteer({code: regions.get(code).townships for code in regions.codes()})


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
