"""Fixed-window rate-limit counters in the database, so every process shares them."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.crypto import FieldCipher
from bot.store.models import RateLimitRow


class RateLimits:
    """Fixed-window counters shared by every process through the database."""

    def __init__(self, session: Session, cipher: FieldCipher):
        self.session, self.cipher = session, cipher

    def hit(self, name: str, now: datetime, window: timedelta) -> int:
        """Count one more attempt for `name`; returns the attempts in the current window."""
        key = self.cipher.digest("rate:" + name)
        query = select(RateLimitRow).where(RateLimitRow.key == key)
        if self.session.bind.dialect.name == "postgresql":
            query = query.with_for_update()
        row = self.session.execute(query).scalar_one_or_none()
        if row is None:
            row = RateLimitRow(key=key, window_start=now, count=0)
            self.session.add(row)
        elif now - row.window_start >= window:
            row.window_start, row.count = now, 0
        row.count += 1
        return row.count

    def read(self, name: str) -> tuple[datetime, int] | None:
        """The (time, count) kept under `name`, without counting (None: nothing kept)."""
        row = self.session.get(RateLimitRow, self.cipher.digest("rate:" + name))
        return (row.window_start, row.count) if row is not None else None

    def write(self, name: str, when: datetime, count: int) -> None:
        """Keep (time, count) under `name` (e.g. the failed logins of a user name that has no account)."""
        key = self.cipher.digest("rate:" + name)
        row = self.session.get(RateLimitRow, key)
        if row is None:
            self.session.add(RateLimitRow(key=key, window_start=when, count=count))
        else:
            row.window_start, row.count = when, count
