"""From intake facts to an Application, its assessment, and what the resident is told."""
from __future__ import annotations

from datetime import date
from typing import Any

from bot.domain.application import Application, PastAssistance
from bot.domain.model import Cause, CaseStatus, PriorityGroup
from bot.policy.assess import ApprovalLevel, Assessment
from bot.policy.regions import RegionConfigError, UnknownRegion
from bot.services.bootstrap import Deps
from bot.understanding.extract import NOT_GIVEN, UNKNOWN

RECEIVED = {CaseStatus.APPROVED.value, CaseStatus.PAID.value}


def _place(provenance: dict[str, Any], name: str) -> dict[str, Any]:
    return ((provenance.get(name) or {}).get("detail") or {}).get("place") or {}


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def application_from_intake(values: dict[str, Any], provenance: dict[str, Any], accepted_on: date,
                            past: list[PastAssistance] | tuple = ()) -> Application:
    hukou, event = _place(provenance, "hukou_place"), _place(provenance, "event_place")
    if not hukou and ((provenance.get("hukou_place") or {}).get("detail") or {}).get("same_as") == "event_place":
        hukou = event   # 「户口也在那」: the 户籍 place is the place of the event
    group = values.get("priority_group")
    event_date = values.get("event_date")
    size = _number(values.get("household_size"))
    return Application(
        cause=values.get("cause"),
        other_causes=tuple(values.get("other_causes") or ()),
        household_size=int(size) if size else None,
        priority_groups=(group,) if group and group != PriorityGroup.NONE.value else (),
        hukou_region=hukou.get("admin_code"),
        hukou_township=values.get("hukou_place") or hukou.get("text"),   # as the resident named it
        event_region=event.get("admin_code"),
        event_township=values.get("event_place") or event.get("text"),
        event_date=date.fromisoformat(event_date) if event_date and event_date not in (UNKNOWN, NOT_GIVEN) else None,
        accepted_on=accepted_on,
        monthly_income=_number(values.get("household_income")),
        expense_amount=_number(values.get("expense_amount")),
        past=tuple(past),
    )


def assess_intake(deps: Deps, application: Application, today: date) -> tuple[Assessment | None, dict[str, Any]]:
    """The assessment and its JSON for the case; for an unconfigured region, None and the reason."""
    named = application.hukou_region or application.event_region or application.hukou_township or application.event_township
    try:
        result = deps.policy.assess(application, today, None if named else deps.settings.default_region)
    except (UnknownRegion, RegionConfigError) as exc:
        return None, {"error": str(exc), "needs_checking": True}
    return result, result.as_dict()


def _documents(cause: str | None) -> str:
    try:
        return Cause(cause).documents
    except ValueError:
        return Cause.OTHER.documents


def resident_message(result: Assessment | None, cause: str | None = None) -> str:
    """What kind of help this looks like, who handles it, when, and what to prepare (by cause) —
    never an amount. Someone stranded away from home is pointed to the 救助管理站 (CN-2014-47)."""
    if result is None:
        return "您所在地区的政策数据还没有配置，工作人员会人工评估并联系您。"
    kind = result.conclusion("hardship_type")
    lines = [f"初步判断：{kind.text.removeprefix('困难类型：')}。"]
    acceptance = result.conclusion("acceptance")
    lines.append(acceptance.text.replace("受理：", "负责受理：") + "。")
    if result.first_aid:
        lines.append("急难情况可以先行救助，手续可以事后补齐。")
    if result.approval_level == ApprovalLevel.TOWNSHIP and result.decision_due:
        days = result.conclusion("deadline").data["working_days"]
        lines.append(f"一般在受理后{days}个工作日内（约{result.decision_due.month}月{result.decision_due.day}日前）办结。")
    elif result.approval_level == ApprovalLevel.COUNTY:
        lines.append("需要报县级民政部门审批，会尽快办理。")
    if cause == Cause.STRANDED.value:
        lines.append("在外地遇困、回不了家的，可以直接到当地救助管理站求助，提供临时食宿、医疗和返乡车票；身份证丢了可以事后补办。")
    identity = "" if cause == Cause.STRANDED.value else "身份证、户口本，以及"
    lines.append(f"请准备：{identity}{_documents(cause)}。救助金额由审批部门核定。")
    return "\n".join(lines)
