"""Money and head counts written the way people write them: 三千五, 两万多, 1万5, 一家四口."""
from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an
import jieba
import jionlp

_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿几仨俩"
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
    token = token.strip().replace("仨", "三").replace("俩", "两")
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
    r"(万元|万块|万|千|块钱|块|元钱|元)?(?![0-9月号日年点岁口个人天周期级层楼次回趟分角毛])"
)
_MONEY_CUE = re.compile(r"(花|费|欠|借|掏|垫|自付|收入|工资|挣|赚|损失|要|差|交|缴|月入|每月|一个月|一年|年收入|补助|低保金|赔|值|共)[^，。,.;；]{0,4}$")


_SCALE = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# Approximate sums jionlp and cn2an do not read: 五六万, 三四千块 (two neighbouring digits), 一千来块,
# 十来万 (a round number and 来), 数万 / 好几万 / 上万 (taken as their lower bound, 2 × or 1 ×).
_NEIGHBOURS = re.compile(r"((?:[一二两三四五六七八九])?十)?([一二两三四五六七八九])([二两三四五六七八九])(十|百|千|万)(?:多)?(万)?(块钱|块|元钱|元)?")
# 一万七八, 三万五六: a round sum and two neighbouring digits of the next order (17 000 – 18 000)
_AFTER_SCALE = re.compile(r"([一二两三四五六七八九])(万|千)([一二两三四五六七八九])([二两三四五六七八九])(?![十百千万])(块钱|块|元钱|元)?")
_ROUGHLY = re.compile(r"([一二两三四五六七八九]?)(百|千|万)把(块钱|块|元钱|元)?")   # 千把块: about a thousand
_ROUND_LAI = re.compile(r"([一二两三四五六七八九]?)(十|百|千|万)来(万)?(块钱|块|元钱|元)?")
_SEVERAL = re.compile(r"((?:[一二两三四五六七八九])?十(?=好几))?(数|好几|上)(十|百|千|万)(万)?(块钱|块|元钱|元)?")   # 二十好几万: 22-29万


