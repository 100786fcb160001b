"""The WeChat official-account channel against the real Rasa and action servers, driven by wechatpy
as an independent client: verification, signatures, plain and safe mode, events, other message
types, retries of one MsgId, bad bodies, and answers sent later through the customer-service API."""
from __future__ import annotations

import base64
import re
import sqlite3
import time
from pathlib import Path

import pytest
import requests
import xmltodict
from wechatpy.crypto import WeChatCrypto
from wechatpy.utils import WeChatSigner

from tests.integration.servers import SQLITE_TRACKER, Servers, start_wechat_standin

TOKEN, APP_ID, APP_SECRET = "wechat-test-token", "wx0123456789abcdef", "wechat-test-app-secret"
AES_KEY = base64.b64encode(b"k" * 32).decode()[:-1]


class Account:
    """What the WeChat platform does: sign (and in safe mode encrypt) a user's message."""

    def __init__(self, servers: Servers, safe: bool = True):
        self.url = f"http://127.0.0.1:{servers.rasa_port}/webhooks/wechat/webhook"
        self.crypto = WeChatCrypto(TOKEN, AES_KEY, APP_ID)
        self.safe = safe

    @staticmethod
    def signature(timestamp: str, nonce: str, token: str = TOKEN) -> str:
        signer = WeChatSigner()
        signer.add_data(token, timestamp, nonce)
        return signer.signature

    @staticmethod
    def xml(openid: str, content: str | None = None, msg_id: int = 1, kind: str = "text", event: str | None = None) -> str:
        body = f"<ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[{openid}]]></FromUserName>" \
               f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[{kind}]]></MsgType>"
        if kind == "text":
            body += f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId>"
        elif kind == "event":
            body += f"<Event><![CDATA[{event}]]></Event>"
        else:
            body += f"<PicUrl><![CDATA[http://example.invalid/p.jpg]]></PicUrl><MediaId><![CDATA[m1]]></MediaId><MsgId>{msg_id}</MsgId>"
        return f"<xml>{body}</xml>"

    def post(self, xml: str, safe: bool | None = None, token: str = TOKEN, timestamp: str | None = None,
             nonce: str | None = None) -> requests.Response:
        """Safe (encrypted) mode when the channel has an AES key, as WeChat does once it is set."""
        return self.send(self.signed(xml, safe, token, timestamp, nonce))

    def signed(self, xml: str, safe: bool | None = None, token: str = TOKEN, timestamp: str | None = None,
               nonce: str | None = None) -> tuple[dict, bytes]:
        safe = self.safe if safe is None else safe
        timestamp, nonce = timestamp or str(int(time.time())), nonce or str(time.time_ns())
        params = {"timestamp": timestamp, "nonce": nonce, "signature": self.signature(timestamp, nonce, token), "openid": "x"}
        data = xml.encode()
        if safe:
            encrypted = self.crypto.encrypt_message(xml, nonce, timestamp)
            params.update(encrypt_type="aes", msg_signature=xmltodict.parse(encrypted)["xml"]["MsgSignature"])
            data = encrypted.encode()
        return params, data

    def send(self, request: tuple[dict, bytes]) -> requests.Response:
        return requests.post(self.url, params=request[0], data=request[1], timeout=30)

    def content(self, response: requests.Response, safe: bool | None = None) -> str:
        safe = self.safe if safe is None else safe
        assert response.status_code == 200, response.text
        if response.text == "success":
            return ""
        text = response.text
        if safe:
            outer = xmltodict.parse(text)["xml"]
            text = self.crypto.decrypt_message(text, outer["MsgSignature"], outer["TimeStamp"], outer["Nonce"])
        return xmltodict.parse(text)["xml"]["Content"]


def _wechat_env(api_base: str, reply_seconds: str, aes: bool = True) -> dict[str, str]:
    env = {"WECHAT_TOKEN": TOKEN, "WECHAT_AES_KEY": AES_KEY, "WECHAT_APP_ID": APP_ID, "WECHAT_APP_SECRET": APP_SECRET,
           "WECHAT_API_BASE": api_base, "WECHAT_REPLY_SECONDS": reply_seconds}
    if not aes:
        del env["WECHAT_AES_KEY"]
    return env


@pytest.fixture(scope="module")
def standin(tmp_path_factory):
    url, proc = start_wechat_standin(tmp_path_factory.mktemp("wx"), APP_ID, APP_SECRET)
    yield url
    proc.kill()


