"""Money and head counts written the way people write them: 三千五, 两万多, 1万5, 一家四口."""
from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an
import jionlp

_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿几"
_NUM = rf"[0-9{_CN_DIGITS}.]+"


@dataclass(frozen=True)
class Amount:
    """A sum of money in yuan; `upper` is set for ranges such as 两万多 or 十几万."""

    value: float
    text: str
    span: tuple[int, int]
    upper: float | None = None


def to_number(token: str) -> float | None:
    """Arabic or Chinese numerals to a number: 三千五 -> 3500, 1万5 -> 15000, 四 -> 4."""
    token = token.strip()
    if not token:
        return None
    try:
        return float(token)
    except ValueError:
        pass
    try:
        return float(cn2an.cn2an(token, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


_MONEY_TOKEN = re.compile(
    r"(?<![0-9A-Za-z])([0-9]+(?:\.[0-9]+)?[万千百]?[0-9]?|[零〇一二两三四五六七八九十百千万几]+)(多|来|余)?"
    r"(万元|万块|万|千|块钱|块|元钱|元)?(?![0-9月号日年点岁口个人天周期级层楼次回趟])"
)
_MONEY_CUE = re.compile(r"(花|费|欠|借|收入|工资|挣|赚|损失|要|差|交|缴|月入|每月|一个月|一年|年收入|补助|低保金|赔|值|共)[^，。,.;；]{0,4}$")


def find_amounts(text: str, *, expecting_money: bool = False) -> list[Amount]:
    """Every sum of money in the text, with its span: written with a currency word (两万元, 五千块),
    or a bare number after a money word (花了三千五, 学费要一万二), or any number when the message
    answers a question about money. Exact forms are read with cn2an (jionlp reads 三千五 as 3005);
    ranges such as 两万多 or 十几万 keep jionlp's bounds."""
    found: list[Amount] = []
    for match in _MONEY_TOKEN.finditer(text):
        number, more, unit = match.group(1), match.group(2) or "", match.group(3) or ""
        if not re.search(r"[0-9一二两三四五六七八九十百千万零〇几]", number):
            continue
        if len(re.sub(r"[^0-9]", "", number)) >= 7 and not unit:
            continue  # a phone or ID number, not money
        cue = _MONEY_CUE.search(text[max(0, match.start() - 8):match.start()])
        if not (unit or cue or expecting_money):
            continue
        if not unit and not cue and not re.search(r"[0-9十百千万]", number):
            continue
        raw = match.group(0)
        lower = upper = None
        if more or "几" in number:
            try:
                parsed = jionlp.parse_money(number + more + (unit if unit.endswith(("元", "块", "块钱")) else unit + "元"))
            except (ValueError, TypeError, KeyError):
                continue
            nums = parsed.get("num")
            if isinstance(nums, list):
                lower, upper = float(nums[0]), float(nums[1])
            elif nums is not None:
                lower = float(nums)
        else:
            scale = 10000 if unit.startswith("万") else 1000 if unit == "千" else 1
            base = to_number(number)
            if base is not None:
                lower = base * scale
        if lower is None:
            continue
        found.append(Amount(value=lower, text=raw, span=match.span(), upper=upper))
    return found


_HOUSEHOLD_PATTERNS = [
    re.compile(rf"一家({_NUM})口"),
    re.compile(rf"全家({_NUM})口"),
    re.compile(rf"家里?(?:有|共|一共|总共)?({_NUM})口"),
    re.compile(rf"({_NUM})口人"),
    re.compile(rf"家里?(?:有|共|一共|总共)?({_NUM})个人"),
    re.compile(rf"(?:一共|总共|共)({_NUM})个?人"),
]
_ALONE = re.compile(r"(就我一个|只有我一个|我一个人过|独自一人|孤身一人|一个人生活|一个人住)")


def find_household_size(text: str, *, as_answer: bool = False) -> tuple[int, tuple[int, int]] | None:
    """Household size from phrases like 一家四口 / 家里5个人 / 就我一个; with `as_answer` a bare
    number or 「四个」 (the reply to 「家里几口人」) counts too. Returns (size, span)."""
    for pattern in _HOUSEHOLD_PATTERNS:
        match = pattern.search(text)
        if match:
            number = to_number(match.group(1))
            if number is not None:
                return int(number), match.span()
    match = _ALONE.search(text)
    if match:
        return 1, match.span()
    if as_answer:
        match = re.search(rf"({_NUM})\s*(?:个|口|位|人)?", text)
        if match and to_number(match.group(1)) is not None:
            return int(to_number(match.group(1))), match.span()
    return None
