"""Messages to the resident about their case (结果告知): what the resident must know when the case
changes — accepted, more information asked, approved, paid, rejected with how to object, a
partner's answer — in short plain Chinese, never the ID number; and the life of one message in the
outbox (pending → sent, retried, or left for a person). A WeChat answer that was not ready within
WeChat's 5 seconds and that the customer-service API did not take goes through the same outbox."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from bot.domain.casework import PaymentForm
from bot.domain.model import label_of

OBJECTION = "如有异议，可以向乡镇（街道）或县级民政部门反映，也可以依法申请行政复议。"


class NoticeStatus(str, Enum):
    PENDING = "pending"      # waiting for the worker (WeChat) or the next status answer (web chat)
    SENT = "sent"            # WeChat took it, or the resident saw it in a status answer
    MANUAL = "manual"        # no channel reaches the resident (hotline), or delivery gave up: a person tells them

    @property
    def label(self) -> str:
        return {"pending": "待发送", "sent": "已告知", "manual": "需工作人员告知"}[self.value]


def _office(data: dict[str, Any]) -> str:
    return data.get("office") or "乡镇（街道）"


# kind -> text, from the case number and the event's data (plus the office and whether amounts are shown)
_TEXTS = {
    "accept": lambda n, d: f"您的临时救助申请（{n}）已由{_office(d)}受理，工作人员会联系您核实情况，请保持电话畅通。",
    "request_info": lambda n, d: f"您的临时救助申请（{n}）需要补充：{d.get('question', '')}。请准备好后联系{_office(d)}，或在这里回复。",
    "approve": lambda n, d: (f"您的临时救助申请（{n}）已审批同意，救助方式：{label_of(PaymentForm, d.get('form'), '现金')}"
                             + (f"，金额{d['amount']:g}元" if d.get("show_amount") and d.get("amount") is not None else "")
                             + f"，由{_office(d)}发放。"),
    "pay": lambda n, d: f"您的临时救助（{n}）已发放（{label_of(PaymentForm, d.get('form'), '现金')}），请注意查收。",
    "reject": lambda n, d: f"您的临时救助申请（{n}）未通过审批。理由：{d.get('reason', '')}。{OBJECTION}",
    "referral_answered": lambda n, d: f"关于您的申请（{n}），{d.get('partner', '转介机构')}回复：{d.get('status_label', '')}。",
}


def notice_text(kind: str, case_number: str, data: dict[str, Any]) -> str | None:
    """The message for a change the resident must know of, or None for one they need not."""
    make = _TEXTS.get(kind)
    return make(case_number, data) if make else None


@dataclass
class Notice:
    key: str                      # idempotency key: one message per change
    case_id: int | None           # None: a late WeChat answer in a conversation (no case yet, or not about one)
    channel: str
    recipient: str
    kind: str
    text: str
    status: str = NoticeStatus.PENDING.value
    method: str | None = None     # "custom" (客服消息), "template" (模板消息), "status" (shown in a status answer)
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_error: str | None = None
    created_at: datetime | None = None
    sent_at: datetime | None = None
    id: int | None = None

    @property
    def state(self) -> NoticeStatus:
        return NoticeStatus(self.status)

    def sent(self, method: str, now: datetime) -> None:
        self.status, self.method, self.sent_at, self.next_attempt_at, self.last_error = NoticeStatus.SENT.value, method, now, None, None

    def failed(self, error: str, now: datetime, retry_at: datetime, give_up: bool) -> None:
        """One failed attempt: retried later, or left for a person once it has failed for too long."""
        self.attempts += 1
        self.last_error = error[:300]
        if give_up:
            self.status, self.next_attempt_at = NoticeStatus.MANUAL.value, None
        else:
            self.next_attempt_at = retry_at

    def by_hand(self, why: str) -> None:
        self.status, self.last_error, self.next_attempt_at = NoticeStatus.MANUAL.value, why, None
