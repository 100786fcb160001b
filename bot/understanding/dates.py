"""When the hardship happened: relative and absolute dates (昨晚, 前天, 上周三, 3月5号) via jionlp.

Road and street names that look like dates (五一路, 八一路, 七一大道) are masked first; words for
the present (现在, 目前) are not an event date; dialect day words (昨儿, 前儿个, 粤语 琴日) are made
standard, but 跟前儿 (nearby) names no day; a span coarser than a few days (今年, 10年前, 九月份)
counts only when the message answers the date question or names a month (今年三月), as its first
day, marked approximate.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import jionlp

from bot.understanding.numbers import to_number

_UNKNOWN = ("不记得", "记不清", "不清楚", "忘了", "不知道", "说不准", "说不好", "说不清", "不确定", "好多年", "很多年", "好几年", "多年了")
_ROAD = re.compile(r"[一二三四五六七八九十0-9]{1,3}(?=(?:路|街|大街|大道|广场|小区|社区|村|巷|中学|小学|厂|桥)(?:街道)?)")
_PRESENT = {"现在", "目前", "当前", "此时", "眼下", "如今", "今天现在"}
_MONTH_ONLY = re.compile(r"([0-9一二三四五六七八九十]{1,3})月份?")
_VAGUE = [
    (re.compile(r"上个?月(?![初中底末旬0-9一二三四五六七八九十])"), lambda now: (now.replace(day=1) - timedelta(days=1)).replace(day=1)),
    (re.compile(r"前几天|前些天|这几天|前两天|最近几天"), lambda now: now - timedelta(days=3)),
]
_COARSE_DAYS = 3
_SINCE = re.compile(r"份?(起|开始|以来)$|^份?(起|开始|以来)")   # 「今年九月份起」 states when it began


@dataclass(frozen=True)
class FoundDate:
    day: date
    span: tuple[int, int]
    approximate: bool


# Dialect words for days and times of day jionlp does not know, replaced by ones of the same length.
_DIALECT = [("昨儿个", "昨天的"), ("前儿个", "前天的"), ("今儿个", "今天的"), ("昨个", "昨天"), ("昨儿", "昨天"), ("夜儿个", "昨天的"),
            ("夜儿", "昨天"), ("前儿", "前天"), ("今儿", "今天"), ("今个", "今天"), ("黑了", "晚上"), ("后晌", "下午"),
            ("晌午", "中午"), ("上礼拜", "上周的"), ("礼拜", "星期"),
            ("琴日", "昨天"), ("寻日", "昨天"), ("琴晚", "昨晚"), ("寻晚", "昨晚"), ("今朝", "今天")]   # 粤语
# 「火车站跟前儿」 is near the station, not 前儿 (the day before yesterday)
_NEAR = re.compile(r"(?:跟|眼|面|门|头|屋|房|院|村|站|桥)前儿")


# 「一个礼拜三次」 counts visits, 「今儿礼拜几?」 asks the day: neither names a day.
_NOT_A_DAY = re.compile(r"(?:礼拜|星期|周)[一二三四五六七日天](?=次|回|趟|遍)|(?:今天|今儿|今个|今日)?(?:是)?(?:礼拜|星期|周)几|几号")
_TIME_OF_DAY = re.compile(r"^(早上|上午|中午|下午|傍晚|晚上|夜里|半夜|凌晨|清早|早晨|夜间|深夜)[0-9一二三四五六七八九十两点时许多半钟:：]*$")
_BARE_WEEKDAY = re.compile(r"^(星期|周)[一二三四五六日天]")


def _mask_roads(text: str) -> str:
    """Road names masked (五一路 is no date), dialect day words made standard, counts of visits and
    questions about the day masked, offsets kept."""
    text = _ROAD.sub(lambda m: "路" * len(m.group(0)), text)
    text = _NOT_A_DAY.sub(lambda m: "路" * len(m.group(0)), text)
    text = _NEAR.sub(lambda m: "路" * len(m.group(0)), text)
    for word, standard in _DIALECT:
        text = text.replace(word, standard)
    return text


def _jionlp_times(text: str, now: datetime) -> list[dict]:
    # jionlp logs every candidate it fails to parse, with the message text, at ERROR level on the
    # root logger; resident text must not reach the logs, so logging is paused around the call.
    logging.disable(logging.ERROR)
    try:
        return jionlp.ner.extract_time(text, time_base=now.timestamp(), with_parsing=True)
    except Exception:  # jionlp raises on odd inputs; an unparsable date is just no date
        return []
    finally:
        logging.disable(logging.NOTSET)


def find_date(text: str, now: datetime, *, as_answer: bool = False) -> FoundDate | None:
    """The first past date in the text (the start of its range); future dates are ignored."""
    masked = _mask_roads(text)
    days = _days_ago(masked, now)
    if days:
        return days
    for item in _jionlp_times(masked, now):
        detail = item.get("detail") or {}
        times = detail.get("time")
        if detail.get("type") not in ("time_point", "time_span") or not isinstance(times, list):
            continue
        if item.get("text") in _PRESENT or str(item.get("text", ""))[:2] in _PRESENT:  # 现在一点(收入) is no time
            continue
        try:
            start = datetime.strptime(times[0], "%Y-%m-%d %H:%M:%S")
            end = datetime.strptime(times[-1], "%Y-%m-%d %H:%M:%S")
        except (ValueError, TypeError):
            continue
        if _TIME_OF_DAY.match(str(item.get("text", ""))) and not as_answer:
            continue   # 「夜里都不敢睡」: a time of day names no day
        if start.date() > now.date() and _BARE_WEEKDAY.match(str(item.get("text", ""))):
            start, end = start - timedelta(days=7), end - timedelta(days=7)   # 「礼拜天住进去的」: the last one
        coarse = (end - start) > timedelta(days=_COARSE_DAYS)
        since = _SINCE.search(str(item.get("text", ""))) or _SINCE.match(text[item["offset"][1]:item["offset"][1] + 3])
        month = timedelta(days=27) <= (end - start) <= timedelta(days=31)   # 「今年三月」 names a month: kept
        if start.date() > now.date() or start.year < now.year - 10 or (coarse and not as_answer and not since and not month):
            continue
        if coarse and says_unknown(text):   # 「去年查出来的，具体记不清」: no day to state
            return None
        return FoundDate(start.date(), tuple(item["offset"]), coarse)
    return _fallback(masked, now, as_answer)


_DAYS_AGO = re.compile(r"([0-9一二两三四五六七八九十]{1,3}?)([一二三四五六七八九])?天(了|前|以前|左右|$)")


def _days_ago(text: str, now: datetime) -> FoundDate | None:
    """「五六天了」, 「差不多六天」: so many days ago (the nearer bound of a range), approximate."""
    match = _DAYS_AGO.search(text)
    days = to_number(match.group(1)) if match else None
    if days and days <= 60:
        return FoundDate((now - timedelta(days=int(days))).date(), match.span(), True)
    return None


def _fallback(text: str, now: datetime, as_answer: bool) -> FoundDate | None:
    for pattern, day in _VAGUE:
        match = pattern.search(text)
        if match:
            return FoundDate(day(now).date(), match.span(), True)
    match = _MONTH_ONLY.search(text) if as_answer else None
    if match:
        month = to_number(match.group(1))
        if month and 1 <= month <= 12:
            year = now.year if int(month) <= now.month else now.year - 1
            return FoundDate(date(year, int(month), 1), match.span(), True)
    return None


def says_unknown(text: str) -> bool:
    return any(word in text for word in _UNKNOWN)
