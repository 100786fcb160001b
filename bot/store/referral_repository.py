"""Repository over referrals (the outbox) and their delivery attempts."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.models import DeliveryAttemptRow, ReferralRow


class ReferralRepository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, **values: Any) -> ReferralRow:
        row = ReferralRow(**values)
        self.session.add(row)
        return row

    def of_case(self, case_id: int) -> list[ReferralRow]:
        return list(self.session.execute(select(ReferralRow).where(ReferralRow.case_id == case_id).order_by(ReferralRow.id)).scalars())

    def get(self, referral_id: int) -> ReferralRow | None:
        return self.session.get(ReferralRow, referral_id)

    def by_key(self, key: str) -> ReferralRow | None:
        return self.session.execute(select(ReferralRow).where(ReferralRow.key == key)).scalar_one_or_none()

    def claim_due(self, now: datetime, limit: int, lease: timedelta) -> list[ReferralRow]:
        """Pending referrals whose time has come, leased to this worker: their next attempt moves
        past the lease, so a worker that dies mid-delivery leaves them to be retried, not lost.
        PostgreSQL skips rows another worker holds (FOR UPDATE SKIP LOCKED)."""
        query = (select(ReferralRow).where(ReferralRow.status == "pending", ReferralRow.next_attempt_at <= now)
                 .order_by(ReferralRow.next_attempt_at, ReferralRow.id).limit(limit))
        if self.session.bind.dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        rows = list(self.session.execute(query).scalars())
        for row in rows:
            row.next_attempt_at = now + lease
        return rows

    def add_attempt(self, **values: Any) -> None:
        self.session.add(DeliveryAttemptRow(**values))
