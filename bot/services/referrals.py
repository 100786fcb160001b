"""Referral use cases: suggest partners for a case, record the resident's consent (and, with it,
the referrals, in the same transaction: the outbox), add or cancel a referral on the desk, and
record a partner's answer. Nothing leaves without consent; only the fields a partner needs go."""
from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from bot.domain.case import Case, Event, normalise_case_number
from bot.domain.casework import Refusal, Staff, may_handle_cases
from bot.domain.model import Cause, FactName, HardshipType, label_of
from bot.domain.referral import PARTNER_ANSWERS, Partner, PartnerMatch, Referral, ReferralStatus
from bot.policy.referrals import CaseNeed, match
from bot.services.access import visible_case
from bot.services import notices
from bot.services.bootstrap import Deps
from bot.store.unit_of_work import UnitOfWork

OFFERED_AT_MOST = 3   # partners named to the resident at once (a short message they can read)
SHARED_LABELS = {"hardship_type": "困难类型", "summary": "情况简述"}   # shared fields that are not intake facts


class UnknownReferral(LookupError):
    """No referral with this reference for this partner."""


def field_label(name: str) -> str:
    """The Chinese name of a field a partner receives (the domain's fact labels)."""
    try:
        return FactName(name).label
    except ValueError:
        return SHARED_LABELS.get(name, name)


def _need(deps: Deps, case: Case) -> CaseNeed:
    region = deps.policy.regions.find(case.region_code) if case.region_code else None
    needed = case.facts.get("values", {}).get("expense_amount")
    try:
        needed = float(needed) if needed is not None else None
    except (TypeError, ValueError):
        needed = None
    return CaseNeed(case.hardship_type, case.cause, region.chain if region else (), case.household.priority_group, needed)


def suggestions_for(deps: Deps, case: Case) -> list[PartnerMatch]:
    return match(deps.partners, _need(deps, case))


def consent_text(matches: list[PartnerMatch]) -> str:
    """What the resident is asked: who would receive what (never the ID number unless required)."""
    lines = ["另外，下面的机构也可能帮到您："]
    for m in matches[:OFFERED_AT_MOST]:
        lines.append(f"· {m.partner.name}：会告诉对方您的{'、'.join(field_label(f) for f in m.partner.shares)}")
    lines.append("如果您同意把这些信息转给他们，请回复“同意转介”；不同意请回复“不同意”，不影响临时救助的办理。")
    return "\n".join(lines)


def _offered(deps: Deps, uow: UnitOfWork, case_number: str) -> tuple[Case | None, list[PartnerMatch]]:
    case = uow.cases.by_number(normalise_case_number(case_number))
    return case, (suggestions_for(deps, case)[:OFFERED_AT_MOST] if case is not None else [])


def offer_for(deps: Deps, case: Case) -> str | None:
    """The consent question for a new case, or None when no partner fits."""
    matches = suggestions_for(deps, case)[:OFFERED_AT_MOST]
    return consent_text(matches) if matches else None


def referral_offer(deps: Deps, case_number: str) -> str | None:
    """The consent question for the case with this number (None: no partner fits, or no such case)."""
    with deps.uow() as uow:
        case = uow.cases.by_number(normalise_case_number(case_number))
        return offer_for(deps, case) if case is not None else None


def offered_partners(deps: Deps, case_number: str) -> dict[str, str]:
    """The partners the consent question named for this case: id -> name."""
    with deps.uow() as uow:
        return {m.partner.id: m.partner.name for m in _offered(deps, uow, case_number)[1]}


