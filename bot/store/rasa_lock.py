"""Rasa's Redis lock store (one ticket queue per conversation, shared by every Rasa server) with
one fix for several servers: a message waiting for a conversation's lock keeps its own ticket alive.

Rasa 3.6 serves the oldest live ticket and drops expired ones. When a Rasa server dies in the middle
of a turn, the balancer sends the request to another server, whose ticket is issued a moment after
the dead server's; both have the same lifetime (TICKET_LOCK_LIFETIME, 60 s), so both lapse within
that moment, usually between two of the waiter's one-second polls. With no ticket left `now_serving`
is 0, never the waiter's number, and the waiter polls until its request is cancelled: the message is
lost after a long silence (tests/integration/test_scale_out.py saw 90 s). Here the waiter renews its
ticket on every poll, so only a dead server's ticket lapses; a waiter whose ticket is gone anyway
gives up at once (LockError: the channel answers 「请稍后再试」) instead of polling forever.

endpoints.prod.yml: `type: bot.store.rasa_lock.RenewingRedisLockStore` with Rasa's Redis settings."""
from __future__ import annotations

import asyncio
import time
from typing import Any

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore


class RenewingRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: Any = None, **kwargs: Any) -> None:
        if endpoint_config is not None:   # how Rasa builds a lock store named by module path
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs}
        super().__init__(**kwargs)

    async def _acquire_lock(self, conversation_id: str, ticket: int, wait_time_in_seconds: float) -> TicketLock:
        while True:
            lock = self.get_lock(conversation_id)
            if not lock:
                break
            if not lock.is_locked(ticket):
                return lock
            if not self._renew(lock, ticket):
                break
            await asyncio.sleep(wait_time_in_seconds)
            self.update_lock(conversation_id)
        raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")

    def _renew(self, lock: TicketLock, ticket: int) -> bool:
        """Push the waiting ticket's expiry forward; False when it is no longer in the queue."""
        mine = next((t for t in lock.tickets if t.number == ticket), None)
        if mine is None:
            return False
        mine.expires = time.time() + LOCK_LIFETIME
        self.save_lock(lock)
        return True
