"""The tables of reaching residents (issue #19): messages to residents about their case (the notices
outbox), imported rosters with their import records, and the notes that close early-warning rows.
Read and written only by bot/store's notice and roster repositories."""
from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint

from bot.store.crypto import EncryptedText
from bot.store.models import Base, utcnow


class NoticeRow(Base):
    """A message to the resident (the outbox of 结果告知): written in the same transaction as the change;
    or a late WeChat answer the customer-service API did not take (no case: case_id NULL)."""

    __tablename__ = "notices"
    __table_args__ = (Index("ix_notices_due", "status", "next_attempt_at"),
                      Index("ix_notices_recipient", "recipient_hash", "status"))

    id = Column(Integer, primary_key=True)
    key = Column(String(64), nullable=False, unique=True)
    case_id = Column(Integer, ForeignKey("cases.id"), index=True)
    channel = Column(String(32), nullable=False)
    recipient = Column(EncryptedText, nullable=False)                 # WeChat openid or web chat sender
    recipient_hash = Column(String(64))                              # keyed hash: one resident's messages in order
    kind = Column(String(32), nullable=False)
    text = Column(EncryptedText, nullable=False)
    status = Column(String(16), nullable=False)
    method = Column(String(16))
    attempts = Column(Integer, nullable=False, default=0)
    next_attempt_at = Column(DateTime)
    last_error = Column(String(300))
    created_at = Column(DateTime, nullable=False, default=utcnow)
    sent_at = Column(DateTime)


class RosterImportRow(Base):
    """One roster file a county imported (a snapshot: it replaces that county's earlier one of the group)."""

    __tablename__ = "roster_imports"

    id = Column(Integer, primary_key=True)
    county_code = Column(String(12), nullable=False)
    group = Column(String(16), nullable=False)
    roster_date = Column(Date, nullable=False)
    rows = Column(Integer, nullable=False)
    rejected = Column(Integer, nullable=False)
    imported_by = Column(String(64), nullable=False)
    imported_at = Column(DateTime, nullable=False, default=utcnow)


class RosterEntryRow(Base):
    """A household on a roster: ID number and name encrypted, found by the keyed hash of the ID number."""

    __tablename__ = "roster_entries"
    __table_args__ = (Index("ix_roster_lookup", "id_hash", "group", "county_code"),)

    id = Column(Integer, primary_key=True)
    import_id = Column(Integer, ForeignKey("roster_imports.id"), nullable=False, index=True)
    county_code = Column(String(12), nullable=False)
    group = Column(String(16), nullable=False)
    id_hash = Column(String(64), nullable=False)
    id_number = Column(EncryptedText, nullable=False)
    name = Column(EncryptedText)
    township = Column(String(64))
    lifted = Column(Boolean)


class WarningNoteRow(Base):
    """An early-warning row a township worked through (预警处理): closed with a note."""

    __tablename__ = "warning_notes"
    __table_args__ = (UniqueConstraint("kind", "case_number", name="uq_warning_kind_case"),)

    id = Column(Integer, primary_key=True)
    kind = Column(String(32), nullable=False)
    case_number = Column(String(32), nullable=False)
    note = Column(EncryptedText, nullable=False)
    closed_by = Column(String(64), nullable=False)
    closed_at = Column(DateTime, nullable=False, default=utcnow)
