"""What an intake still needs and how it reads back: the form's order and the summary to confirm."""
from __future__ import annotations

from typing import Any

from bot.domain.model import Cause, FactName, HardshipType, PriorityGroup, label_of
from bot.log_masking import mask
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
    """One fact as the resident reads it back: labels for codes, units for numbers; a value the
    resident could not give (待核实, 未提供…) as it is."""
    if value in (None, ""):
        return "（未填）"
    if name == FactName.CAUSE.value:
        return label_of(Cause, value)
    if name == FactName.PRIORITY_GROUP.value:
        return label_of(PriorityGroup, value)
    if name in (FactName.PHONE.value, FactName.ID_NUMBER.value):
        return mask(str(value))     # the digits needed to check it, not the number (#16 item 3)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if name == FactName.HOUSEHOLD_SIZE.value:
        return f"{int(number)}人"
    if name == FactName.HOUSEHOLD_INCOME.value and number == 0:
        return "没有收入"
    if name in (FactName.EXPENSE_AMOUNT.value, FactName.HOUSEHOLD_INCOME.value, FactName.LOSS_AMOUNT.value):
        text = f"{number:,.0f}元" if number == int(number) else f"{number:,.2f}元"
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
    kinds = "、".join(kind.label for kind in (result.hardship_type, *result.also))
    lines.append(f"· 初步判断：{kinds}" + ("（两种情形都有，一并核实）" if result.also else ""))
    lines.append("信息都对吗？对的话回复“对”，我马上提交；有错请直接告诉我哪里要改，比如“电话写错了，是138……”。")
    return "\n".join(lines)
