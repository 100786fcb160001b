"""Referral use cases: suggest partners for a case, record the resident's consent (and, with it,
the referrals, in the same transaction: the outbox), add or cancel a referral on the desk, and
record a partner's answer. Nothing leaves without consent; only the fields a partner needs go."""
from __future__ import annotations

import secrets
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.domain.casework import Refusal, Role, Staff, can_see
from bot.domain.model import Cause, HardshipType, label_of
from bot.domain.referral import ANSWER_RANK, PARTNER_ANSWERS, Partner, PartnerMatch, ReferralStatus
from bot.policy.referrals import CaseNeed, load_catalogue, match
from bot.services.assessment import policy_engine
from bot.services.cases import normalise_case_number
from bot.services.errors import NotFound
from bot.settings import get_settings
from bot.store.models import CaseRow, ReferralRow
from bot.store.unit_of_work import UnitOfWork

FIELD_LABELS = {"applicant_name": "姓名", "phone": "电话", "id_number": "身份证号", "household_size": "家庭人口",
                "cause": "困难原因", "event_place": "事发地", "event_date": "事发日期", "hardship_type": "困难类型",
                "summary": "情况简述", "illness": "疾病", "expense_amount": "支出金额", "household_income": "家庭收入"}


OFFERED_AT_MOST = 3   # partners named to the resident at once (a short message they can read)


class UnknownReferral(LookupError):
    """No referral with this reference for this partner."""


@lru_cache(maxsize=4)
def _catalogue(directory: str) -> dict[str, Partner]:
    return load_catalogue(Path(directory))


def catalogue() -> dict[str, Partner]:
    return _catalogue(str(get_settings().config_dir / "partners"))


def _need(case: CaseRow) -> CaseNeed:
    region = policy_engine().regions.find(case.region_code) if case.region_code else None
    values = (case.facts or {}).get("values", {})
    needed = values.get("expense_amount")
    try:
        needed = float(needed) if needed is not None else None
    except (TypeError, ValueError):
        needed = None
    return CaseNeed(case.hardship_type, case.cause, region.chain if region else (), case.household.priority_group, needed)


def suggestions_for(case: CaseRow) -> list[PartnerMatch]:
    return match(catalogue(), _need(case))


def consent_text(matches: list[PartnerMatch]) -> str:
    """What the resident is asked: who would receive what (never the ID number unless required)."""
    lines = ["另外，下面的机构也可能帮到您："]
    for m in matches[:OFFERED_AT_MOST]:
        shared = "、".join(FIELD_LABELS[f] for f in m.partner.shares)
        lines.append(f"· {m.partner.name}：会告诉对方您的{shared}")
    lines.append("如果您同意把这些信息转给他们，请回复“同意转介”；不同意请回复“不同意”，不影响临时救助的办理。")
    return "\n".join(lines)


def referral_offer(uow: UnitOfWork, case_number: str) -> str | None:
    """The consent question for a new case, or None when no partner fits."""
    with uow:
        case = uow.cases.by_number(normalise_case_number(case_number))
        matches = suggestions_for(case) if case is not None else []
        return consent_text(matches) if matches else None


def payload_for(case: CaseRow, partner: Partner) -> dict[str, Any]:
    """Only the fields the partner needs (its `shares`)."""
    values = (case.facts or {}).get("values", {})
    household = case.household
    available = {
        "applicant_name": household.applicant_name, "phone": household.phone, "id_number": household.id_number,
        "household_size": household.household_size, "cause": label_of(Cause, case.cause), "event_place": case.event_place,
        "event_date": case.event_date, "hardship_type": label_of(HardshipType, case.hardship_type),
        "summary": f"{label_of(HardshipType, case.hardship_type)}，{label_of(Cause, case.cause)}，{household.household_size or '?'}口之家",
        "illness": values.get("illness"), "expense_amount": values.get("expense_amount"),
        "household_income": values.get("household_income"),
    }
    return {"case_number": case.case_number, **{f: available.get(f) for f in partner.shares}}


