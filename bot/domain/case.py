"""The case (案件) as the desk and the dialogue change it: it owns its state changes and returns
the events to record. Services load a case from the repository, call one method, save it.

Pure: the rules that allow or refuse a casework action live in `bot.domain.casework.check`; this
module applies an allowed outcome to the case.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from bot.domain.casework import Action, CaseState, Outcome, Refusal
from bot.domain.model import CaseStatus, HardshipType
from bot.domain.money import Payment, money

# What each kind of event on a case is called on the desk (casework actions are named by `Action.label`).
EVENT_LABELS = {
    "created": "案件创建", "assessed": "政策初评", "related_cases_found": "发现相关案件", "handover_requested": "要求转人工",
    "resident_message": "居民补充说明", "revealed": "查看完整号码", "referral_consent": "转介同意", "referral_created": "创建转介",
    "referral_cancelled": "撤回转介", "referral_delivered": "转介已送达", "referral_failed": "转介发送失败",
    "referral_answered": "对方机构回复", "related_duplicate": "标为重复申请", "related_same_incident": "标为同一事件",
    "related_dismiss": "相关提示不成立",
}

EDITABLE = ("assignee", "status", "needs_human", "related_cases", "county_code", "township", "accepted_at", "due_date",
            "paperwork_done", "first_aid", "approved_amount", "paid_total", "duplicate_of", "info_request",
            "referral_consent", "transcript", "case_number")


def normalise_case_number(text: str) -> str:
    """A case number as typed (lower case, spaces, dashes) in its stored form."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def event_day(value: str | None) -> date | None:
    """The event date as a date (None when it is 待核实 or not given)."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@dataclass
class Household:
    applicant_name: str | None = None
    phone: str | None = None
    id_number: str | None = None
    hukou_place: str | None = None
    household_size: int | None = None
    priority_group: str | None = None
    id: int | None = None


@dataclass(frozen=True)
class Event:
    """One entry of a case's append-only log: who did what, and its data."""

    kind: str
    actor: str
    data: dict[str, Any] = field(default_factory=dict)
    at: datetime | None = None


