"""Talks to running servers over the REST channel and finds the case in the database: on the
embedded SQLite default, and on the production set-up (PostgreSQL tracker and case store, Redis
lock store)."""
from __future__ import annotations

import re
import time

import pytest

from bot.services.bootstrap import bootstrap, unit_of_work
from tests.integration.servers import SQLITE_TRACKER, Servers, production_servers



@pytest.fixture(scope="module", params=["sqlite", "production"])
def servers(request, tmp_path_factory):
    workdir = tmp_path_factory.mktemp(request.param)
    if request.param == "sqlite":
        started = Servers(workdir, f"sqlite:///{workdir / 'cases.sqlite3'}", SQLITE_TRACKER)
        started.tracker_url = f"sqlite:///{workdir / 'tracker.sqlite3'}"
    else:
        # DEBUG logging here: Rasa then logs every user message, so the log check below has teeth.
        started = production_servers(workdir, request.getfixturevalue("postgres_admin_url"), debug=True)
    yield started
    started.stop()


def _converse(servers: Servers, sender: str, messages: list[str]) -> list[list[str]]:
    return [servers.say(sender, message) for message in messages]


def test_fire_reported_in_one_message_ends_with_a_saved_case(servers):
    replies = _converse(servers, "rest-fire", [
        "我家昨晚着火了，房子烧没了，一家四口现在没地方住", "鄢陵县马栏镇", "一样", "我叫王小明",
        "13812345678", "411024198503150014", "都不是", "对",
    ])
    assert "发生在哪里" in replies[0][0]
    assert "请核对" in replies[6][-1] and "火灾" in replies[6][-1]
    number = re.search(r"LS\d+", " ".join(replies[7])).group(0)
    with unit_of_work(servers.database_url) as uow:
        case = uow.cases.by_number(number)
        assert case.cause == "fire" and case.household.household_size == 4 and case.household.phone == "13812345678"
        assert case.hardship_type == "emergency" and case.channel == "rest"
        assert any(line["text"].startswith("我家昨晚着火了") for line in case.transcript)
    assert "同意转介" in replies[7][-1] and "身份证号" not in replies[7][-1]   # consent asked; no ID number shared
    consent = servers.say("rest-fire", "同意转介")
    assert "已把您的情况转给" in consent[0]
    with unit_of_work(servers.database_url) as uow:
        case = uow.cases.by_number(number)
        assert case.referral_consent is True
        assert [(r.partner_id, r.status) for r in uow.referrals.of_case(case.id)] == [("demo-fund", "pending")]
    status = _converse(servers, "rest-status", ["查一下进度", number, "13812345678"])
    assert "已提交" in status[-1][0] and "转介" in status[-1][0]
    wrong = _converse(servers, "rest-status-wrong", ["查一下进度", number, "13900000000"])
    assert "没有查到" in wrong[-1][0]
    for log in (servers.action_log, servers.rasa_log):
        text = log.read_text(errors="replace")
        assert "13812345678" not in text and "411024198503150014" not in text, f"personal data in {log.name}"
    if servers.debug:  # at DEBUG Rasa logs what residents type: the numbers are there, masked
        assert "138****5678" in servers.rasa_log.read_text(errors="replace")


@pytest.mark.parametrize("message", ["", "   ", "😀😀😀", "火" * 5000, "<script>alert(1)</script>' OR 1=1 --",
                                     "\u0000\u0007控制字符", "hello I need help", "１３８１２３４５６７８"])
def test_bad_input_gets_an_answer_and_the_server_survives(servers, message):
    replies = servers.say("rest-bad", message)
    assert replies and all(reply for reply in replies)
    assert servers.say("rest-bad-after", "你好")[0].startswith("您好")


