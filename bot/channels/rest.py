"""Rasa's REST channel (the public web chat) with two additions. The server issues the conversation
id (POST /webhooks/rest/conversation: random, signed, expiring; bot.channels.conversation_ids) and
the webhook refuses any other sender, so a conversation cannot be continued by someone who knows or
guesses its id; conversations are namespaced `rest:` apart from WeChat's `wechat:`. And when the
action server is down, or a message produced no answer (a store timed out), the resident gets
「请稍后再试」 instead of silence, and the message is not half-processed. Same address as Rasa's:
/webhooks/rest/webhook. The WeChat channel uses the same guard."""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable

import aiohttp
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint, response
from sanic.request import Request

from bot.channels import conversation_ids

log = logging.getLogger(__name__)
BUSY = "抱歉，系统暂时有点忙，您刚才的话没有处理成功，请稍后再试（您已经填写的信息不会丢）。"


def _action_health_url() -> str | None:
    """The action server's /health, from the endpoint the running Rasa agent calls."""
    from sanic import Sanic

    try:
        endpoint = getattr(Sanic.get_app().ctx.agent, "action_endpoint", None)
    except Exception:
        return None
    url = getattr(endpoint, "url", None)
    return url.rsplit("/webhook", 1)[0] + "/health" if url else None


_health_sessions: dict[int, aiohttp.ClientSession] = {}   # per event loop


def _health_session() -> aiohttp.ClientSession:
    """One kept connection for the checks (a new one per message cost 4 % of the Rasa server); kept at
    most 2 s idle, less than the action server's 5 s keep-alive."""
    loop = id(asyncio.get_running_loop())
    session = _health_sessions.get(loop)
    if session is None or session.closed:
        session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=1.0),
                                        connector=aiohttp.TCPConnector(keepalive_timeout=2.0))
        _health_sessions[loop] = session
    return session


async def action_server_up() -> bool:
    """Checked for every message: a local GET on a kept connection, well under a millisecond."""
    url = _action_health_url()
    if url is None:
        return True
    try:
        async with _health_session().get(url) as answer:
            return answer.status == 200
    except (aiohttp.ClientError, asyncio.TimeoutError, OSError):
        return False


async def answered_or_busy(on_new_message: Callable[[UserMessage], Awaitable[Any]], message: UserMessage) -> None:
    """Run the message unless the action server is down; if nothing was said back, say that it did
    not go through."""
    output = message.output_channel
    if not await action_server_up():
        await output.send_text_message(message.sender_id, BUSY)
        return
    try:
        await on_new_message(message)
    except Exception as exc:  # the lock store or tracker store failed: the resident still gets an answer
        log.error("message not processed: %s", type(exc).__name__)
    if isinstance(output, CollectingOutputChannel) and not output.messages:
        await output.send_text_message(message.sender_id, BUSY)


REFUSED = {"error": "bad_conversation", "message": "对话已过期或无效，请刷新页面重新开始。"}


class RestInput(RasaRestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    async def _extract_sender(self, req: Request) -> str | None:
        return conversation_ids.verify(conversation_ids.secret(), (req.json or {}).get("sender"))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def guarded(message: UserMessage) -> None:
            await answered_or_busy(on_new_message, message)
        hook = super().blueprint(guarded)

        @hook.route("/conversation", methods=["POST"])
        async def conversation(request: Request):
            token, expires = conversation_ids.issue(conversation_ids.secret())
            return response.json({"sender": token, "expires_at": expires})

        @hook.middleware("request")
        async def only_issued_conversations(request: Request):
            if request.method == "POST" and request.path.endswith("/webhook"):
                try:
                    sender = (request.json or {}).get("sender")
                except Exception:
                    sender = None
                if conversation_ids.verify(conversation_ids.secret(), sender) is None:
                    return response.json(REFUSED, status=403)
        return hook
