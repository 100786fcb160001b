"""Repository over cases, households and case events: the only place that writes SQL."""
from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select, union
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, defer, joinedload

from bot.store.crypto import cipher
from bot.store.models import CaseEventRow, CaseRow, HouseholdRow


# Loading a case for a list or a match: leave the encrypted free text and JSON unread.
LIGHT = (defer(CaseRow.description), defer(CaseRow.facts), defer(CaseRow.transcript), defer(CaseRow.assessment),
         defer(CaseRow.classification))


class Conflict(Exception):
    """A write broke a uniqueness rule (for example the same intake saved by two requests)."""


class CaseRepository:
    def __init__(self, session: Session):
        self.session = session

    def by_intake_key(self, intake_key: str) -> CaseRow | None:
        return self.session.execute(select(CaseRow).where(CaseRow.intake_key == intake_key)).scalar_one_or_none()

    def by_id(self, case_id: int) -> CaseRow | None:
        return self.session.get(CaseRow, case_id)

    def by_number(self, case_number: str) -> CaseRow | None:
        return self.session.execute(select(CaseRow).where(CaseRow.case_number == case_number)).scalar_one_or_none()

    @staticmethod
    def _same_household(phone: str | None, id_number: str | None) -> list:
        """Conditions on the keyed hashes of phone and ID number (no decryption)."""
        conditions = [HouseholdRow.phone_hash == cipher().digest(phone)] if phone else []
        if id_number:
            conditions.append(HouseholdRow.id_hash == cipher().digest(id_number))
        return conditions

    def earlier_cases(self, phone: str | None, id_number: str | None) -> list[CaseRow]:
        """Cases of the same household, found by the keyed hash of phone or ID number."""
        conditions = self._same_household(phone, id_number)
        if not conditions:
            return []
        return list(self.session.execute(
            select(CaseRow).join(HouseholdRow).where(or_(*conditions)).order_by(CaseRow.created_at)
        ).scalars())

    def related_candidates(self, phone: str | None, id_number: str | None, cause: str | None,
                           event_place: str | None, event_dates: list[str]) -> list[CaseRow]:
        """Cases sharing the keyed hash of ID number or phone, or place, cause and a nearby date.
        One indexed query per kind of match, united (an OR across the join would scan every case)."""
        queries = []
        conditions = self._same_household(phone, id_number)
        if conditions:
            households = select(HouseholdRow.id).where(or_(*conditions))
            queries.append(select(CaseRow.id).where(CaseRow.household_id.in_(households)))
        if cause and event_place and event_dates:
            queries.append(select(CaseRow.id).where(CaseRow.cause == cause, CaseRow.event_place == event_place,
                                                    CaseRow.event_date.in_(event_dates)))
        if not queries:
            return []
        ids = select(union(*queries).subquery().c.id) if len(queries) > 1 else queries[0]
        return list(self.session.execute(
            select(CaseRow).options(joinedload(CaseRow.household), *LIGHT).where(CaseRow.id.in_(ids)).order_by(CaseRow.id).limit(50)
        ).scalars())

    def add_household(self, **values: Any) -> HouseholdRow:
        row = HouseholdRow(**values, phone_hash=cipher().digest(values.get("phone")),
                           id_hash=cipher().digest(values.get("id_number")))
        self.session.add(row)
        return row

    def add_case(self, **values: Any) -> CaseRow:
        row = CaseRow(**values)
        self.session.add(row)
        try:
            self.session.flush()
        except IntegrityError as exc:
            raise Conflict(str(exc.orig)) from exc
        return row

    def record(self, case: CaseRow, actor: str, kind: str, data: dict[str, Any] | None = None) -> CaseEventRow:
        row = CaseEventRow(case_id=case.id, actor=actor, kind=kind, data=data or {})
        self.session.add(row)
        return row

    def events_of(self, case: CaseRow) -> list[CaseEventRow]:
        return list(self.session.execute(
            select(CaseEventRow).where(CaseEventRow.case_id == case.id).order_by(CaseEventRow.id)
        ).scalars())

    def statuses_of_sender(self, sender_id: str) -> list[str]:
        return list(self.session.execute(select(CaseRow.status).where(CaseRow.sender_id == sender_id)).scalars())

    def phone_matches(self, case: CaseRow, phone: str) -> bool:
        return bool(phone) and case.household.phone_hash == cipher().digest(phone)