def _add(uow: UnitOfWork, case: CaseRow, found: PartnerMatch, actor: str) -> ReferralRow:
    partner = found.partner
    status = ReferralStatus.PENDING if partner.method == "http" else ReferralStatus.MANUAL
    row = uow.referrals.add(key=secrets.token_hex(16), case_id=case.id, partner_id=partner.id, method=partner.method,
                            status=status.value, payload=payload_for(case, partner), reasons=list(found.reasons),
                            created_by=actor, next_attempt_at=datetime.utcnow() if status == ReferralStatus.PENDING else None)
    uow.cases.record(case, actor, "referral_created", {"partner": partner.id, "name": partner.name, "method": partner.method,
                                                       "shares": list(partner.shares), "reasons": list(found.reasons)})
    return row


def offered_partners(uow: UnitOfWork, case_number: str) -> dict[str, str]:
    """The partners the consent question named for this case: id -> name."""
    with uow:
        case = uow.cases.by_number(normalise_case_number(case_number))
        return {m.partner.id: m.partner.name for m in suggestions_for(case)[:OFFERED_AT_MOST]} if case else {}


def record_consent(uow: UnitOfWork, case_number: str, consent: bool, actor: str, sender_id: str | None = None,
                   partners: tuple[str, ...] | None = None, wording: str | None = None) -> list[str]:
    """The resident's explicit answer; with a yes, the referrals to the partners it covers (every
    partner named in the question, or those the answer named) are created in the same transaction
    (HTTP partners go to the outbox, the others to the caseworker). Returns the partners' names."""
    with uow:
        case = uow.cases.by_number(normalise_case_number(case_number))
        if case is None or (sender_id is not None and case.sender_id != sender_id):
            raise UnknownReferral(case_number)
        case.referral_consent = consent
        offered = suggestions_for(case)[:OFFERED_AT_MOST]   # the ones the resident was told about
        covered = [m for m in offered if partners is None or m.partner.id in partners] if consent else []
        uow.cases.record(case, actor, "referral_consent", {"consent": consent, "partners": [m.partner.id for m in covered],
                                                           "wording": (wording or "")[:100]})
        names = []
        if consent:
            existing = {r.partner_id for r in uow.referrals.of_case(case.id)}
            for found in covered:
                if found.partner.id not in existing:
                    _add(uow, case, found, actor)
                    names.append(found.partner.name)
        uow.commit()
        return names


def _visible(uow: UnitOfWork, staff: Staff, number: str) -> CaseRow:
    case = uow.cases.by_number(normalise_case_number(number or ""))
    if case is None or not can_see(staff, case.county_code, case.township, case.created_by):
        raise NotFound()
    return case


def add_referral(uow: UnitOfWork, staff: Staff, number: str, partner_id: str) -> dict[str, Any]:
    """The caseworker adds a referral; only with the resident's consent on the case."""
    if staff.role not in (Role.TOWNSHIP, Role.COUNTY):
        raise Refusal("role", f"{staff.role.label}不能办理转介")
    with uow:
        case = _visible(uow, staff, number)
        partner = catalogue().get(partner_id)
        if partner is None:
            raise Refusal("unknown_partner", "没有这个转介机构")
        if not case.referral_consent:
            raise Refusal("no_consent", "居民尚未同意向其他机构提供信息，不能转介（请先征得同意并记录）", "XC-2.4-forms")
        if partner_id in {r.partner_id for r in uow.referrals.of_case(case.id)}:
            raise Refusal("duplicate_referral", "已经转介给该机构")
        found = next((m for m in suggestions_for(case) if m.partner.id == partner_id),
                     PartnerMatch(partner, 0.0, ("工作人员判断适合",), ("XC-2.4-forms",)))
        row = _add(uow, case, found, staff.username)
        uow.commit()
        return referral_view(row)