def payload_for(case: Case, partner: Partner) -> dict[str, Any]:
    """Only the fields the partner needs (its `shares`)."""
    values, h = case.facts.get("values", {}), case.household
    kind, cause = label_of(HardshipType, case.hardship_type), label_of(Cause, case.cause)
    available = {
        "applicant_name": h.applicant_name, "phone": h.phone, "id_number": h.id_number, "household_size": h.household_size,
        "cause": cause, "event_place": case.event_place, "event_date": case.event_date, "hardship_type": kind,
        "summary": f"{kind}，{cause}，{h.household_size or '?'}口之家",
        "illness": values.get("illness"), "expense_amount": values.get("expense_amount"),
        "household_income": values.get("household_income"),
    }
    return {"case_number": case.case_number, **{f: available.get(f) for f in partner.shares}}


def _add(uow: UnitOfWork, case: Case, found: PartnerMatch, actor: str) -> Referral:
    partner = found.partner
    status = ReferralStatus.PENDING if partner.method == "http" else ReferralStatus.MANUAL
    referral = uow.referrals.add(Referral(
        key=secrets.token_hex(16), case_id=case.id, partner_id=partner.id, method=partner.method, status=status.value,
        payload=payload_for(case, partner), reasons=list(found.reasons), created_by=actor,
        next_attempt_at=datetime.utcnow() if status == ReferralStatus.PENDING else None))
    case.record(actor, "referral_created", {"partner": partner.id, "name": partner.name, "method": partner.method,
                                            "shares": list(partner.shares), "reasons": list(found.reasons)})
    return referral


def record_consent(deps: Deps, case_number: str, consent: bool, actor: str, sender_id: str | None = None,
                   partners: tuple[str, ...] | None = None, wording: str | None = None) -> list[str]:
    """The resident's explicit answer; with a yes, the referrals to the partners it covers (every
    partner named in the question, or those the answer named) are created in the same transaction
    (HTTP partners go to the outbox, the others to the caseworker). Returns the partners' names."""
    with deps.uow() as uow:
        case, offered = _offered(deps, uow, case_number)   # the ones the resident was told about
        if case is None or (sender_id is not None and case.sender_id != sender_id):
            raise UnknownReferral(case_number)
        covered = [m for m in offered if partners is None or m.partner.id in partners] if consent else []
        case.set_consent(consent, actor, {"partners": [m.partner.id for m in covered], "wording": (wording or "")[:100]})
        existing = {r.partner_id for r in uow.referrals.of_case(case.id)}
        names = [_add(uow, case, m, actor).partner_id and m.partner.name for m in covered if m.partner.id not in existing]
        uow.cases.save(case)
        uow.commit()
        return names


def add_referral(deps: Deps, staff: Staff, number: str, partner_id: str) -> dict[str, Any]:
    """The caseworker adds a referral; only with the resident's consent on the case."""
    may_handle_cases(staff, "办理转介")
    with deps.uow() as uow:
        case = visible_case(uow, staff, number)
        partner = deps.partners.get(partner_id)
        if partner is None:
            raise Refusal("unknown_partner", "没有这个转介机构")
        if not case.referral_consent or partner_id not in consented_partners(uow, case):
            raise Refusal("no_consent", f"居民尚未同意向{partner.name}提供信息，不能转介（请先征得同意并记录）", "XC-2.4-forms")
        if partner_id in {r.partner_id for r in uow.referrals.of_case(case.id)}:
            raise Refusal("duplicate_referral", "已经转介给该机构")
        found = next((m for m in suggestions_for(deps, case) if m.partner.id == partner_id),
                     PartnerMatch(partner, 0.0, ("工作人员判断适合",), ("XC-2.4-forms",)))
        referral = _add(uow, case, found, staff.username)
        uow.cases.save(case)
        uow.commit()
        return referral_view(deps, referral)


DESK_WORDING = "工作人员电话或当面告知转介对象和提供的信息，居民同意"


def consented_partners(uow: UnitOfWork, case: Case) -> set[str]:
    """The partners the resident's latest answer covers (by the assistant or recorded on the desk)."""
    answers = [e.data for e in uow.cases.events_of(case) if e.kind == "referral_consent"]
    latest = answers[-1] if answers else {}
    return set(latest.get("partners") or []) if latest.get("consent") else set()


