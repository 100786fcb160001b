"""Messages to residents over real HTTP (issue #19 part 1): a WeChat case accepted, asked for
information, approved and paid on the desk produces four messages at the WeChat stand-in, in order,
each once, also when the stand-in fails and comes back; on SQLite and PostgreSQL."""
from __future__ import annotations

import time
from dataclasses import replace

import pytest
import requests

from bot.channels.wechat_api import CustomerServiceSender
from bot.domain.casework import Role, Staff
from bot.services import casework, notices
from bot.services.bootstrap import bootstrap
from bot.services.cases import submit_case
from tests.factories import submission
from tests.integration.servers import start_wechat_standin

APP_ID, APP_SECRET = "wx-notice-test", "notice-secret"
TOWNSHIP = Staff("malan", "马栏镇经办人", Role.TOWNSHIP, "411024", "马栏镇")


@pytest.fixture
def standin(tmp_path):
    url, proc = start_wechat_standin(tmp_path, APP_ID, APP_SECRET)
    yield url
    proc.kill()


def test_four_steps_on_the_desk_reach_the_resident_in_order_once_through_failures(database_url, standin, monkeypatch):
    from bot.settings import get_settings

    monkeypatch.setenv("REFERRAL_RETRY_BASE_SECONDS", "0")   # retries come due at once
    get_settings.cache_clear()
    deps = bootstrap(database_url)
    number = submit_case(deps, submission("wx-notices", channel="wechat")).case_number
    requests.post(standin + "/control", json={"fail_next": 3}, timeout=5)      # WeChat refuses the first three tries
    sender = CustomerServiceSender(standin, APP_ID, APP_SECRET, attempts=1)
    for action, params in (("accept", {}), ("request_info", {"question": "村委会出具的火灾证明"}), ("verify", {}),
                           ("approve", {"amount": 800}), ("pay", {"amount": 800})):
        casework.act(deps, TOWNSHIP, number, action, params)
        notices.deliver_due(deps, sender)
    for _ in range(20):
        notices.deliver_due(deps, sender)
        time.sleep(0.05)
    sent = [m for m in requests.get(standin + "/sent", timeout=5).json()["sent"] if m["touser"] == "resident-1"]
    texts = [m["text"]["content"] for m in sent]
    assert len(texts) == 4, texts
    assert ["受理" in texts[0], "火灾证明" in texts[1], "审批同意" in texts[2], "已发放" in texts[3]] == [True] * 4
    assert all(number in t and "411024198503150014" not in t for t in texts)
    with deps.uow() as uow:
        case = uow.cases.by_number(number)
        told = uow.notices.of_case(case.id)
    assert [n.status for n in told] == ["sent"] * 4 and told[0].attempts >= 1
    monkeypatch.undo()
    get_settings.cache_clear()


def test_the_desk_and_its_own_worker_tell_the_resident_four_times_in_order_once_through_an_outage(database_url, standin, tmp_path):
    """The done-when as deployed: the caseworker acts through the desk's HTTP API, the desk process's
    outbox worker sends; the stand-in refuses the first four messages, then comes back."""
    from bot.services import accounts
    from tests.integration.servers import DeskServer

    deps = bootstrap(database_url)
    accounts.create_staff(deps, "malan-desk", "马栏镇经办人", Role.TOWNSHIP, "desk-pass-2026", "411024", "马栏镇")
    number = submit_case(deps, replace(submission("wx-desk", channel="wechat"), sender_id="wechat:wx-desk-1")).case_number
    requests.post(standin + "/control", json={"fail_next": 4}, timeout=5)
    desk = DeskServer(tmp_path, database_url, {"WECHAT_APP_ID": APP_ID, "WECHAT_APP_SECRET": APP_SECRET, "WECHAT_API_BASE": standin,
                                               "REFERRAL_RETRY_BASE_SECONDS": "0.2", "REFERRAL_POLL_SECONDS": "0.2"})
    try:
        api = requests.Session()
        api.headers["Authorization"] = "Bearer " + api.post(desk.url + "/api/login", json={
            "username": "malan-desk", "password": "desk-pass-2026", "kind": "token"}, timeout=30).json()["token"]
        for action, params in (("accept", {}), ("request_info", {"question": "村委会出具的火灾证明"}), ("verify", {}),
                               ("approve", {"amount": 800}), ("pay", {"amount": 800})):
            answer = api.post(f"{desk.url}/api/cases/{number}/actions/{action}", json=params, timeout=30)
            assert answer.status_code == 200, (action, answer.text)
        deadline, texts = time.time() + 60, []
        while time.time() < deadline and len(texts) < 4:
            time.sleep(0.3)
            texts = [m["text"]["content"] for m in requests.get(standin + "/sent", timeout=5).json()["sent"] if m["touser"] == "wx-desk-1"]
        time.sleep(1.5)   # more worker passes: nothing twice
        texts = [m["text"]["content"] for m in requests.get(standin + "/sent", timeout=5).json()["sent"] if m["touser"] == "wx-desk-1"]
        assert len(texts) == 4, texts
        assert ["受理" in texts[0], "火灾证明" in texts[1], "审批同意" in texts[2], "已发放" in texts[3]] == [True] * 4
        page = api.get(f"{desk.url}/api/cases/{number}", timeout=30).json()
        assert [n["status_label"] for n in page["notices"]] == ["已告知"] * 4 and page["notices"][0]["attempts"] >= 1
    finally:
        desk.stop()


def test_late_answers_that_went_out_are_deleted_with_caseless_conversations(database_url, tmp_path):
    """A late answer in the outbox is a copy of the conversation: once sent (or given up) it goes
    after NO_CASE_RETENTION_DAYS like a conversation without a case; one still waiting stays."""
    from sqlalchemy import create_engine, text

    from bot.services.retention import purge

    deps = bootstrap(database_url)
    old_sent, old_waiting, fresh_sent = (notices.queue_answer(deps, "wechat:wx-retain", f"回答{i}") for i in range(3))
    with deps.uow() as uow:
        for notice in uow.notices.pending_for("wechat:wx-retain"):
            if notice.id != old_waiting.id:
                notice.sent("custom", notice.created_at)
                uow.notices.save(notice)
        uow.commit()
    engine = create_engine(database_url, future=True)
    with engine.begin() as connection:
        connection.execute(text("UPDATE notices SET created_at = created_at - INTERVAL '8 days' WHERE id IN (:a, :b)")
                           if engine.dialect.name == "postgresql" else
                           text("UPDATE notices SET created_at = datetime(created_at, '-8 days') WHERE id IN (:a, :b)"),
                           {"a": old_sent.id, "b": old_waiting.id})
    engine.dispose()
    report = purge(deps, 180, tracker_url=f"sqlite:///{tmp_path / 'no-tracker.sqlite3'}")
    assert report.deleted_answers == 1
    with deps.uow() as uow:
        left = {n.id for n in uow.notices.pending_for("wechat:wx-retain")}
    assert left == {old_waiting.id}
    engine = create_engine(database_url, future=True)
    with engine.connect() as connection:
        ids = {row[0] for row in connection.execute(text("SELECT id FROM notices"))}
    engine.dispose()
    assert ids == {old_waiting.id, fresh_sent.id}
