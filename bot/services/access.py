"""The one access check of the desk: which case a reader may open (scope, 辖区) and which office
they may act for. A case outside the reader's scope is reported exactly like a case that does not
exist (NotFound)."""
from __future__ import annotations

from bot.domain.case import Case, normalise_case_number
from bot.domain.casework import Refusal, Role, Staff, can_see, scope_of
from bot.policy.routing import townships_of
from bot.policy.regions import RegionBook
from bot.services.errors import NotFound
from bot.store.unit_of_work import UnitOfWork

__all__ = ["visible_case", "office_in_scope", "scope_of"]


def visible_case(uow: UnitOfWork, staff: Staff, number: str) -> Case:
    case = uow.cases.by_number(normalise_case_number(number))
    if case is None or not can_see(staff, case.county_code, case.township, case.created_by):
        raise NotFound()
    return case


def office_in_scope(regions: RegionBook, staff: Staff, county_code: str | None, township: str | None) -> tuple[str, str]:
    """The office (county, township) a money view or setting is for: the reader's own by default,
    and only one inside their scope that exists."""
    county_code = county_code or staff.county_code
    township = township or staff.township
    if not county_code or not township:
        raise Refusal("bad_office", "请指定县（区）和乡镇（街道）")
    if staff.role == Role.OPERATOR or not can_see(staff, county_code, township):
        raise NotFound()
    if township not in townships_of(regions, county_code):
        raise NotFound()
    return county_code, township
