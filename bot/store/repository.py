"""Repository over cases, households, case events and payments: loads and saves domain `Case`
objects (bot.domain.case); rows never leave the store."""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select, union
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, defer, joinedload

from bot.domain.case import EDITABLE, Case, CaseSummary, Event, Household, Payment, event_day
from bot.domain.matching import CaseFacts
from bot.store.crypto import FieldCipher
from bot.store.errors import Conflict  # noqa: F401  (re-exported: services catch it from here)
from bot.store.mapping import IdentityMap
from bot.store.models import CaseEventRow, CaseRow, HouseholdRow, PaymentRow

# Loading a case for a list or a match: leave the encrypted free text and JSON unread.
LIGHT = (defer(CaseRow.description), defer(CaseRow.facts), defer(CaseRow.transcript), defer(CaseRow.assessment),
         defer(CaseRow.classification), defer(CaseRow.info_request))   # every encrypted column of a case: none is decrypted
# Bounds on what a submission reads of a household's past (the frequency limits count one or two
# cases a year; the caseworker sees the rest on the desk's search).
EARLIER_CASES, RELATED_CANDIDATES = 200, 50
HOUSEHOLD_FIELDS = ("applicant_name", "phone", "id_number", "hukou_place", "household_size", "priority_group")
CASE_FIELDS = ("intake_key", "channel", "sender_id", "status", "hardship_type", "needs_human", "cause", "event_place",
               "event_date", "description", "facts", "classification", "assessment", "region_code", "related_cases",
               "county_code", "township", "urgency", "created_by", "accepted_at", "due_date", "paperwork_due",
               "paperwork_done", "first_aid", "approved_amount", "paid_total", "duplicate_of", "info_request",
               "referral_consent", "transcript", "assignee")


def summary_of(row: CaseRow, household: HouseholdRow | None = None, related: bool = True) -> CaseSummary:
    """The list view of a case row (only columns a light load has read; without the related-case
    warnings when `related` is false)."""
    return CaseSummary(row.id, row.case_number, row.status, row.hardship_type, row.cause, row.county_code, row.township,
                       row.created_at, row.due_date, row.paperwork_due, row.paperwork_done, row.needs_human,
                       len(row.related_cases or []) if related else 0, row.duplicate_of, row.created_by,
                       household.applicant_name if household else None, household.household_size if household else None,
                       row.assignee, row.urgency)


