"""Desk accounts (工作人员账号) and their sessions, as the services change them: failed logins with
a growing wait, idle expiry. Pure: hashing passwords is the accounts service's job."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.casework import Role, Staff

FREE_FAILURES = 3          # failures before the wait starts
MAX_DELAY_SECONDS = 300


def delay_after(failures: int) -> int:
    """Seconds to wait after `failures` wrong passwords: none for the first three, then 2, 4, 8 … s."""
    return 0 if failures < FREE_FAILURES else min(2 ** (failures - FREE_FAILURES + 1), MAX_DELAY_SECONDS)


@dataclass
class Account:
    username: str
    name: str
    role: str
    password_hash: str
    county_code: str | None = None
    township: str | None = None
    failed_logins: int = 0
    locked_until: datetime | None = None
    active: bool = True
    id: int | None = None

    @property
    def staff(self) -> Staff:
        return Staff(self.username, self.name, Role(self.role), self.county_code, self.township)

    def wait_seconds(self, now: datetime) -> int:
        """How long a locked account must wait (0: it may try now)."""
        return int((self.locked_until - now).total_seconds()) + 1 if self.locked_until and self.locked_until > now else 0

    def failed(self, now: datetime) -> int:
        """A wrong password: count it and lock for the growing delay; returns the delay."""
        self.failed_logins += 1
        delay = delay_after(self.failed_logins)
        self.locked_until = now + timedelta(seconds=delay) if delay else None
        return delay

    def succeeded(self) -> None:
        self.failed_logins, self.locked_until = 0, None


@dataclass
class StaffSession:
    """A login session (cookie, with its CSRF token) or an API token; only the secret's hash is stored."""

    id: int
    account: Account
    kind: str
    csrf_token: str | None
    created_at: datetime
    last_seen: datetime
    revoked: bool = False

    def expired(self, now: datetime, idle: timedelta, token_life: timedelta) -> bool:
        if self.kind == "cookie":
            return now - self.last_seen > idle
        return now - self.created_at > token_life

    def touch(self, now: datetime) -> bool:
        """Refresh last_seen at most twice a minute (bounds the writes); True when it changed."""
        if now - self.last_seen > timedelta(seconds=30):
            self.last_seen = now
            return True
        return False
