"""Helpers for bench/conversations.py: reading the assistant's replies (which question it asks, the
read-back lines, a case number, a referral offer), judging a read-back value against what a
scripted resident expects (bench/residents.yml explains the expectation forms), and the printed
report."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from bot.domain.model import Cause, FactName, PriorityGroup, label_of
from bot.services.questions import QUESTIONS

READBACK_MARK = "请核对您的信息"
CASE_MARK = "案件编号"
TYPE_LABEL = "初步判断"
HARDSHIP_LABELS = ("急难型", "支出型")
FACTS = ["cause", "event_place", "event_date", "hukou_place", "household_size", "applicant_name", "phone",
         "id_number", "priority_group", "expense_amount", "household_income"]
PLACES = {"event_place", "hukou_place"}
MONEY = {"expense_amount", "household_income"}
DIGITS = {"phone", "id_number"}
NOT_GIVEN = {"未提供", "暂不提供", "不愿提供"}
LABELS = {FactName(name).label: name for name in FACTS} | {TYPE_LABEL: "hardship"}
RESIDENT_KEYS = {"id", "style", "patterns", "opening", "answers", "followups", "at_readback", "referral_reply",
                 "after_case", "expect"}


def load_residents(path: Path, only: list[str] | None = None, pattern: str | None = None) -> list[dict]:
    """The scripted residents, checked for unknown keys and facts, filtered by id or pattern tag."""
    residents = yaml.safe_load(path.read_text(encoding="utf-8"))
    seen: set[str] = set()
    for resident in residents:
        rid = resident.get("id")
        problems = [f"unknown key {k}" for k in resident if k not in RESIDENT_KEYS]
        problems += [f"unknown fact {k}" for k in {**resident.get("answers", {}), **resident.get("followups", {})}
                     if k not in FACTS]
        problems += [f"unknown expectation {k}" for k in resident.get("expect", {})
                     if k not in FACTS and k not in ("hardship", "handover")]
        texts = [*resident.get("opening", []), *resident.get("at_readback", []), *resident.get("after_case", []),
                 *[v for a in resident.get("answers", {}).values() for v in (a if isinstance(a, list) else [a])]]
        problems += [f"not a text: {v!r} (quote it)" for v in texts if not isinstance(v, str)]
        problems += ["duplicate id"] if rid in seen else []
        problems += ["no expect"] if not resident.get("expect") else []
        if not rid or problems:
            raise ValueError(f"resident {rid!r} in {path.name}: {', '.join(problems) or 'no id'}")
        seen.add(rid)
    if only:
        unknown = set(only) - seen
        if unknown:
            raise ValueError(f"no resident with id {', '.join(sorted(unknown))}")
        residents = [r for r in residents if r["id"] in only]
    if pattern:
        residents = [r for r in residents if pattern in r.get("patterns", [])]
    return residents


def today_shanghai() -> date:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


def _question_head(question: str) -> str:
    """The first clause of a question (up to its first ？ or 。), enough to recognise a re-worded ask."""
    head = re.split(r"(?<=[？?。])", question, maxsplit=1)[0]
    return head if len(head) >= 6 else question


def detect_question(messages: list[str], facts_only: bool = False) -> str | None:
    """The fact (or status field) the assistant asks for: the last message holding a known question."""
    for text in reversed(messages):
        for name, question in QUESTIONS.items():
            if facts_only and name not in FACTS:
                continue
            if question in text or _question_head(question) in text:
                return name
    return None


def parse_readback(text: str) -> dict[str, str]:
    """`· 标签：值` lines of the read-back, by fact name (plus `hardship` for 初步判断)."""
    start = text.rfind(READBACK_MARK)
    found: dict[str, str] = {}
    for line in text[start:].splitlines():
        match = re.match(r"\s*[·•]\s*([^：:]+)[：:]\s*(.*)$", line)
        if match and match.group(1).strip() in LABELS:
            found[LABELS[match.group(1).strip()]] = match.group(2).strip()
    return found


def case_number_in(text: str) -> str | None:
    """The number of a case just saved (「案件编号是 LS…」); a question about a case number is not one."""
    match = re.search(CASE_MARK + r"[^A-Za-z0-9，。]{0,4}(LS\d+)", text)
    return match.group(1) if match else None


def is_referral_offer(text: str) -> bool:
    return "同意" in text and ("转介" in text or "机构" in text) and "·" in text


def is_explicit_consent(reply: Any) -> bool:
    texts = reply if isinstance(reply, list) else [reply or ""]
    return any("同意" in t and "不同意" not in t for t in texts)


def _number(text: str) -> float | None:
    if any(word in text for word in ("没有收入", "无收入", "没收入")):
        return 0.0
    match = re.search(r"(\d+(?:\.\d+)?)\s*(万)?", text.replace(",", "").replace("，", ""))
    if not match:
        return None
    return float(match.group(1)) * (10000 if match.group(2) else 1)


def _digits_agree(expected: str, got: str) -> bool:
    """Digits equal; a masked value (*) is right when every visible digit agrees."""
    want = re.sub(r"[^0-9Xx]", "", expected).upper()
    shown = re.sub(r"[^0-9Xx*＊]", "", got).upper().replace("＊", "*")
    return (len(shown) == len(want) and any(c != "*" for c in shown)
            and all(s in ("*", w) for s, w in zip(shown, want)))


def _resolve_day(month: int, day: int, today: date) -> date:
    """MM-DD in the current year, or last year when that day is still to come."""
    candidate = date(today.year, month, day)
    return candidate if candidate <= today else date(today.year - 1, month, day)


def _date_ok(expected: str, got: str, today: date) -> bool:
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", got)
    if not match:
        return False
    shown = date(*map(int, match.groups()))
    if expected.startswith("today"):
        return shown == today - timedelta(days=int(expected[6:] or 0))
    if expected.startswith("month:"):
        month = int(expected[6:])
        year = today.year if month <= today.month else today.year - 1
        return (shown.year, shown.month) == (year, month)
    month, day = map(int, expected.split("-"))
    return shown == _resolve_day(month, day, today)


def _one(name: str, expected: Any, got: str, today: date) -> bool:
    if expected == "待核实":
        return "待核实" in got
    if expected == "未提供":
        return got.startswith(tuple(NOT_GIVEN))   # 未提供（本人不愿提供） is fine too
    if name in PLACES:
        return re.sub(r"\s", "", str(expected)) in re.sub(r"\s", "", got)
    if name == "household_size":
        return _number(got) == float(expected)
    if name in MONEY:
        value = _number(got)
        if value is None:
            return False
        if isinstance(expected, dict):
            low, high = expected["between"]
            return low <= value <= high
        return value == float(expected)
    if name in DIGITS:
        return _digits_agree(str(expected), got)
    if name == "cause":
        return label_of(Cause, expected) in got
    if name == "priority_group":
        return PriorityGroup(expected).label in got
    if name == "event_date":
        return _date_ok(str(expected), got, today)
    return re.sub(r"[（(][^）)]*[）)]$", "", got).strip() == str(expected)   # 杨（全名待核实） reads 杨


def fact_ok(name: str, expected: Any, got: str | None, today: date) -> bool:
    """A list of expectations means any of them is acceptable."""
    if got is None:
        return False
    options = expected if isinstance(expected, list) else [expected]
    return any(_one(name, option, got.strip(), today) for option in options)


def hardship_ok(expected: Any, got: str | None) -> bool:
    """Compared as the set of type labels (急难型 / 支出型) the 初步判断 line shows."""
    shown = {label for label in HARDSHIP_LABELS if label in (got or "")}
    options = expected if isinstance(expected, list) else [expected]
    return any(set(filter(None, re.split(r"[、，,和/\s]+", option))) == shown for option in options)


def failures(record: dict) -> list[str]:
    """What went wrong for one resident, one short phrase each."""
    if record["readback"] is None and not record["handover"]:
        wrong = [f"no read-back ({record['stop_reason']})"]
    else:
        wrong = [f"{name}: want {c['expected']} got {c['got']}" for name, c in record.get("checks", {}).items()
                 if not c["ok"]]
    if "hardship" in record and not record["hardship"]["ok"] and record["readback"] is not None:
        wrong.append(f"type: want {record['hardship']['expected']} got {record['hardship']['got']}")
    if not record["case_number"] and (record["readback"] is not None or record["handover"]):
        wrong.append(f"no case ({record['stop_reason']})")
    if record["nudged"]:
        wrong.append("the assistant did not answer a message (the cause was repeated)")
    if record["unscripted"]:
        wrong.append(f"asked unscripted {record['unscripted']}")
    if record.get("referral_without_yes"):
        wrong.append("REFERRAL WITHOUT AN EXPLICIT YES")
    return wrong + record["traps"]


def report(summary: dict, records: list[dict]) -> None:
    print(f"\nresidents: {summary['residents']}   ended in a case: {summary['ended_in_case_pct']}%   "
          f"reached a read-back: {summary['reached_readback_pct']}%")
    print(f"every read-back fact right (and the type): {summary['all_readback_facts_right_pct']}%   "
          f"hardship type: {summary['hardship_type_accuracy']}   hand-overs right: {summary['handovers_right']}")
    print("per fact: " + "  ".join(f"{k} {v}" for k, v in summary["field_accuracy"].items()))
    print(f"referrals without an explicit yes: {summary['referrals_without_explicit_yes']} (must be 0)   "
          f"explicit yes but no referral: {summary['explicit_yes_without_referral']}   "
          f"dialogue traps: {summary['dialogue_traps']}")
    print(f"residents asked something unscripted: {summary['residents_with_unscripted_questions']}   asked a fact "
          f"again: {summary['residents_asked_a_fact_again']}   got no answer to a message: "
          f"{summary['residents_the_assistant_did_not_answer']}")
    print("failing residents:")
    for record in records:
        if not record["all_right"] or record.get("referral_without_yes"):
            print(f"  {record['id']}: " + "; ".join(failures(record)))
