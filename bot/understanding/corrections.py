"""What a correction in a message says: the field it names (「户口写错了」 names the 户籍地) and the
part that holds the corrected value (「前天夜里 不对不对 是大前天夜里」: what comes after the last
correction word).

A message that names the field it corrects is read as the answer to that field's question; a fact
found both before and after the last correction word takes the value said after it.
"""
from __future__ import annotations

import re

from bot.domain.model import FactName
from bot.understanding.text import CORRECTION

_FIELDS = [   # the words that name a field, most specific first
    (FactName.ID_NUMBER, re.compile(r"身份证")),
    (FactName.PHONE, re.compile(r"电话|手机|号码")),
    (FactName.HUKOU_PLACE, re.compile(r"户口|户籍")),
    (FactName.EVENT_PLACE, re.compile(r"事发地|地点|出事的地方|发生的地方")),
    (FactName.EVENT_DATE, re.compile(r"日期|日子|时间|哪天|哪一天")),
    (FactName.APPLICANT_NAME, re.compile(r"名字|姓名")),
    (FactName.HOUSEHOLD_SIZE, re.compile(r"人口|几口|口人")),
    (FactName.HOUSEHOLD_INCOME, re.compile(r"收入|工资")),
    (FactName.EXPENSE_AMOUNT, re.compile(r"花费|花销|支出|费用|医药费|学费")),
]


def named_field(text: str) -> FactName | None:
    """The one field a correction names in the words before its correction word (「收入说错了」);
    None when it names none or several."""
    marker = CORRECTION.search(text)
    if not marker:
        return None
    head = text[:marker.end()]
    named = [name for name, words in _FIELDS if words.search(head)]
    return named[0] if len(named) == 1 else None


def corrected_part(text: str) -> tuple[int, str] | None:
    """(offset, text) after the last correction word, when something follows it."""
    last = None
    for last in CORRECTION.finditer(text):
        pass
    if last is None or not text[last.end():].strip(" ，,。.!！"):
        return None
    return last.end(), text[last.end():]
