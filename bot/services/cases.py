"""Saving a case in one transaction, handing over to a person, and answering status questions."""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from typing import Any

from bot.domain.application import PastAssistance
from bot.domain.case import Case, CaseSummary, Household, normalise_case_number
from bot.domain.case_number import check_ok, new_case_number
from bot.domain.model import CaseStatus, FactName, HardshipType
from bot.policy import classify
from bot.policy.assess import Assessment
from bot.policy.routing import office_for
from bot.services.assessment import RECEIVED, application_from_intake, assess_intake, resident_message
from bot.services import notices, rosters
from bot.services.bootstrap import Deps
from bot.services.referrals import offer_for, referral_views
from bot.services.related import find_related
from bot.store.repository import Conflict
from bot.store.unit_of_work import UnitOfWork
from bot.understanding.extract import NOT_GIVEN

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Submission:
    """What the intake hands over: the facts, where they came from and the conversation."""

    intake_key: str
    channel: str
    sender_id: str
    values: dict[str, Any]
    provenance: dict[str, Any]
    transcript: list[dict[str, Any]]
    needs_human: bool = False
    actor: str = "assistant"


@dataclass(frozen=True)
class SubmitResult:
    case_number: str
    created: bool
    status: CaseStatus
    resident_note: str = ""
    referral_offer: str | None = None   # the consent question naming partners that fit (bot.services.referrals)


@dataclass(frozen=True)
class StatusView:
    case_number: str
    status: CaseStatus
    hardship_type_label: str
    created_at: datetime
    next_step: str
    still_needed: str = ""
    referrals: tuple[str, ...] = ()
    news: tuple[str, ...] = ()          # messages about the case the resident has not seen yet (web chat)


def _int(value: Any) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def submit_case(deps: Deps, submission: Submission) -> SubmitResult:
    """Create the case (household, case, first events) in one transaction. The same intake
    submitted twice, or by two racing requests, yields the first case; a handover on a saved
    case is recorded on it."""
    try:
        return _create_or_reuse(deps, submission)
    except Conflict:  # another transaction created this intake's case first
        return _create_or_reuse(deps, submission)


def _reuse(deps: Deps, uow: UnitOfWork, existing: Case, submission: Submission) -> SubmitResult:
    if submission.needs_human and existing.request_handover(submission.actor):
        uow.cases.save(existing)
        uow.commit()
    return SubmitResult(existing.case_number, False, CaseStatus(existing.status), resident_message_from_json(existing.assessment),
                        offer_for(deps, existing))


def _new_case(deps: Deps, uow: UnitOfWork, submission: Submission) -> tuple[Case, Assessment | None]:
    values = submission.values
    id_number = values.get(FactName.ID_NUMBER.value)
    id_number = None if id_number in (None, NOT_GIVEN) else id_number
    phone = values.get(FactName.PHONE.value)
    past = past_assistance(uow.cases.earlier_cases(phone, id_number))
    today = deps.today()
    application = application_from_intake(values, submission.provenance, today, past)
    on_roster = rosters.claimed(uow, values.get(FactName.PRIORITY_GROUP.value), id_number)
    if on_roster is not None and on_roster.lifted is not None:   # the roster says whether a 建档立卡 household is 已脱贫
        application = replace(application, jiandang_lifted=on_roster.lifted)
    assessment, assessment_json = assess_intake(deps, application, today)
    result = classify(values.get("cause"), values.get("other_causes") or ())
    status = CaseStatus.NEEDS_HUMAN if submission.needs_human else CaseStatus.SUBMITTED
    household = Household(applicant_name=values.get(FactName.APPLICANT_NAME.value), phone=phone, id_number=id_number,
                          hukou_place=values.get(FactName.HUKOU_PLACE.value),
                          household_size=_int(values.get(FactName.HOUSEHOLD_SIZE.value)),
                          priority_group=values.get(FactName.PRIORITY_GROUP.value))
    case = Case(intake_key=submission.intake_key, channel=submission.channel, sender_id=submission.sender_id,
                status=status.value, hardship_type=result.hardship_type.value, household=household,
                needs_human=submission.needs_human, cause=values.get(FactName.CAUSE.value),
                event_place=values.get(FactName.EVENT_PLACE.value), event_date=values.get(FactName.EVENT_DATE.value),
                description=values.get("description"), facts={"values": values, "provenance": submission.provenance},
                classification=result.as_dict(), assessment=assessment_json,
                region_code=assessment.region_code if assessment else None, transcript=submission.transcript,
                created_by=submission.actor, **routing_fields(deps, values, assessment))
    return case, assessment


