"""Submitting a case, handing over, status questions and notes after the case (bot/services/cases)."""
from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from bot.services.cases import TooManyAttempts, add_resident_message, case_status, submit_case
from tests.factories import submission
from tests.fakes import fake_deps


def test_a_submission_becomes_a_routed_case_with_its_events(deps, store, fire):
    case = next(iter(store.cases.values()))
    assert (case.case_number, case.county_code, case.township, case.status) == (fire, "411024", "马栏镇", "submitted")
    assert [e.kind for e in store.events[case.id]] == ["created", "assessed"]
    assert case.urgency == 0 and case.first_aid   # an emergency: first in the queue, 先行救助 possible


def test_the_same_intake_twice_is_one_case_and_a_handover_marks_it(deps, store, fire):
    again = submit_case(deps, submission())
    assert again.case_number == fire and not again.created and len(store.cases) == 1
    handed = submit_case(deps, submission(needs_human=True))
    assert handed.status.value == "needs_human"
    assert [e.kind for e in store.events[1]][-1] == "handover_requested"
    submit_case(deps, submission(needs_human=True))
    assert [e.kind for e in store.events[1]].count("handover_requested") == 1


def test_a_second_case_of_the_household_warns_of_the_first(deps, store, fire):
    second = submit_case(deps, submission("intake-2")).case_number
    case = next(c for c in store.cases.values() if c.case_number == second)
    assert case.related_cases[0]["case_number"] == fire and case.related_cases[0]["kind"] == "same_household"


def test_status_only_with_the_phone_on_the_case(deps, fire):
    assert case_status(deps, fire.lower(), "13812345678").case_number == fire
    assert case_status(deps, fire, "13900000000") is None
    assert case_status(deps, "LS0000000000", "13812345678") is None


NOW = datetime(2026, 12, 3, 4, 0)


def test_new_case_numbers_are_random_with_a_check_character_and_old_ones_still_answer(deps, store, fire):
    """#16 finding 6: LS + the day (readable) + six random digits + a check digit (Damm)."""
    from bot.domain.case_number import check_ok

    numbers = [fire] + [submit_case(deps, submission(f"intake-{i}")).case_number for i in range(2, 6)]
    assert all(re.fullmatch(r"LS\d{6}\d{6}\d", n) for n in numbers), numbers
    assert len(set(numbers)) == 5 and all(check_ok(n) for n in numbers)
    serials = [int(n[8:14]) for n in numbers]
    assert serials != sorted(serials) or max(b - a for a, b in zip(serials, serials[1:])) > 1   # not a counter
    digits = fire[2:]
    for i in range(len(digits)):                    # every mistyped digit and every swap of neighbours is caught
        for other in set("0123456789") - {digits[i]}:
            assert not check_ok("LS" + digits[:i] + other + digits[i + 1:])
        if i + 1 < len(digits) and digits[i] != digits[i + 1]:
            assert not check_ok("LS" + digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:])
    store.cases[1].case_number = "LS2611230007"                          # a number made before (prefix, day, row id)
    assert case_status(deps, "ls 261123 0007", "13812345678").case_number == "LS2611230007"


def test_five_wrong_tries_do_not_lock_out_the_resident(deps, fire):
    """A guesser's wrong tries count against the guesser (5 per window) and against the case number
    with a higher ceiling (20): the resident, from another conversation too, still gets the answer."""
    for _ in range(deps.settings.status_attempts_per_window):
        assert case_status(deps, fire, "13900000000", "guesser", NOW) is None
    with pytest.raises(TooManyAttempts):                                 # the guesser is stopped …
        case_status(deps, fire, "13812345678", "guesser", NOW)
    assert case_status(deps, fire, "13812345678", "resident-1", NOW).case_number == fire    # … the resident is not
    assert case_status(deps, fire, "13812345678", "hotline-call", NOW).case_number == fire


def test_walking_case_numbers_with_a_known_phone_is_stopped_per_phone(deps, fire):
    """Fresh senders are free: an attacker with the victim's phone tries numbers from many senders.
    After STATUS_FAILURES_PER_PHONE wrong numbers for that phone, every lookup with it is refused,
    a right one too; the resident's own conversation (the case's sender) still gets the answer."""
    from bot.domain.case_number import new_case_number

    ceiling = deps.settings.status_failures_per_phone
    for i in range(ceiling):
        guess = new_case_number("LS", NOW.date(), serial=i)
        assert case_status(deps, guess, "13812345678", f"attacker-{i}", NOW) is None
    with pytest.raises(TooManyAttempts):
        case_status(deps, fire, "13812345678", "attacker-next", NOW)
    assert case_status(deps, fire, "13812345678", "resident-1", NOW).case_number == fire
    assert case_status(deps, fire, "13812345678", "attacker-next", NOW + timedelta(minutes=16)).case_number == fire


def test_failures_per_case_number_and_globally_have_their_own_ceilings(store):
    deps, _ = fake_deps(store, STATUS_FAILURES_PER_CASE="6", STATUS_FAILURES_GLOBAL="9")
    fire = submit_case(deps, submission()).case_number
    other = submit_case(deps, submission("intake-2", values={"phone": "13700000000", "id_number": None})).case_number
    for i in range(6):                                                   # six senders, six wrong phones
        assert case_status(deps, fire, f"1390000000{i}", f"s-{i}", NOW) is None
    with pytest.raises(TooManyAttempts):                                 # the case number is closed to others …
        case_status(deps, fire, "13812345678", "s-new", NOW)
    assert case_status(deps, fire, "13812345678", "resident-1", NOW)    # … not to its own conversation
    for i in range(3):                                                   # nine failures in all: the global ceiling
        assert case_status(deps, other, f"1360000000{i}", f"t-{i}", NOW) is None
    with pytest.raises(TooManyAttempts):
        case_status(deps, other, "13700000000", "t-new", NOW)
    assert case_status(deps, other, "13700000000", "t-new", NOW + timedelta(minutes=16)).case_number == other


def test_a_mistyped_new_number_costs_no_one_elses_budget(store):
    """A number whose check digit is wrong is nobody's case: it counts for the sender only."""
    deps, _ = fake_deps(store, STATUS_FAILURES_PER_PHONE="2")
    fire = submit_case(deps, submission()).case_number
    typo = fire[:-2] + str((int(fire[-2]) + 1) % 10) + fire[-1]
    for i in range(3):
        assert case_status(deps, typo, "13812345678", f"typist-{i}", NOW) is None
    assert case_status(deps, fire, "13812345678", "typist-9", NOW).case_number == fire


def test_a_note_after_the_case_goes_on_the_senders_own_case_only(deps, store, fire):
    assert add_resident_message(deps, fire, "resident-1", "还有，孩子的书也烧了")
    assert not add_resident_message(deps, fire, "someone-else", "改成我的电话")
    case = store.cases[1]
    assert case.transcript[-1]["text"] == "还有，孩子的书也烧了" and case.transcript[-1]["after_submission"]
    assert [e.kind for e in store.events[1]].count("resident_message") == 1


def test_nothing_is_kept_when_the_transaction_fails(deps, store, monkeypatch):
    from tests.fakes import FakeCases

    def crash(self, case):
        raise RuntimeError("died mid-way")

    monkeypatch.setattr(FakeCases, "save", crash)
    with pytest.raises(RuntimeError):
        submit_case(deps, submission())
    assert store.cases == {} and store.commits == 0
