"""The case store on SQLite and PostgreSQL: one transaction per case, idempotent, status by phone."""
from __future__ import annotations

import re
import threading

import pytest
from sqlalchemy import func, select

from bot.domain.model import CaseStatus
from bot.services.bootstrap import bootstrap, unit_of_work
from bot.services.cases import Submission, case_status, submit_case
from bot.store.models import CaseEventRow, CaseRow, HouseholdRow
from bot.store.repository import CaseRepository
from tests.factories import submission


def _submission(key: str = "intake-1", **overrides) -> Submission:
    return submission(key, **overrides)


def _count(url: str, model) -> int:
    with unit_of_work(url) as uow:
        return uow.session.execute(select(func.count()).select_from(model)).scalar_one()


def test_a_case_is_saved_with_household_events_and_facts(database_url):
    result = submit_case(bootstrap(database_url), _submission())
    assert result.created and result.status == CaseStatus.SUBMITTED
    assert re.fullmatch(r"LS\d{6}\d{6}\d", result.case_number)   # the day, six random digits, a check digit
    with unit_of_work(database_url) as uow:
        case = uow.cases.by_number(result.case_number)
        assert case.household.applicant_name == "王小明"
        assert case.household.household_size == 4
        assert case.hardship_type == "emergency"
        assert case.classification["reasons"][0]["rule_id"] == "XC-2.1.1"
        assert case.facts["provenance"]["cause"]["text"] == "着火"
        assert case.transcript[0]["text"] == "我家昨晚着火了"
        assert [event.kind for event in uow.cases.events_of(case)] == ["created", "assessed"]
        assert case.region_code == "411024"
        assert case.assessment["conclusions"][0]["topic"] == "hardship_type"
        assert case.assessment["figures_used"]["urban_dibao_monthly"]["year"] == 2022


def test_confirming_twice_creates_one_case(database_url):
    first = submit_case(bootstrap(database_url), _submission())
    second = submit_case(bootstrap(database_url), _submission())
    assert second.case_number == first.case_number and not second.created
    assert _count(database_url, CaseRow) == 1
    assert _count(database_url, HouseholdRow) == 1


def test_concurrent_confirmations_create_one_case(database_url):
    submit_case(bootstrap(database_url), _submission("warm-up"))  # migrate before the race
    numbers, errors = [], []

    def confirm():
        try:
            numbers.append(submit_case(bootstrap(database_url), _submission("race")).case_number)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=confirm) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(set(numbers)) == 1
    with unit_of_work(database_url) as uow:
        assert uow.session.execute(select(func.count()).select_from(CaseRow).where(CaseRow.intake_key == "race")).scalar_one() == 1


def test_a_failure_halfway_leaves_nothing_half_written(database_url, monkeypatch):
    submit_case(bootstrap(database_url), _submission("other"))

    def crash(self, *args, **kwargs):
        raise RuntimeError("process died after the case row was flushed")

    monkeypatch.setattr(CaseRepository, "save", crash)   # after the case row was flushed
    with pytest.raises(RuntimeError):
        submit_case(bootstrap(database_url), _submission("half"))
    monkeypatch.undo()
    assert _count(database_url, CaseRow) == 1
    assert _count(database_url, HouseholdRow) == 1
    assert _count(database_url, CaseEventRow) == 2


def test_status_needs_the_matching_phone(database_url):
    number = submit_case(bootstrap(database_url), _submission()).case_number
    view = case_status(bootstrap(database_url), number.lower(), "13812345678")
    assert view.status == CaseStatus.SUBMITTED and view.hardship_type_label == "急难型"
    assert case_status(bootstrap(database_url), number, "13900000000") is None
    assert case_status(bootstrap(database_url), "LS0000000000", "13812345678") is None
    assert case_status(bootstrap(database_url), number, "") is None


def test_handover_on_a_saved_case_is_recorded(database_url):
    number = submit_case(bootstrap(database_url), _submission()).case_number
    result = submit_case(bootstrap(database_url), _submission(needs_human=True))
    assert result.case_number == number and result.status == CaseStatus.NEEDS_HUMAN
    with unit_of_work(database_url) as uow:
        case = uow.cases.by_number(number)
        assert case.needs_human
        assert [event.kind for event in uow.cases.events_of(case)] == ["created", "assessed", "handover_requested"]


