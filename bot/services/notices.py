"""Telling the resident (结果告知): a message is queued with each change they must know of, in the
same transaction as the change; the worker delivers WeChat messages (the customer-service API within
WeChat's 48-hour window, the office's template message outside it), the web chat shows them first in
the next status answer, and a hotline caller is told by a person. Every message is on the case page.
A WeChat answer that was not ready within WeChat's 5 seconds goes out by the customer-service API;
when WeChat does not take it, it joins this outbox (`answer_later`), and one resident's messages,
answers and case messages alike, go out in the order they were written."""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.domain.case import Case
from bot.domain.notice import Notice, NoticeStatus, notice_text
from bot.log_masking import mask
from bot.services.bootstrap import Deps
from bot.store.unit_of_work import UnitOfWork

WINDOW = timedelta(hours=48)          # WeChat's customer-service window after the resident last wrote
WORKER_CHANNELS = ("wechat",)
SHOWN_IN_STATUS = ("rest",)
METHOD_LABELS = {"custom": "微信客服消息", "template": "微信模板消息", "status": "查询进度时告知"}


class Sender(Protocol):
    def send_text(self, openid: str, text: str) -> bool: ...
    def send_template(self, openid: str, template_id: str, text: str) -> bool: ...


def _office(deps: Deps, case: Case) -> str:
    if case.township:
        return case.township
    region = deps.policy.regions.find(case.county_code) if case.county_code else None
    return f"{region.name}民政部门" if region else "县级民政部门"


def _setting(deps: Deps, case: Case, name: str) -> Any:
    region = deps.policy.regions.find(case.county_code or case.region_code or "") if (case.county_code or case.region_code) else None
    return region.setting(name) if region else None


def queue(deps: Deps, uow: UnitOfWork, case: Case, kind: str, data: dict[str, Any]) -> Notice | None:
    """The message for this change, if the resident must know of it; in the caller's transaction."""
    text = notice_text(kind, case.case_number, {**data, "office": _office(deps, case),
                                                 "show_amount": bool(_setting(deps, case, "notice_shows_amount"))})
    if text is None:
        return None
    notice = Notice(secrets.token_hex(16), case.id, case.channel, case.sender_id, kind, mask(text),
                    next_attempt_at=datetime.utcnow())
    if case.channel not in WORKER_CHANNELS + SHOWN_IN_STATUS:
        notice.by_hand("来电或线下申请，请工作人员电话告知")
    return uow.notices.add(notice)


def shown_in_status(uow: UnitOfWork, case: Case, now: datetime) -> list[str]:
    """The web chat's messages not yet seen: shown first in the status answer, then marked told."""
    news = [n for n in uow.notices.of_case(case.id) if n.channel in SHOWN_IN_STATUS and n.state == NoticeStatus.PENDING]
    for notice in news:
        notice.sent("status", now)
        uow.notices.save(notice)
    return [n.text for n in news]


def views_of(uow: UnitOfWork, case: Case, local) -> list[dict[str, Any]]:
    """The case page's list: what was told, how, and whether it reached the resident."""
    return [{"kind": n.kind, "text": n.text, "status": n.status, "status_label": n.state.label,
             "method_label": METHOD_LABELS.get(n.method or "", ""), "attempts": n.attempts, "last_error": n.last_error,
             "created_at": local(n.created_at), "sent_at": local(n.sent_at)} for n in uow.notices.of_case(case.id)]


def _last_heard(case: Case | None, notice: Notice) -> datetime:
    """When the resident last wrote: the last line they sent after the case, else its creation; for
    a late answer, just before it was written."""
    if case is None:
        return notice.created_at
    times = [line.get("at") for line in case.transcript or [] if line.get("after_submission") and line.get("at")]
    if times:
        return datetime.fromisoformat(times[-1]).replace(tzinfo=None)
    return case.created_at


def _openid(notice: Notice) -> str:
    """WeChat's user id: the conversation id without its channel namespace."""
    return notice.recipient.removeprefix("wechat:")


def deliver_due(deps: Deps, sender: Sender, batch: int = 20) -> int:
    """One pass over the WeChat messages whose time has come; returns how many were tried."""
    now = datetime.utcnow()
    lease = timedelta(seconds=deps.settings.referral_timeout_seconds * 3 + deps.settings.referral_lease_margin_seconds)
    with deps.uow() as uow:
        due = uow.notices.claim_due(now, batch, lease, WORKER_CHANNELS)
        uow.commit()
    for notice in due:
        _deliver(deps, sender, notice)
    return len(due)


def _deliver(deps: Deps, sender: Sender, notice: Notice) -> None:
    now = datetime.utcnow()
    with deps.uow() as uow:
        case = uow.cases.by_id(notice.case_id) if notice.case_id is not None else None
        waiting = {n.id: n for n in uow.notices.pending_for(notice.recipient)}
        waiting.update({n.id: n for n in (uow.notices.of_case(notice.case_id) if case else []) if n.state == NoticeStatus.PENDING})
        notice = waiting.get(notice.id)
        if notice is None:
            return
        earlier = sorted(i for i in waiting if i < notice.id)
        if earlier:   # in order: wait until the resident's earlier message went out
            notice.next_attempt_at = waiting[earlier[0]].next_attempt_at
            uow.notices.save(notice)
            uow.commit()
            return
        template = _setting(deps, case, "wechat_template_id") if case else None
        if now - _last_heard(case, notice) <= WINDOW:
            method, ok = "custom", sender.send_text(_openid(notice), notice.text)
        elif template:
            method, ok = "template", sender.send_template(_openid(notice), template, notice.text)
        else:
            method, ok = None, False
            notice.by_hand("已超过微信48小时客服消息时限，本地区未配置模板消息，请工作人员电话告知")
        if ok:
            notice.sent(method, now)
        elif method:
            retry = timedelta(seconds=min(deps.settings.referral_retry_base_seconds * 2 ** notice.attempts,
                                          deps.settings.referral_retry_max_seconds))
            give_up = now - notice.created_at > timedelta(hours=deps.settings.referral_give_up_hours)
            notice.failed("微信接口未接受", now, now + retry, give_up)
        uow.notices.save(notice)
        uow.commit()


def queue_answer(deps: Deps, recipient: str, text: str) -> Notice:
    """A conversation's answer that WeChat did not take, to be sent by the worker."""
    with deps.uow() as uow:
        notice = uow.notices.add(Notice(secrets.token_hex(16), None, "wechat", recipient, "answer", text,
                                        next_attempt_at=datetime.utcnow()))
        uow.commit()
    return notice


def answer_later(deps: Deps, sender: Sender, recipient: str, text: str) -> str:
    """A WeChat answer that missed WeChat's 5 seconds: sent now by the customer-service API unless the
    resident has messages still waiting (then behind them), else queued. Returns "sent" or "queued"."""
    try:
        with deps.uow() as uow:
            behind = bool(uow.notices.pending_for(recipient))
    except Exception:   # the store is unreachable: send as before rather than hold the answer
        behind = False
    if not behind and sender.send_text(recipient.removeprefix("wechat:"), text):
        return "sent"
    queue_answer(deps, recipient, text)
    return "queued"
