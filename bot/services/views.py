"""The desk's read side: the scoped inbox, the pre-filled case page and the offices for filters.
Nothing here changes a case (revealing a number is a command, in `casework`)."""
from __future__ import annotations

from datetime import date
from typing import Any

from bot.domain.case import Case, CaseSummary
from bot.domain.casework import Role, Staff, allowed_actions
from bot.domain.model import Cause, CaseStatus, HardshipType, label_of
from bot.log_masking import mask
from bot.services.access import scope_of, visible_case
from bot.services import documents, notices, rosters
from bot.services.audit import event_text
from bot.services.bootstrap import Deps
from bot.services.casework import limits_of
from bot.services.referrals import referral_views, suggestions_for
from bot.store.desk_repository import InboxFilter
from bot.understanding.contact import find_id_number, find_phone
from bot.understanding.text import clean
from bot.domain.case import normalise_case_number

DUE_SOON_WORKING_DAYS = 3
LOW_CONFIDENCE = 0.6     # a fact understood with less confidence is marked for checking


def needs_checking(source: dict[str, Any]) -> bool:
    """A fact's provenance says it was understood with low confidence."""
    return source.get("confidence") is not None and source["confidence"] < LOW_CONFIDENCE


def summary(deps: Deps, case: CaseSummary | Case, today: date) -> dict[str, Any]:
    """One inbox row (also the head of the case page)."""
    status = CaseStatus(case.status)
    related = case.related_count if isinstance(case, CaseSummary) else len(case.related_cases or [])
    return {
        "case_number": case.case_number, "status": case.status, "status_label": status.label,
        "hardship_type": case.hardship_type, "hardship_type_label": label_of(HardshipType, case.hardship_type),
        "cause": case.cause, "cause_label": label_of(Cause, case.cause),
        "county_code": case.county_code, "township": case.township,
        "due_date": case.due_date.isoformat() if case.due_date else None,
        "overdue": bool(case.due_date and case.due_date < today and status.is_open),
        "deadline": _deadline(case),
        "assignee": case.assignee,
        "applicant": mask_name(case.household.applicant_name if isinstance(case, Case) else case.applicant_name),
        "one_line": one_line(case),
        "paperwork_due": case.paperwork_due.isoformat() if case.paperwork_due and not case.paperwork_done else None,
        "needs_human": case.needs_human, "related_warnings": related,
        "created_at": deps.local(case.created_at),
    }


def _deadline(case: CaseSummary | Case) -> str | None:
    """The date the office must act by: the decision's, or for 先行救助 the paperwork's (XC-2.2.1-complete)."""
    day = case.due_date or (None if case.paperwork_done else case.paperwork_due)
    return day.isoformat() if day else None


def mask_name(name: str | None) -> str:
    """王小明 → 王*明, 王明 → 王*: enough to tell rows apart, like the masked numbers."""
    if not name:
        return ""
    return name[0] + "*" if len(name) <= 2 else name[0] + "*" * (len(name) - 2) + name[-1]


def one_line(case: CaseSummary | Case) -> str:
    """The inbox's summary: cause, household, office."""
    size = case.household.household_size if isinstance(case, Case) else case.household_size
    parts = [label_of(Cause, case.cause, "困难原因待核实"), f"{size}口之家" if size else "", case.township or ""]
    return "，".join(p for p in parts if p)


def earlier_case(deps: Deps, c: CaseSummary) -> dict[str, Any]:
    """An earlier case of the same household, as the case page and the console list it."""
    return {"case_number": c.case_number, "created_at": deps.local(c.created_at)[:10], "cause_label": label_of(Cause, c.cause),
            "status_label": CaseStatus(c.status).label, "office": c.township or c.county_code}


def _search_term(text: str) -> str:
    """A phone or ID number in any form (full-width, spaces) normalised; otherwise the case number
    (a case number's digits look like a malformed phone: that is not a phone)."""
    text = clean(text)
    found = [f.value for f in (find_id_number(text), find_phone(text)) if f is not None and f.value]
    return found[0] if found else normalise_case_number(text)


def inbox(deps: Deps, staff: Staff, status: str | None = None, hardship_type: str | None = None,
          cause: str | None = None, due: str | None = None, search: str | None = None,
          limit: int = 50, offset: int = 0, today: date | None = None, who: str = "all") -> dict[str, Any]:
    """The reader's cases, emergencies first, then by deadline; overdue ones marked."""
    today = today or deps.today()
    soon, _ = deps.policy.calendar.add_working_days(today, DUE_SOON_WORKING_DAYS)
    filters = InboxFilter(status=status, hardship_type=hardship_type, cause=cause, due=due,
                          search=_search_term(search) if search else None, today=today, soon_until=soon,
                          assignee=staff.username if who == "mine" else None, unassigned=who == "unassigned")
    with deps.uow() as uow:
        rows, total = uow.desk.inbox(scope_of(staff), filters, limit, offset)
        names = uow.staff.names({c.assignee for c in rows})
        return {"total": total, "cases": [{**summary(deps, c, today), "assignee_name": names.get(c.assignee)} for c in rows]}