@dataclass
class Case:
    """A request for temporary assistance from submission to its close."""

    intake_key: str
    channel: str
    sender_id: str
    status: str
    hardship_type: str
    household: Household
    id: int | None = None
    case_number: str | None = None
    needs_human: bool = False
    cause: str | None = None
    event_place: str | None = None
    event_date: str | None = None
    description: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    classification: dict[str, Any] = field(default_factory=dict)
    assessment: dict[str, Any] | None = None
    region_code: str | None = None
    related_cases: list[dict[str, Any]] | None = None
    county_code: str | None = None
    township: str | None = None
    urgency: int = 1
    created_by: str | None = None
    accepted_at: date | None = None
    due_date: date | None = None
    paperwork_due: date | None = None
    paperwork_done: bool = False
    first_aid: bool = False
    approved_amount: Decimal | None = None
    paid_total: Decimal = Decimal("0.00")
    duplicate_of: int | None = None
    info_request: str | None = None
    referral_consent: bool | None = None
    assignee: str | None = None
    transcript: list[dict[str, Any]] = field(default_factory=list)
    created_at: datetime | None = None
    new_events: list[Event] = field(default_factory=list, repr=False)
    new_payments: list[Payment] = field(default_factory=list, repr=False)

    # -- what the rules read -------------------------------------------------------------------
    @property
    def case_status(self) -> CaseStatus:
        return CaseStatus(self.status)

    def state(self, township_max: float | None, cap: float | None, rules: dict[str, str]) -> CaseState:
        """The facts `casework.check` decides on, with the limits of the case's region and the rule
        ids its documents give the refusals."""
        return CaseState(status=self.case_status, hardship_type=HardshipType(self.hardship_type), first_aid=self.first_aid,
                         paperwork_done=self.paperwork_done, approved_amount=self.approved_amount,
                         paid_total=self.paid_total or 0, township_max=township_max, cap=cap,
                         rules=rules)

    # -- changes -------------------------------------------------------------------------------
    def record(self, actor: str, kind: str, data: dict[str, Any] | None = None) -> Event:
        event = Event(kind, actor, dict(data or {}))
        self.new_events.append(event)
        return event

    def apply(self, action: Action, outcome: Outcome, actor: str, today: date,
              decision_due: date | None = None) -> dict[str, Any]:
        """Apply an outcome `casework.check` allowed; returns the event's data (also recorded).
        `decision_due` is the deadline the region sets from acceptance (XC-2.2.2-township)."""
        event = dict(outcome.event)
        if action == Action.ACCEPT:
            self.accepted_at, self.due_date = today, decision_due
            event["due_date"] = decision_due.isoformat() if decision_due else None
        elif action == Action.REQUEST_INFO:
            self.info_request = event["question"]
        elif action == Action.APPROVE:
            self.approved_amount = money(event["amount"])
            self.first_aid = self.first_aid or bool(event.get("first_aid"))
        elif action == Action.PAY:
            self.new_payments.append(Payment(money(event["amount"]), event["form"], today, actor, event.get("goods"),
                                             self.county_code, self.township))
            self.paid_total = money(self.paid_total) + money(event["amount"])
        elif action == Action.TRANSFER:
            self._move(event)
        elif action == Action.COMPLETE_PAPERWORK:
            self.paperwork_done = True
        elif action == Action.ASSIGN:
            self.assignee = event["assignee"]
        self.status = outcome.status.value
        self.record(actor, action.value, event)
        return event

    def _move(self, event: dict[str, Any]) -> None:
        """转办 (XC-2.4-onewindow): the office was checked by the service; the deadline starts again."""
        to_county, to_township = event.get("to_county") or self.county_code, event.get("to_township")
        if (to_county, to_township) == (self.county_code, self.township):
            raise Refusal("same_office", "转办的目标与当前办理机构相同")
        event.update(from_county=self.county_code, from_township=self.township, to_county=to_county, to_township=to_township)
        self.county_code, self.township = to_county, to_township
        self.accepted_at, self.due_date = None, None

    def request_handover(self, actor: str) -> bool:
        """The resident asks for a person after the case was saved; False when already handed over."""
        if self.needs_human:
            return False
        self.needs_human, self.status = True, CaseStatus.NEEDS_HUMAN.value
        self.record(actor, "handover_requested")
        return True

    def add_resident_message(self, text: str, at: str) -> None:
        """What the resident writes after the case was saved, for the caseworker."""
        self.transcript = list(self.transcript or []) + [{"role": "resident", "text": text, "at": at, "after_submission": True}]
        self.record("resident", "resident_message", {"characters": len(text)})

    def close_as_duplicate_of(self, other: "Case") -> None:
        """A duplicate is closed with a pointer to the case that goes on, so it is paid and counted
        once (XC-2.3-frequency)."""
        if self.paid_total:
            raise Refusal("already_paid", "本案已发放救助，不能作为重复申请关闭；请关闭另一件")
        if other.duplicate_of == self.id:
            raise Refusal("cycle", "另一件已标为本案的重复申请")
        self.duplicate_of = other.id
        self.status = CaseStatus.CLOSED.value

    def set_consent(self, consent: bool, actor: str, data: dict[str, Any]) -> None:
        self.referral_consent = consent
        self.record(actor, "referral_consent", {"consent": consent, **data})


@dataclass(frozen=True)
class CaseSummary:
    """A case as lists show it (inbox, earlier cases, related-case candidates): no free text."""

    id: int
    case_number: str
    status: str
    hardship_type: str
    cause: str | None
    county_code: str | None
    township: str | None
    created_at: datetime
    due_date: date | None = None
    paperwork_due: date | None = None
    paperwork_done: bool = False
    needs_human: bool = False
    related_count: int = 0
    duplicate_of: int | None = None
    created_by: str | None = None
    applicant_name: str | None = None
    household_size: int | None = None
    assignee: str | None = None
    urgency: int = 1


@dataclass(frozen=True)
class PaymentLine:
    """One row of the monthly payment table (每月发放表): the payment and what the table shows of its case."""

    payment: Payment
    case: CaseSummary