def test_purge_masks_numbers_once_the_case_holds_them_and_deletes_old_closed_conversations(servers):
    from bot.services.retention import purge
    from bot.store.tracker_events import TrackerEvents

    replies = _converse(servers, "rest-purge", [
        "我家昨晚着火了，房子烧没了，一家四口现在没地方住", "鄢陵县马栏镇", "一样", "我叫王小明",
        "13812345671", "411024198503150014", "都不是", "对"])
    number = re.search(r"LS\d+", " ".join(replies[-1])).group(0)
    _converse(servers, "rest-chat-only", ["你好", "我的电话是13812345672"])
    store = TrackerEvents(servers.tracker_url)
    typed = lambda sender: " ".join(data or "" for _, data in store.rows(servers.sender_id(sender)))   # noqa: E731
    assert "13812345671" in typed("rest-purge") and "13812345672" in typed("rest-chat-only")
    report = purge(bootstrap(servers.database_url), 180, tracker_url=servers.tracker_url)
    assert report.redacted_events > 0 and report.deleted_conversations == 0
    assert "13812345671" not in typed("rest-purge") and "411024198503150014" not in typed("rest-purge")
    assert "138****5671" in typed("rest-purge")
    assert "13812345672" in typed("rest-chat-only")          # no case holds it: kept until it expires
    week = purge(bootstrap(servers.database_url), 180, tracker_url=servers.tracker_url, now=time.time() + 8 * 86400)
    assert typed("rest-chat-only") == "" and week.deleted_conversations >= 1   # no case: gone after 7 days (#16 finding 1)
    assert "138****5671" in typed("rest-purge")             # the open case's conversation stays
    with unit_of_work(servers.database_url) as uow:
        case = uow.cases.by_number(number)
        case.status = "closed"
        uow.cases.save(case)
        uow.commit()
    later = purge(bootstrap(servers.database_url), 0, tracker_url=servers.tracker_url, now=time.time() + 60)
    assert later.deleted_conversations >= 1
    assert typed("rest-purge") == "" and typed("rest-chat-only") == ""
    with unit_of_work(servers.database_url) as uow:
        assert uow.cases.by_number(number).transcript                       # the case keeps its own copy


def _forged_consent_call(servers: Servers, number: str, sender: str) -> dict:
    """What an attacker on the network would POST to the action server: Rasa's call for
    action_referral_consent with a victim's sender id and case number, the resident saying yes."""
    tracker = {"sender_id": sender, "slots": {"last_case_number": number, "referral_offered": True},
               "latest_message": {"text": "同意转介", "intent": {"name": "affirm"}, "entities": []},
               "events": [], "paused": False, "followup_action": None, "active_loop": {},
               "latest_action_name": "action_listen", "latest_input_channel": "rest"}
    return {"next_action": "action_referral_consent", "sender_id": sender, "tracker": tracker, "domain": {},
            "version": "3.6.21"}


def test_the_action_server_refuses_calls_without_rasas_token(servers):
    """#16 finding 2: a forged call without the shared secret is refused (401) and records nothing;
    /health stays open for the channels' check. Rasa's own calls carry the token (every other test here)."""
    import requests

    from bot.services.cases import submit_case
    from tests.factories import submission

    sender = "resident-1"   # the factory's sender id
    number = submit_case(bootstrap(servers.database_url), submission("forged-1")).case_number
    base = f"http://127.0.0.1:{servers.action_port}"
    forged = _forged_consent_call(servers, number, sender)
    for params in ({}, {"token": "wrong-token"}, {"token": servers.action_token[:-1]}):
        answer = requests.post(base + "/webhook", json=forged, params=params, timeout=30)
        assert answer.status_code == 401, (params, answer.text)
    assert requests.get(base + "/actions", timeout=30).status_code == 401
    assert requests.get(base + "/health", timeout=30).status_code == 200
    with unit_of_work(servers.database_url) as uow:
        case = uow.cases.by_number(number)
        assert case.referral_consent is None and uow.referrals.of_case(case.id) == []


