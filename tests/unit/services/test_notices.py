"""Messages to residents about their case (bot/services/notices) on the fake unit of work."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from bot.services import casework, notices, views
from bot.services.cases import case_status, submit_case
from tests.factories import submission
from tests.unit.services.conftest import COUNTY, TOWNSHIP


class Sender:
    def __init__(self, fail: int = 0):
        self.sent, self.fail = [], fail

    def send_text(self, openid, text):
        return self._send("custom", openid, text)

    def send_template(self, openid, template_id, text):
        return self._send("template", openid, text)

    def _send(self, via, openid, text):
        if self.fail:
            self.fail -= 1
            return False
        self.sent.append((via, openid, text))
        return True


def _walk(deps, number):
    for action, params in (("accept", {}), ("request_info", {"question": "火灾证明"}), ("verify", {}),
                           ("approve", {"amount": 800}), ("pay", {"amount": 800})):
        casework.act(deps, TOWNSHIP, number, action, params)


def test_a_wechat_case_tells_the_resident_each_step_once_in_order(deps, store):
    number = submit_case(deps, submission("wx", channel="wechat")).case_number
    _walk(deps, number)
    sender = Sender(fail=2)                                    # WeChat refuses twice, then takes them
    for _ in range(6):
        notices.deliver_due(deps, sender)
        for notice in store.notices.values():                  # let the retries come due at once
            notice.next_attempt_at = datetime.utcnow() - timedelta(seconds=1)
    texts = [text for _, _, text in sender.sent]
    assert len(texts) == 4 and [t.split("（")[0] for t in texts] == ["您的临时救助申请"] * 3 + ["您的临时救助"]
    assert "已由马栏镇受理" in texts[0] and "火灾证明" in texts[1] and "审批同意" in texts[2] and "已发放" in texts[3]
    assert "800" not in texts[2]                               # the amount only where the office shows it
    assert all(via == "custom" and openid == "resident-1" for via, openid, _ in sender.sent)
    assert {n.status for n in store.notices.values()} == {"sent"}
    page = views.case_page(deps, COUNTY, number)
    assert [n["status_label"] for n in page["notices"]] == ["已告知"] * 4 and page["notices"][0]["method_label"] == "微信客服消息"


def test_a_rejection_says_why_and_how_to_object_and_never_the_id_number(deps, store, fire):
    casework.act(deps, TOWNSHIP, fire, "accept", {})
    casework.act(deps, TOWNSHIP, fire, "reject", {"reason": "核实后家庭财产超过规定 411024198503150014"})
    text = list(store.notices.values())[-1].text
    assert "未通过审批" in text and "行政复议" in text and "411024198503150014" not in text


def test_the_web_chat_hears_it_in_the_next_status_answer_and_only_once(deps, fire):
    casework.act(deps, TOWNSHIP, fire, "accept", {})
    first = case_status(deps, fire, "13812345678")
    assert len(first.news) == 1 and "受理" in first.news[0]
    assert case_status(deps, fire, "13812345678").news == ()


def test_a_hotline_caller_is_told_by_a_person_and_late_wechat_needs_a_template(deps, store):
    call = submit_case(deps, submission("hotline", channel="hotline")).case_number
    casework.act(deps, TOWNSHIP, call, "accept", {})
    assert list(store.notices.values())[-1].status == "manual"
    old = submit_case(deps, submission("wx-old", channel="wechat")).case_number
    casework.act(deps, TOWNSHIP, old, "accept", {})
    for case in store.cases.values():
        case.created_at = datetime.utcnow() - timedelta(hours=49)
    notices.deliver_due(deps, Sender())
    told = [n for n in store.notices.values() if n.channel == "wechat"][-1]
    assert told.status == "manual" and "48小时" in told.last_error


def _due_now(store):
    for notice in store.notices.values():                      # retries come due at once
        if notice.status == "pending":
            notice.next_attempt_at = datetime.utcnow() - timedelta(seconds=1)


def test_a_late_answer_goes_out_at_once_when_nothing_waits(deps, store):
    sender = Sender()
    assert notices.answer_later(deps, sender, "wechat:wx-late", "请问事情发生在哪里？") == "sent"
    assert sender.sent == [("custom", "wx-late", "请问事情发生在哪里？")] and store.notices == {}


def test_a_refused_late_answer_is_queued_and_the_next_one_waits_behind_it(deps, store):
    refusing = Sender(fail=3)
    assert notices.answer_later(deps, refusing, "wechat:wx-late", "第一句回答") == "queued"
    back = Sender()
    assert notices.answer_later(deps, back, "wechat:wx-late", "第二句回答") == "queued"   # not before the first
    assert back.sent == []
    for _ in range(3):
        notices.deliver_due(deps, back)
        _due_now(store)
    assert [text for _, _, text in back.sent] == ["第一句回答", "第二句回答"]
    assert [n.case_id for n in store.notices.values()] == [None, None] and {n.status for n in store.notices.values()} == {"sent"}


def test_a_late_answer_waits_for_the_residents_earlier_case_message(deps, store):
    number = submit_case(deps, replace(submission("wx", channel="wechat"), sender_id="wechat:wx-r1")).case_number
    casework.act(deps, TOWNSHIP, number, "accept", {})          # queued for the worker, not sent yet
    sender = Sender()
    assert notices.answer_later(deps, sender, "wechat:wx-r1", "好的，已收到。") == "queued"
    for _ in range(3):
        notices.deliver_due(deps, sender)
        _due_now(store)
    assert [text.split("（")[0] for _, _, text in sender.sent] == ["您的临时救助申请", "好的，已收到。"]
