"""The rules of each casework action (`check`): one small function per action, each refusal with
its reason in Chinese and the rule id it rests on, as the case's policy documents name it
(`CaseState.rules`, passed in by the service). Pure; the case applies what they allow."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from bot.domain.casework import STARTS_FROM, Action, CaseState, Outcome, PaymentForm, Refusal, Role, Staff, may_handle_cases
from bot.domain.model import CaseStatus as S
from bot.domain.model import HardshipType
from bot.domain.money import as_json, money


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
    if state.status == S.ESCALATED and staff.role != Role.COUNTY:
        raise Refusal("escalated", "已报县级审批，等待县级民政部门审批", state.rule("township"))
    if state.status == S.ACCEPTED and not emergency:
        raise Refusal("needs_verification", "支出型须先调查核实再审批", state.rule("verification"))
    amount = _amount(params)
    form = params.get("form") or "cash"
    if form not in {f.value for f in PaymentForm}:
        raise Refusal("bad_form", "发放方式只能是现金或实物")
    record = str(params.get("major_record") or "").strip()
    if state.cap is not None and amount > state.cap and not record:
        raise Refusal("above_cap", f"金额超过上限{state.cap:g}元，须附一事一议记录", state.rule("major"))
    if staff.role == Role.TOWNSHIP and (state.township_max is None or amount > state.township_max):
        limit = "本地区未委托乡镇审批" if state.township_max is None else f"乡镇审批权限为{state.township_max:g}元以内"
        raise Refusal("above_township_level", f"{limit}，请转县级民政部门审批", state.rule("township"))
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
        raise Refusal("above_approved", f"发放金额超过审批金额（尚可发放{left:g}元）", state.rule("staged"))
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
        raise Refusal("paperwork_missing", "先行救助的案件须先补齐手续才能办结", state.rule("paperwork"))
    return Outcome(S.CLOSED, {"note": str(params.get("note") or "").strip()})


def _transfer(state: CaseState, staff: Staff, params: dict[str, Any]) -> Outcome:
    return Outcome(S.SUBMITTED, {"reason": _text(params, "reason", "转办理由"),
                                 "to_township": str(params.get("to_township") or "").strip() or None,
                                 "to_county": str(params.get("to_county") or "").strip() or None})


def _escalate(state: CaseState, staff: Staff, params: dict[str, Any]) -> Outcome:
    """报县级审批: a township that may not approve (the amount is above its delegated limit, or the
    county did not delegate) sends the case up with its opinion (XC-2.2.2-county, JX-2.3-levels)."""
    if staff.role != Role.TOWNSHIP:
        raise Refusal("role", "只有乡镇（街道）报县级审批")
    event = {"opinion": _text(params, "opinion", "乡镇（街道）意见")}
    if params.get("amount") not in (None, ""):
        event["amount"] = as_json(_amount(params))
    return Outcome(S.ESCALATED, event)


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
    Action.ESCALATE: _escalate,
    Action.ASSIGN: lambda state, staff, params: Outcome(state.status, {"assignee": str(params.get("assignee") or staff.username)[:64]}),
    Action.NOTE: lambda state, staff, params: Outcome(state.status, {"note": _text(params, "note", "备注内容")}),
}


def check(action: Action, state: CaseState, staff: Staff, params: dict[str, Any]) -> Outcome:
    """The outcome of `action` on a case in `state`, or a Refusal saying why not."""
    may_handle_cases(staff)
    if state.status not in STARTS_FROM[action]:
        if state.status == S.CLOSED:
            raise Refusal("closed", "案件已办结，不能再" + action.label)
        raise Refusal("status", f"案件当前状态为「{state.status.label}」，不能{action.label}")
    return _RULES[action](state, staff, params)
