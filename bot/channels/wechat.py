"""A Rasa input channel for a WeChat official account (公众号), plain and safe (encrypted) mode.

GET  /webhooks/wechat/webhook   server verification: echoes `echostr` when the signature is right
POST /webhooks/wechat/webhook   a message or event as XML; answered with a passive XML reply

WeChat waits 5 seconds and retries the same message up to three times. Each MsgId is processed once:
a retry waits for the same processing. With several Rasa servers behind a balancer a retry can reach
another server: the MsgId is then claimed in Redis (bot.channels.replay.RedisMessages), and the
other server answers nothing unless the claim's holder died before answering (it then takes over).
When the answer is not ready within WECHAT_REPLY_SECONDS (4.5), the reply is empty and the answer
goes out afterwards through the customer-service message API (WECHAT_API_BASE; a local stand-in in
tests and `make run`); when WeChat does not take it, it joins the notices outbox and the worker
sends it, after the resident's earlier messages (bot.services.notices.answer_later).
Secrets (WECHAT_TOKEN, WECHAT_AES_KEY, WECHAT_APP_ID, WECHAT_APP_SECRET) come from the environment.

Replay (#16 finding 4): with an AES key configured only safe mode is accepted (plain-mode signatures
do not cover the body); a POST whose timestamp is more than 300 s off is refused; each
(timestamp, nonce) is accepted once (bot.channels.replay: Redis when REDIS_URL is set or Rasa's lock
store is Redis, else this process's memory); signatures are compared in constant time. The body is
read as a stream and refused above 64 KB, chunked or not.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import threading
import time
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
import xmltodict
from wechatpy import parse_message
from wechatpy.crypto import PrpCrypto, WeChatCrypto
from wechatpy.replies import TextReply

from bot.channels.replay import Nonces, RedisMessages, message_store, nonce_store
from bot.channels.rest import answered_or_busy
from bot.channels.wechat_api import CustomerServiceSender
from bot.services import notices
from bot.services.bootstrap import bootstrap
from bot.settings import get_settings

log = logging.getLogger(__name__)
MAX_BODY = 64 * 1024
REMEMBERED = 10_000          # MsgIds remembered for retries (WeChat retries within ~15 s)
WINDOW_SECONDS = 300         # a signed request older or newer than this is refused
WELCOME = ("您好，这里是临时救助服务。家里遇到火灾、车祸、重病，或者看病、上学花费太大、收入突然没了，"
           "都可以直接用文字告诉我发生了什么，我会一步步帮您登记。查询进度请发“查询进度”。")
TEXT_ONLY = "目前只能读文字消息，图片、语音和视频我看不了。请用文字告诉我您遇到了什么困难，或发“转人工”。"


@dataclass
class Pending:
    task: asyncio.Task
    replied: bool = False       # the answer went out (passively or by the customer-service API)
    deferred: bool = False      # too slow for a passive reply: send it afterwards


SENDER_PREFIX = "wechat:"     # WeChat conversations apart from the web chat's (rest:)


class WeChatInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "wechat"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "WeChatInput":
        return cls()

    def __init__(self) -> None:
        settings = get_settings()
        self.token = settings.secret("WECHAT_TOKEN")
        self.app_id = settings.secret("WECHAT_APP_ID") or ""
        aes_key = settings.secret("WECHAT_AES_KEY")
        self.crypto = WeChatCrypto(self.token, aes_key, self.app_id) if self.token and aes_key else None
        self.reply_seconds = settings.wechat_reply_seconds
        self.sender = CustomerServiceSender(settings.wechat_api_base, self.app_id, settings.secret("WECHAT_APP_SECRET") or "")
        self.pending: OrderedDict[str, Pending] = OrderedDict()
        self.redis_url = settings.redis_url
        self.nonces: Nonces | None = None   # chosen on the first call, when Rasa's lock store is known
        self.messages: RedisMessages | None = None   # MsgIds shared by every server, when Redis is configured
        self.late_locks = [threading.Lock() for _ in range(64)]   # one resident's late answers one at a time

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint("wechat_webhook", __name__)

        @hook.route("/", methods=["GET"])
        async def health(_: Request):
            return response.json({"status": "ok", "configured": bool(self.token)})

        @hook.route("/webhook", methods=["GET"])
        async def verify(request: Request):
            args = request.args
            if not self._signed(args.get("signature"), args.get("timestamp"), args.get("nonce")):
                return response.text("invalid signature", status=403)
            return response.text(args.get("echostr", ""))

        @hook.route("/webhook", methods=["POST"], stream=True)
        async def receive(request: Request):
            return await self._receive(request, on_new_message)

        return hook

    def _signed(self, signature: str | None, timestamp: str | None, nonce: str | None, *more: str) -> bool:
        """WeChat's SHA-1 over the sorted token, timestamp, nonce (and, in safe mode, the cipher text),
        compared in constant time."""
        if not (self.token and signature and timestamp and nonce):
            return False
        expected = hashlib.sha1("".join(sorted([self.token, timestamp, nonce, *more])).encode()).hexdigest()
        return hmac.compare_digest(expected.encode(), signature.encode())

    @staticmethod
    async def _read_body(request: Request) -> bytes | None:
        """The body, read as a stream up to MAX_BODY (chunked bodies too); None when larger."""
        length = request.headers.get("content-length")
        if length and (not length.isdigit() or int(length) > MAX_BODY):
            return None
        body = bytearray()
        while True:
            chunk = await request.stream.read() if request.stream else None
            if chunk is None:
                return bytes(body) if request.stream else (request.body or b"")
            body += chunk
            if len(body) > MAX_BODY:
                return None

    async def _first_use(self, request: Request, timestamp: str, nonce: str, body: bytes) -> str:
        if self.nonces is None:
            agent = getattr(request.app.ctx, "agent", None)
            self.nonces = nonce_store(self.redis_url, getattr(agent, "lock_store", None))
            self.messages = message_store(self.redis_url, getattr(agent, "lock_store", None))
        digest = hashlib.sha256(body).hexdigest()
        return await asyncio.get_event_loop().run_in_executor(
            None, self.nonces.first_use, timestamp, nonce, digest, WINDOW_SECONDS)

    async def _receive(self, request: Request, on_new_message) -> Any:
        if not self.token:
            return response.text("wechat channel not configured", status=503)
        body = await self._read_body(request)
        if body is None:
            return response.text("body too large", status=413)
        args = request.args
        timestamp, nonce = args.get("timestamp") or "", args.get("nonce") or ""
        safe = args.get("encrypt_type") == "aes"
        if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > WINDOW_SECONDS:
            return response.text("stale or missing timestamp", status=403)
        if not self._signed(args.get("signature"), timestamp, nonce):
            return response.text("invalid signature", status=403)
        if self.crypto is not None and not safe:
            return response.text("safe mode required", status=403)   # plain mode does not sign the body
        if safe and self.crypto is None:
            return response.text("safe mode not configured", status=400)
        encrypted = None
        if safe:
            try:
                encrypted = xmltodict.parse(body)["xml"]["Encrypt"]
            except Exception:
                return response.text("cannot decrypt message", status=400)
            if not isinstance(encrypted, str) or not self._signed(args.get("msg_signature"), timestamp, nonce, encrypted):
                return response.text("invalid message signature", status=403)
        use = await self._first_use(request, timestamp, nonce, body)
        if use == "reused":
            return response.text("nonce already used", status=403)
        # use == "repeat": the same request again (a balancer's retry after a server died, say): the
        # MsgId memory below answers it once, so it is not refused here
        try:
            xml = PrpCrypto(self.crypto.key).decrypt(encrypted, self.app_id) if safe else body
        except Exception:  # wrong key, truncated cipher text, not XML around it
            return response.text("cannot decrypt message", status=400)
        try:
            message = parse_message(xml)
        except Exception:
            return response.text("malformed XML", status=400)
        text = await self._answer(message, on_new_message)
        if not text:
            return response.text("success")
        reply = TextReply(message=message, content=text).render()
        if safe:
            reply = self.crypto.encrypt_message(reply, nonce, timestamp)
        return response.text(reply, content_type="application/xml")

    async def _answer(self, message: Any, on_new_message) -> str:
        kind = getattr(message, "type", "unknown")
        if kind == "event":
            return WELCOME if getattr(message, "event", "") == "subscribe" else ""
        if kind != "text":
            return TEXT_ONLY
        key, started = f"{message.source}:{message.id}", time.monotonic()
        pending = self.pending.get(key)
        if pending is None:
            claimed = await self._claimed(key)
            pending = self.pending.get(key)             # this server took it meanwhile (a concurrent retry)
            if pending is None and not claimed:
                return ""                               # another server answers (or answered) it
        if pending is None:
            task = asyncio.ensure_future(self._process(on_new_message, message))
            pending = self.pending[key] = Pending(task)
            task.add_done_callback(lambda done, key=key: self._finished(key, done))
            if self.messages is not None:
                asyncio.ensure_future(self._hold(key, task))
            while len(self.pending) > REMEMBERED:
                self.pending.popitem(last=False)
        elif pending.replied:
            return ""                                   # a retry of a message already answered
        try:
            left = max(self.reply_seconds - (time.monotonic() - started), 0)   # less any wait for a claim
            text = await asyncio.wait_for(asyncio.shield(pending.task), left)
        except asyncio.TimeoutError:
            pending.deferred = True                      # answered later by the customer-service API
            return ""
        if pending.replied:
            return ""
        pending.replied = True
        return text

    async def _claimed(self, key: str) -> bool:
        """Whether this server processes the message: always without Redis; with it, when it is the
        first to claim the MsgId, or when the holder's claim lapses (it died) within the reply time."""
        if self.messages is None:
            return True
        loop, deadline = asyncio.get_event_loop(), time.monotonic() + self.reply_seconds
        while True:
            state = await loop.run_in_executor(None, self.messages.claim, key)
            if state == "claimed":
                return True
            if state == "done" or key in self.pending or time.monotonic() >= deadline:
                return False
            await asyncio.sleep(0.2)

    async def _hold(self, key: str, task: asyncio.Task) -> None:
        """Keep this server's claim on the MsgId alive while it processes; then remember it as done."""
        loop = asyncio.get_event_loop()
        try:
            while not task.done():
                await asyncio.wait([task], timeout=RedisMessages.HOLD_SECONDS / 3)
                if not task.done():
                    await loop.run_in_executor(None, self.messages.renew, key)
            await loop.run_in_executor(None, self.messages.done, key, 2 * WINDOW_SECONDS)
        except Exception as exc:  # Redis unreachable: this server still answers; a retry elsewhere may not know
            log.warning("could not keep the MsgId claim in Redis: %s", type(exc).__name__)

    async def _process(self, on_new_message, message: Any) -> str:
        collector = CollectingOutputChannel()
        content = (message.content or "")[:5000]
        await answered_or_busy(on_new_message, UserMessage(content, collector, sender_id=SENDER_PREFIX + message.source,
                                                           input_channel=self.name(), message_id=str(message.id)))
        return "\n".join(m["text"] for m in collector.messages if m.get("text"))

    def _finished(self, key: str, task: asyncio.Task) -> None:
        pending = self.pending.get(key)
        if pending is None or not pending.deferred or pending.replied:
            return
        pending.replied = True
        if task.cancelled() or task.exception() is not None:
            text = "抱歉，系统暂时出了点问题，请稍后再发一次。"
        else:
            text = task.result()
        if text:
            openid = key.split(":", 1)[0]
            asyncio.get_event_loop().run_in_executor(None, self._send_late, openid, text)

    def _send_late(self, openid: str, text: str) -> None:
        """The customer-service API now, or the outbox when WeChat does not take it (in order: the
        resident's later answers wait for this one's outcome)."""
        with self.late_locks[zlib.crc32(openid.encode()) % len(self.late_locks)]:
            try:
                notices.answer_later(bootstrap(), self.sender, SENDER_PREFIX + openid, text)
            except Exception as exc:   # the store is down too: nothing more this process can do
                log.warning("late answer neither sent nor queued: %s", type(exc).__name__)
