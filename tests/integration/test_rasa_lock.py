"""bot.store.rasa_lock on the real Redis: a message waiting behind a dead server's ticket is served
when that ticket lapses (Rasa 3.6's RedisLockStore let the waiting ticket lapse too and then never
served it)."""
from __future__ import annotations

import asyncio
import time
import uuid

from tests.integration.servers import redis_lock_store


def _store():
    from rasa.utils.endpoints import EndpointConfig

    from bot.store.rasa_lock import RenewingRedisLockStore

    return RenewingRedisLockStore(EndpointConfig(url="127.0.0.1", port=6379, db=1, type="bot.store.rasa_lock.RenewingRedisLockStore"))


def test_a_message_behind_a_dead_servers_ticket_is_served_when_that_ticket_lapses():
    redis_lock_store()                                   # loud skip without Redis
    dead, alive, conversation = _store(), _store(), f"rest:lock-{uuid.uuid4().hex}"
    dead.issue_ticket(conversation, 1.0)                 # a server that took the lock and died

    async def waiter() -> float:
        started = time.monotonic()
        async with alive.lock(conversation, lock_lifetime=1.0, wait_time_in_seconds=0.5):
            return time.monotonic() - started

    waited = asyncio.run(asyncio.wait_for(waiter(), 10))
    assert 0.5 <= waited < 3
    lock = alive.get_lock(conversation)
    assert lock is None or lock.tickets == []            # released after the turn
