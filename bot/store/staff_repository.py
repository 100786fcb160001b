"""Repository over staff accounts, their sessions and the audit log."""
from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.store.models import AuditRow, StaffRow, StaffSessionRow


def token_hash(token: str) -> str:
    """Session secrets are random (256 bits), so a plain SHA-256 is enough to avoid storing them."""
    return hashlib.sha256(token.encode()).hexdigest()


class StaffRepository:
    def __init__(self, session: Session):
        self.session = session

    def by_username(self, username: str) -> StaffRow | None:
        return self.session.execute(select(StaffRow).where(StaffRow.username == username)).scalar_one_or_none()

    def all(self) -> list[StaffRow]:
        return list(self.session.execute(select(StaffRow).order_by(StaffRow.id)).scalars())

    def add(self, **values: Any) -> StaffRow:
        row = StaffRow(**values)
        self.session.add(row)
        self.session.flush()
        return row

    def open_session(self, staff: StaffRow, token: str, kind: str, csrf_token: str | None) -> StaffSessionRow:
        row = StaffSessionRow(token_hash=token_hash(token), staff_id=staff.id, kind=kind, csrf_token=csrf_token,
                              created_at=datetime.utcnow(), last_seen=datetime.utcnow())
        self.session.add(row)
        return row

    def session_for(self, token: str) -> StaffSessionRow | None:
        return self.session.execute(
            select(StaffSessionRow).where(StaffSessionRow.token_hash == token_hash(token), StaffSessionRow.revoked.is_(False))
        ).scalar_one_or_none()

    def revoke(self, token: str) -> None:
        self.session.execute(update(StaffSessionRow).where(StaffSessionRow.token_hash == token_hash(token)).values(revoked=True))

    def audit(self, actor: str, action: str, data: dict[str, Any] | None = None) -> None:
        self.session.add(AuditRow(actor=actor, action=action, data=data or {}))

    def audit_log(self, limit: int = 200) -> list[AuditRow]:
        return list(self.session.execute(select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)).scalars())

