"""The caseworker desk's use cases: the scoped inbox, the pre-filled case page, casework actions
with the rules' refusals, related-case decisions, revealing a masked number, and the money views
(monthly payment table, township reserve fund). Every change is an event with who and when.

A case outside the reader's scope is reported exactly like a case that does not exist (NotFound).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.domain.casework import Action, CaseState, PaymentForm, Refusal, Role, Staff, allowed_actions, can_see, check
from bot.domain.model import Cause, CaseStatus, HardshipType, label_of
from bot.log_masking import mask
from bot.policy.limits import decision_limits
from bot.policy.routing import townships_of
from bot.services.assessment import policy_engine
from bot.services.cases import normalise_case_number
from bot.services.errors import Forbidden, NotFound
from bot.services.referrals import referrals_of, suggestions_for
from bot.store.desk_repository import InboxFilter, Scope
from bot.store.models import CaseRow
from bot.store.unit_of_work import UnitOfWork
from bot.understanding.contact import find_id_number, find_phone
from bot.understanding.text import clean

DUE_SOON_WORKING_DAYS = 3
OPEN = {CaseStatus.SUBMITTED, CaseStatus.NEEDS_HUMAN, CaseStatus.ACCEPTED, CaseStatus.INFO_REQUESTED, CaseStatus.VERIFIED}


def scope_of(staff: Staff) -> Scope:
    if staff.role == Role.ADMIN:
        return Scope(everything=True)
    if staff.role == Role.COUNTY:
        return Scope(county_code=staff.county_code)
    if staff.role == Role.TOWNSHIP:
        return Scope(county_code=staff.county_code, township=staff.township)
    return Scope(created_by=staff.username)


def _visible(uow: UnitOfWork, staff: Staff, number: str) -> CaseRow:
    case = uow.cases.by_number(normalise_case_number(number or ""))
    if case is None or not can_see(staff, case.county_code, case.township, case.created_by):
        raise NotFound()
    return case


def _overdue(case: CaseRow, today: date) -> bool:
    return bool(case.due_date and case.due_date < today and CaseStatus(case.status) in OPEN)


def _summary(case: CaseRow, today: date) -> dict[str, Any]:
    return {
        "case_number": case.case_number,
        "status": case.status,
        "status_label": CaseStatus(case.status).label,
        "hardship_type": case.hardship_type,
        "hardship_type_label": label_of(HardshipType, case.hardship_type),
        "cause": case.cause,
        "cause_label": label_of(Cause, case.cause),
        "county_code": case.county_code,
        "township": case.township,
        "due_date": case.due_date.isoformat() if case.due_date else None,
        "overdue": _overdue(case, today),
        "paperwork_due": case.paperwork_due.isoformat() if case.paperwork_due and not case.paperwork_done else None,
        "needs_human": case.needs_human,
        "related_warnings": len(case.related_cases or []),
        "created_at": case.created_at.isoformat(timespec="seconds"),
    }


def _search_term(text: str) -> str:
    """A phone or ID number in any form (full-width, spaces) normalised; otherwise the case number."""
    text = clean(text)
    found = find_id_number(text) or find_phone(text)
    return found.value if found else normalise_case_number(text)


def inbox(uow: UnitOfWork, staff: Staff, status: str | None = None, hardship_type: str | None = None,
          cause: str | None = None, due: str | None = None, search: str | None = None,
          limit: int = 50, offset: int = 0, today: date | None = None) -> dict[str, Any]:
    """The reader's cases, emergencies first, then by deadline; overdue ones marked."""
    today = today or date.today()
    soon, _ = policy_engine().calendar.add_working_days(today, DUE_SOON_WORKING_DAYS)
    filters = InboxFilter(status=status, hardship_type=hardship_type, cause=cause, due=due,
                          search=_search_term(search) if search else None, today=today, soon_until=soon)
    with uow:
        rows, total = uow.desk.inbox(scope_of(staff), filters, limit, offset)
        return {"total": total, "cases": [_summary(c, today) for c in rows]}


