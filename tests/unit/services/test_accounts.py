"""Desk accounts (bot/services/accounts): passwords, the growing wait, session expiry."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.domain.casework import Role
from bot.services import accounts

NOW = datetime.utcnow()   # sessions are opened at the real time


@pytest.fixture
def clerk(deps):
    accounts.create_staff(deps, "clerk", "经办人", Role.COUNTY, "long-password-1", "411024")
    return "clerk"


def test_login_and_sessions_expire_as_configured(deps, clerk):
    cookie = accounts.login(deps, clerk, "long-password-1", "cookie", NOW)
    token = accounts.login(deps, clerk, "long-password-1", "token", NOW)
    assert cookie.csrf_token and token.csrf_token is None and cookie.staff.role == Role.COUNTY
    assert accounts.authenticate(deps, cookie.token, NOW + timedelta(minutes=29)).via_cookie
    with pytest.raises(accounts.NotAuthenticated):
        accounts.authenticate(deps, cookie.token, NOW + timedelta(minutes=29 + 31))
    assert accounts.authenticate(deps, token.token, NOW + timedelta(days=29)).staff.username == clerk
    with pytest.raises(accounts.NotAuthenticated):
        accounts.authenticate(deps, token.token, NOW + timedelta(days=31))
    accounts.logout(deps, token.token)
    with pytest.raises(accounts.NotAuthenticated):
        accounts.authenticate(deps, token.token, NOW)


def test_wrong_passwords_make_the_next_try_wait(deps, store, clerk):
    for _ in range(3):
        with pytest.raises(accounts.LoginFailed) as failed:
            accounts.login(deps, clerk, "wrong", "token", NOW)
    assert failed.value.retry_after == 2
    with pytest.raises(accounts.LoginFailed) as locked:
        accounts.login(deps, clerk, "long-password-1", "token", NOW)
    assert locked.value.locked
    assert accounts.login(deps, clerk, "long-password-1", "token", NOW + timedelta(seconds=3)).token
    assert store.accounts[clerk].failed_logins == 0
    assert [a[1] for a in store.audit].count("login_failed") == 3


def test_unknown_accounts_answer_like_wrong_passwords_and_bad_accounts_are_refused(deps, store):
    with pytest.raises(accounts.LoginFailed) as unknown:
        accounts.login(deps, "nobody", "whatever", "token", NOW)
    assert unknown.value.message == "用户名或密码不正确" and store.audit[-1][2]["reason"] == "unknown"
    with pytest.raises(ValueError):
        accounts.create_staff(deps, "short", "x", Role.OPERATOR, "short")
    with pytest.raises(ValueError):
        accounts.create_staff(deps, "t", "x", Role.TOWNSHIP, "long-password-1", "411024")


def _answers(deps, username: str, password: str, times: int, now: datetime, client: str | None = None) -> list[tuple]:
    seen = []
    for _ in range(times):
        with pytest.raises(accounts.LoginFailed) as failed:
            accounts.login(deps, username, password, "token", now, client=client)
        seen.append((failed.value.message, failed.value.retry_after, failed.value.locked))
    return seen


def test_an_unknown_account_answers_exactly_like_a_wrong_password(deps, clerk):
    """#16 finding 9: no way to tell from the answers whether a user name exists."""
    for later in (0, 3, 100):
        wrong = _answers(deps, clerk, "wrong", 6, NOW + timedelta(seconds=later))
        unknown = _answers(deps, "nobody", "wrong", 6, NOW + timedelta(seconds=later))
        assert wrong == unknown, later
    assert wrong[-1][2]   # both locked by now
    with pytest.raises(accounts.LoginFailed):   # the dummy hash's own password opens nothing
        accounts.login(deps, "nobody2", "not-a-password", "token", NOW + timedelta(days=1))


def test_failures_from_one_address_lock_that_address_only(clerk):
    from tests.fakes import fake_deps

    deps, _ = fake_deps(LOGIN_FAILURES_PER_ADDRESS="5", LOGIN_FAILURES_GLOBAL="1000")
    accounts.create_staff(deps, "clerk", "经办人", Role.COUNTY, "long-password-1", "411024")
    for i in range(5):   # a different user name each time: the per-account wait never starts
        with pytest.raises(accounts.LoginFailed) as failed:
            accounts.login(deps, f"guess{i}", "wrong", "token", NOW, client="10.0.0.9")
        assert not failed.value.locked
    with pytest.raises(accounts.LoginFailed) as locked:
        accounts.login(deps, "clerk", "long-password-1", "token", NOW, client="10.0.0.9")
    assert locked.value.locked and locked.value.retry_after > 0
    assert accounts.login(deps, "clerk", "long-password-1", "token", NOW, client="10.0.0.10").token
    assert accounts.login(deps, "clerk", "long-password-1", "token", NOW + timedelta(minutes=16), client="10.0.0.9").token


def test_failures_from_everywhere_lock_logins_globally(clerk):
    from tests.fakes import fake_deps

    deps, _ = fake_deps(LOGIN_FAILURES_PER_ADDRESS="1000", LOGIN_FAILURES_GLOBAL="8")
    accounts.create_staff(deps, "clerk", "经办人", Role.COUNTY, "long-password-1", "411024")
    for i in range(8):
        with pytest.raises(accounts.LoginFailed):
            accounts.login(deps, f"guess{i}", "wrong", "token", NOW, client=f"10.1.0.{i}")
    with pytest.raises(accounts.LoginFailed) as locked:
        accounts.login(deps, "clerk", "long-password-1", "token", NOW, client="10.2.0.1")
    assert locked.value.locked


def test_a_cookie_session_ends_after_its_absolute_lifetime_even_when_active(deps, clerk):
    cookie = accounts.login(deps, clerk, "long-password-1", "cookie", NOW)
    at = NOW
    while at < NOW + timedelta(hours=11, minutes=50):   # busy all day: never idle
        at += timedelta(minutes=20)
        assert accounts.authenticate(deps, cookie.token, at).via_cookie
    with pytest.raises(accounts.NotAuthenticated):
        accounts.authenticate(deps, cookie.token, NOW + timedelta(hours=12, minutes=1))


def test_cookies_are_secure_outside_a_local_demo():
    from bot.settings import load_settings

    assert load_settings({}).cookie_secure and load_settings({}).session_max_hours == 12
    assert not load_settings({"DEMO_ACCOUNTS": "1"}).cookie_secure
    assert not load_settings({"COOKIE_SECURE": "0"}).cookie_secure
