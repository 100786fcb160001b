"""Money on the desk: the monthly payment table (每月发放表) and the township reserve fund (备用金,
JX-2.3, XC-3.3). Exports and settings are audit events."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from bot.domain.casework import PaymentForm, Refusal, Role, Staff
from bot.domain.model import Cause, HardshipType, label_of
from bot.domain.money import ReserveFund, as_json, money
from bot.services.access import office_in_scope, scope_of
from bot.services.bootstrap import Deps
from bot.services.errors import Forbidden

PAYMENT_COLUMNS = ["序号", "案件编号", "县（区）", "乡镇（街道）", "救助对象", "家庭人口", "救助类型", "事由", "发放日期", "发放方式",
                   "实物", "金额（元）", "经办人"]


def _month_range(year: int, month: int) -> tuple[date, date]:
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise Refusal("bad_month", "年份或月份不正确")
    return date(year, month, 1), date(year + (month == 12), month % 12 + 1, 1)


def _county_name(deps: Deps, code: str | None) -> str:
    """The county as people name it (鄢陵县), not its code; the code when the regions do not know it."""
    region = deps.policy.regions.find(code) if code else None
    return region.name if region is not None and region.code == code else code or ""


def payment_table(deps: Deps, staff: Staff, year: int, month: int) -> list[list[Any]]:
    """每月发放表: one row per payment in the reader's scope; only what the table needs (no phone or
    ID number). The export is an audit event."""
    if staff.role == Role.OPERATOR:
        raise Forbidden("热线接线员不能导出发放表")
    start, end = _month_range(year, month)
    with deps.uow() as uow:
        rows, lines = [], uow.desk.payments(scope_of(staff), start, end)
        names = uow.staff.names({line.payment.recorded_by for line in lines})
        for i, line in enumerate(lines, 1):
            p, c = line.payment, line.case
            rows.append([i, c.case_number, _county_name(deps, c.county_code), p.township or "", c.applicant_name or "", c.household_size or "",
                         label_of(HardshipType, c.hardship_type), label_of(Cause, c.cause), p.paid_on.isoformat(),
                         label_of(PaymentForm, p.form), p.goods or "", p.amount, names.get(p.recorded_by, p.recorded_by)])
        uow.staff.audit(staff.username, "export_payments", {"year": year, "month": month, "rows": len(rows),
                                                             "scope": staff.office_label})
        uow.commit()
        return rows


@dataclass(frozen=True)
class ReserveFundView:
    county_code: str
    township: str
    year: int
    budget: Decimal | None
    last_year_use: Decimal | None
    floor: Decimal | None
    spent: Decimal
    remaining: Decimal | None
    warnings: list[dict[str, str]]


def _floor(deps: Deps, county_code: str, last_year_use: Decimal | None) -> tuple[Decimal | None, str]:
    """JX-2.3: not less than 40 % of last year's use; XC-3.3 sets no percentage."""
    region = deps.policy.regions.find(county_code)
    share = region.setting("reserve_fund_floor") if region else None
    if share is None or last_year_use is None:
        return None, "XC-3.3"
    return money(Decimal(str(share)) * last_year_use), "JX-2.3"


def reserve_fund(deps: Deps, staff: Staff, year: int, county_code: str | None = None,
                 township: str | None = None) -> ReserveFundView:
    """备用金: the budget, what has been paid in cash this year, what remains."""
    county_code, township = office_in_scope(deps.policy.regions, staff, county_code, township)
    with deps.uow() as uow:
        fund = uow.desk.reserve_fund(county_code, township, year)
        spent = uow.desk.spent(county_code, township, date(year, 1, 1), date(year + 1, 1, 1))
    budget = fund.budget if fund else None
    last = fund.last_year_use if fund else None
    floor, rule = _floor(deps, county_code, last)
    warnings = []
    if budget is not None and floor is not None and budget < floor:
        warnings.append({"rule_id": rule, "text": f"备用金原则上不低于上年度使用总量的40%（{floor:g}元）"})
    if budget is not None and spent > budget:
        warnings.append({"rule_id": rule, "text": "备用金已用完，应及时报账，县级可酌情追加"})
    return ReserveFundView(county_code, township, year, budget, last, floor, money(spent),
                           budget - money(spent) if budget is not None else None, warnings)


def set_reserve_fund(deps: Deps, staff: Staff, year: int, county_code: str, township: str,
                     budget: float, last_year_use: float) -> ReserveFundView:
    """Set by the county each January (JX-2.3, XC-3.3); the administrator manages accounts and decides nothing."""
    if staff.role != Role.COUNTY:
        raise Forbidden("只有县级民政部门可以核定备用金")
    county_code, township = office_in_scope(deps.policy.regions, staff, county_code, township)
    if budget < 0 or last_year_use < 0:
        raise Refusal("bad_amount", "金额不能为负数")
    with deps.uow() as uow:
        uow.desk.set_reserve_fund(ReserveFund(county_code, township, year, money(budget), money(last_year_use), staff.username))
        uow.staff.audit(staff.username, "reserve_fund_set", {"county": county_code, "township": township, "year": year,
                                                             "budget": as_json(money(budget))})
        uow.commit()
    return reserve_fund(deps, staff, year, county_code, township)
