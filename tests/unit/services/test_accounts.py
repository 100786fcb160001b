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
    assert unknown.value.message == "用户名或密码不正确" and store.audit[-1][2] == {"reason": "unknown"}
    with pytest.raises(ValueError):
        accounts.create_staff(deps, "short", "x", Role.OPERATOR, "short")
    with pytest.raises(ValueError):
        accounts.create_staff(deps, "t", "x", Role.TOWNSHIP, "long-password-1", "411024")
