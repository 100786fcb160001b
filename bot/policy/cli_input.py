"""The what-if CLI's input: a JSON object with the fields of bot.domain.application.Application,
checked field by field. Every mistake is an `InputError` with a Chinese message naming the field
(negative amounts, a size given as text, priority groups as a string, an unknown group or cause,
a region code that is not 6, 9 or 12 digits, a past case without its date, a JSON array …)."""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from bot.domain.application import Application, PastAssistance
from bot.domain.model import Cause, PriorityGroup

REGION_FIELDS = ("hukou_region", "event_region")
TEXT_FIELDS = ("hukou_township", "event_township")
MONEY_FIELDS = {"monthly_income": "家庭月收入", "expense_amount": "支出金额", "requested_amount": "申请金额"}
BOOL_FIELDS = ("jiandang_lifted", "assets_within_rule", "fell_back_into_poverty")
DATE_FIELDS = ("event_date", "accepted_on")
CAUSES = {c.value for c in Cause}
GROUPS = {g.value for g in PriorityGroup} - {PriorityGroup.NONE.value}


class InputError(ValueError):
    """The application file is not usable; the message is for the person who wrote it."""


def _date(value: Any, where: str) -> date:
    if not isinstance(value, str):
        raise InputError(f"{where}：日期须写成 \"YYYY-MM-DD\" 字符串")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{where}：不是有效日期（YYYY-MM-DD）：{value}") from None


def _cause(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if value not in CAUSES:
        raise InputError(f"{where}：未知的困难原因 {value!r}（可选：{'、'.join(sorted(CAUSES))}）")
    return value


def _list(data: dict, name: str, allowed: set[str], what: str) -> tuple[str, ...]:
    value = data.get(name) or []
    if not isinstance(value, list):
        raise InputError(f"{name}：须为列表，例如 [\"dibao\"]，不能是{type(value).__name__}")
    for item in value:
        if item not in allowed:
            raise InputError(f"{name}：未知的{what} {item!r}（可选：{'、'.join(sorted(allowed))}）")
    return tuple(value)


def _number(value: Any, name: str, label: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"{name}（{label}）：须为数字，收到 {value!r}")
    if value < 0 or value != value or value in (float("inf"),):
        raise InputError(f"{name}（{label}）：不能为负数或无效数字，收到 {value!r}")
    return float(value)


def _size(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 50:
        raise InputError(f"household_size（家庭人口）：须为1到50之间的整数，收到 {value!r}")
    return value


def _region(value: Any, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"\d{6}|\d{9}|\d{12}", value):
        raise InputError(f"{name}：地区代码须为6、9或12位数字的字符串（如 \"411024\"），收到 {value!r}")
    return value


def _past(value: Any) -> tuple[PastAssistance, ...]:
    if not isinstance(value or [], list):
        raise InputError("past：须为列表（以往救助记录）")
    past = []
    for i, item in enumerate(value or []):
        where = f"past[{i}]"
        if not isinstance(item, dict):
            raise InputError(f"{where}：须为对象，包含 case_number、applied_on 等字段")
        for name in ("case_number", "applied_on"):
            if not item.get(name):
                raise InputError(f"{where}.{name}：缺少必填字段")
        received = item.get("received", True)
        if not isinstance(received, bool):
            raise InputError(f"{where}.received：须为 true 或 false")
        past.append(PastAssistance(str(item["case_number"]), _cause(item.get("cause"), f"{where}.cause"),
                                   _date(item["applied_on"], f"{where}.applied_on"), received))
    return tuple(past)


def application_from_json(data: Any) -> Application:
    """An Application from the parsed JSON, or an InputError naming the field."""
    if not isinstance(data, dict):
        raise InputError(f"文件内容须为一个 JSON 对象（{{...}}），收到的是{'数组' if isinstance(data, list) else type(data).__name__}")
    unknown = set(data) - set(Application.__dataclass_fields__)
    if unknown:
        raise InputError(f"未知字段 unknown fields: {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {"cause": _cause(data.get("cause"), "cause"),
                              "other_causes": tuple(_cause(c, "other_causes") for c in _list(data, "other_causes", CAUSES, "困难原因")),
                              "priority_groups": _list(data, "priority_groups", GROUPS, "优先人群"),
                              "household_size": _size(data.get("household_size")), "past": _past(data.get("past"))}
    values.update({name: _region(data.get(name), name) for name in REGION_FIELDS})
    values.update({name: _number(data.get(name), name, label) for name, label in MONEY_FIELDS.items()})
    values.update({name: _date(data[name], name) if data.get(name) is not None else None for name in DATE_FIELDS})
    for name in TEXT_FIELDS:
        if data.get(name) is not None and not isinstance(data[name], str):
            raise InputError(f"{name}：须为文字（地名）")
        values[name] = data.get(name)
    for name in BOOL_FIELDS:
        if data.get(name) is not None and not isinstance(data[name], bool):
            raise InputError(f"{name}：须为 true、false 或 null")
        if name in data:
            values[name] = data[name]
    return Application(**values)
