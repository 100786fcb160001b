"""Leases on outbox rows (referrals, messages to residents): a worker claims a due row by moving its
next attempt past the lease, so two workers never hold the same row at once, and a worker that dies
mid-delivery leaves the row to be tried again when the lease runs out.

PostgreSQL: SELECT … FOR UPDATE SKIP LOCKED (another worker's rows are skipped, not waited for).
Other databases (SQLite): each row read is claimed by an atomic compare-and-set, UPDATE … WHERE its
next attempt is still the time that was read; a row another worker claimed in between updates
nothing and is left to that worker. (A plain read-then-write let two workers on one SQLite file
both claim, and both send, the same referral.)"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value


def claim(session: Session, model: Any, conditions: tuple, limit: int, now: datetime, lease: timedelta) -> list[Any]:
    """The due pending rows of `model` (status 'pending', next_attempt_at ≤ now, `conditions`),
    oldest first, at most `limit`, now leased to the caller until now + lease. The caller commits."""
    until = now + lease
    query = (select(model).where(model.status == "pending", model.next_attempt_at <= now, *conditions)
             .order_by(model.next_attempt_at, model.id).limit(limit))
    if session.bind.dialect.name == "postgresql":
        rows = list(session.execute(query.with_for_update(skip_locked=True)).scalars())
        for row in rows:
            row.next_attempt_at = until
        return rows
    claimed = []
    for row in session.execute(query).scalars().all():
        swapped = session.execute(
            update(model).where(model.id == row.id, model.status == "pending", model.next_attempt_at == row.next_attempt_at)
            .values(next_attempt_at=until).execution_options(synchronize_session=False))
        if swapped.rowcount == 1:
            set_committed_value(row, "next_attempt_at", until)
            claimed.append(row)
        else:
            session.expire(row)   # another worker holds it: forget what was read
    return claimed