def _documents_missing(case: CaseRow) -> list[str]:
    docs = ["申请人身份证", "户口本"]
    if case.hardship_type == HardshipType.EXPENDITURE.value:
        docs += {"medical_cost": ["医院诊断证明", "医疗费用票据"], "education_cost": ["学校收费证明"],
                 "income_loss": ["失业或停工证明", "家庭收入证明"]}.get(case.cause or "", ["支出凭证"])
    else:
        docs += {"fire": ["火灾证明（消防或村居出具）"], "traffic_accident": ["事故认定书"],
                 "accident_injury": ["事故或受伤证明"], "natural_disaster": ["受灾情况证明"], "sudden_illness": ["医院诊断证明"],
                 "death": ["死亡证明"], "stranded": ["能说明遇困情况的材料"]}.get(
            case.cause or "", ["能说明急难情况的材料"])
    if case.first_aid and not case.paperwork_done:
        docs.append("先行救助后须补齐的审核审批手续")
    return docs


def _facts(case: CaseRow) -> list[dict[str, Any]]:
    """Each fact with its source; low confidence, or a case handed over before the read-back, is
    marked for checking."""
    facts = case.facts or {}
    values, provenance = facts.get("values", {}), facts.get("provenance", {})
    out = []
    for name, value in values.items():
        source = provenance.get(name) or {}
        if name in ("phone", "id_number") and value:
            value = mask(str(value))
        history = [_masked(h) for h in source.get("history", [])]
        shown = _masked({k: v for k, v in source.items() if k != "history"})
        out.append({"name": name, "value": value, "source": shown,
                    "history": history, "needs_checking": bool(source.get("confidence") is not None and source["confidence"] < 0.6)
                    or case.needs_human})
    return out


def _state(case: CaseRow) -> CaseState:
    region = policy_engine().regions.find(case.region_code) if case.region_code else None
    size = (case.household.household_size if case.household else None)
    limits = decision_limits(region, size) if region else None
    return CaseState(
        status=CaseStatus(case.status), hardship_type=HardshipType(case.hardship_type), first_aid=case.first_aid,
        paperwork_done=case.paperwork_done, approved_amount=case.approved_amount, paid_total=case.paid_total or 0,
        township_max=limits.township_max if limits else None, cap=limits.cap if limits else None,
        township_rule=limits.township_rule if limits else "XC-2.2.2-township",
        policy_text=region.policy_text if region else "XC")


def case_page(uow: UnitOfWork, staff: Staff, number: str, today: date | None = None) -> dict[str, Any]:
    """Everything the caseworker needs to act without calling the resident back."""
    today = today or date.today()
    with uow:
        case = _visible(uow, staff, number)
        household = case.household
        earlier = [c for c in uow.cases.earlier_cases(household.phone, household.id_number) if c.id != case.id]
        state = _state(case)
        return {
            **_summary(case, today),
            "applicant": {"name": household.applicant_name, "phone": mask(household.phone or ""),
                          "id_number": mask(household.id_number or ""), "household_size": household.household_size,
                          "hukou_place": household.hukou_place, "priority_group": household.priority_group},
            "event_place": case.event_place, "event_date": case.event_date, "channel": case.channel,
            "description": case.description,
            "facts": _facts(case),
            "classification": case.classification,
            "assessment": case.assessment,
            "limits": {"township_max": state.township_max, "cap": state.cap},
            "transcript": [{**line, "text": mask(line.get("text") or "")} for line in case.transcript or []],
            "documents_missing": _documents_missing(case),
            "info_request": case.info_request,
            "earlier_cases": [{"case_number": c.case_number, "created_at": c.created_at.date().isoformat(),
                               "cause_label": label_of(Cause, c.cause), "status_label": CaseStatus(c.status).label,
                               "office": c.township or c.county_code} for c in earlier],
            "related_cases": case.related_cases or [],
            "duplicate_of": _number_of(uow, case.duplicate_of),
            "approved_amount": case.approved_amount, "paid_total": case.paid_total,
            "payments": [{"amount": p.amount, "form": p.form, "goods": p.goods, "paid_on": p.paid_on.isoformat(),
                          "recorded_by": p.recorded_by} for p in uow.desk.payments_of(case.id)],
            "events": [{"at": e.at.isoformat(timespec="seconds"), "actor": e.actor, "kind": e.kind,
                        "data": _masked(e.data)} for e in uow.cases.events_of(case)],
            "allowed_actions": [a.value for a in allowed_actions(staff, CaseStatus(case.status))],
            "referrals": referrals_of(uow, case),
            "referral_consent": case.referral_consent,
            "referral_suggestions": [m.as_dict() for m in suggestions_for(case)],
        }


