"""Related cases (重复申报): finding them when a case is saved, and the caseworker's decision on a
warning — a duplicate is closed with a pointer to the case that goes on, the same incident links
both, or the warning is dismissed."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.domain.case import Case, event_day, normalise_case_number
from bot.domain.casework import Refusal, Staff, can_see, may_handle_cases
from bot.domain.matching import SAME_INCIDENT_DAYS, Match, related
from bot.services.access import visible_case
from bot.services.bootstrap import Deps
from bot.services.errors import NotFound
from bot.store.unit_of_work import UnitOfWork

LINK_KINDS = {"duplicate": "重复申请", "same_incident": "同一事件不同家庭", "dismiss": "不相关"}


def find_related(uow: UnitOfWork, case: Case) -> list[Match]:
    """Cases of the same household, or the same incident with another household, as warnings."""
    day = event_day(case.event_date)
    days = [(day + timedelta(days=k)).isoformat() for k in range(-SAME_INCIDENT_DAYS, SAME_INCIDENT_DAYS + 1)] if day else []
    return related(uow.cases.facts_for_matching(case), uow.cases.related_candidates(case, days))


def decide_related(deps: Deps, staff: Staff, number: str, other: str, kind: str, note: str = "") -> dict[str, Any]:
    """The caseworker's decision on a related-case warning (XC-2.3-frequency: a household's
    duplicate is paid and counted once)."""
    if kind not in LINK_KINDS:
        raise Refusal("bad_kind", "关联类型只能是重复申请、同一事件或不相关")
    may_handle_cases(staff)
    with deps.uow() as uow:
        case = visible_case(uow, staff, number)
        warned = {m.get("case_number") for m in case.related_cases or []}
        target = uow.cases.by_number(normalise_case_number(other))
        if target is None or (target.case_number not in warned and not can_see(staff, target.county_code, target.township, target.created_by)):
            raise NotFound()
        if target.id == case.id:
            raise Refusal("same_case", "不能与自身关联")
        data = {"other": target.case_number, "kind": kind, "label": LINK_KINDS[kind], "note": note[:500]}
        if kind == "duplicate":
            case.close_as_duplicate_of(target)
        case.record(staff.username, "related_" + kind, data)
        target.record(staff.username, "related_" + kind, {**data, "other": case.case_number, "from_other": True})
        uow.cases.save(case)
        uow.cases.save(target)
        uow.commit()
        return {"case_number": case.case_number, "status": case.status, **data}
