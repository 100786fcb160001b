"""Repository over messages to residents (the notices outbox): loads and saves domain `Notice`s,
and finds a resident's waiting messages by the keyed hash of the recipient (stored beside it)."""
from __future__ import annotations

from dataclasses import fields
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.domain.notice import Notice
from bot.store import leases
from bot.store.crypto import FieldCipher
from bot.store.mapping import IdentityMap
from bot.store.outreach_models import NoticeRow

FIELDS = tuple(f.name for f in fields(Notice))


class NoticeRepository:
    def __init__(self, session: Session, cipher: FieldCipher):
        self.session, self.cipher = session, cipher
        self.rows = IdentityMap(session)

    def _notice(self, row: NoticeRow) -> Notice:
        self.rows.remember(row)
        return Notice(**{name: getattr(row, name) for name in FIELDS})

    def add(self, notice: Notice) -> Notice:
        row = self.rows.insert(NoticeRow(**{name: value for name in FIELDS if (value := getattr(notice, name)) is not None},
                                         recipient_hash=self.cipher.digest(notice.recipient)))
        notice.id, notice.created_at = row.id, row.created_at
        return notice

    def save(self, notice: Notice) -> None:
        self.rows.write(NoticeRow, notice, FIELDS)

    def of_case(self, case_id: int) -> list[Notice]:
        rows = self.session.execute(select(NoticeRow).where(NoticeRow.case_id == case_id).order_by(NoticeRow.id)).scalars()
        return [self._notice(r) for r in rows]

    def pending_for(self, recipient: str) -> list[Notice]:
        """The recipient's messages still waiting to go out, oldest first (all their cases and answers)."""
        rows = self.session.execute(select(NoticeRow).where(NoticeRow.recipient_hash == self.cipher.digest(recipient),
                                                            NoticeRow.status == "pending").order_by(NoticeRow.id)).scalars()
        return [self._notice(r) for r in rows]

    def delete_answers(self, before: datetime) -> int:
        """Late conversation answers (no case) that went out or were given up, written before `before`:
        a copy of the conversation, kept no longer than a conversation without a case."""
        return self.session.execute(delete(NoticeRow).where(NoticeRow.case_id.is_(None), NoticeRow.status != "pending",
                                                            NoticeRow.created_at < before)
                                    .execution_options(synchronize_session=False)).rowcount

    def claim_due(self, now: datetime, limit: int, lease: timedelta, channels: tuple[str, ...]) -> list[Notice]:
        """Pending messages of the given channels whose time has come, leased like referrals
        (bot.store.leases: a worker that dies mid-send leaves them to be retried; two workers never
        take the same message)."""
        return [self._notice(r) for r in leases.claim(self.session, NoticeRow, (NoticeRow.channel.in_(channels),),
                                                      limit, now, lease)]
