"""Repository for the desk's lists: the scoped inbox, payments and reserve funds."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, func, literal_column, or_, select
from sqlalchemy.orm import Session

from bot.store.crypto import cipher
from bot.store.models import CaseRow, HouseholdRow, PaymentRow, ReserveFundRow
from bot.store.repository import LIGHT


# Emergencies first, then by deadline, undated last: the same expression as the indexes of migration 0004.
QUEUE_ORDER = (CaseRow.urgency, func.coalesce(CaseRow.due_date, literal_column("'9999-12-31'")), CaseRow.id)


@dataclass(frozen=True)
class Scope:
    """Which cases a reader may see: all (None), a county, a township of a county, or their own."""

    county_code: str | None = None
    township: str | None = None
    created_by: str | None = None
    everything: bool = False

    def condition(self, case=CaseRow):
        if self.everything:
            return True
        if self.created_by is not None:
            return case.created_by == self.created_by
        if self.township is not None:
            return and_(case.county_code == self.county_code, case.township == self.township)
        return case.county_code == self.county_code


@dataclass(frozen=True)
class InboxFilter:
    status: str | None = None
    hardship_type: str | None = None
    cause: str | None = None
    due: str | None = None            # "overdue", "soon" or "paperwork" (先行救助 paid, paperwork owed)
    search: str | None = None         # case number, phone or ID number
    today: date | None = None
    soon_until: date | None = None


class DeskRepository:
    def __init__(self, session: Session):
        self.session = session

    def inbox(self, scope: Scope, filters: InboxFilter, limit: int, offset: int) -> tuple[list[CaseRow], int]:
        conditions: list[Any] = [scope.condition()]
        if filters.status:
            conditions.append(CaseRow.status == filters.status)
        else:
            conditions.append(CaseRow.status != "closed")
        if filters.hardship_type:
            conditions.append(CaseRow.hardship_type == filters.hardship_type)
        if filters.cause:
            conditions.append(CaseRow.cause == filters.cause)
        open_statuses = ("submitted", "needs_human", "accepted", "info_requested", "verified")
        if filters.due == "overdue":
            conditions += [CaseRow.due_date < filters.today, CaseRow.status.in_(open_statuses)]
        elif filters.due == "soon":
            conditions += [CaseRow.due_date >= filters.today, CaseRow.due_date <= filters.soon_until,
                           CaseRow.status.in_(open_statuses)]
        elif filters.due == "paperwork":
            conditions += [CaseRow.first_aid.is_(True), CaseRow.paperwork_done.is_(False),
                           CaseRow.status.in_(("approved", "paid"))]
        if filters.search:
            term = filters.search
            digest = cipher().digest(term)
            households = select(HouseholdRow.id).where(or_(HouseholdRow.phone_hash == digest, HouseholdRow.id_hash == digest))
            conditions.append(or_(CaseRow.case_number == term.upper(), CaseRow.household_id.in_(households)))
        where = and_(*conditions)
        total = self.session.execute(select(func.count()).select_from(CaseRow).where(where)).scalar_one()
        rows = self.session.execute(
            select(CaseRow).where(where).options(*LIGHT)
            .order_by(*QUEUE_ORDER).limit(limit).offset(offset)
        ).scalars()
        return list(rows), total

    def add_payment(self, **values: Any) -> PaymentRow:
        row = PaymentRow(**values)
        self.session.add(row)
        return row

    def payments_of(self, case_id: int) -> list[PaymentRow]:
        return list(self.session.execute(select(PaymentRow).where(PaymentRow.case_id == case_id).order_by(PaymentRow.id)).scalars())

    def payments(self, scope: Scope, start: date, end: date) -> list[tuple[PaymentRow, CaseRow]]:
        return list(self.session.execute(
            select(PaymentRow, CaseRow).join(CaseRow, PaymentRow.case_id == CaseRow.id)
            .where(scope.condition(PaymentRow), PaymentRow.paid_on >= start, PaymentRow.paid_on < end)
            .order_by(PaymentRow.county_code, PaymentRow.township, PaymentRow.paid_on, PaymentRow.id)
        ).all())

    def spent(self, county_code: str, township: str, start: date, end: date) -> float:
        return float(self.session.execute(
            select(func.coalesce(func.sum(PaymentRow.amount), 0)).where(
                PaymentRow.county_code == county_code, PaymentRow.township == township, PaymentRow.form == "cash",
                PaymentRow.paid_on >= start, PaymentRow.paid_on < end)
        ).scalar_one())

    def reserve_fund(self, county_code: str, township: str, year: int) -> ReserveFundRow | None:
        return self.session.execute(select(ReserveFundRow).where(
            ReserveFundRow.county_code == county_code, ReserveFundRow.township == township, ReserveFundRow.year == year)
        ).scalar_one_or_none()

    def set_reserve_fund(self, **values: Any) -> ReserveFundRow:
        row = self.reserve_fund(values["county_code"], values["township"], values["year"])
        if row is None:
            row = ReserveFundRow(**values)
            self.session.add(row)
        else:
            for key, value in values.items():
                setattr(row, key, value)
        return row