def _approximate(text: str, expecting_money: bool) -> list[Amount]:
    found: list[Amount] = []
    for match in _NEIGHBOURS.finditer(text):
        scale = _SCALE[match.group(4)] * (10000 if match.group(5) else 1)
        tens = 10 * _DIGIT.get(match.group(1)[:-1], 1) if match.group(1) else 0
        low, high = _DIGIT[match.group(2)], _DIGIT[match.group(3)]
        if high == low + 1:
            found.append(Amount((tens + low) * scale, match.group(0), match.span(), (tens + high) * scale))
    for match in _AFTER_SCALE.finditer(text):
        scale = _SCALE[match.group(2)]
        low, high = _DIGIT[match.group(3)], _DIGIT[match.group(4)]
        if high == low + 1 and not any(a.span[0] < match.end() and match.start() < a.span[1] for a in found):
            base = _DIGIT[match.group(1)] * scale
            found.append(Amount(base + low * scale // 10, match.group(0), match.span(), base + high * scale // 10))
    for match in _ROUGHLY.finditer(text):
        base = _DIGIT.get(match.group(1), 1) * _SCALE[match.group(2)]
        found.append(Amount(base, match.group(0), match.span(), base * 1.5))
    for match in _ROUND_LAI.finditer(text):
        scale = _SCALE[match.group(2)] * (10000 if match.group(3) else 1)
        base = _DIGIT.get(match.group(1), 1) * scale
        found.append(Amount(base, match.group(0), match.span(), base * 1.5))
    for match in _SEVERAL.finditer(text):
        scale = _SCALE[match.group(3)] * (10000 if match.group(4) else 1)
        if match.group(1):   # 二十好几万: twenty and some more
            tens = 10 * _DIGIT.get(match.group(1)[:-1], 1)
            found.append(Amount((tens + 2) * scale, match.group(0), match.span(), (tens + 9) * scale))
            continue
        low = scale if match.group(2) == "上" else 2 * scale
        found.append(Amount(low, match.group(0), match.span(), 10 * scale if match.group(2) != "上" else None))
    unit_or_cue = [a for a in found if expecting_money or re.search(r"(块|元|万)", a.text)
                   or _MONEY_CUE.search(text[max(0, a.span[0] - 8):a.span[0]])]
    return unit_or_cue


def find_amounts(text: str, *, expecting_money: bool = False) -> list[Amount]:
    """Every sum of money in the text, with its span: written with a currency word (两万元, 五千块),
    or a bare number after a money word (花了三千五, 学费要一万二), or any number when the message
    answers a question about money. Exact forms are read with cn2an (jionlp reads 三千五 as 3005);
    ranges such as 两万多 or 十几万 keep jionlp's bounds."""
    found: list[Amount] = _approximate(text, expecting_money)
    for match in _MONEY_TOKEN.finditer(text):
        if any(a.span[0] < match.end() and match.start() < a.span[1] for a in found):
            continue
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
    return sorted(found, key=lambda a: a.span[0])


_HOUSEHOLD_PATTERNS = [
    re.compile(rf"一家({_NUM})口"),
    re.compile(rf"全家({_NUM})口"),
    re.compile(rf"家[里中]?(?:有|共|一共|总共)?({_NUM})口"),   # 家中4口 (an operator's note)
    re.compile(rf"({_NUM})口人"),
    re.compile(rf"家里?(?:有|共|一共|总共)?({_NUM})个人"),
    re.compile(rf"(?:一共|总共|共)({_NUM})个?人"),
    re.compile(rf"(?:是|共|有)({_NUM})口(?![子水饭气])"),
]
_COUNTED = [  # members listed or counted: 婆媳孙三人, 我和老伴两个人, 家庭只有二人, 老两口, 母女俩
    re.compile(rf"(?:家庭|家里|全家|家中|一家)(?:只有|就|仅有|共有|一共|总共|有)?({_NUM})(?:个)?人"),
    re.compile(rf"(?:[婆媳孙祖父母子女夫妻爷奶兄弟姐妹]{{2,4}})({_NUM})(?:个)?人"),
    re.compile(rf"我和(?:老伴|爱人|老婆|媳妇|丈夫|老公|妻子|孩子|儿子|女儿|母亲|父亲|妈|爸)({_NUM})(?:个)?人?"),
]
_TRIO = re.compile(r"(?:娘儿|爷儿|娘|爷|母子|母女|父子|父女|姐妹|兄弟|弟兄|祖孙|婆媳)(?:仨|三个)")
_PAIRS = re.compile(r"^俺俩$|^我俩$|老两口(?![^，。]{0,3}(儿|孙|女|子))|母女俩|父子俩|母子俩|父女俩|夫妻俩|娘俩|爷俩|娘儿俩|小两口|我们俩|我俩")
_ALONE = re.compile(r"((?:就|只有|只剩)(?:我|俺)?(?:妈|爸|娘|爹|奶奶|爷爷|母亲|父亲|老娘|老爹|老伴)一个人(?:过|生活|住)|自个儿|就我一个|就俺一个|就俺自己|就我自己|只有我自己|只剩我|就剩我|就剩俺|俺一个人|自己一个人|只有我一个|我一个人过|独自一人|孤身一人|一个人生活|一个人住|孤寡老人|独居|无儿无女|光棍一个|单身一人)(?!人?[^，。,.]{0,2}(撑|扛|养|挣|干|顶|带|照顾|供|拉扯))")


_COUPLE = re.compile(r"老两口|两口子|小两口|俺俩|我俩|咱俩|我们俩|俺们俩")
_GROUPED = re.compile(r"(俩|两个|仨|三个)(孩儿|孩子|娃|儿子|闺女|女儿|孙子|孙女|老人)")
_RELATIVE = re.compile(r"老伴|老头|老婆子|老太婆|媳妇|老婆|老公|丈夫|妻子|爱人|儿媳|女婿|儿子|闺女|女儿|孙子|孙女|外孙|"
                       r"婆婆|公公|老娘|老爹|娘|妈|爹|爸|父亲|母亲|哥|姐|弟|妹|孩儿|孩子|娃")


def count_members(text: str) -> int | None:
    """Members listed instead of counted (「俺两口子带俩孩儿」 -> 4, 「俺跟俺老头 还有个傻儿子」 -> 3),
    the speaker included; None when the text lists no one."""
    rest, count = text, 0
    for match in _GROUPED.finditer(rest):
        count += 3 if match.group(1) in ("仨", "三个") else 2
    rest = _GROUPED.sub(" ", rest)
    couples = len(_COUPLE.findall(rest))
    rest = _COUPLE.sub(" ", rest)
    count += 2 * couples + len(_RELATIVE.findall(rest))
    if count == 0:
        return None
    if not couples and re.search(r"俺|我|咱|自己", text):
        count += 1
    return count


def find_household_size(text: str, *, as_answer: bool = False) -> tuple[int, tuple[int, int]] | None:
    """Household size from phrases like 一家四口 / 家里5个人 / 就我一个; with `as_answer` a bare
    number or 「四个」 (the reply to 「家里几口人」) counts too, and so do members listed (俺两口子带俩孩儿);
    the 两 of 老两口 is a couple, not the count said after it (俺老两口带俩孙子 4个).
    Returns (size, span)."""
    trio = _TRIO.search(text)   # 娘儿仨: the speaker and two more
    if trio:
        return 3, trio.span()
    alone = _ALONE.search(text)
    if as_answer and alone and alone.start() <= 2:   # 「就俺自个儿 老头子前年走了」: alone, whoever else is named
        return 1, alone.span()
    if as_answer and not re.search(rf"(?<![老小]){_NUM}\s*(?:个人|口人|口(?!子)|位|人|个(?:人|吧|左右)?(?![\u4e00-\u9fa5]))", text):
        members = count_members(text)
        if members:
            return members, (0, len(text))
    for pattern in _HOUSEHOLD_PATTERNS:
        match = pattern.search(text)
        if match:
            number = to_number(match.group(1))
            if number is not None:
                return int(number), match.span()
    for pattern in _COUNTED:
        match = pattern.search(text)
        if match and to_number(match.group(1)) is not None:
            return int(to_number(match.group(1))), match.span()
    match = _PAIRS.search(text)
    if match:
        return 2, match.span()
    match = _ALONE.search(text)
    if match:
        return 1, match.span()
    if as_answer:   # a bare number, unless it is a sum (「厂里给了五千就不管了」 is no household of 5000)
        match = re.search(rf"(?<![老小])({_NUM})\s*(?:个人|口人|口|个|位|人)(?![{_CN_DIGITS}])", text) \
            or (None if re.search(rf"{_NUM}\s*(?:[千万百]|元|块|毛)", text) else _bare_number(text))
        if match and to_number(match.group(1)) is not None:
            return int(to_number(match.group(1))), match.span()
    return None


_NUMBER = re.compile(rf"({_NUM})")


def _bare_number(text: str) -> re.Match | None:
    """A number said as a word of its own (「就四」, 「5」), not the 一 inside a word such as 一样,
    一会儿 or 一下 (jieba's segmentation tells which)."""
    start = 0
    for word in jieba.lcut(text):
        match = _NUMBER.fullmatch(text, start, start + len(word))
        if match:
            return match
        start += len(word)
    return None