def record_consent_on_desk(uow: UnitOfWork, staff: Staff, number: str, consent: bool) -> None:
    """Consent the resident gave the caseworker (by phone or in person), recorded with who took it."""
    if staff.role not in (Role.TOWNSHIP, Role.COUNTY):
        raise Refusal("role", f"{staff.role.label}不能办理转介")
    with uow:
        case = _visible(uow, staff, number)
        case.referral_consent = consent
        uow.cases.record(case, staff.username, "referral_consent", {"consent": consent, "taken_by": staff.username})
        if not consent:
            for row in uow.referrals.of_case(case.id):
                if row.status in (ReferralStatus.PENDING.value, ReferralStatus.MANUAL.value):
                    row.status = ReferralStatus.CANCELLED.value
        uow.commit()


def cancel_referral(uow: UnitOfWork, staff: Staff, number: str, partner_id: str) -> dict[str, Any]:
    if staff.role not in (Role.TOWNSHIP, Role.COUNTY):
        raise Refusal("role", f"{staff.role.label}不能办理转介")
    with uow:
        case = _visible(uow, staff, number)
        row = next((r for r in uow.referrals.of_case(case.id) if r.partner_id == partner_id), None)
        if row is None:
            raise Refusal("unknown_partner", "本案没有转介给该机构")
        if row.status not in (ReferralStatus.PENDING.value, ReferralStatus.MANUAL.value):
            raise Refusal("already_sent", "已送达的转介不能撤回，请联系对方机构")
        row.status = ReferralStatus.CANCELLED.value
        uow.cases.record(case, staff.username, "referral_cancelled", {"partner": partner_id})
        uow.commit()
        return referral_view(row)


def referral_view(row: ReferralRow) -> dict[str, Any]:
    partner = catalogue().get(row.partner_id)
    status = ReferralStatus(row.status)
    return {"partner_id": row.partner_id, "name": partner.name if partner else row.partner_id, "method": row.method,
            "status": row.status, "status_label": status.label, "attempts": row.attempts, "last_error": row.last_error,
            "answer": row.answer, "reasons": row.reasons, "contact": partner.contact if partner else None,
            "created_at": row.created_at.isoformat(timespec="seconds") if row.created_at else None,
            "delivered_at": row.delivered_at.isoformat(timespec="seconds") if row.delivered_at else None}


def record_partner_answer(uow: UnitOfWork, partner_id: str, key: str, status: str, amount: float | None = None,
                          goods: str | None = None, note: str | None = None) -> tuple[dict[str, Any], bool]:
    """A partner's answer (received, accepted, declined, helped). A repeated or older answer changes
    nothing; returns the referral and whether it changed."""
    try:
        answer = ReferralStatus(status)
    except ValueError:
        raise Refusal("bad_status", "status 只能是 received、accepted、declined 或 helped") from None
    if answer not in PARTNER_ANSWERS:
        raise Refusal("bad_status", "status 只能是 received、accepted、declined 或 helped")
    with uow:
        row = uow.referrals.by_key(key)
        if row is None or row.partner_id != partner_id:
            raise UnknownReferral(key)
        current = ReferralStatus(row.status)
        if current == ReferralStatus.CANCELLED or ANSWER_RANK[answer] <= ANSWER_RANK[current] and current != ReferralStatus.PENDING:
            return referral_view(row), False
        row.status = answer.value
        row.answer = {"status": answer.value, "amount": amount, "goods": goods, "note": (note or "")[:500]}
        row.answered_at = datetime.utcnow()
        row.delivered_at = row.delivered_at or row.answered_at
        uow.cases.record(row.case, f"partner:{partner_id}", "referral_answered", row.answer)
        uow.commit()
        return referral_view(row), True


def referrals_of(uow: UnitOfWork, case: CaseRow) -> list[dict[str, Any]]:
    return [referral_view(r) for r in uow.referrals.of_case(case.id)]
