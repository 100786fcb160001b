"""Casework on the desk (经办): roles, the one access rule (`Scope`, who may see a case), and the
statuses each action starts from; `bot.domain.casework_rules.check` decides one action and
`Case.apply` (bot.domain.case) changes the case. Pure."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any

from bot.domain.model import CaseStatus, HardshipType


class Role(str, Enum):
    """Desk roles (岗位)."""

    OPERATOR = "operator"      # 热线接线员: takes calls, creates cases
    TOWNSHIP = "township"      # 乡镇（街道）经办人
    COUNTY = "county"          # 县级民政部门审批人
    ADMIN = "admin"            # 系统管理员: sees everything, decides nothing

    @property
    def label(self) -> str:
        return {"operator": "热线接线员", "township": "乡镇（街道）经办人", "county": "县级民政审批人", "admin": "系统管理员"}[self.value]


@dataclass(frozen=True)
class Staff:
    username: str
    name: str
    role: Role
    county_code: str | None = None
    township: str | None = None

    @property
    def office_label(self) -> str:
        return self.township or self.county_code or "全部"


@dataclass(frozen=True)
class Scope:
    """Which cases a reader may see (辖区): everything, a county, a township of a county, or the
    cases they created. The store turns it into a query; `allows` decides for one case."""

    county_code: str | None = None
    township: str | None = None
    created_by: str | None = None
    everything: bool = False

    def allows(self, county_code: str | None, township: str | None, created_by: str | None = None) -> bool:
        if self.everything:
            return True
        if self.created_by is not None:
            return created_by == self.created_by
        if self.township is not None:
            return bool(township) and county_code == self.county_code and township == self.township
        return bool(county_code) and county_code == self.county_code


def scope_of(staff: Staff) -> Scope:
    """A township sees its own township's cases, a county its county's, an operator the cases they
    created, an administrator all."""
    if staff.role == Role.ADMIN:
        return Scope(everything=True)
    if staff.role == Role.COUNTY:
        return Scope(county_code=staff.county_code or "")
    if staff.role == Role.TOWNSHIP:
        return Scope(county_code=staff.county_code, township=staff.township or "")
    return Scope(created_by=staff.username)


def can_see(staff: Staff, county_code: str | None, township: str | None, created_by: str | None = None) -> bool:
    return scope_of(staff).allows(county_code, township, created_by)


def may_handle_cases(staff: Staff, what: str = "办理案件") -> None:
    """Only township and county caseworkers act on cases (an operator takes calls, an administrator
    decides nothing)."""
    if staff.role not in (Role.TOWNSHIP, Role.COUNTY):
        raise Refusal("role", f"{staff.role.label}不能{what}")


class Action(str, Enum):
    ACCEPT = "accept"
    REQUEST_INFO = "request_info"
    VERIFY = "verify"
    APPROVE = "approve"
    REJECT = "reject"
    PAY = "pay"
    TRANSFER = "transfer"
    COMPLETE_PAPERWORK = "complete_paperwork"
    CLOSE = "close"
    ESCALATE = "escalate"
    ASSIGN = "assign"
    NOTE = "note"

    @property
    def label(self) -> str:
        return {"accept": "受理", "request_info": "请居民补充材料", "verify": "核实完成", "approve": "审批同意",
                "reject": "不予救助", "pay": "登记发放", "transfer": "转办", "complete_paperwork": "补齐先行救助手续",
                "close": "办结", "escalate": "报县级审批", "assign": "分派经办人", "note": "添加备注"}[self.value]


class PaymentForm(str, Enum):
    CASH = "cash"
    IN_KIND = "in_kind"

    @property
    def label(self) -> str:
        return {"cash": "现金", "in_kind": "实物"}[self.value]


class Refusal(Exception):
    """The rules refuse this action; `message` is for the caseworker, `rule_id` is the basis."""

    def __init__(self, code: str, message: str, rule_id: str | None = None):
        super().__init__(message)
        self.code, self.message, self.rule_id = code, message, rule_id


@dataclass(frozen=True)
class CaseState:
    status: CaseStatus
    hardship_type: HardshipType
    first_aid: bool
    paperwork_done: bool
    approved_amount: Decimal | None
    paid_total: Decimal
    township_max: float | None
    cap: float | None
    rules: dict[str, str] = field(default_factory=dict)   # purpose -> rule id, from the region's documents

    def rule(self, purpose: str) -> str | None:
        """The rule id a refusal cites for `purpose` (township, verification, major, staged,
        paperwork), as the case's policy documents name it; None where they have none."""
        return self.rules.get(purpose)


@dataclass(frozen=True)
class Outcome:
    status: CaseStatus
    event: dict[str, Any] = field(default_factory=dict)


S = CaseStatus
STARTS_FROM: dict[Action, set[CaseStatus]] = {
    Action.ACCEPT: {S.SUBMITTED, S.NEEDS_HUMAN},
    Action.REQUEST_INFO: {S.ACCEPTED, S.VERIFIED, S.INFO_REQUESTED, S.ESCALATED},
    Action.VERIFY: {S.ACCEPTED, S.INFO_REQUESTED},
    Action.APPROVE: {S.VERIFIED, S.ACCEPTED, S.ESCALATED},
    Action.REJECT: {S.ACCEPTED, S.VERIFIED, S.INFO_REQUESTED, S.ESCALATED},
    Action.ESCALATE: {S.ACCEPTED, S.VERIFIED},
    Action.ASSIGN: set(CaseStatus) - {S.CLOSED},
    Action.NOTE: set(CaseStatus),
    Action.PAY: {S.APPROVED, S.PAID},
    Action.TRANSFER: {S.SUBMITTED, S.NEEDS_HUMAN, S.ACCEPTED, S.INFO_REQUESTED, S.VERIFIED},
    Action.COMPLETE_PAPERWORK: {S.APPROVED, S.PAID, S.CLOSED},
    Action.CLOSE: {S.PAID, S.REJECTED, S.APPROVED},
}


ONLY = {Action.ESCALATE: {Role.TOWNSHIP}}   # actions only some roles take


def allowed_actions(staff: Staff, status: CaseStatus) -> list[Action]:
    """The actions the desk offers for a case in `status` (the rules may still refuse one)."""
    if staff.role not in (Role.TOWNSHIP, Role.COUNTY):
        return []
    return [a for a in Action if status in STARTS_FROM[a] and staff.role in ONLY.get(a, {staff.role})]
