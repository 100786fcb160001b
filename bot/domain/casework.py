"""Casework on the desk (经办): roles, the one access rule (`Scope`, who may see a case), and the
rules that allow or refuse each action (`check`, one small function per action, each refusal with
its reason in Chinese and its rule id). Pure; `Case.apply` (bot.domain.case) then changes the case."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from bot.domain.model import CaseStatus, HardshipType
from bot.domain.money import as_json, money


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

    @property
    def label(self) -> str:
        return {"accept": "受理", "request_info": "请居民补充材料", "verify": "核实完成", "approve": "审批同意",
                "reject": "不予救助", "pay": "登记发放", "transfer": "转办", "complete_paperwork": "补齐先行救助手续",
                "close": "办结"}[self.value]


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
    township_rule: str = "XC-2.2.2-township"
    policy_text: str = "XC"

    def rule(self, xc: str, jx: str | None) -> str | None:
        return xc if self.policy_text == "XC" else jx


@dataclass(frozen=True)
class Outcome:
    status: CaseStatus
    event: dict[str, Any] = field(default_factory=dict)


S = CaseStatus
_FROM: dict[Action, set[CaseStatus]] = {
    Action.ACCEPT: {S.SUBMITTED, S.NEEDS_HUMAN},
    Action.REQUEST_INFO: {S.ACCEPTED, S.VERIFIED, S.INFO_REQUESTED},
    Action.VERIFY: {S.ACCEPTED, S.INFO_REQUESTED},
    Action.APPROVE: {S.VERIFIED, S.ACCEPTED},
    Action.REJECT: {S.ACCEPTED, S.VERIFIED, S.INFO_REQUESTED},
    Action.PAY: {S.APPROVED, S.PAID},
    Action.TRANSFER: {S.SUBMITTED, S.NEEDS_HUMAN, S.ACCEPTED, S.INFO_REQUESTED, S.VERIFIED},
    Action.COMPLETE_PAPERWORK: {S.APPROVED, S.PAID, S.CLOSED},
    Action.CLOSE: {S.PAID, S.REJECTED, S.APPROVED},
}


def allowed_actions(staff: Staff, status: CaseStatus) -> list[Action]:
    """The actions the desk offers for a case in `status` (the rules may still refuse one)."""
    if staff.role not in (Role.TOWNSHIP, Role.COUNTY):
        return []
    return [a for a in Action if status in _FROM[a]]


def _text(params: dict[str, Any], name: str, what: str) -> str:
    value = str(params.get(name) or "").strip()
    if not value:
        raise Refusal("missing_" + name, f"请填写{what}")
    if len(value) > 2000:
        raise Refusal("too_long_" + name, f"{what}太长（最多2000字）")
    return value


def _amount(params: dict[str, Any]) -> Decimal:
    """The amount typed, exact to the fen (more decimals are refused, not rounded away)."""
    try:
        value = Decimal(str(params.get("amount")).strip())
    except (InvalidOperation, ValueError):
        raise Refusal("bad_amount", "请填写正确的金额（元）") from None
    if not value.is_finite() or not value > 0 or value > 10_000_000:
        raise Refusal("bad_amount", "金额必须大于0且在合理范围内")
    if value != money(value):
        raise Refusal("bad_amount", "金额最多精确到分（两位小数）")
    return money(value)


def _approve(state: CaseState, staff: Staff, params: dict[str, Any]) -> Outcome:
    """审批: 支出型 only after verification (XC-2.2.2); above the cap only with 一事一议 (XC-2.3-major);
    a township only within its delegated limit."""
    emergency = state.hardship_type == HardshipType.EMERGENCY
    if state.status == S.ACCEPTED and not emergency:
        raise Refusal("needs_verification", "支出型须先调查核实再审批", state.rule("XC-2.2.2", "JX-2.2-expenditure"))
    amount = _amount(params)
    form = params.get("form") or "cash"
    if form not in {f.value for f in PaymentForm}:
        raise Refusal("bad_form", "发放方式只能是现金或实物")
    record = str(params.get("major_record") or "").strip()
    if state.cap is not None and amount > state.cap and not record:
        raise Refusal("above_cap", f"金额超过上限{state.cap:g}元，须附一事一议记录", "XC-2.3-major")
    if staff.role == Role.TOWNSHIP and (state.township_max is None or amount > state.township_max):
        limit = "本地区未委托乡镇审批" if state.township_max is None else f"乡镇审批权限为{state.township_max:g}元以内"
        raise Refusal("above_township_level", f"{limit}，请转县级民政部门审批", state.township_rule)
    event = {"amount": as_json(amount), "form": form, "reason": str(params.get("reason") or "").strip()}
    if record:
        event["major_record"] = record
    if state.status == S.ACCEPTED:
        event["first_aid"] = True
    return Outcome(S.APPROVED, event)


def _pay(state: CaseState, staff: Staff, params: dict[str, Any]) -> Outcome:
    """发放: never more than approved, in stages if need be (XC-2.2.1-staged)."""
    amount = _amount(params)
    form = params.get("form") or "cash"
    if form not in {f.value for f in PaymentForm}:
        raise Refusal("bad_form", "发放方式只能是现金或实物")
    if state.approved_amount is None or money(state.paid_total) + amount > money(state.approved_amount):
        left = money(state.approved_amount) - money(state.paid_total)
        raise Refusal("above_approved", f"发放金额超过审批金额（尚可发放{left:g}元）", state.rule("XC-2.2.1-staged", None))
    event = {"amount": as_json(amount), "form": form}
    if form == PaymentForm.IN_KIND.value:
        event["goods"] = _text(params, "goods", "实物名称和数量")
    return Outcome(S.PAID, event)


def _complete_paperwork(state: CaseState, staff: Staff, params: dict[str, Any]) -> Outcome:
    if not state.first_aid:
        raise Refusal("not_first_aid", "只有先行救助的案件需要补齐手续")
    if state.paperwork_done:
        raise Refusal("paperwork_done", "手续已补齐")
    return Outcome(state.status, {"note": _text(params, "note", "补齐的材料或集体研究会议记录")})


def _close(state: CaseState, staff: Staff, params: dict[str, Any]) -> Outcome:
    """办结: an approved case is paid first; a 先行救助 case has its paperwork (XC-2.2.1-complete)."""
    if state.status == S.APPROVED and state.paid_total == 0:
        raise Refusal("not_paid", "已审批的案件须先登记发放才能办结")
    if state.first_aid and not state.paperwork_done:
        raise Refusal("paperwork_missing", "先行救助的案件须先补齐手续才能办结", state.rule("XC-2.2.1-complete", "JX-2.2-complete"))
    return Outcome(S.CLOSED, {"note": str(params.get("note") or "").strip()})


def _transfer(state: CaseState, staff: Staff, params: dict[str, Any]) -> Outcome:
    return Outcome(S.SUBMITTED, {"reason": _text(params, "reason", "转办理由"),
                                 "to_township": str(params.get("to_township") or "").strip() or None,
                                 "to_county": str(params.get("to_county") or "").strip() or None})


_RULES = {
    Action.ACCEPT: lambda state, staff, params: Outcome(S.ACCEPTED),
    Action.REQUEST_INFO: lambda state, staff, params: Outcome(S.INFO_REQUESTED, {"question": _text(params, "question", "要请居民补充的内容")}),
    Action.VERIFY: lambda state, staff, params: Outcome(S.VERIFIED, {"note": str(params.get("note") or "").strip()}),
    Action.APPROVE: _approve,
    Action.REJECT: lambda state, staff, params: Outcome(S.REJECTED, {"reason": _text(params, "reason", "不予救助的理由")}),
    Action.PAY: _pay,
    Action.TRANSFER: _transfer,
    Action.COMPLETE_PAPERWORK: _complete_paperwork,
    Action.CLOSE: _close,
}


def check(action: Action, state: CaseState, staff: Staff, params: dict[str, Any]) -> Outcome:
    """The outcome of `action` on a case in `state`, or a Refusal saying why not."""
    may_handle_cases(staff)
    if state.status not in _FROM[action]:
        if state.status == S.CLOSED:
            raise Refusal("closed", "案件已办结，不能再" + action.label)
        raise Refusal("status", f"案件当前状态为「{state.status.label}」，不能{action.label}")
    return _RULES[action](state, staff, params)
