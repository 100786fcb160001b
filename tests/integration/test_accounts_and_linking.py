"""Accounts on a real database (idle expiry, token age, growing delay) and linked duplicates
counted once by the frequency rule (XC-2.3-frequency)."""
from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from bot.domain.casework import Role, Staff
from bot.services import accounts, related
from bot.services.bootstrap import bootstrap, unit_of_work
from bot.services.cases import submit_case
from bot.settings import get_settings
from tests.factories import submission


def test_idle_cookie_sessions_and_old_tokens_expire(database_url):
    accounts.create_staff(bootstrap(database_url), "clerk", "经办人", Role.COUNTY, "long-password-1", "411024")
    now = datetime.utcnow()
    cookie = accounts.login(bootstrap(database_url), "clerk", "long-password-1", "cookie", now)
    token = accounts.login(bootstrap(database_url), "clerk", "long-password-1", "token", now)
    assert accounts.authenticate(bootstrap(database_url), cookie.token, now + timedelta(minutes=29)).via_cookie
    with pytest.raises(accounts.NotAuthenticated):
        accounts.authenticate(bootstrap(database_url), cookie.token, now + timedelta(minutes=61))
    assert accounts.authenticate(bootstrap(database_url), token.token, now + timedelta(days=29)).csrf_token is None
    with pytest.raises(accounts.NotAuthenticated):
        accounts.authenticate(bootstrap(database_url), token.token, now + timedelta(days=31))
    with pytest.raises(accounts.NotAuthenticated):
        accounts.authenticate(bootstrap(database_url), "made-up-token", now)


def test_each_failure_after_three_doubles_the_wait(database_url):
    accounts.create_staff(bootstrap(database_url), "clerk", "经办人", Role.COUNTY, "long-password-1", "411024")
    now, waits = datetime.utcnow(), []
    for attempt in range(6):
        with pytest.raises(accounts.LoginFailed) as failed:
            accounts.login(bootstrap(database_url), "clerk", "wrong", "token", now)
        waits.append(failed.value.retry_after)
        now += timedelta(seconds=failed.value.retry_after + 1)
    assert waits == [0, 0, 2, 4, 8, 16]
    assert accounts.login(bootstrap(database_url), "clerk", "long-password-1", "token", now).token


def test_a_linked_duplicate_is_counted_once_by_the_frequency_rule(settings_env):
    url = settings_env
    household = {"phone": "13600000009", "id_number": "41102419800101001X"}
    first = submit_case(bootstrap(url), submission("wechat", values=household, channel="wechat")).case_number
    second = submit_case(bootstrap(url), submission("hotline", values=household, channel="hotline")).case_number
    caseworker = Staff("clerk", "经办人", Role.TOWNSHIP, "411024", "马栏镇")
    related.decide_related(bootstrap(url), caseworker, second, first, "duplicate")
    third = submit_case(bootstrap(url), submission("later", values=household))
    with unit_of_work(url) as uow:
        frequency = next(c for c in uow.cases.by_number(third.case_number).assessment["conclusions"] if c["topic"] == "frequency")
        assert frequency["verdict"] == "flagged" and first in frequency["text"]   # same cause within a year
        assert second not in frequency["text"]                                   # the duplicate is not counted
        assert uow.cases.by_number(second).status == "closed"


def test_status_questions_are_limited_per_sender_phone_and_case_number_without_locking_out_the_resident(settings_env):
    """#16 finding 6 on a real database: five wrong tries stop the guesser, not the resident; an
    attacker walking case numbers with the resident's phone from fresh senders is stopped per phone
    (the resident's own conversation still answers); new numbers are random with a check digit,
    and the desk search finds them as typed."""
    from bot.domain.case_number import check_ok, new_case_number
    from bot.services.cases import TooManyAttempts, case_status

    url = settings_env
    number = submit_case(bootstrap(url), submission("status-limit")).case_number
    assert re.fullmatch(r"LS\d{13}", number) and check_ok(number)
    now = datetime.utcnow()
    for _ in range(5):
        assert case_status(bootstrap(url), number, "13900000000", "guesser", now) is None
    with pytest.raises(TooManyAttempts):   # the guesser is limited on any case number
        case_status(bootstrap(url), "LS0000000000", "13900000000", "guesser", now)
    assert case_status(bootstrap(url), number, "13812345678", "resident", now).case_number == number
    for i in range(get_settings().status_failures_per_phone):
        guess = new_case_number("LS", now.date(), serial=i)
        assert case_status(bootstrap(url), guess, "13812345678", f"walker-{i}", now) is None
    with pytest.raises(TooManyAttempts):   # the phone is held, even with the right number, for other senders
        case_status(bootstrap(url), number, "13812345678", "walker-next", now)
    assert case_status(bootstrap(url), number, "13812345678", "resident-1", now).case_number == number   # its own chat
    later = now + timedelta(minutes=16)
    assert case_status(bootstrap(url), number, "13812345678", "walker-next", later).case_number == number
    from bot.services.views import inbox

    township = Staff("malan", "马栏镇经办人", Role.TOWNSHIP, "411024", "马栏镇")
    assert [c["case_number"] for c in inbox(bootstrap(url), township, search=" " + number.lower())["cases"]] == [number]
    old = submit_case(bootstrap(url), submission("made-before")).case_number
    with unit_of_work(url) as uow:           # a number of the old form (prefix, day, row id)
        case = uow.cases.by_number(old)
        case.case_number = "LS2611230007"
        uow.cases.save(case)
        uow.commit()
    assert [c["case_number"] for c in inbox(bootstrap(url), township, search="LS 261123 0007")["cases"]] == ["LS2611230007"]
    assert case_status(bootstrap(url), "ls2611230007", "13812345678", "resident-2", later).case_number == "LS2611230007"
