"""Referrals (转介) to charities, special funds and other programmes: the partner as data, and
the life of one referral from consent to the partner's answer."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum


class ReferralStatus(str, Enum):
    PENDING = "pending"          # consented, waiting for delivery (outbox)
    MANUAL = "manual"            # to be made by the caseworker by phone or e-mail (or delivery gave up)
    DELIVERED = "delivered"      # the partner's server took it (2xx)
    RECEIVED = "received"        # the partner says it has it
    ACCEPTED = "accepted"
    DECLINED = "declined"
    HELPED = "helped"            # the partner helped (amount or goods)
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {"pending": "待发送", "manual": "需工作人员联系", "delivered": "已送达", "received": "对方已接收",
                "accepted": "对方已受理", "declined": "对方未受理", "helped": "对方已帮扶", "cancelled": "已取消"}[self.value]


# The order a partner's answers may arrive in; an answer never moves a referral backwards.
ANSWER_RANK = {ReferralStatus.PENDING: 0, ReferralStatus.MANUAL: 0, ReferralStatus.DELIVERED: 1, ReferralStatus.RECEIVED: 2,
               ReferralStatus.ACCEPTED: 3, ReferralStatus.DECLINED: 4, ReferralStatus.HELPED: 4}
PARTNER_ANSWERS = {ReferralStatus.RECEIVED, ReferralStatus.ACCEPTED, ReferralStatus.DECLINED, ReferralStatus.HELPED}


@dataclass(frozen=True)
class Partner:
    """A charity, special fund or programme that can take a referral (转介对象)."""

    id: str
    name: str
    kind: str
    hardship_types: tuple[str, ...]
    causes: tuple[str, ...]
    regions: tuple[str, ...]
    priority_groups: tuple[str, ...]
    max_amount: float | None
    waiting_days: int | None
    method: str                       # "http" or "manual"
    shares: tuple[str, ...]
    url: str | None = None
    url_env: str | None = None
    secret_env: str | None = None
    contact: str | None = None

    @property
    def kind_label(self) -> str:
        return {"charity": "慈善组织", "special_fund": "专项基金", "public_fund": "救急难公益基金",
                "government": "其他救助部门"}.get(self.kind, self.kind)


@dataclass(frozen=True)
class PartnerMatch:
    partner: Partner
    score: float
    reasons: tuple[str, ...] = field(default_factory=tuple)
    rule_ids: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict:
        return {"partner_id": self.partner.id, "name": self.partner.name, "kind": self.partner.kind_label,
                "method": self.partner.method, "score": self.score, "reasons": list(self.reasons),
                "rule_ids": list(self.rule_ids), "waiting_days": self.partner.waiting_days,
                "shares": list(self.partner.shares)}


@dataclass
class Referral:
    """One referral: consent-backed, delivered by the outbox, answered by the partner. It owns its
    transitions; each returns the case event to record (or None when nothing changed)."""

    key: str
    case_id: int
    partner_id: str
    method: str
    status: str
    payload: dict
    reasons: list = field(default_factory=list)
    created_by: str = ""
    id: int | None = None
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_error: str | None = None
    answer: dict | None = None
    created_at: datetime | None = None
    delivered_at: datetime | None = None
    answered_at: datetime | None = None

    @property
    def state(self) -> ReferralStatus:
        return ReferralStatus(self.status)

    @property
    def cancellable(self) -> bool:
        return self.state in (ReferralStatus.PENDING, ReferralStatus.MANUAL)

    def cancel(self) -> None:
        self.status = ReferralStatus.CANCELLED.value

    def answered(self, answer: ReferralStatus, amount: float | None, goods: str | None, note: str | None,
                 now: datetime) -> dict | None:
        """A partner's answer; a repeated or older one changes nothing (None). An answer never moves
        a referral backwards."""
        current = self.state
        if current == ReferralStatus.CANCELLED or ANSWER_RANK[answer] <= ANSWER_RANK[current] and current != ReferralStatus.PENDING:
            return None
        self.status = answer.value
        self.answer = {"status": answer.value, "amount": amount, "goods": goods, "note": (note or "")[:500]}
        self.answered_at = now
        self.delivered_at = self.delivered_at or now
        return dict(self.answer)

    def attempted(self, now: datetime, error: str | None, refused: bool, give_up: bool,
                  retry_at: datetime) -> tuple[str, dict] | None:
        """One delivery attempt's outcome; the event (kind, data) to record on the case, if any. A
        referral answered or cancelled meanwhile only counts the attempt."""
        self.attempts += 1
        if self.state != ReferralStatus.PENDING:
            return None
        if error is None:
            self.status, self.delivered_at, self.next_attempt_at, self.last_error = ReferralStatus.DELIVERED.value, now, None, None
            return "referral_delivered", {"partner": self.partner_id, "attempts": self.attempts}
        self.last_error = error[:500]
        if refused or give_up:
            self.status, self.next_attempt_at = ReferralStatus.MANUAL.value, None
            return "referral_failed", {"partner": self.partner_id, "attempts": self.attempts, "error": error,
                                       "why": "对方拒收，请人工联系" if refused else "多次发送失败，请人工联系"}
        self.next_attempt_at = retry_at
        return None
