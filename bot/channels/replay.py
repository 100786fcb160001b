"""Replay protection for signed webhook calls (the WeChat channel), shared by every Rasa server.

Nonces: each (timestamp, nonce) is accepted once within the time window. `first_use` answers "new"
(remembered now), "repeat" (seen with the same body: a network retry of the same request, which the
MsgId memory below then answers once) or "reused" (seen with another body: refuse).

Message ids: WeChat retries a message it got no answer to (new nonce, same MsgId), and behind a
balancer the retry can reach another Rasa server. `RedisMessages` lets one server claim a MsgId and
keep the claim alive while it processes (a short expiry, renewed); done, the MsgId stays remembered
for twice the window. A server that dies mid-turn stops renewing, so a later retry on another server
takes the message over instead of losing it. Without Redis each process remembers its own MsgIds
(bot.channels.wechat), which is all one server needs.

Both live in Redis when REDIS_URL is set or Rasa's lock store is Redis; otherwise in this process."""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any, Protocol


class Nonces(Protocol):
    def first_use(self, timestamp: str, nonce: str, digest: str, window: int) -> str: ...


class MemoryNonces:
    """One process: nonces with the body digest, forgotten after twice the window."""

    def __init__(self, limit: int = 200_000):
        self._seen: OrderedDict[str, tuple[float, str]] = OrderedDict()
        self._lock, self._limit = threading.Lock(), limit

    def first_use(self, timestamp: str, nonce: str, digest: str, window: int) -> str:
        now, key = time.monotonic(), f"{timestamp}:{nonce}"
        with self._lock:
            while self._seen:
                oldest, (seen_at, _) = next(iter(self._seen.items()))
                if now - seen_at <= 2 * window and len(self._seen) < self._limit:
                    break
                del self._seen[oldest]
            if key in self._seen:
                return "repeat" if self._seen[key][1] == digest else "reused"
            self._seen[key] = (now, digest)
            return "new"


class RedisNonces:
    """Shared by every server: SET NX with an expiry of twice the window."""

    PREFIX = "linshi:wechat:nonce:"

    def __init__(self, client: Any):
        self.client = client

    @classmethod
    def key(cls, timestamp: str, nonce: str) -> str:
        return f"{cls.PREFIX}{timestamp}:{nonce}"

    def first_use(self, timestamp: str, nonce: str, digest: str, window: int) -> str:
        key = self.key(timestamp, nonce)
        if self.client.set(key, digest, nx=True, ex=2 * window):
            return "new"
        seen = self.client.get(key)
        seen = seen.decode() if isinstance(seen, bytes) else seen
        return "repeat" if seen == digest else "reused"


def nonce_store(redis_url: str = "", lock_store: Any = None) -> Nonces:
    """Redis from REDIS_URL, else the Redis client of Rasa's lock store, else process memory."""
    client = _redis_client(redis_url, lock_store)
    return RedisNonces(client) if client is not None else MemoryNonces()


class RedisMessages:
    """Which server answers a WeChat message: SET NX with a short expiry, renewed by its holder."""

    PREFIX = "linshi:wechat:msg:"
    HOLD_SECONDS = 3          # a dead holder's claim lapses within this (inside WeChat's 5 s); renewed every second

    def __init__(self, client: Any):
        import uuid

        self.client, self.owner = client, uuid.uuid4().hex

    def claim(self, key: str) -> str:
        """This server's part in the message: "claimed" (first to take it, or its holder died),
        "held" (another server is processing it) or "done" (another server answered it)."""
        if self.client.set(self.PREFIX + key, self.owner, nx=True, ex=self.HOLD_SECONDS):
            return "claimed"
        state = self.client.get(self.PREFIX + key)
        state = state.decode() if isinstance(state, bytes) else state
        return "done" if state == "done" else "held" if state else self.claim(key)

    def renew(self, key: str) -> None:
        self.client.expire(self.PREFIX + key, self.HOLD_SECONDS)

    def done(self, key: str, remember_seconds: int) -> None:
        self.client.set(self.PREFIX + key, "done", ex=remember_seconds)


def _redis_client(redis_url: str, lock_store: Any) -> Any:
    """The client of REDIS_URL, else the Redis client of Rasa's lock store, else None."""
    if redis_url:
        import redis

        return redis.Redis.from_url(redis_url, socket_timeout=2)
    return getattr(lock_store, "red", None)   # rasa.core.lock_store.RedisLockStore


def message_store(redis_url: str = "", lock_store: Any = None) -> RedisMessages | None:
    """Shared MsgId claims when Redis is configured; None: this process's own memory suffices."""
    client = _redis_client(redis_url, lock_store)
    return RedisMessages(client) if client is not None else None
