"""Replay protection for signed webhook calls (the WeChat channel): each (timestamp, nonce) is
accepted once within the time window. Nonces live in Redis when REDIS_URL is set or Rasa's lock store
is Redis, so every Rasa server shares them; otherwise in this process's memory.

`first_use` answers "new" (remembered now), "repeat" (seen with the same body: a network retry of
the same request, to be answered without processing it again) or "reused" (seen with another body:
refuse)."""
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
    if redis_url:
        import redis

        return RedisNonces(redis.Redis.from_url(redis_url, socket_timeout=2))
    client = getattr(lock_store, "red", None)   # rasa.core.lock_store.RedisLockStore
    if client is not None:
        return RedisNonces(client)
    return MemoryNonces()