def _create_or_reuse(deps: Deps, submission: Submission) -> SubmitResult:
    with deps.uow() as uow:
        existing = uow.cases.by_intake_key(submission.intake_key)
        if existing is not None:
            return _reuse(deps, uow, existing, submission)
        case, assessment = _new_case(deps, uow, submission)
        uow.cases.add(case)
        case.case_number = make_case_number(uow, deps.settings.case_number_prefix, deps.today())
        matches = find_related(uow, case)
        case.related_cases = [match.as_dict() for match in matches]
        case.record(submission.actor, "created", {"status": case.status, "channel": submission.channel})
        case.record("policy-engine", "assessed", {"region": case.region_code,
                                                  "rule_ids": sorted(assessment.rule_ids()) if assessment else []})
        if matches:
            case.record("matcher", "related_cases_found", {"cases": case.related_cases})
        if submission.needs_human:
            case.record(submission.actor, "handover_requested")
        offer = offer_for(deps, case)   # before the commit: a failure here saves nothing and says so
        uow.cases.save(case)
        uow.commit()
        log.info("case %s created (%s)", case.case_number, case.status)
        return SubmitResult(case.case_number, True, CaseStatus(case.status),
                            resident_message(assessment, submission.values.get(FactName.CAUSE.value)), offer)


def past_assistance(earlier: list[CaseSummary]) -> list[PastAssistance]:
    """The household's earlier cases as the frequency rule reads them; linked duplicates count once
    (XC-2.3-frequency)."""
    return [PastAssistance(c.case_number, c.cause, c.created_at.date(), c.status in RECEIVED)
            for c in earlier if c.duplicate_of is None]


def routing_fields(deps: Deps, values: dict[str, Any], assessment: Assessment | None) -> dict[str, Any]:
    """The office, urgency and provisional deadlines of a new case (the desk sorts and scopes on them)."""
    emergency = assessment.hardship_type == HardshipType.EMERGENCY if assessment else False
    fields: dict[str, Any] = {"urgency": 0 if emergency else 1}
    if assessment is None:
        return fields
    handled_at = assessment.conclusion("acceptance").verdict
    place = values.get(FactName.EVENT_PLACE.value if handled_at == "event_place" else FactName.HUKOU_PLACE.value)
    office = office_for(deps.policy.regions, assessment.region_code, place)
    fields.update(county_code=office.county_code, township=office.township, first_aid=assessment.first_aid,
                  due_date=assessment.decision_due)
    if assessment.first_aid:
        fields["paperwork_due"] = date.fromisoformat(assessment.conclusion("first_aid").data["paperwork_due"])
    return fields


def add_resident_message(deps: Deps, case_number: str, sender_id: str, text: str) -> bool:
    """What the resident writes after the case was saved or handed over goes onto that case (its
    encrypted transcript) for the caseworker; False when the case is not this sender's."""
    with deps.uow() as uow:
        case = uow.cases.by_number(normalise_case_number(case_number))
        if case is None or case.sender_id != sender_id:
            return False
        case.add_resident_message(text, datetime.now(timezone.utc).isoformat(timespec="seconds"))
        uow.cases.save(case)
        uow.commit()
        return True


def resident_message_from_json(assessment: dict | None) -> str:
    """The note for a case saved earlier (same intake confirmed again): re-read, not re-assessed."""
    if not assessment or "error" in assessment:
        return resident_message(None)
    return "初步判断：" + next((c["text"].removeprefix("困难类型：") for c in assessment["conclusions"] if c["topic"] == "hardship_type"), "")


def make_case_number(uow: UnitOfWork, prefix: str, day: date) -> str:
    """Readable, not sequential, unique: prefix, the office's day, six random digits and a check
    digit (LS2612034830178; bot.domain.case_number)."""
    for _ in range(20):
        number = new_case_number(prefix, day)
        if uow.cases.by_number(number) is None:
            return number
    raise RuntimeError("no free case number for the day")   # a million numbers a day: not reached


