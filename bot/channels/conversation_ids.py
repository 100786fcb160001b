"""Conversation ids for the public web chat: the server issues them (random, signed, expiring), and
the REST channel accepts no other, so nobody continues someone else's conversation by guessing or
copying a sender id. Stateless: any Rasa server with the same secret verifies them."""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from functools import lru_cache
from pathlib import Path

from bot.settings import get_settings

LIFETIME_SECONDS = 24 * 3600
PREFIX = "rest:"          # the namespace of web chat conversations (WeChat's is "wechat:")


@lru_cache(maxsize=4)
def _secret(explicit: str | None, data_key: str | None, key_file: str) -> bytes:
    """CONVERSATION_SECRET, or one derived from the data key (so every server of a deployment agrees)."""
    if explicit:
        return explicit.encode()
    from bot.store.crypto import load_or_create_keys

    return hashlib.sha256(b"conversation:" + load_or_create_keys(data_key, Path(key_file))[0].encode()).digest()


def secret() -> bytes:
    settings = get_settings()
    return _secret(settings.secret("CONVERSATION_SECRET"), settings.data_key, str(settings.data_key_file))


def _sign(key: bytes, body: str) -> str:
    return hmac.new(key, body.encode(), hashlib.sha256).hexdigest()[:32]


def issue(key: bytes, now: float | None = None) -> tuple[str, int]:
    """A new conversation token and when it expires (unix seconds)."""
    expires = int((now or time.time()) + LIFETIME_SECONDS)
    body = f"{secrets.token_urlsafe(16)}.{expires}"
    return f"{body}.{_sign(key, body)}", expires


def verify(key: bytes, token: object, now: float | None = None) -> str | None:
    """The conversation's sender id (namespaced) when the token is ours and unexpired, else None."""
    if not isinstance(token, str) or token.count(".") != 2 or len(token) > 200:
        return None
    ident, expires, signature = token.split(".")
    if not expires.isdigit() or int(expires) < (now or time.time()):
        return None
    if not hmac.compare_digest(signature, _sign(key, f"{ident}.{expires}")):
        return None
    return PREFIX + ident
