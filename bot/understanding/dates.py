"""When the hardship happened: relative and absolute dates (昨晚, 前天, 上个月底, 3月5号) via jionlp."""
from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta

import jionlp

_UNKNOWN = ("不记得", "记不清", "不清楚", "忘了", "不知道")
# Vague phrases jionlp does not parse, with the day they are taken to mean (kept as approximate).
_VAGUE = [
    (re.compile(r"上个?月(?![初中底末旬])"), lambda now: (now.replace(day=1) - timedelta(days=1)).replace(day=1)),
    (re.compile(r"前几天|前些天|这几天|前两天"), lambda now: now - timedelta(days=3)),
]


def find_event_date(text: str, now: datetime) -> tuple[date, tuple[int, int]] | None:
    """The first past date in the text (the start of its range); future dates are ignored."""
    # jionlp logs every candidate it fails to parse, with the message text, at ERROR level on the
    # root logger; resident text must not reach the logs, so logging is paused around the call.
    logging.disable(logging.ERROR)
    try:
        found = jionlp.ner.extract_time(text, time_base=now.timestamp(), with_parsing=True)
    except Exception:  # jionlp raises on odd inputs; an unparsable date is just no date
        return None
    finally:
        logging.disable(logging.NOTSET)
    for item in found:
        detail = item.get("detail") or {}
        times = detail.get("time")
        if detail.get("type") not in ("time_point", "time_span") or not isinstance(times, list):
            continue
        try:
            start = datetime.strptime(times[0], "%Y-%m-%d %H:%M:%S").date()
        except (ValueError, TypeError):
            continue
        if start > now.date() or start.year < now.year - 5:
            continue
        return start, tuple(item["offset"])
    for pattern, day in _VAGUE:
        match = pattern.search(text)
        if match:
            return day(now).date(), match.span()
    return None


def says_unknown(text: str) -> bool:
    return any(word in text for word in _UNKNOWN)