def _number_of(uow: UnitOfWork, case_id: int | None) -> str | None:
    if case_id is None:
        return None
    row = uow.cases.by_id(case_id)
    return row.case_number if row else None


def _masked(data: dict[str, Any]) -> dict[str, Any]:
    """Phones and ID numbers inside free text are shown masked on the desk."""
    return {k: mask(v) if isinstance(v, str) else v for k, v in (data or {}).items()}


def act(uow: UnitOfWork, staff: Staff, number: str, action: str, params: dict[str, Any], today: date | None = None) -> dict[str, Any]:
    """Apply a casework action if the rules allow it; the change and its event commit together."""
    today = today or date.today()
    try:
        chosen = Action(action)
    except ValueError:
        raise Refusal("unknown_action", f"未知的操作：{action}") from None
    with uow:
        case = _visible(uow, staff, number)
        outcome = check(chosen, _state(case), staff, params or {})
        event = dict(outcome.event)
        if chosen == Action.ACCEPT:
            case.accepted_at = today
            case.due_date = _decision_due(case, today)
            event["due_date"] = case.due_date.isoformat() if case.due_date else None
        elif chosen == Action.REQUEST_INFO:
            case.info_request = event["question"]
        elif chosen == Action.APPROVE:
            case.approved_amount = event["amount"]
            if event.get("first_aid"):
                case.first_aid = True
        elif chosen == Action.PAY:
            uow.desk.add_payment(case_id=case.id, county_code=case.county_code, township=case.township,
                                 amount=event["amount"], form=event["form"], goods=event.get("goods"),
                                 paid_on=today, recorded_by=staff.username)
            case.paid_total = round((case.paid_total or 0) + event["amount"], 2)
        elif chosen == Action.TRANSFER:
            _transfer(case, staff, event)
        elif chosen == Action.COMPLETE_PAPERWORK:
            case.paperwork_done = True
        case.status = outcome.status.value
        uow.cases.record(case, staff.username, chosen.value, event)
        uow.commit()
        return {"case_number": case.case_number, "status": case.status, "status_label": outcome.status.label, "event": event}


def _decision_due(case: CaseRow, accepted: date) -> date | None:
    """10 working days from acceptance on the township path (XC-2.2.2-township); none stated otherwise."""
    level = (case.assessment or {}).get("approval_level")
    region = policy_engine().regions.find(case.region_code) if case.region_code else None
    days = region.setting("decision_working_days") if region else None
    if level == "township" and days:
        return policy_engine().calendar.add_working_days(accepted, days)[0]
    return None


def _transfer(case: CaseRow, staff: Staff, event: dict[str, Any]) -> None:
    """转办 (XC-2.4-onewindow): to another township of the same county, or to another county."""
    regions = policy_engine().regions
    to_county = event.get("to_county") or case.county_code
    to_township = event.get("to_township")
    county = regions.find(to_county) if to_county else None
    if county is None or county.code != to_county:
        raise Refusal("bad_office", "转办的目标县（区）不存在")
    if to_township and to_township not in townships_of(regions, to_county):
        raise Refusal("bad_office", f"{county.name}没有「{to_township}」")
    if (to_county, to_township) == (case.county_code, case.township):
        raise Refusal("same_office", "转办的目标与当前办理机构相同")
    event.update(from_county=case.county_code, from_township=case.township, to_county=to_county, to_township=to_township)
    case.county_code, case.township = to_county, to_township
    case.accepted_at, case.due_date = None, None


