"""Repository over hotline calls in progress on the operator console: loads and saves domain `Call`s."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.call import Call
from bot.store.mapping import IdentityMap
from bot.store.models import CallRow

FIELDS = ("operator", "status", "facts", "transcript", "case_number")


class CallRepository:
    def __init__(self, session: Session):
        self.session = session
        self.rows = IdentityMap(session)

    def _call(self, row: CallRow | None) -> Call | None:
        if row is None:
            return None
        self.rows.remember(row)
        return Call(row.operator, row.id, row.status, row.facts or {}, list(row.transcript or []), row.case_number,
                    row.created_at)

    def get(self, call_id: int) -> Call | None:
        return self._call(self.session.get(CallRow, call_id))

    def add(self, call: Call) -> Call:
        row = self.rows.insert(CallRow(**{name: getattr(call, name) for name in FIELDS}))
        call.id, call.created_at = row.id, row.created_at
        return call

    def save(self, call: Call) -> None:
        self.rows.write(CallRow, call, FIELDS)

    def with_status(self, status: str, limit: int = 100) -> list[Call]:
        rows = self.session.execute(select(CallRow).where(CallRow.status == status).order_by(CallRow.id.desc()).limit(limit)).scalars()
        return [self._call(r) for r in rows]

    def open_of(self, operator: str, limit: int = 20) -> list[Call]:
        rows = self.session.execute(select(CallRow).where(CallRow.operator == operator, CallRow.status == "open")
                                    .order_by(CallRow.id.desc()).limit(limit)).scalars()
        return [self._call(r) for r in rows]
