"""Casework commands on the desk: an action on a case (受理, 核实, 审批, 发放, 转办 …) if the rules
allow it, and revealing a masked number. The case applies the outcome and records the event; this
loads it, asks the rules, saves it in one transaction."""
from __future__ import annotations

from datetime import date
from typing import Any

from bot.domain.case import Case
from bot.domain.casework import Action, Refusal, Role, Staff, can_see
from bot.domain.casework_rules import check
from bot.policy.limits import DecisionLimits, decision_limits, decision_working_days
from bot.policy.routing import townships_of
from bot.services.access import visible_case
from bot.services.bootstrap import Deps
from bot.services import notices
from bot.services.errors import Forbidden


def limits_of(deps: Deps, case: Case) -> DecisionLimits | None:
    """The township limit and the cap of the case's region (None when the region is not configured)."""
    region = deps.policy.regions.find(case.region_code) if case.region_code else None
    return decision_limits(region, case.household.household_size) if region else None


def _state(deps: Deps, case: Case):
    limits = limits_of(deps, case)
    return case.state(limits.township_max if limits else None, limits.cap if limits else None, limits.rules if limits else {})


def _decision_due(deps: Deps, case: Case, accepted: date) -> date | None:
    """Working days from acceptance where the case's documents set them for its type and level
    (XC-2.2.2-township: 10, 支出型 on the township path); none stated otherwise."""
    level = (case.assessment or {}).get("approval_level")
    region = deps.policy.regions.find(case.region_code) if case.region_code else None
    days = decision_working_days(region, case.hardship_type, level) if region else None
    if days:
        return deps.policy.calendar.add_working_days(accepted, days)[0]
    return None


def _check_office(deps: Deps, case: Case, event: dict[str, Any]) -> None:
    """转办 (XC-2.4-onewindow): to another township of the same county, or to another county."""
    regions = deps.policy.regions
    to_county = event.get("to_county") or case.county_code
    to_township = event.get("to_township")
    county = regions.find(to_county) if to_county else None
    if county is None or county.code != to_county:
        raise Refusal("bad_office", "转办的目标县（区）不存在")
    if to_township and to_township not in townships_of(regions, to_county):
        raise Refusal("bad_office", f"{county.name}没有「{to_township}」")


def _check_assignee(uow, case: Case, username: str) -> None:
    """A case goes to a caseworker of the office that handles it (or of its county)."""
    account = uow.staff.by_username(username)
    if account is None or not account.active or account.role not in (Role.TOWNSHIP.value, Role.COUNTY.value) \
            or not can_see(account.staff, case.county_code, case.township):
        raise Refusal("bad_assignee", "没有这个经办人，或该经办人不负责本案所在辖区")


def act(deps: Deps, staff: Staff, number: str, action: str, params: dict[str, Any], today: date | None = None) -> dict[str, Any]:
    """Apply a casework action if the rules allow it; the change and its event commit together."""
    today = today or deps.today()
    try:
        chosen = Action(action)
    except ValueError:
        raise Refusal("unknown_action", f"未知的操作：{action}") from None
    with deps.uow() as uow:
        case = visible_case(uow, staff, number)
        outcome = check(chosen, _state(deps, case), staff, params or {})
        if chosen == Action.TRANSFER:
            _check_office(deps, case, outcome.event)
        if chosen == Action.ASSIGN:
            _check_assignee(uow, case, outcome.event["assignee"])
        due = _decision_due(deps, case, today) if chosen == Action.ACCEPT else None
        event = case.apply(chosen, outcome, staff.username, today, due)
        uow.cases.save(case)
        notices.queue(deps, uow, case, chosen.value, event)
        uow.commit()
        return {"case_number": case.case_number, "status": case.status, "status_label": outcome.status.label, "event": event}


def reveal(deps: Deps, staff: Staff, number: str, field: str) -> str:
    """The full phone or ID number; each look is an audit event on the case."""
    if field not in ("phone", "id_number"):
        raise Refusal("bad_field", "只能查看电话或身份证号")
    if staff.role == Role.ADMIN:
        raise Forbidden("管理员不能查看居民的完整号码")
    with deps.uow() as uow:
        case = visible_case(uow, staff, number)
        case.record(staff.username, "revealed", {"field": field})
        uow.cases.save(case)
        uow.commit()
        return getattr(case.household, field) or ""
