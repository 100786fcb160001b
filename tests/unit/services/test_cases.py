"""Submitting a case, handing over, status questions and notes after the case (bot/services/cases)."""
from __future__ import annotations

import pytest

from bot.services.cases import TooManyAttempts, add_resident_message, case_status, submit_case
from tests.factories import submission


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


def test_status_guesses_are_limited_per_case_number(deps, fire):
    for _ in range(deps.settings.status_attempts_per_window):
        case_status(deps, fire, "13900000000", "guesser")
    with pytest.raises(TooManyAttempts):
        case_status(deps, fire, "13812345678", "resident")


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
