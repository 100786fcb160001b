"""What an intake still needs and how it reads back: the form's order and the summary to confirm."""
from __future__ import annotations

from typing import Any

from bot.domain.model import Cause, FactName, HardshipType, PriorityGroup
from bot.policy import classify

BASE_ORDER = [
    FactName.CAUSE,
    FactName.EVENT_PLACE,
    FactName.EVENT_DATE,
    FactName.HUKOU_PLACE,
    FactName.HOUSEHOLD_SIZE,
    FactName.APPLICANT_NAME,
    FactName.PHONE,
    FactName.ID_NUMBER,
    FactName.PRIORITY_GROUP,
]
EXPENDITURE_EXTRA = [FactName.EXPENSE_AMOUNT, FactName.HOUSEHOLD_INCOME]


def needs_expenditure_facts(values: dict[str, Any]) -> bool:
    result = classify(values.get("cause"), values.get("other_causes") or ())
    return HardshipType.EXPENDITURE in (result.hardship_type, *result.also)


def required_facts(values: dict[str, Any]) -> list[str]:
    """All facts the form must hold for this request, in the order it asks for them."""
    order = list(BASE_ORDER)
    if needs_expenditure_facts(values):
        order += EXPENDITURE_EXTRA
    return [name.value for name in order]


def missing_facts(values: dict[str, Any]) -> list[str]:
    return [name for name in required_facts(values) if values.get(name) in (None, "")]


def _display(name: str, value: Any) -> str:
    if value in (None, ""):
        return "（未填）"
    if name == FactName.CAUSE.value:
        try:
            return Cause(value).label
        except ValueError:
            return str(value)
    if name == FactName.PRIORITY_GROUP.value:
        try:
            return PriorityGroup(value).label
        except ValueError:
            return str(value)
    if name == FactName.HOUSEHOLD_SIZE.value:
        return f"{int(float(value))}人"
    if name in (FactName.EXPENSE_AMOUNT.value, FactName.HOUSEHOLD_INCOME.value, FactName.LOSS_AMOUNT.value):
        amount = float(value)
        text = f"{amount:,.0f}元" if amount == int(amount) else f"{amount:,.2f}元"
        return ("每月" + text) if name == FactName.HOUSEHOLD_INCOME.value else text
    return str(value)


def summary(values: dict[str, Any]) -> str:
    """The read-back before saving, one line per fact, in plain Chinese."""
    result = classify(values.get("cause"), values.get("other_causes") or ())
    lines = ["请核对您的信息："]
    for name in required_facts(values):
        lines.append(f"· {FactName(name).label}：{_display(name, values.get(name))}")
    if values.get("description"):
        lines.append(f"· 情况说明：{str(values['description'])[:80]}")
    lines.append(f"· 初步判断：{result.hardship_type.label}")
    lines.append("信息都对吗？对的话回复“对”，我马上提交；有错请直接告诉我哪里要改，比如“电话写错了，是138……”。")
    return "\n".join(lines)
