"""Repository over staff accounts, their sessions and the audit log: loads and saves domain
`Account` and `StaffSession` objects."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.domain.account import Account, StaffSession
from bot.store.models import AuditRow, StaffRow, StaffSessionRow

FIELDS = ("username", "name", "role", "county_code", "township", "password_hash", "failed_logins", "locked_until", "active")


def token_hash(token: str) -> str:
    """Session secrets are random (256 bits), so a plain SHA-256 is enough to avoid storing them."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    action: str
    data: dict[str, Any]


class StaffRepository:
    def __init__(self, session: Session):
        self.session = session
        self._rows: dict[int, Any] = {}

    def _account(self, row: StaffRow | None) -> Account | None:
        if row is None:
            return None
        self._rows[("staff", row.id)] = row
        return Account(**{f: getattr(row, f) for f in FIELDS}, id=row.id)

    def by_username(self, username: str) -> Account | None:
        return self._account(self.session.execute(select(StaffRow).where(StaffRow.username == username)).scalar_one_or_none())

    def add(self, account: Account) -> Account:
        row = StaffRow(**{f: getattr(account, f) for f in FIELDS})
        self.session.add(row)
        self.session.flush()
        account.id = row.id
        self._rows[("staff", row.id)] = row
        return account

    def save(self, account: Account) -> None:
        row = self._rows.get(("staff", account.id)) or self.session.get(StaffRow, account.id)
        for f in FIELDS:
            if getattr(row, f) != getattr(account, f):
                setattr(row, f, getattr(account, f))

    def open_session(self, account: Account, token: str, kind: str, csrf_token: str | None) -> None:
        now = datetime.utcnow()
        self.session.add(StaffSessionRow(token_hash=token_hash(token), staff_id=account.id, kind=kind, csrf_token=csrf_token,
                                         created_at=now, last_seen=now))

    def session_for(self, token: str) -> StaffSession | None:
        row = self.session.execute(
            select(StaffSessionRow).where(StaffSessionRow.token_hash == token_hash(token), StaffSessionRow.revoked.is_(False))
        ).scalar_one_or_none()
        if row is None:
            return None
        self._rows[("session", row.id)] = row
        return StaffSession(row.id, self._account(row.staff), row.kind, row.csrf_token, row.created_at, row.last_seen, row.revoked)

    def save_session(self, session: StaffSession) -> None:
        row = self._rows.get(("session", session.id)) or self.session.get(StaffSessionRow, session.id)
        row.last_seen, row.revoked = session.last_seen, session.revoked

    def revoke(self, token: str) -> None:
        self.session.execute(update(StaffSessionRow).where(StaffSessionRow.token_hash == token_hash(token)).values(revoked=True))

    def audit(self, actor: str, action: str, data: dict[str, Any] | None = None) -> None:
        self.session.add(AuditRow(actor=actor, action=action, data=data or {}))

    def audit_log(self, limit: int = 200) -> list[AuditEntry]:
        rows = self.session.execute(select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)).scalars()
        return [AuditEntry(r.at, r.actor, r.action, r.data or {}) for r in rows]