def _servers(tmp_path_factory, standin: str, reply_seconds: str, aes: bool = True) -> tuple[Servers, Path]:
    workdir = tmp_path_factory.mktemp("wechat")
    return Servers(workdir, f"sqlite:///{workdir / 'cases.sqlite3'}", SQLITE_TRACKER,
                   extra_env=_wechat_env(standin, reply_seconds, aes)), workdir


@pytest.fixture(scope="module")
def wechat(tmp_path_factory, standin):
    servers, workdir = _servers(tmp_path_factory, standin, "4.5")
    yield Account(servers), workdir
    servers.stop()


def test_server_verification_echoes_only_with_a_valid_signature(wechat):
    account, _ = wechat
    timestamp, nonce = "1700000000", "12345"
    ok = requests.get(account.url, params={"signature": account.signature(timestamp, nonce), "timestamp": timestamp,
                                           "nonce": nonce, "echostr": "echo-42"}, timeout=10)
    assert ok.status_code == 200 and ok.text == "echo-42"
    bad = requests.get(account.url, params={"signature": "0" * 40, "timestamp": timestamp, "nonce": nonce, "echostr": "x"}, timeout=10)
    assert bad.status_code == 403


def test_a_text_message_gets_a_passive_reply(wechat):
    account, _ = wechat
    reply = account.post(account.xml("user-plain", "我家昨晚着火了，房子烧没了，一家四口现在没地方住", 1001))
    assert "发生在哪里" in account.content(reply)
    inner = account.crypto.decrypt_message(reply.text, *[xmltodict.parse(reply.text)["xml"][k] for k in ("MsgSignature", "TimeStamp", "Nonce")])
    assert xmltodict.parse(inner)["xml"]["ToUserName"] == "user-plain"


def test_safe_mode_is_decrypted_and_answered_encrypted(wechat):
    account, _ = wechat
    reply = account.post(account.xml("user-safe", "我家昨晚着火了，一家三口", 2001), safe=True)
    assert "Encrypt" in reply.text and "发生在哪里" in account.content(reply, safe=True)


def test_a_bad_signature_is_refused(wechat):
    account, _ = wechat
    assert account.post(account.xml("user-x", "你好", 3001), token="wrong-token").status_code == 403


def _user_events(workdir: Path, sender: str) -> int:
    with sqlite3.connect(workdir / "tracker.sqlite3") as db:
        return db.execute("select count(*) from events where sender_id=? and type_name='user'", ("wechat:" + sender,)).fetchone()[0]


def test_plain_mode_is_refused_when_an_aes_key_is_configured(wechat):
    """#16 finding 4: plain-mode signatures do not cover the body; with a key set only safe mode counts."""
    account, workdir = wechat
    refused = account.post(account.xml("user-plain-forged", "我家昨晚着火了，一家三口", 3101), safe=False)
    assert refused.status_code == 403
    assert _user_events(workdir, "user-plain-forged") == 0


def test_timestamps_more_than_five_minutes_off_are_refused(wechat):
    account, workdir = wechat
    now = int(time.time())
    for skew in (-301, 301, -3600):
        answer = account.post(account.xml("user-stale", "你好", 3200 + skew % 97), timestamp=str(now + skew))
        assert answer.status_code == 403, skew
    assert _user_events(workdir, "user-stale") == 0
    assert account.content(account.post(account.xml("user-stale", "你好", 3299), timestamp=str(now - 200)))


def test_a_nonce_is_used_once(wechat):
    """A captured request cannot be sent again, with the same body or another one."""
    account, workdir = wechat
    timestamp, nonce = str(int(time.time())), f"n{time.time_ns()}"
    captured = account.signed(account.xml("user-nonce", "你好", 3301), timestamp=timestamp, nonce=nonce)
    assert account.content(account.send(captured))
    other_body = account.post(account.xml("user-nonce-victim", "我家昨晚着火了，一家三口", 3302), timestamp=timestamp, nonce=nonce)
    assert other_body.status_code == 403
    again = account.send(captured)                       # byte for byte: answered, not processed again
    assert again.status_code == 200 and again.text == "success"
    assert _user_events(workdir, "user-nonce") == 1 and _user_events(workdir, "user-nonce-victim") == 0


