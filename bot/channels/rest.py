"""Rasa's REST channel with one addition: when the action server is down, or a message produced no
answer (a store timed out), the resident gets 「请稍后再试」 instead of silence or a confused reply,
and the message is not half-processed (it is not handed to Rasa while the actions are down).
Same address as Rasa's: /webhooks/rest/webhook. The WeChat channel uses the same guard."""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable

import aiohttp
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint

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


async def action_server_up() -> bool:
    """Checked for every message: a local GET costs about a millisecond."""
    url = _action_health_url()
    if url is None:
        return True
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=1.0)) as session:
            async with session.get(url) as answer:
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


class RestInput(RasaRestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def guarded(message: UserMessage) -> None:
            await answered_or_busy(on_new_message, message)
        return super().blueprint(guarded)