def offices(staff: Staff) -> list[dict[str, Any]]:
    """The offices in the reader's scope, for filters and the transfer form: [{county_code, name, townships}]."""
    regions = policy_engine().regions
    counties = [c for c in regions.codes() if regions.get(c).townships]
    if staff.role in (Role.TOWNSHIP, Role.COUNTY, Role.OPERATOR) and staff.county_code:
        counties = [c for c in counties if c == staff.county_code] + [c for c in counties if c != staff.county_code]
    return [{"county_code": c, "name": regions.get(c).name, "townships": list(regions.get(c).townships)} for c in counties]


LINK_KINDS = {"duplicate": "重复申请", "same_incident": "同一事件不同家庭", "dismiss": "不相关"}


def decide_related(uow: UnitOfWork, staff: Staff, number: str, other: str, kind: str, note: str = "") -> dict[str, Any]:
    """The caseworker's decision on a related-case warning: a duplicate is closed with a pointer to
    the case that goes on (and so is paid and counted once); same incident links both; dismiss."""
    if kind not in LINK_KINDS:
        raise Refusal("bad_kind", "关联类型只能是重复申请、同一事件或不相关")
    if staff.role not in (Role.TOWNSHIP, Role.COUNTY):
        raise Refusal("role", f"{staff.role.label}不能办理案件")
    with uow:
        case = _visible(uow, staff, number)
        warned = {m.get("case_number") for m in case.related_cases or []}
        target = uow.cases.by_number(normalise_case_number(other or ""))
        if target is None or (target.case_number not in warned and not can_see(staff, target.county_code, target.township, target.created_by)):
            raise NotFound()
        if target.id == case.id:
            raise Refusal("same_case", "不能与自身关联")
        data = {"other": target.case_number, "kind": kind, "label": LINK_KINDS[kind], "note": note[:500]}
        if kind == "duplicate":
            if case.paid_total:
                raise Refusal("already_paid", "本案已发放救助，不能作为重复申请关闭；请关闭另一件")
            if target.duplicate_of == case.id:
                raise Refusal("cycle", "另一件已标为本案的重复申请")
            case.duplicate_of = target.id
            case.status = CaseStatus.CLOSED.value
        uow.cases.record(case, staff.username, "related_" + kind, data)
        uow.cases.record(target, staff.username, "related_" + kind, {**data, "other": case.case_number, "from_other": True})
        uow.commit()
        return {"case_number": case.case_number, "status": case.status, **data}


def reveal(uow: UnitOfWork, staff: Staff, number: str, field: str) -> str:
    """The full phone or ID number; each look is an audit event on the case."""
    if field not in ("phone", "id_number"):
        raise Refusal("bad_field", "只能查看电话或身份证号")
    if staff.role == Role.ADMIN:
        raise Forbidden("管理员不能查看居民的完整号码")
    with uow:
        case = _visible(uow, staff, number)
        value = getattr(case.household, field) or ""
        uow.cases.record(case, staff.username, "revealed", {"field": field})
        uow.commit()
        return value


def _month_range(year: int, month: int) -> tuple[date, date]:
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise Refusal("bad_month", "年份或月份不正确")
    start = date(year, month, 1)
    return start, date(year + (month == 12), month % 12 + 1, 1)


PAYMENT_COLUMNS = ["序号", "案件编号", "县（区）", "乡镇（街道）", "救助对象", "家庭人口", "救助类型", "事由", "发放日期", "发放方式",
                   "实物", "金额（元）", "经办人"]


