"""Desk accounts: argon2 password hashes, login with a growing delay after failures, cookie
sessions with a CSRF token and idle expiry, and API tokens. Every login is in the audit log."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bot.domain.casework import Role, Staff
from bot.settings import get_settings
from bot.store.models import StaffRow
from bot.store.unit_of_work import UnitOfWork

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not-a-password")
FREE_FAILURES = 3          # failures before the delay starts
MAX_DELAY_SECONDS = 300


class LoginFailed(Exception):
    def __init__(self, message: str, retry_after: int = 0, locked: bool = False):
        super().__init__(message)
        self.message, self.retry_after, self.locked = message, retry_after, locked


class NotAuthenticated(Exception):
    pass


@dataclass(frozen=True)
class LoginResult:
    token: str
    csrf_token: str | None
    staff: Staff


@dataclass(frozen=True)
class Principal:
    """Who is calling, and how: a cookie session must send its CSRF token on every change."""

    staff: Staff
    csrf_token: str | None
    via_cookie: bool


def staff_of(row: StaffRow) -> Staff:
    return Staff(row.username, row.name, Role(row.role), row.county_code, row.township)


def create_staff(uow: UnitOfWork, username: str, name: str, role: Role, password: str,
                 county_code: str | None = None, township: str | None = None) -> Staff:
    if len(password) < 8:
        raise ValueError("密码至少8位")
    if role == Role.TOWNSHIP and not (county_code and township):
        raise ValueError("乡镇经办人须指定县和乡镇")
    if role == Role.COUNTY and not county_code:
        raise ValueError("县级审批人须指定县")
    with uow:
        row = uow.staff.add(username=username, name=name, role=role.value, county_code=county_code,
                            township=township, password_hash=_hasher.hash(password))
        uow.staff.audit("system", "staff_created", {"username": username, "role": role.value})
        uow.commit()
        return staff_of(row)


def ensure_staff(uow: UnitOfWork, username: str, name: str, role: Role, password: str,
                 county_code: str | None = None, township: str | None = None) -> None:
    """Create the account unless it exists (used for the demo accounts)."""
    with uow:
        exists = uow.staff.by_username(username) is not None
    if not exists:
        create_staff(uow, username, name, role, password, county_code, township)


def _delay(failures: int) -> int:
    return 0 if failures < FREE_FAILURES else min(2 ** (failures - FREE_FAILURES + 1), MAX_DELAY_SECONDS)


def login(uow: UnitOfWork, username: str, password: str, kind: str = "cookie", now: datetime | None = None) -> LoginResult:
    """Check the password; a wrong one makes the next attempt wait longer (2, 4, 8 … s after three)."""
    now = now or datetime.utcnow()
    with uow:
        row = uow.staff.by_username(username)
        if row is None or not row.active:
            try:
                _hasher.verify(_DUMMY_HASH, password)   # same work as for a real account
            except VerificationError:
                pass
            uow.staff.audit(username[:64] or "?", "login_failed", {"reason": "unknown"})
            uow.commit()
            raise LoginFailed("用户名或密码不正确")
        if row.locked_until and row.locked_until > now:
            wait = int((row.locked_until - now).total_seconds()) + 1
            raise LoginFailed(f"登录失败次数过多，请{wait}秒后再试", wait, locked=True)
        try:
            _hasher.verify(row.password_hash, password)
        except (VerificationError, InvalidHashError):
            row.failed_logins += 1
            delay = _delay(row.failed_logins)
            row.locked_until = now + timedelta(seconds=delay) if delay else None
            uow.staff.audit(username, "login_failed", {"failures": row.failed_logins})
            uow.commit()
            raise LoginFailed("用户名或密码不正确", delay)
        if _hasher.check_needs_rehash(row.password_hash):
            row.password_hash = _hasher.hash(password)
        row.failed_logins, row.locked_until = 0, None
        token = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(24) if kind == "cookie" else None
        uow.staff.open_session(row, token, kind, csrf)
        uow.staff.audit(username, "login", {"kind": kind})
        uow.commit()
        return LoginResult(token, csrf, staff_of(row))


def authenticate(uow: UnitOfWork, token: str, now: datetime | None = None) -> Principal:
    """The principal of a session cookie or API token; idle cookie sessions and old tokens expire."""
    now = now or datetime.utcnow()
    settings = get_settings()
    with uow:
        session = uow.staff.session_for(token) if token else None
        if session is None or not session.staff.active:
            raise NotAuthenticated()
        if session.kind == "cookie":
            if now - session.last_seen > timedelta(minutes=settings.session_idle_minutes):
                session.revoked = True
                uow.commit()
                raise NotAuthenticated()
        elif now - session.created_at > timedelta(days=settings.api_token_days):
            raise NotAuthenticated()
        if now - session.last_seen > timedelta(seconds=30):   # bound the writes: refresh at most twice a minute
            session.last_seen = now
            uow.commit()
        return Principal(staff_of(session.staff), session.csrf_token, session.kind == "cookie")


def logout(uow: UnitOfWork, token: str) -> None:
    with uow:
        uow.staff.revoke(token)
        uow.commit()
