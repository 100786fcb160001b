"""Phone numbers and resident ID numbers (居民身份证号码, GB 11643), found in free text and checked."""
from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum.cn import ric
from stdnum.exceptions import ValidationError

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}$")
_DIGIT_RUN = re.compile(r"(?<![0-9])(?:\+?86)?[0-9][0-9 \-]{5,22}[0-9Xx](?![0-9])")


@dataclass(frozen=True)
class Found:
    """A phone or ID number: `value` when valid, otherwise `problem` says what is wrong (Chinese)."""

    value: str | None
    span: tuple[int, int]
    problem: str | None = None


def _digit_runs(text: str):
    for match in _DIGIT_RUN.finditer(text):
        compact = re.sub(r"[ \-]", "", match.group(0))
        if compact.startswith("+86"):
            compact = compact[3:]
        elif compact.startswith("86") and len(compact) == 13:
            compact = compact[2:]
        yield compact.upper(), match.span()


def valid_id_number(number: str) -> str:
    """Length, digits, GB 11643 check digit and a real birth date, each with python-stdnum. The
    address code is not checked: stdnum's table lacks real codes (鄢陵县 411024) and older IDs keep
    codes that have since been retired."""
    number = ric.compact(number)
    if len(number) != 18 or not number[:-1].isdigit():
        raise ValidationError("format")
    if number[-1] != ric.calc_check_digit(number):
        raise ValidationError("check digit")
    ric.get_birth_date(number)
    return number


def find_id_number(text: str) -> Found | None:
    """An 18-character ID number, validated (check digit, real birth date) with python-stdnum."""
    for compact, span in _digit_runs(text):
        if len(compact) == 18 or (len(compact) == 17 and compact.isdigit()):
            if len(compact) != 18:
                return Found(None, span, "身份证号应为18位，您发的是17位，请核对后再发一次。")
            try:
                return Found(valid_id_number(compact), span)
            except ValidationError:
                return Found(None, span, "这个身份证号校验没有通过（出生日期或最后一位校验码不对），请核对后再发一次。")
        if 15 <= len(compact) <= 19 and not _MOBILE.match(compact):
            return Found(None, span, f"身份证号应为18位，您发的是{len(compact)}位，请核对后再发一次。")
    return None


def find_phone(text: str, *, as_answer: bool = False) -> Found | None:
    """A mobile (11 digits, 1[3-9]…) or landline with area code. Other digit runs of phone length
    are reported; with `as_answer` (the reply to 「电话多少」) any run of three or more digits is."""
    problem: Found | None = None
    runs = list(_digit_runs(text))
    if as_answer and not runs:
        runs = [(m.group(0), m.span()) for m in re.finditer(r"[0-9]{3,6}", text)]
    for compact, span in runs:
        if _MOBILE.match(compact) or _LANDLINE.match(compact):
            return Found(compact, span)
        if len(compact) >= 15:
            continue  # an ID number, not a phone
        if (3 if as_answer else 6) <= len(compact) <= 14 and problem is None:
            problem = Found(None, span, f"手机号码应为11位数字（以1开头），您发的是{len(compact)}位；座机请带区号。请再发一次。")
    return problem