def record_consent_on_desk(deps: Deps, staff: Staff, number: str, consent: bool, partners: tuple[str, ...] = ()) -> None:
    """Consent the resident gave the caseworker (by phone or in person): a yes names the partners it
    covers (the caseworker picks them, as the resident heard them named); recorded with who took
    it and the wording. A no cancels the referrals not yet sent."""
    may_handle_cases(staff, "办理转介")
    with deps.uow() as uow:
        case = visible_case(uow, staff, number)      # scope first: another office's case is simply not found
        if any(p not in deps.partners for p in partners):
            raise Refusal("unknown_partner", "没有这个转介机构")
        if consent and not partners:
            raise Refusal("missing_partners", "请选择居民同意转介的机构（同意须逐个机构征得）", "XC-2.4-forms")
        case.set_consent(consent, staff.username, {"taken_by": staff.username, "partners": list(partners) if consent else [],
                                                   "wording": DESK_WORDING if consent else "居民不同意转介"})
        for referral in uow.referrals.of_case(case.id) if not consent else ():
            if referral.cancellable:
                referral.cancel()
                uow.referrals.save(referral)
        uow.cases.save(case)
        uow.commit()


def cancel_referral(deps: Deps, staff: Staff, number: str, partner_id: str) -> dict[str, Any]:
    may_handle_cases(staff, "办理转介")
    with deps.uow() as uow:
        case = visible_case(uow, staff, number)
        referral = next((r for r in uow.referrals.of_case(case.id) if r.partner_id == partner_id), None)
        if referral is None:
            raise Refusal("unknown_partner", "本案没有转介给该机构")
        if not referral.cancellable:
            raise Refusal("already_sent", "已送达的转介不能撤回，请联系对方机构")
        referral.cancel()
        case.record(staff.username, "referral_cancelled", {"partner": partner_id})
        uow.referrals.save(referral)
        uow.cases.save(case)
        uow.commit()
        return referral_view(deps, referral)


def referral_view(deps: Deps, referral: Referral) -> dict[str, Any]:
    partner = deps.partners.get(referral.partner_id)
    return {"partner_id": referral.partner_id, "name": partner.name if partner else referral.partner_id,
            "method": referral.method, "status": referral.status, "status_label": referral.state.label,
            "attempts": referral.attempts, "last_error": referral.last_error, "answer": referral.answer,
            "reasons": referral.reasons, "contact": partner.contact if partner else None,
            "created_at": deps.local(referral.created_at), "delivered_at": deps.local(referral.delivered_at)}


def referral_views(deps: Deps, referrals: list[Referral]) -> list[dict[str, Any]]:
    return [referral_view(deps, r) for r in referrals]


def record_partner_answer(deps: Deps, partner_id: str, key: str, status: str, amount: float | None = None,
                          goods: str | None = None, note: str | None = None) -> tuple[dict[str, Any], bool]:
    """A partner's answer (received, accepted, declined, helped). A repeated or older answer changes
    nothing; returns the referral and whether it changed."""
    try:
        answer = ReferralStatus(status)
    except ValueError:
        answer = None
    if answer not in PARTNER_ANSWERS:
        raise Refusal("bad_status", "status 只能是 received、accepted、declined 或 helped")
    with deps.uow() as uow:
        referral = uow.referrals.by_key(key)
        if referral is None or referral.partner_id != partner_id:
            raise UnknownReferral(key)
        data = referral.answered(answer, amount, goods, note, datetime.utcnow())
        if data is None:
            return referral_view(deps, referral), False
        uow.referrals.save(referral)
        uow.cases.add_event(referral.case_id, Event("referral_answered", f"partner:{partner_id}", data))
        partner = deps.partners.get(partner_id)
        notices.queue(deps, uow, uow.cases.by_id(referral.case_id), "referral_answered",
                      {"partner": partner.name if partner else "转介机构", "status_label": answer.label})
        uow.commit()
        return referral_view(deps, referral), True