class CaseRepository:
    def __init__(self, session: Session, cipher: FieldCipher):
        self.session, self.cipher = session, cipher
        self.rows = IdentityMap(session)

    # -- loading ---------------------------------------------------------------------------------
    def _case(self, row: CaseRow | None) -> Case | None:
        if row is None:
            return None
        self.rows.remember(row)
        h = row.household
        household = Household(**{f: getattr(h, f) for f in HOUSEHOLD_FIELDS}, id=h.id)
        return Case(household=household, id=row.id, case_number=row.case_number, created_at=row.created_at,
                    **{f: getattr(row, f) for f in CASE_FIELDS})

    def by_intake_key(self, intake_key: str) -> Case | None:
        return self._case(self.session.execute(select(CaseRow).where(CaseRow.intake_key == intake_key)).scalar_one_or_none())

    def by_id(self, case_id: int) -> Case | None:
        return self._case(self.session.get(CaseRow, case_id))

    def by_number(self, case_number: str) -> Case | None:
        return self._case(self.session.execute(select(CaseRow).where(CaseRow.case_number == case_number)).scalar_one_or_none())

    def number_of(self, case_id: int | None) -> str | None:
        if case_id is None:
            return None
        return self.session.execute(select(CaseRow.case_number).where(CaseRow.id == case_id)).scalar_one_or_none()

    # -- saving ----------------------------------------------------------------------------------
    def add(self, case: Case) -> Case:
        """Insert the household and the case; the case gets its id and creation time."""
        h = case.household
        household = HouseholdRow(**{f: getattr(h, f) for f in HOUSEHOLD_FIELDS}, phone_hash=self.cipher.digest(h.phone),
                                 id_hash=self.cipher.digest(h.id_number))
        self.session.add(household)
        row = CaseRow(**{f: getattr(case, f) for f in CASE_FIELDS}, case_number=case.case_number, household=household)
        self.session.add(row)
        try:
            self.session.flush()
        except IntegrityError as exc:
            raise Conflict(str(exc.orig)) from exc
        case.id, case.created_at, h.id = row.id, row.created_at, household.id
        self.rows.remember(row)
        self._write_pending(case)
        return case

    def save(self, case: Case) -> None:
        """Write the case's changes, its new events and payments."""
        self.rows.write(CaseRow, case, EDITABLE)
        self._write_pending(case)

    def _write_pending(self, case: Case) -> None:
        for event in case.new_events:
            self.session.add(CaseEventRow(case_id=case.id, actor=event.actor, kind=event.kind, data=event.data))
        for p in case.new_payments:
            self.session.add(PaymentRow(case_id=case.id, county_code=p.county_code, township=p.township, amount=p.amount,
                                        form=p.form, goods=p.goods, paid_on=p.paid_on, recorded_by=p.recorded_by))
        case.new_events.clear()
        case.new_payments.clear()

    def add_event(self, case_id: int, event: Event) -> None:
        """An event on a case that is not loaded (the outbox, a partner's answer)."""
        self.session.add(CaseEventRow(case_id=case_id, actor=event.actor, kind=event.kind, data=event.data))

    # -- reading what belongs to a case ----------------------------------------------------------
    def events_of(self, case: Case) -> list[Event]:
        rows = self.session.execute(select(CaseEventRow).where(CaseEventRow.case_id == case.id).order_by(CaseEventRow.id))
        return [Event(r.kind, r.actor, r.data or {}, r.at) for r in rows.scalars()]

    def payments_of(self, case_id: int) -> list[Payment]:
        rows = self.session.execute(select(PaymentRow).where(PaymentRow.case_id == case_id).order_by(PaymentRow.id)).scalars()
        return [Payment(p.amount, p.form, p.paid_on, p.recorded_by, p.goods, p.county_code, p.township) for p in rows]

    def statuses_of_sender(self, sender_id: str) -> list[str]:
        return list(self.session.execute(select(CaseRow.status).where(CaseRow.sender_id == sender_id)).scalars())

    def phone_matches(self, case: Case, phone: str) -> bool:
        return bool(phone) and self.cipher.digest(case.household.phone) == self.cipher.digest(phone)

    def count(self) -> int:
        return self.session.execute(select(func.count()).select_from(CaseRow)).scalar_one()

    # -- the same household, the same incident ---------------------------------------------------
    def _same_household(self, phone: str | None, id_number: str | None) -> list:
        """Conditions on the keyed hashes of phone and ID number (no decryption)."""
        conditions = [HouseholdRow.phone_hash == self.cipher.digest(phone)] if phone else []
        if id_number:
            conditions.append(HouseholdRow.id_hash == self.cipher.digest(id_number))
        return conditions

    def earlier_cases(self, phone: str | None, id_number: str | None, limit: int | None = None) -> list[CaseSummary]:
        """The latest `limit` cases of the same household, oldest first, found by the keyed hash of
        phone or ID number. Bounded: a hotline's own number or a neighbour's phone can sit on
        thousands of cases, and every submission reads these."""
        conditions = self._same_household(phone, id_number)
        if not conditions:
            return []
        rows = self.session.execute(select(CaseRow).options(*LIGHT, defer(CaseRow.related_cases)).join(HouseholdRow)
                                    .where(or_(*conditions)).order_by(CaseRow.created_at.desc(), CaseRow.id.desc())
                                    .limit(limit or EARLIER_CASES)).scalars()
        return [summary_of(r, related=False) for r in reversed(list(rows))]

    def facts_for_matching(self, case: Case) -> CaseFacts:
        h = case.household
        return CaseFacts(case.case_number, self.cipher.digest(h.id_number), self.cipher.digest(h.phone), h.applicant_name,
                         case.cause, case.event_place, event_day(case.event_date))

    def related_candidates(self, case: Case, event_dates: list[str]) -> list[CaseFacts]:
        """Cases sharing the keyed hash of ID number or phone, or place, cause and a nearby date.
        One indexed query per kind of match, united (an OR across the join would scan every case)."""
        queries = []
        conditions = self._same_household(case.household.phone, case.household.id_number)
        if conditions:
            households = select(HouseholdRow.id).where(or_(*conditions))
            queries.append(select(CaseRow.id).where(CaseRow.household_id.in_(households)))
        if case.cause and case.event_place and event_dates:
            queries.append(select(CaseRow.id).where(CaseRow.cause == case.cause, CaseRow.event_place == case.event_place,
                                                    CaseRow.event_date.in_(event_dates)))
        if not queries:
            return []
        ids = select(union(*queries).subquery().c.id) if len(queries) > 1 else queries[0]
        # The matching columns only: one decryption (the name) per candidate instead of a whole case and
        # household (five), which a submission paid for each of up to RELATED_CANDIDATES candidates.
        rows = self.session.execute(select(CaseRow.case_number, HouseholdRow.id_hash, HouseholdRow.phone_hash,
                                           HouseholdRow.applicant_name, CaseRow.cause, CaseRow.event_place, CaseRow.event_date)
                                    .join(HouseholdRow, CaseRow.household_id == HouseholdRow.id)
                                    .where(CaseRow.id.in_(ids), CaseRow.id != case.id).order_by(CaseRow.id.desc())
                                    .limit(RELATED_CANDIDATES))
        return [CaseFacts(number, id_hash, phone_hash, name, cause, place, event_day(day))
                for number, id_hash, phone_hash, name, cause, place, day in rows]