def test_id_number_not_given_is_stored_as_missing(database_url):
    number = submit_case(bootstrap(database_url), _submission(values={"id_number": "未提供"})).case_number
    with unit_of_work(database_url) as uow:
        assert uow.cases.by_number(number).household.id_number is None


def test_earlier_cases_of_the_household_feed_the_frequency_rule(database_url):
    submit_case(bootstrap(database_url), _submission("first"))
    submit_case(bootstrap(database_url), _submission("second"))
    with unit_of_work(database_url) as uow:
        second = uow.session.execute(select(CaseRow).where(CaseRow.intake_key == "second")).scalar_one()
        frequency = next(c for c in second.assessment["conclusions"] if c["topic"] == "frequency")
        first_number = uow.session.execute(select(CaseRow.case_number).where(CaseRow.intake_key == "first")).scalar_one()
    assert frequency["verdict"] == "flagged" and first_number in frequency["text"]


def test_an_unconfigured_region_is_saved_for_a_person_to_assess(database_url):
    guangzhou = {"detail": {"place": {"text": "广州市天河区", "admin_code": "440106"}}}
    submission = _submission("gz", values={"hukou_place": "广州市天河区", "event_place": "广州市天河区"})
    submission = Submission(**{**submission.__dict__, "provenance": {"hukou_place": guangzhou, "event_place": guangzhou}})
    result = submit_case(bootstrap(database_url), submission)
    assert "人工评估" in result.resident_note
    with unit_of_work(database_url) as uow:
        assert "error" in uow.cases.by_number(result.case_number).assessment


def test_the_same_fire_reported_by_a_neighbour_is_flagged_as_the_same_incident(database_url):
    first = submit_case(bootstrap(database_url), _submission("resident")).case_number
    neighbour = _submission("neighbour", values={"phone": "13900000000", "id_number": "未提供", "applicant_name": "李芳"})
    second = submit_case(bootstrap(database_url), neighbour).case_number
    with unit_of_work(database_url) as uow:
        case = uow.cases.by_number(second)
        assert case.related_cases == [{"case_number": first, "kind": "same_incident", "score": 0.6,
                                       "reasons": ["同一地点、同一原因、日期相近，可能是同一事件的不同家庭"]}]
        assert "related_cases_found" in [event.kind for event in uow.cases.events_of(case)]


def test_the_money_migration_converts_existing_amounts_to_exact_fen(database_url):
    """Migration 0009 (#15 item 2): float amounts already stored become decimals rounded to the fen."""
    from decimal import Decimal

    from alembic import command
    from sqlalchemy import create_engine, text

    from bot.store.db import alembic_config

    config = alembic_config(database_url)
    command.upgrade(config, "0008")
    engine = create_engine(database_url, future=True)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO reserve_funds (county_code, township, year, budget, last_year_use, set_by) "
                                "VALUES ('411024', '马栏镇', 2026, 1000.005, 0.30000000000000004, 'test')"))
    command.upgrade(config, "head")
    with engine.connect() as connection:
        budget, last = connection.execute(text("SELECT budget, last_year_use FROM reserve_funds")).one()
    engine.dispose()
    assert round(Decimal(str(budget)), 2) == Decimal("1000.01") or round(Decimal(str(budget)), 2) == Decimal("1000.00")
    assert Decimal(str(last)) == Decimal("0.3") and str(last) in ("0.30", "0.3")
    with unit_of_work(database_url) as uow:
        assert uow.desk.reserve_fund("411024", "马栏镇", 2026).last_year_use == Decimal("0.30")


def test_a_phone_with_many_cases_reads_only_the_latest(database_url, monkeypatch):
    """A hotline's own number can sit on thousands of cases (#18): a submission reads the latest
    EARLIER_CASES of them, oldest first, and the related-case check the latest candidates."""
    import bot.store.repository as repository

    monkeypatch.setattr(repository, "EARLIER_CASES", 3)
    monkeypatch.setattr(repository, "RELATED_CANDIDATES", 2)
    deps = bootstrap(database_url)
    numbers = [submit_case(deps, _submission(f"many-{k}")).case_number for k in range(5)]
    with unit_of_work(database_url) as uow:
        earlier = uow.cases.earlier_cases("13812345678", None)
        newest = uow.cases.by_number(numbers[-1])
        related = uow.cases.related_candidates(newest, [])
    assert [c.case_number for c in earlier] == numbers[-3:]
    assert [c.case_number for c in related] == [numbers[-2], numbers[-3]]
