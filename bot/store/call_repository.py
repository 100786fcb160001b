"""Repository over hotline calls in progress on the operator console."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.models import CallRow


class CallRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, call_id: int) -> CallRow | None:
        return self.session.get(CallRow, call_id)

    def open_new(self, operator: str) -> CallRow:
        row = CallRow(operator=operator, status="open", facts={"values": {}, "provenance": {}}, transcript=[])
        self.session.add(row)
        self.session.flush()
        return row

    def open_of(self, operator: str, limit: int = 20) -> list[CallRow]:
        return list(self.session.execute(select(CallRow).where(CallRow.operator == operator, CallRow.status == "open")
                                         .order_by(CallRow.id.desc()).limit(limit)).scalars())
