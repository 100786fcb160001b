"""Repository over referrals (the outbox) and their delivery attempts: loads and saves domain
`Referral` objects."""
from __future__ import annotations

from dataclasses import fields
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.referral import Referral
from bot.store import leases
from bot.store.mapping import IdentityMap
from bot.store.models import DeliveryAttemptRow, ReferralRow

FIELDS = tuple(f.name for f in fields(Referral))


class ReferralRepository:
    def __init__(self, session: Session):
        self.session = session
        self.rows = IdentityMap(session)

    def _referral(self, row: ReferralRow | None) -> Referral | None:
        if row is None:
            return None
        self.rows.remember(row)
        return Referral(**{name: getattr(row, name) for name in FIELDS})

    def add(self, referral: Referral) -> Referral:
        row = self.rows.insert(ReferralRow(**{name: value for name in FIELDS if (value := getattr(referral, name)) is not None}))
        referral.id, referral.created_at = row.id, row.created_at
        return referral

    def save(self, referral: Referral) -> None:
        self.rows.write(ReferralRow, referral, FIELDS)

    def of_case(self, case_id: int) -> list[Referral]:
        rows = self.session.execute(select(ReferralRow).where(ReferralRow.case_id == case_id).order_by(ReferralRow.id)).scalars()
        return [self._referral(r) for r in rows]

    def get(self, referral_id: int) -> Referral | None:
        return self._referral(self.session.get(ReferralRow, referral_id))

    def by_key(self, key: str) -> Referral | None:
        return self._referral(self.session.execute(select(ReferralRow).where(ReferralRow.key == key)).scalar_one_or_none())

    def claim_due(self, now: datetime, limit: int, lease: timedelta) -> list[Referral]:
        """Pending referrals whose time has come, leased to this worker (bot.store.leases): their next
        attempt moves past the lease, so a worker that dies mid-delivery leaves them to be retried, not
        lost, and a second worker never takes the same referral at the same time."""
        return [self._referral(r) for r in leases.claim(self.session, ReferralRow, (), limit, now, lease)]

    def add_attempt(self, **values: Any) -> None:
        self.session.add(DeliveryAttemptRow(**values))
