"""Repository for the desk's lists: the scoped inbox (case summaries), the payments of a month and
the reserve funds, as domain read models."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, literal_column, or_, select, true, union
from sqlalchemy.orm import Session

from bot.domain.case import CaseSummary, PaymentLine
from bot.domain.casework import Scope
from bot.domain.model import OPEN_STATUSES
from bot.domain.money import Payment, ReserveFund, money
from bot.store.crypto import FieldCipher
from bot.store.models import CaseRow, HouseholdRow, PaymentRow, ReserveFundRow
from bot.store.repository import LIGHT, summary_of


# Emergencies first, then by deadline, undated last: the same expression as the indexes of migration 0004.
QUEUE_ORDER = (CaseRow.urgency, func.coalesce(CaseRow.due_date, literal_column("'9999-12-31'")), CaseRow.id)


MAX_FOUND = 500   # cases one search may name (one household's cases, or one case number)


def queue_key(row: CaseRow) -> tuple:
    """QUEUE_ORDER in Python."""
    return row.urgency, row.due_date or date(9999, 12, 31), row.id


def condition(scope: Scope, model=CaseRow):
    """The scope as a query condition on cases or payments (both carry county and township)."""
    if scope.everything:
        return true()
    if scope.created_by is not None:
        return CaseRow.created_by == scope.created_by
    if scope.township is not None:
        return and_(model.county_code == scope.county_code, model.township == scope.township)
    return model.county_code == scope.county_code


@dataclass(frozen=True)
class InboxFilter:
    status: str | None = None
    hardship_type: str | None = None
    cause: str | None = None
    due: str | None = None            # "overdue", "soon" or "paperwork" (先行救助 paid, paperwork owed)
    search: str | None = None         # case number, phone or ID number
    assignee: str | None = None       # 我的: the reader's own cases
    unassigned: bool = False          # 未分配
    today: date | None = None
    soon_until: date | None = None


class DeskRepository:
    def __init__(self, session: Session, cipher: FieldCipher):
        self.session, self.cipher = session, cipher

    def inbox(self, scope: Scope, filters: InboxFilter, limit: int, offset: int) -> tuple[list[CaseSummary], int]:
        conditions: list[Any] = [condition(scope)]
        if filters.status:
            conditions.append(CaseRow.status == filters.status)
        else:
            conditions.append(CaseRow.status != "closed")
        if filters.hardship_type:
            conditions.append(CaseRow.hardship_type == filters.hardship_type)
        if filters.cause:
            conditions.append(CaseRow.cause == filters.cause)
        open_statuses = sorted(s.value for s in OPEN_STATUSES)
        if filters.due == "overdue":
            conditions += [CaseRow.due_date < filters.today, CaseRow.status.in_(open_statuses)]
        elif filters.due == "soon":
            conditions += [CaseRow.due_date >= filters.today, CaseRow.due_date <= filters.soon_until,
                           CaseRow.status.in_(open_statuses)]
        elif filters.due == "paperwork":
            conditions += [CaseRow.first_aid.is_(True), CaseRow.paperwork_done.is_(False),
                           CaseRow.status.in_(("approved", "paid"))]
        if filters.assignee:
            conditions.append(CaseRow.assignee == filters.assignee)
        elif filters.unassigned:
            conditions.append(CaseRow.assignee.is_(None))
        found = self._found(filters.search) if filters.search else None
        if found == []:
            return [], 0
        if found is not None:
            conditions.append(CaseRow.id.in_(found))
        where = and_(*conditions)
        total = self.session.execute(select(func.count()).select_from(CaseRow).where(where)).scalar_one()
        query = select(CaseRow, HouseholdRow).join(HouseholdRow, CaseRow.household_id == HouseholdRow.id).where(where).options(*LIGHT)
        if found is not None:   # a handful of rows: sorted here, so that SQLite looks them up by id, not by the queue
            rows = sorted(self.session.execute(query).all(), key=lambda pair: queue_key(pair[0]))[offset:offset + limit]
        else:
            rows = self.session.execute(query.order_by(*QUEUE_ORDER).limit(limit).offset(offset)).all()
        return [summary_of(r, h) for r, h in rows], total

    def _found(self, term: str) -> list[int]:
        """The cases a search names: by case number, or by the household's keyed hashes, each by its
        own index (an OR of both inside the scoped query made SQLite walk every case in scope)."""
        digest = self.cipher.digest(term)
        households = select(HouseholdRow.id).where(or_(HouseholdRow.phone_hash == digest, HouseholdRow.id_hash == digest))
        found = union(select(CaseRow.id).where(CaseRow.case_number == term.upper()),
                      select(CaseRow.id).where(CaseRow.household_id.in_(households)))
        return list(self.session.execute(select(found.subquery().c.id).limit(MAX_FOUND)).scalars())

    def payments(self, scope: Scope, start: date, end: date) -> list[PaymentLine]:
        rows = self.session.execute(
            select(PaymentRow, CaseRow, HouseholdRow).join(CaseRow, PaymentRow.case_id == CaseRow.id)
            .join(HouseholdRow, CaseRow.household_id == HouseholdRow.id).options(*LIGHT)
            .where(condition(scope, PaymentRow), PaymentRow.paid_on >= start, PaymentRow.paid_on < end)
            .order_by(PaymentRow.county_code, PaymentRow.township, PaymentRow.paid_on, PaymentRow.id)
        ).all()
        return [PaymentLine(Payment(p.amount, p.form, p.paid_on, p.recorded_by, p.goods, p.county_code, p.township),
                            summary_of(c, h)) for p, c, h in rows]

    def spent(self, county_code: str, township: str, start: date, end: date) -> Decimal:
        return money(self.session.execute(
            select(func.coalesce(func.sum(PaymentRow.amount), 0)).where(
                PaymentRow.county_code == county_code, PaymentRow.township == township, PaymentRow.form == "cash",
                PaymentRow.paid_on >= start, PaymentRow.paid_on < end)
        ).scalar_one())

    def _fund_row(self, county_code: str, township: str, year: int) -> ReserveFundRow | None:
        return self.session.execute(select(ReserveFundRow).where(
            ReserveFundRow.county_code == county_code, ReserveFundRow.township == township, ReserveFundRow.year == year)
        ).scalar_one_or_none()

    def reserve_fund(self, county_code: str, township: str, year: int) -> ReserveFund | None:
        row = self._fund_row(county_code, township, year)
        return ReserveFund(row.county_code, row.township, row.year, row.budget, row.last_year_use, row.set_by) if row else None

    def set_reserve_fund(self, fund: ReserveFund) -> None:
        row = self._fund_row(fund.county_code, fund.township, fund.year)
        if row is None:
            self.session.add(ReserveFundRow(**fund.__dict__))
        else:
            row.budget, row.last_year_use, row.set_by = fund.budget, fund.last_year_use, fund.set_by