def payment_table(uow: UnitOfWork, staff: Staff, year: int, month: int) -> list[list[Any]]:
    """每月发放表: one row per payment in the reader's scope; only what the table needs (no phone or
    ID number). The export is an audit event."""
    if staff.role == Role.OPERATOR:
        raise Forbidden("热线接线员不能导出发放表")
    start, end = _month_range(year, month)
    with uow:
        rows = []
        for i, (payment, case) in enumerate(uow.desk.payments(scope_of(staff), start, end), 1):
            rows.append([i, case.case_number, case.county_code or "", payment.township or "", case.household.applicant_name or "",
                         case.household.household_size or "", label_of(HardshipType, case.hardship_type), label_of(Cause, case.cause),
                         payment.paid_on.isoformat(), label_of(PaymentForm, payment.form), payment.goods or "", payment.amount,
                         payment.recorded_by])
        uow.staff.audit(staff.username, "export_payments", {"year": year, "month": month, "rows": len(rows),
                                                             "scope": staff.office_label})
        uow.commit()
        return rows


@dataclass(frozen=True)
class ReserveFundView:
    county_code: str
    township: str
    year: int
    budget: float | None
    last_year_use: float | None
    floor: float | None
    spent: float
    remaining: float | None
    warnings: list[dict[str, str]]


def _office(staff: Staff, county_code: str | None, township: str | None) -> tuple[str, str]:
    county_code = county_code or staff.county_code
    township = township or staff.township
    if not county_code or not township:
        raise Refusal("bad_office", "请指定县（区）和乡镇（街道）")
    if not can_see(staff, county_code, township) or staff.role == Role.OPERATOR:
        raise NotFound()
    if township not in townships_of(policy_engine().regions, county_code):
        raise NotFound()
    return county_code, township


def _floor(county_code: str, last_year_use: float | None) -> tuple[float | None, str]:
    """JX-2.3: not less than 40 % of last year's use; XC-3.3 sets no percentage."""
    region = policy_engine().regions.find(county_code)
    share = region.setting("reserve_fund_floor") if region else None
    if share is None or last_year_use is None:
        return None, "XC-3.3"
    return round(share * last_year_use, 2), "JX-2.3"


def reserve_fund(uow: UnitOfWork, staff: Staff, year: int, county_code: str | None = None,
                 township: str | None = None) -> ReserveFundView:
    """备用金: the budget, what has been paid in cash this year, what remains."""
    county_code, township = _office(staff, county_code, township)
    with uow:
        row = uow.desk.reserve_fund(county_code, township, year)
        spent = uow.desk.spent(county_code, township, date(year, 1, 1), date(year + 1, 1, 1))
        budget = row.budget if row else None
        last = row.last_year_use if row else None
    floor, rule = _floor(county_code, last)
    warnings = []
    if budget is not None and floor is not None and budget < floor:
        warnings.append({"rule_id": rule, "text": f"备用金原则上不低于上年度使用总量的40%（{floor:g}元）"})
    if budget is not None and spent > budget:
        warnings.append({"rule_id": rule, "text": "备用金已用完，应及时报账，县级可酌情追加"})
    return ReserveFundView(county_code, township, year, budget, last, floor, round(spent, 2),
                           round(budget - spent, 2) if budget is not None else None, warnings)


def set_reserve_fund(uow: UnitOfWork, staff: Staff, year: int, county_code: str, township: str,
                     budget: float, last_year_use: float) -> ReserveFundView:
    """Set by the county (or an administrator) each January (JX-2.3, XC-3.3)."""
    if staff.role not in (Role.COUNTY, Role.ADMIN):
        raise Forbidden("只有县级民政部门可以核定备用金")
    county_code, township = _office(staff, county_code, township)
    if budget < 0 or last_year_use < 0:
        raise Refusal("bad_amount", "金额不能为负数")
    with uow:
        uow.desk.set_reserve_fund(county_code=county_code, township=township, year=year, budget=budget,
                                  last_year_use=last_year_use, set_by=staff.username)
        uow.staff.audit(staff.username, "reserve_fund_set", {"county": county_code, "township": township, "year": year,
                                                             "budget": budget})
        uow.commit()
    return reserve_fund(uow, staff, year, county_code, township)