def masked(data: dict[str, Any]) -> dict[str, Any]:
    """Phones and ID numbers inside free text are shown masked on the desk."""
    return {k: mask(v) if isinstance(v, str) else v for k, v in (data or {}).items()}


def _facts(case: Case) -> list[dict[str, Any]]:
    """Each fact with its source; low confidence, or a case handed over before the read-back, is
    marked for checking."""
    values, provenance = case.facts.get("values", {}), case.facts.get("provenance", {})
    out = []
    for name, value in values.items():
        source = provenance.get(name) or {}
        if name in ("phone", "id_number") and value:
            value = mask(str(value))
        out.append({"name": name, "value": value, "source": masked({k: v for k, v in source.items() if k != "history"}),
                    "history": [masked(h) for h in source.get("history", [])],
                    "needs_checking": needs_checking(source) or case.needs_human})
    return out


def _applicant(case: Case) -> dict[str, Any]:
    h = case.household
    return {"name": h.applicant_name, "phone": mask(h.phone or ""), "id_number": mask(h.id_number or ""),
            "household_size": h.household_size, "hukou_place": h.hukou_place, "priority_group": h.priority_group}


def case_page(deps: Deps, staff: Staff, number: str, today: date | None = None) -> dict[str, Any]:
    """Everything the caseworker needs to act without calling the resident back."""
    today = today or deps.today()
    with deps.uow() as uow:
        case = visible_case(uow, staff, number)
        earlier = [c for c in uow.cases.earlier_cases(case.household.phone, case.household.id_number) if c.id != case.id]
        limits = limits_of(deps, case)
        docs, events, payments = documents.of_case(deps, uow, case), uow.cases.events_of(case), uow.cases.payments_of(case.id)
        names = uow.staff.names({e.actor for e in events} | {p.recorded_by for p in payments} | {case.assignee}
                                | {d[k] for d in docs["documents"] for k in ("uploaded_by", "deleted_by")})
        return {
            **summary(deps, case, today),
            "applicant": _applicant(case),
            "event_place": case.event_place, "event_date": case.event_date, "channel": case.channel,
            "description": case.description, "facts": _facts(case),
            "classification": case.classification, "assessment": case.assessment,
            "limits": {"township_max": limits.township_max if limits else None, "cap": limits.cap if limits else None},
            "transcript": [{**line, "text": mask(line.get("text") or "")} for line in case.transcript or []],
            "documents_missing": docs["missing"], "documents": [{**d, "uploaded_by_name": names.get(d["uploaded_by"]),
                                                                  "deleted_by_name": names.get(d["deleted_by"])} for d in docs["documents"]],
            "documents_checklist": docs["checklist"], "document_rules": docs["rules"], "assignee_name": names.get(case.assignee),
            "info_request": case.info_request,
            "earlier_cases": [earlier_case(deps, c) for c in earlier],
            "related_cases": case.related_cases or [],
            "duplicate_of": uow.cases.number_of(case.duplicate_of),
            "approved_amount": case.approved_amount, "paid_total": case.paid_total,
            "payments": [{"amount": p.amount, "form": p.form, "goods": p.goods, "paid_on": p.paid_on.isoformat(),
                          "recorded_by": p.recorded_by, "recorded_by_name": names.get(p.recorded_by)} for p in payments],
            "events": [{"at": deps.local(e.at), "actor": e.actor, "actor_name": names.get(e.actor), "kind": e.kind,
                        "text": event_text(e, names), "data": masked(e.data)} for e in events],
            "allowed_actions": [a.value for a in allowed_actions(staff, CaseStatus(case.status))],
            "referrals": referral_views(deps, uow.referrals.of_case(case.id)),
            "referral_consent": case.referral_consent,
            "roster": _roster(uow, case),
            "notices": notices.views_of(uow, case, deps.local),
            "referral_suggestions": [m.as_dict() for m in suggestions_for(deps, case)],
        }


def _roster(uow, case: Case) -> dict[str, Any] | None:
    """名册已核实 / 名册中未找到 for the priority group the resident claimed, with the roster's date."""
    found = rosters.claimed(uow, case.household.priority_group, case.household.id_number, case.county_code)
    return found.as_dict() if found else None


def offices(deps: Deps, staff: Staff) -> list[dict[str, Any]]:
    """The offices in the reader's scope, for filters and the transfer form: [{county_code, name, townships}]."""
    regions = deps.policy.regions
    counties = [c for c in regions.codes() if regions.get(c).townships]
    if staff.role in (Role.TOWNSHIP, Role.COUNTY, Role.OPERATOR) and staff.county_code:
        counties = [c for c in counties if c == staff.county_code] + [c for c in counties if c != staff.county_code]
    return [{"county_code": c, "name": regions.get(c).name, "townships": list(regions.get(c).townships)} for c in counties]
