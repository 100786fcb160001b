"""Unit of work: one transaction around a use case, with the repositories that load and save domain
objects in it; commit explicitly, roll back on any error. The services' unit tests use the fake in
tests/fakes.py, which has the same shape."""
from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.orm import sessionmaker

from bot.store.call_repository import CallRepository
from bot.store.crypto import FieldCipher
from bot.store.desk_repository import DeskRepository
from bot.store.document_repository import DocumentRepository
from bot.store.notice_repository import NoticeRepository
from bot.store.roster_repository import RosterRepository
from bot.store.referral_repository import ReferralRepository
from bot.store.repository import CaseRepository, Conflict
from bot.store.rate_limits import RateLimits
from bot.store.staff_repository import StaffRepository


class UnitOfWork:
    def __init__(self, factory: sessionmaker, cipher: FieldCipher):
        self._factory, self._cipher = factory, cipher

    def __enter__(self) -> "UnitOfWork":
        self.session = self._factory()
        self.cases = CaseRepository(self.session, self._cipher)
        self.desk = DeskRepository(self.session, self._cipher)
        self.staff = StaffRepository(self.session)
        self.referrals = ReferralRepository(self.session)
        self.limits = RateLimits(self.session, self._cipher)
        self.calls = CallRepository(self.session)
        self.notices = NoticeRepository(self.session, self._cipher)
        self.rosters = RosterRepository(self.session, self._cipher)
        self.documents = DocumentRepository(self.session)
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        try:
            self.session.commit()
        except IntegrityError as exc:
            raise Conflict(str(exc.orig)) from exc
        except StaleDataError as exc:   # another transaction changed the case since it was read
            raise Conflict("stale") from exc

    def ping(self) -> None:
        """Raises if the database cannot be reached (the readiness check)."""
        self.session.execute(text("SELECT 1"))

    def rollback(self) -> None:
        self.session.rollback()