def _tracker_bytes(servers: Servers) -> bytes:
    """The tracker database as it lies on disk: the SQLite file (with its journal or WAL), or pg_dump."""
    import subprocess
    from pathlib import Path

    from sqlalchemy.engine import make_url

    url = make_url(servers.tracker_url)
    if url.get_backend_name() == "sqlite":
        return b"".join(path.read_bytes() for path in Path(url.database).parent.glob(Path(url.database).name + "*"))
    return subprocess.run(["pg_dump", "-h", url.host or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres",
                           "--data-only", url.database], capture_output=True, check=True).stdout


def test_conversations_are_stored_encrypted_and_read_back_after_a_restart(servers):
    """#16 finding 1: nothing a resident typed is in the tracker database in clear (raw SQLite file,
    pg_dump), in UTF-8 or in JSON's \\u escapes; the conversation continues after Rasa restarts, so
    Rasa reads its own encrypted events back."""
    import json

    phone, id_number, name = "13812345611", "411024199001010016", "李秀英"
    replies = _converse(servers, "rest-sealed", [
        "我家昨晚着火了，房子烧没了，一家四口现在没地方住", "鄢陵县马栏镇", "一样", f"我叫{name}", phone, id_number, "都不是"])
    assert "请核对" in replies[-1][-1] and name in replies[-1][-1]
    raw = _tracker_bytes(servers)
    assert b"action_listen" in raw                                  # the conversation's events are there …
    for secret in (phone, id_number, name, "着火"):                 # … but nothing it says
        for form in (secret, json.dumps(secret).strip('"')):
            assert form.encode() not in raw, f"{secret!r} in clear in the tracker database"
    servers.restart_rasa()
    done = servers.say("rest-sealed", "对")                          # confirms the read-back held before the restart
    number = re.search(r"LS\d+", " ".join(done)).group(0)
    with unit_of_work(servers.database_url) as uow:
        household = uow.cases.by_number(number).household
        assert (household.phone, household.id_number, household.applicant_name) == (phone, id_number, name)


def test_only_server_issued_conversations_are_accepted_and_the_read_back_masks_numbers(servers):
    """#16 item 3: a caller-chosen sender (a name, someone's WeChat openid) is refused; the web chat
    gets its id from the server, namespaced rest:; the read-back shows 138****5678, not the number."""
    import json
    import urllib.error
    import urllib.request

    for sender in ("resident-1", "wechat:o6_bmjrPTlm6_2sgVt7hMZOPfL2M", ""):
        request = urllib.request.Request(f"http://127.0.0.1:{servers.rasa_port}/webhooks/rest/webhook",
                                         data=json.dumps({"sender": sender, "message": "你好"}).encode(),
                                         headers={"Content-Type": "application/json"})
        try:
            urllib.request.urlopen(request, timeout=30)
            raise AssertionError("a caller-chosen sender was accepted")
        except urllib.error.HTTPError as refused:
            assert refused.code == 403 and "重新开始" in json.load(refused)["message"]
    replies = _converse(servers, "rest-masked", ["我家昨晚着火了，一家四口", "鄢陵县马栏镇", "昨天", "一样", "我叫王小明",
                                                 "13812345678", "411024198503150014", "都不是"])
    read_back = " ".join(replies[-1])
    assert "138****5678" in read_back and "13812345678" not in read_back and "411024198503150014" not in read_back
    assert servers.sender_id("rest-masked").startswith("rest:")


def test_a_first_message_is_read_once_by_the_action_server(servers):
    """Form activation used to run the slot extraction again on the message just read: the whole
    conversation went to the action server twice on every first message (scripts/rasa_turn.py)."""
    if not servers.debug:
        pytest.skip("the count is read from Rasa's DEBUG log, which the production-profile servers write")
    calls = "Calling action endpoint to run action 'action_extract_facts'"
    before = servers.rasa_log.read_text(errors="replace").count(calls)
    replies = servers.say("rest-once", "我家昨晚着火了，房子烧没了，一家四口现在没地方住")
    assert "发生在哪里" in replies[-1]
    assert servers.rasa_log.read_text(errors="replace").count(calls) - before == 1
