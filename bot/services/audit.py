"""The case's log in plain Chinese (办理记录): each event as who did what, with the values it
changed, built from the event's data and the domain's labels; numbers inside free text masked."""
from __future__ import annotations

from typing import Any, Callable

from bot.domain.case import EVENT_LABELS, Event
from bot.domain.casework import Action, PaymentForm
from bot.domain.document import DOCUMENT_EVENTS
from bot.domain.model import label_of
from bot.log_masking import mask

CHANNELS = {"rest": "网页对话", "wechat": "微信", "hotline": "热线电话"}


def _yuan(data: dict[str, Any]) -> str:
    return f"{float(data['amount']):,.2f}元" if data.get("amount") is not None else ""


def _with(text: str, extra: Any, joiner: str = "：") -> str:
    return f"{text}{joiner}{extra}" if extra not in (None, "", []) else text


def _office(data: dict[str, Any], side: str) -> str:
    return data.get(f"{side}_township") or data.get(f"{side}_county") or "县级"


TEXTS: dict[str, Callable[[dict[str, Any]], str]] = {
    "created": lambda d: f"通过{CHANNELS.get(d.get('channel'), '其他渠道')}提交申请",
    "assessed": lambda d: _with("政策初评", "、".join(d.get("rule_ids") or []), "，依据 "),
    "accept": lambda d: _with("受理", d.get("due_date"), "，办理期限 "),
    "request_info": lambda d: _with("请居民补充材料", d.get("question")),
    "verify": lambda d: _with("核实完成", d.get("note")),
    "approve": lambda d: f"审批同意 {_yuan(d)}（{label_of(PaymentForm, d.get('form'))}）" + ("，先行救助" if d.get("first_aid") else "")
                         + (f"，理由：{d['reason']}" if d.get("reason") else ""),
    "reject": lambda d: _with("不予救助", d.get("reason")),
    "pay": lambda d: f"登记发放 {_yuan(d)}（{label_of(PaymentForm, d.get('form'))}{'：' + d['goods'] if d.get('goods') else ''}）",
    "transfer": lambda d: f"转办：{_office(d, 'from')} → {_office(d, 'to')}" + (f"，理由：{d['reason']}" if d.get("reason") else ""),
    "complete_paperwork": lambda d: _with("补齐先行救助手续", d.get("note")),
    "close": lambda d: _with("办结", d.get("note")),
    "escalate": lambda d: _with("报县级审批", d.get("opinion"), "，乡镇意见：") + (f"，建议金额 {_yuan(d)}" if d.get("amount") else ""),
    "assign": lambda d: f"分派给 {d.get('assignee')}",
    "note": lambda d: _with("备注", d.get("note")),
    "revealed": lambda d: "查看完整" + ("电话" if d.get("field") == "phone" else "身份证号"),
    "referral_consent": lambda d: "居民同意转介" if d.get("consent") else "居民不同意转介",
    "referral_created": lambda d: _with("转介给", d.get("name"), " "),
    "referral_failed": lambda d: _with("转介发送失败", d.get("why")),
    "resident_message": lambda d: f"居民补充了一条说明（{d.get('characters', 0)}字）",
    "document_added": lambda d: f"上传材料：{d.get('kind_label', '')}（{d.get('file_name', '')}，{d.get('size', '')}）",
    "document_viewed": lambda d: f"查看材料：{d.get('kind_label', '')}（{d.get('file_name', '')}）",
    "document_deleted": lambda d: f"删除材料：{d.get('kind_label', '')}（{d.get('file_name', '')}），理由：{d.get('reason', '')}",
    "related_cases_found": lambda d: "发现相关案件：" + "、".join(c.get("case_number", "") for c in d.get("cases") or []),
}


def event_text(event: Event, names: dict[str, str] | None = None) -> str:
    """One line for the log: the event's own wording, or its label; staff named by their display
    name (`names`: login -> name) where the event names one."""
    data = event.data or {}
    if event.kind == "assign" and names and data.get("assignee") in names:
        data = {**data, "assignee": names[data["assignee"]]}
    if event.kind.startswith("related_") and event.kind != "related_cases_found":
        return f"{data.get('label') or EVENT_LABELS.get(event.kind, '相关案件')}：{data.get('other', '')}"
    make = TEXTS.get(event.kind)
    label = EVENT_LABELS.get(event.kind) or DOCUMENT_EVENTS.get(event.kind)
    text = make(data) if make else label or label_of(Action, event.kind, "其他记录")
    return mask(text)