def test_nonces_are_shared_through_redis_by_every_server():
    """With REDIS_URL (or Rasa's Redis lock store), a nonce seen by one server is refused by another."""
    import redis

    from bot.channels.replay import MemoryNonces, RedisNonces
    from tests.conftest import service_unavailable

    client = redis.Redis.from_url("redis://127.0.0.1:6379/3", socket_timeout=2)
    try:
        client.ping()
    except Exception:
        service_unavailable("Redis at 127.0.0.1:6379")
    first, second = RedisNonces(client), RedisNonces(redis.Redis.from_url("redis://127.0.0.1:6379/3"))
    nonce, digest = f"shared-{time.time_ns()}", "d" * 64
    assert first.first_use("1700000000", nonce, digest, 300) == "new"
    assert second.first_use("1700000000", nonce, digest, 300) == "repeat"
    assert second.first_use("1700000000", nonce, "e" * 64, 300) == "reused"
    assert 0 < client.ttl(RedisNonces.key("1700000000", nonce)) <= 600
    memory = MemoryNonces()
    assert [memory.first_use("1", "n", digest, 300), memory.first_use("1", "n", digest, 300),
            memory.first_use("1", "n", "e" * 64, 300)] == ["new", "repeat", "reused"]


def test_subscribe_gets_a_welcome_and_pictures_a_polite_answer(wechat):
    account, _ = wechat
    assert "临时救助" in account.content(account.post(account.xml("user-new", kind="event", event="subscribe")))
    assert "文字" in account.content(account.post(account.xml("user-pic", kind="image", msg_id=4001)))
    assert "文字" in account.content(account.post(account.xml("user-pic", kind="shortvideo", msg_id=4002)))


def test_a_retried_msgid_is_processed_once(wechat):
    account, workdir = wechat
    xml = account.xml("user-retry", "我家昨晚着火了，房子烧没了", 5001)
    first, again, third = account.post(xml), account.post(xml), account.post(xml)
    assert "发生在哪里" in account.content(first) and account.content(again) == "" and account.content(third) == ""
    with sqlite3.connect(workdir / "tracker.sqlite3") as db:
        users = db.execute("select count(*) from events where sender_id='wechat:user-retry' and type_name='user'").fetchone()[0]
    assert users == 1


def test_malformed_and_oversize_bodies_get_a_clear_4xx(wechat):
    account, _ = wechat
    assert account.post("<xml><Content>unclosed").status_code == 400
    assert account.post("not xml at all").status_code == 400
    assert account.post("<xml>" + "火" * 40000 + "</xml>").status_code == 413
    chunked = requests.post(account.url, params={"timestamp": "1", "nonce": "1", "signature": "x"}, timeout=30,
                            data=(b"<xml>" + b"x" * 8192 for _ in range(64)))          # 512 KB, no Content-Length
    assert chunked.status_code == 413
    after = account.post(account.xml("user-b", "你好", 6001), safe=True)
    assert after.status_code == 200 and account.content(after, safe=True)   # the channel still works after bad input


def test_a_slow_answer_goes_out_through_the_customer_service_api(tmp_path_factory, standin):
    servers, _ = _servers(tmp_path_factory, standin, "0", aes=False)   # nothing is ever ready in time; no AES key
    try:
        account = Account(servers, safe=False)                          # so plain mode is accepted
        reply = account.post(account.xml("user-slow", "我家昨晚着火了，房子烧没了，一家四口现在没地方住", 7001))
        assert reply.status_code == 200 and reply.text == "success"
        deadline, sent = time.time() + 30, []
        while time.time() < deadline and not sent:
            sent = [m for m in requests.get(standin + "/sent", timeout=5).json()["sent"] if m["touser"] == "user-slow"]
            time.sleep(0.2)
        assert len(sent) == 1 and "发生在哪里" in sent[0]["text"]["content"]
        assert account.content(account.post(account.xml("user-slow", "我家昨晚着火了，房子烧没了，一家四口现在没地方住", 7001))) == ""
        time.sleep(1)
        assert len([m for m in requests.get(standin + "/sent", timeout=5).json()["sent"] if m["touser"] == "user-slow"]) == 1
    finally:
        servers.stop()