_NEXT_STEPS = {
    CaseStatus.SUBMITTED: "乡镇（街道）工作人员会在受理后联系您核实情况，请保持电话畅通。",
    CaseStatus.NEEDS_HUMAN: "工作人员会尽快联系您。",
    CaseStatus.ACCEPTED: "工作人员正在调查核实，可能会入户了解情况或请您补充材料。",
    CaseStatus.INFO_REQUESTED: "工作人员需要您补充材料，请按下面的要求准备，或直接联系乡镇（街道）。",
    CaseStatus.VERIFIED: "情况已核实，正在审批。",
    CaseStatus.ESCALATED: "乡镇（街道）已报县级民政部门审批，会尽快办理。",
    CaseStatus.APPROVED: "救助已批准，将按约定方式发放。",
    CaseStatus.REJECTED: "如对结果有异议，可向乡镇（街道）或县级民政部门反映。",
    CaseStatus.PAID: "救助已发放，如有其他困难可以再联系我们。",
    CaseStatus.CLOSED: "本次申请已办结。",
}


class TooManyAttempts(Exception):
    """Too many status questions from this sender, or too many wrong ones for this case number,
    this phone or from everyone, in the window."""


# Status lookups (#16 finding 6). Every question counts for its conversation (sender): 5 per window.
# Wrong answers also count for the case number and the phone (keyed hashes, like every limit name),
# each with a ceiling of 20, and for everyone together (200): fresh senders are free, so an attacker
# who knows a phone and walks case numbers is stopped per phone, and one who tries phones for a case
# number per case number. The ceilings are four times the per-sender one, so neither a guesser with
# one conversation nor a resident's own typos can close a number or a phone; and the conversation
# that made the case (its sender) is never held by them, so a deliberate lock-out by many senders
# still leaves the resident's own chat working. A right answer never counts as a failure.
def _count_sender(deps: Deps, sender_id: str | None, now: datetime) -> None:
    """Count the question first, in its own transaction: a wrong guess counts too."""
    if not sender_id:
        return
    with deps.uow() as uow:
        count = uow.limits.hit("status-sender:" + sender_id, now, timedelta(minutes=deps.settings.status_window_minutes))
        uow.commit()
    if count > deps.settings.status_attempts_per_window:
        raise TooManyAttempts()


def _failure_limits(deps: Deps, number: str, phone: str) -> dict[str, int]:
    settings = deps.settings
    return {"status-fail-case:" + number: settings.status_failures_per_case,
            "status-fail-phone:" + "".join(ch for ch in phone or "" if ch.isdigit()): settings.status_failures_per_phone,
            "status-fail-all": settings.status_failures_global}


def _held(uow: UnitOfWork, limits: dict[str, int], now: datetime, window: timedelta) -> bool:
    for name, ceiling in limits.items():
        kept = uow.limits.read(name)
        if kept is not None and now - kept[0] < window and kept[1] >= ceiling:
            return True
    return False


def case_status(deps: Deps, case_number: str, phone: str, sender_id: str | None = None,
                now: datetime | None = None) -> StatusView | None:
    """The case's status, only when the phone on the case matches; otherwise None, the same
    answer as for a case number that does not exist."""
    now = now or datetime.utcnow()
    window = timedelta(minutes=deps.settings.status_window_minutes)
    number = normalise_case_number(case_number)
    _count_sender(deps, sender_id, now)
    with deps.uow() as uow:
        case = uow.cases.by_number(number)
        limits = _failure_limits(deps, number, phone)
        if not (case is not None and sender_id and case.sender_id == sender_id) and _held(uow, limits, now, window):
            raise TooManyAttempts()
        if case is None or not uow.cases.phone_matches(case, phone):
            if case is not None or check_ok(number):   # a mistyped number (wrong check digit) is nobody's case
                for name in limits:
                    uow.limits.hit(name, now, window)
                uow.commit()
            return None
        status = CaseStatus(case.status)
        view = StatusView(
            case_number=case.case_number,
            status=status,
            hardship_type_label=(case.classification or {}).get("hardship_type_label", ""),
            created_at=case.created_at,
            next_step=_NEXT_STEPS[status],
            still_needed=(case.info_request or "") if status == CaseStatus.INFO_REQUESTED else "",
            referrals=tuple(f"{r['name']}：{r['status_label']}" for r in referral_views(deps, uow.referrals.of_case(case.id))
                            if r["status"] != "cancelled"),
            news=tuple(notices.shown_in_status(uow, case, datetime.utcnow())),
        )
        uow.commit()   # the messages shown are marked told
        return view
