"""Finds cases related to a new one (same household or same incident) when it is saved."""
from __future__ import annotations

from datetime import date, timedelta

from bot.domain.matching import SAME_INCIDENT_DAYS, CaseFacts, Match, related
from bot.store.models import CaseRow
from bot.store.unit_of_work import UnitOfWork


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _facts(case: CaseRow) -> CaseFacts:
    return CaseFacts(case.case_number, case.household.id_hash, case.household.phone_hash, case.household.applicant_name,
                     case.cause, case.event_place, _date(case.event_date))


def find_related(uow: UnitOfWork, case: CaseRow) -> list[Match]:
    day = _date(case.event_date)
    days = [(day + timedelta(days=k)).isoformat() for k in range(-SAME_INCIDENT_DAYS, SAME_INCIDENT_DAYS + 1)] if day else []
    rows = uow.cases.related_candidates(case.household.phone, case.household.id_number, case.cause, case.event_place, days)
    return related(_facts(case), [_facts(row) for row in rows])