def test_late_answers_wechat_refuses_go_through_the_outbox_in_order_once(tmp_path_factory, standin, tmp_path):
    """Issue 19 item 1: a late answer the customer-service API refuses is not only logged; the
    desk's outbox worker sends it when WeChat is back, and the resident's next answer comes after it."""
    from tests.integration.servers import DeskServer

    servers, workdir = _servers(tmp_path_factory, standin, "0", aes=False)   # every answer is late
    desk = None
    try:
        requests.post(standin + "/control", json={"fail_next": 5}, timeout=5)  # the channel's 3 tries and the worker's first 2
        account = Account(servers, safe=False)
        for i, text in enumerate(["我家昨晚着火了，房子烧没了，一家四口现在没地方住", "鄢陵县马栏镇"]):
            assert account.post(account.xml("user-outage", text, 7101 + i)).text == "success"
        desk = DeskServer(tmp_path, servers.database_url, {
            "WECHAT_APP_ID": APP_ID, "WECHAT_APP_SECRET": APP_SECRET, "WECHAT_API_BASE": standin,
            "REFERRAL_RETRY_BASE_SECONDS": "0.2", "REFERRAL_POLL_SECONDS": "0.2"})
        deadline, sent = time.time() + 60, []
        while time.time() < deadline and len(sent) < 2:
            sent = [m["text"]["content"] for m in requests.get(standin + "/sent", timeout=5).json()["sent"]
                    if m["touser"] == "user-outage"]
            time.sleep(0.3)
        time.sleep(2)   # a few more worker passes: nothing is sent twice
        sent = [m["text"]["content"] for m in requests.get(standin + "/sent", timeout=5).json()["sent"] if m["touser"] == "user-outage"]
        assert len(sent) == 2, sent
        assert "发生在哪里" in sent[0] and "发生在哪里" not in sent[1]
        with sqlite3.connect(workdir / "cases.sqlite3") as db:
            rows = db.execute("SELECT kind, status, attempts FROM notices ORDER BY id").fetchall()
        assert rows[0][:2] == ("answer", "sent") and rows[0][2] >= 1 and all(r[1] == "sent" for r in rows)
    finally:
        if desk:
            desk.stop()
        servers.stop()


def test_the_same_fire_by_wechat_and_by_the_hotline_is_warned_linked_and_paid_once(wechat, tmp_path):
    """Issue 9 end to end: two doors, one hardship."""
    from bot.domain.casework import Role
    from bot.services import accounts
    from bot.services.bootstrap import bootstrap, unit_of_work
    from tests.integration.servers import DeskServer

    account, workdir = wechat
    url = f"sqlite:///{workdir / 'cases.sqlite3'}"
    said = [account.content(account.post(account.xml("wx-fire", text, 9000 + i))) for i, text in enumerate(
        ["我家昨晚着火了，房子烧没了，一家四口现在没地方住", "鄢陵县马栏镇", "一样", "我叫王小明", "13899990000",
         "411024198503150014", "都不是", "对"])]
    wechat_case = re.search(r"LS\d+", said[-1]).group(0)
    for username, role in (("op-e2e", Role.OPERATOR), ("county-e2e", Role.COUNTY)):
        accounts.create_staff(bootstrap(url), username, username, role, "e2e-pass-2026", "411024")
    desk = DeskServer(tmp_path, url, {"REFERRAL_WORKER_IN_WEB": "0"})
    try:
        def login(username):
            s = requests.Session()
            s.headers["Authorization"] = "Bearer " + s.post(desk.url + "/api/login", json={
                "username": username, "password": "e2e-pass-2026", "kind": "token"}, timeout=30).json()["token"]
            return s
        operator, county = login("op-e2e"), login("county-e2e")
        call = operator.post(desk.url + "/api/console/calls", timeout=30).json()["id"]
        for line in ("邻居打电话说王小明家昨晚着火了，在鄢陵县马栏镇，户口也在马栏镇，一家四口", "电话13899990000"):
            view = operator.post(f"{desk.url}/api/console/calls/{call}/utterances", json={"text": line}, timeout=30).json()
        assert wechat_case in [c["case_number"] for c in view["earlier_cases"]]     # the console warns first
        hotline_case = operator.post(f"{desk.url}/api/console/calls/{call}/case", timeout=30).json()["case_number"]
        page = county.get(f"{desk.url}/api/cases/{hotline_case}", timeout=30).json()
        warning = next(m for m in page["related_cases"] if m["case_number"] == wechat_case)
        assert warning["score"] > 0 and warning["reasons"]
        linked = county.post(f"{desk.url}/api/cases/{hotline_case}/related",
                             json={"other": wechat_case, "kind": "duplicate", "note": "同一户，微信和热线各报一次"}, timeout=30)
        assert linked.status_code == 200 and linked.json()["status"] == "closed"
        act = lambda number, action, **p: county.post(f"{desk.url}/api/cases/{number}/actions/{action}", json=p, timeout=30)  # noqa: E731
        assert act(hotline_case, "pay", amount=100).status_code == 409
        for action, params in (("accept", {}), ("approve", {"amount": 2000}), ("pay", {"amount": 2000})):
            assert act(wechat_case, action, **params).status_code == 200, action
        from datetime import date
        table = county.get(f"{desk.url}/api/exports/payments", params={"year": date.today().year, "month": date.today().month,
                                                                       "format": "json"}, timeout=30).json()["rows"]
        assert [row[1] for row in table].count(wechat_case) == 1 and hotline_case not in [row[1] for row in table]
    finally:
        desk.stop()
