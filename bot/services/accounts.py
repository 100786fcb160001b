"""Desk accounts: argon2 password hashes, login with a growing delay after failures, cookie
sessions with a CSRF token, idle expiry and an absolute lifetime, and API tokens. Every login is
in the audit log.

Login throttling has three layers: per user name (the growing wait; a name without an account gets
the very same answers, from a stand-in account kept in the rate-limit table, so names cannot be
enumerated), per client address and globally (failed logins per LOGIN_WINDOW_MINUTES; above the
limit every login from there, right or wrong, waits for the window)."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bot.domain.account import Account
from bot.domain.casework import Role, Staff
from bot.services.bootstrap import Deps

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not-a-password")


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


def create_staff(deps: Deps, username: str, name: str, role: Role, password: str,
                 county_code: str | None = None, township: str | None = None) -> Staff:
    if len(password) < 8:
        raise ValueError("密码至少8位")
    if role == Role.TOWNSHIP and not (county_code and township):
        raise ValueError("乡镇经办人须指定县和乡镇")
    if role == Role.COUNTY and not county_code:
        raise ValueError("县级审批人须指定县")
    with deps.uow() as uow:
        account = uow.staff.add(Account(username, name, role.value, _hasher.hash(password), county_code, township))
        uow.staff.audit("system", "staff_created", {"username": username, "role": role.value})
        uow.commit()
        return account.staff


def ensure_staff(deps: Deps, username: str, name: str, role: Role, password: str,
                 county_code: str | None = None, township: str | None = None) -> None:
    """Create the account unless it exists (used for the demo accounts)."""
    with deps.uow() as uow:
        exists = uow.staff.by_username(username) is not None
    if not exists:
        create_staff(deps, username, name, role, password, county_code, township)


_NO_LOCK = datetime(1970, 1, 1)


def _stand_in(uow, username: str) -> Account:
    """A user name without an (active) account: an account that no password opens, whose failures and
    wait are kept in the rate-limit table, so it answers exactly like a real one."""
    failures, locked_until = 0, None
    kept = uow.limits.read("login-name:" + username)
    if kept is not None:
        locked_until = kept[0] if kept[0] > _NO_LOCK else None
        failures = kept[1]
    return Account(username, "", Role.OPERATOR.value, _DUMMY_HASH, failed_logins=failures, locked_until=locked_until)


def _throttled(deps: Deps, client: str | None, now: datetime) -> int:
    """Seconds to wait when too many logins failed lately from `client` or from everywhere (0: go on).
    Read in its own short transaction."""
    settings = deps.settings
    window = timedelta(minutes=settings.login_window_minutes)
    limits = [("login-all", settings.login_failures_global)]
    if client:
        limits.append(("login-address:" + client, settings.login_failures_per_address))
    with deps.uow() as uow:
        for name, limit in limits:
            kept = uow.limits.read(name)
            if kept is not None and now - kept[0] < window and kept[1] >= limit:
                return int((kept[0] + window - now).total_seconds()) + 1
    return 0


def _count_failure(uow, deps: Deps, client: str | None, now: datetime) -> None:
    window = timedelta(minutes=deps.settings.login_window_minutes)
    uow.limits.hit("login-all", now, window)
    if client:
        uow.limits.hit("login-address:" + client, now, window)


def _password_ok(account: Account, password: str) -> bool:
    try:
        _hasher.verify(account.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    if _hasher.check_needs_rehash(account.password_hash):
        account.password_hash = _hasher.hash(password)
    return True


def login(deps: Deps, username: str, password: str, kind: str = "cookie", now: datetime | None = None,
          client: str | None = None) -> LoginResult:
    """Check the password; a wrong one makes the next attempt wait longer (2, 4, 8 … s after three).
    An unknown user name is answered exactly like a wrong password; too many failures from `client`
    (the caller's address) or from everywhere make every login wait."""
    now = now or datetime.utcnow()
    busy = _throttled(deps, client, now)
    if busy:
        raise LoginFailed(f"登录失败次数过多，请{busy}秒后再试", busy, locked=True)
    with deps.uow() as uow:
        account = uow.staff.by_username(username)
        real = account is not None and account.active
        if not real:
            account = _stand_in(uow, username)
        wait = account.wait_seconds(now)
        if wait:
            raise LoginFailed(f"登录失败次数过多，请{wait}秒后再试", wait, locked=True)
        if not _password_ok(account, password) or not real:
            delay = account.failed(now)
            if real:
                uow.staff.save(account)
            else:
                uow.limits.write("login-name:" + username, account.locked_until or _NO_LOCK, account.failed_logins)
            _count_failure(uow, deps, client, now)
            uow.staff.audit(username[:64] or "?", "login_failed",
                            {"failures": account.failed_logins, **({} if real else {"reason": "unknown"})})
            uow.commit()
            raise LoginFailed("用户名或密码不正确", delay)
        account.succeeded()
        uow.staff.save(account)
        token = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(24) if kind == "cookie" else None
        uow.staff.open_session(account, token, kind, csrf, now)
        uow.staff.audit(username, "login", {"kind": kind})
        uow.commit()
        return LoginResult(token, csrf, account.staff)


def authenticate(deps: Deps, token: str, now: datetime | None = None) -> Principal:
    """The principal of a session cookie or API token; idle cookie sessions and old tokens expire."""
    now = now or datetime.utcnow()
    settings = deps.settings
    with deps.uow() as uow:
        session = uow.staff.session_for(token) if token else None
        if session is None or not session.account.active:
            raise NotAuthenticated()
        too_old = session.kind == "cookie" and now - session.created_at > timedelta(hours=settings.session_max_hours)
        if too_old or session.expired(now, timedelta(minutes=settings.session_idle_minutes),
                                      timedelta(days=settings.api_token_days)):
            if session.kind == "cookie":
                session.revoked = True
                uow.staff.save_session(session)
                uow.commit()
            raise NotAuthenticated()
        if session.touch(now):
            uow.staff.save_session(session)
            uow.commit()
        return Principal(session.account.staff, session.csrf_token, session.kind == "cookie")


def logout(deps: Deps, token: str) -> None:
    with deps.uow() as uow:
        uow.staff.revoke(token)
        uow.commit()
