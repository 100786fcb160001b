"""Referrals (转介) to charities, special funds and other programmes: the partner as data, and
the life of one referral from consent to the partner's answer."""
from __future__ import annotations

from dataclasses import dataclass, field
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
