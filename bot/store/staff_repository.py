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
from bot.store.mapping import IdentityMap
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
        self.rows = IdentityMap(session)

    def _account(self, row: StaffRow | None) -> Account | None:
        if row is None:
            return None
        self.rows.remember(row)
        return Account(**{f: getattr(row, f) for f in FIELDS}, id=row.id)

    def by_username(self, username: str) -> Account | None:
        return self._account(self.session.execute(select(StaffRow).where(StaffRow.username == username)).scalar_one_or_none())

    def add(self, account: Account) -> Account:
        account.id = self.rows.insert(StaffRow(**{f: getattr(account, f) for f in FIELDS})).id
        return account

    def save(self, account: Account) -> None:
        self.rows.write(StaffRow, account, FIELDS)

    def names(self, usernames) -> dict[str, str]:
        """The display names (姓名) of the given accounts, for logs that store the login."""
        wanted = sorted({u for u in usernames if u})
        if not wanted:
            return {}
        return dict(self.session.execute(select(StaffRow.username, StaffRow.name).where(StaffRow.username.in_(wanted))).all())

    def open_session(self, account: Account, token: str, kind: str, csrf_token: str | None, now: datetime) -> None:
        self.session.add(StaffSessionRow(token_hash=token_hash(token), staff_id=account.id, kind=kind, csrf_token=csrf_token,
                                         created_at=now, last_seen=now))

    def session_for(self, token: str) -> StaffSession | None:
        row = self.session.execute(
            select(StaffSessionRow).where(StaffSessionRow.token_hash == token_hash(token), StaffSessionRow.revoked.is_(False))
        ).scalar_one_or_none()
        if row is None:
            return None
        self.rows.remember(row)
        return StaffSession(row.id, self._account(row.staff), row.kind, row.csrf_token, row.created_at, row.last_seen, row.revoked)

    def save_session(self, session: StaffSession) -> None:
        self.rows.write(StaffSessionRow, session, ("last_seen", "revoked"))

    def revoke(self, token: str) -> None:
        self.session.execute(update(StaffSessionRow).where(StaffSessionRow.token_hash == token_hash(token)).values(revoked=True))

    def audit(self, actor: str, action: str, data: dict[str, Any] | None = None) -> None:
        self.session.add(AuditRow(actor=actor, action=action, data=data or {}))

    def audit_log(self, limit: int = 200) -> list[AuditEntry]:
        rows = self.session.execute(select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)).scalars()
        return [AuditEntry(r.at, r.actor, r.action, r.data or {}) for r in rows]
