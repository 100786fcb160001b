"""The WeChat official-account channel against the real Rasa and action servers, driven by wechatpy
as an independent client: verification, signatures, plain and safe mode, events, other message
types, retries of one MsgId, bad bodies, and answers sent later through the customer-service API."""
from __future__ import annotations

import base64
import os
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
import requests
import xmltodict
from wechatpy.crypto import WeChatCrypto
from wechatpy.utils import WeChatSigner

from tests.integration.servers import ROOT, SQLITE_TRACKER, Servers, _wait, free_port

TOKEN, APP_ID, APP_SECRET = "wechat-test-token", "wx0123456789abcdef", "wechat-test-app-secret"
AES_KEY = base64.b64encode(b"k" * 32).decode()[:-1]


class Account:
    """What the WeChat platform does: sign (and in safe mode encrypt) a user's message."""

    def __init__(self, servers: Servers):
        self.url = f"http://127.0.0.1:{servers.rasa_port}/webhooks/wechat/webhook"
        self.crypto = WeChatCrypto(TOKEN, AES_KEY, APP_ID)

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

    def post(self, xml: str, safe: bool = False, token: str = TOKEN) -> requests.Response:
        timestamp, nonce = str(int(time.time())), str(time.time_ns())
        params = {"timestamp": timestamp, "nonce": nonce, "signature": self.signature(timestamp, nonce, token), "openid": "x"}
        data = xml.encode()
        if safe:
            encrypted = self.crypto.encrypt_message(xml, nonce, timestamp)
            params.update(encrypt_type="aes", msg_signature=xmltodict.parse(encrypted)["xml"]["MsgSignature"])
            data = encrypted.encode()
        return requests.post(self.url, params=params, data=data, timeout=30)

    def content(self, response: requests.Response, safe: bool = False) -> str:
        assert response.status_code == 200, response.text
        if response.text == "success":
            return ""
        text = response.text
        if safe:
            outer = xmltodict.parse(text)["xml"]
            text = self.crypto.decrypt_message(text, outer["MsgSignature"], outer["TimeStamp"], outer["Nonce"])
        return xmltodict.parse(text)["xml"]["Content"]


def _wechat_env(api_base: str, reply_seconds: str) -> dict[str, str]:
    return {"WECHAT_TOKEN": TOKEN, "WECHAT_AES_KEY": AES_KEY, "WECHAT_APP_ID": APP_ID, "WECHAT_APP_SECRET": APP_SECRET,
            "WECHAT_API_BASE": api_base, "WECHAT_REPLY_SECONDS": reply_seconds}


@pytest.fixture(scope="module")
def standin(tmp_path_factory):
    port, log = free_port(), tmp_path_factory.mktemp("wx") / "standin.log"
    proc = subprocess.Popen([str(ROOT / ".venv" / "bin" / "python"), "-m", "bot.channels.wechat_standin", str(port)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "WECHAT_APP_ID": APP_ID, "WECHAT_APP_SECRET": APP_SECRET},
                            stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    _wait(url + "/sent", 30, proc, log)
    yield url
    proc.kill()


def _servers(tmp_path_factory, standin: str, reply_seconds: str) -> tuple[Servers, Path]:
    workdir = tmp_path_factory.mktemp("wechat")
    return Servers(workdir, f"sqlite:///{workdir / 'cases.sqlite3'}", SQLITE_TRACKER,
                   extra_env=_wechat_env(standin, reply_seconds)), workdir


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


def test_a_text_message_gets_a_passive_reply_in_plain_mode(wechat):
    account, _ = wechat
    reply = account.post(account.xml("user-plain", "我家昨晚着火了，房子烧没了，一家四口现在没地方住", 1001))
    assert "发生在哪里" in account.content(reply)
    assert xmltodict.parse(reply.text)["xml"]["ToUserName"] == "user-plain"


def test_safe_mode_is_decrypted_and_answered_encrypted(wechat):
    account, _ = wechat
    reply = account.post(account.xml("user-safe", "我家昨晚着火了，一家三口", 2001), safe=True)
    assert "Encrypt" in reply.text and "发生在哪里" in account.content(reply, safe=True)


def test_a_bad_signature_is_refused(wechat):
    account, _ = wechat
    assert account.post(account.xml("user-x", "你好", 3001), token="wrong-token").status_code == 403


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
        users = db.execute("select count(*) from events where sender_id='user-retry' and type_name='user'").fetchone()[0]
    assert users == 1


def test_malformed_and_oversize_bodies_get_a_clear_4xx(wechat):
    account, _ = wechat
    assert account.post("<xml><Content>unclosed").status_code == 400
    assert account.post("not xml at all").status_code == 400
    assert account.post("<xml>" + "火" * 40000 + "</xml>").status_code == 413
    broken = account.post(account.xml("user-b", "你好", 6001), safe=True)
    assert broken.status_code == 200                       # the channel still works after bad input


def test_a_slow_answer_goes_out_through_the_customer_service_api(tmp_path_factory, standin):
    servers, _ = _servers(tmp_path_factory, standin, "0")   # nothing is ever ready in time
    try:
        account = Account(servers)
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
