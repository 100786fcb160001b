"""Tables: households (the applicant's household), cases, the append-only case event log, and the
facts of each case with their provenance."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Column, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import declarative_base, relationship

from bot.store.crypto import EncryptedJSON, EncryptedText

Base = declarative_base()


def utcnow() -> datetime:
    return datetime.utcnow()


class HouseholdRow(Base):
    __tablename__ = "households"

    id = Column(Integer, primary_key=True)
    applicant_name = Column(EncryptedText)
    phone = Column(EncryptedText)
    phone_hash = Column(String(64), index=True)        # keyed hash, for look-ups without decrypting
    id_number = Column(EncryptedText)
    id_hash = Column(String(64), index=True)
    hukou_place = Column(String(200))
    household_size = Column(Integer)
    priority_group = Column(String(16))
    created_at = Column(DateTime, nullable=False, default=utcnow)


class CaseRow(Base):
    __tablename__ = "cases"
    __table_args__ = (UniqueConstraint("intake_key", name="uq_cases_intake_key"),
                      Index("ix_cases_incident", "cause", "event_place", "event_date"))

    id = Column(Integer, primary_key=True)
    case_number = Column(String(32), unique=True, index=True)
    intake_key = Column(String(128), nullable=False)
    household_id = Column(Integer, ForeignKey("households.id"), nullable=False, index=True)
    channel = Column(String(32), nullable=False)
    sender_id = Column(String(128), nullable=False, index=True)
    status = Column(String(16), nullable=False, index=True)
    needs_human = Column(Boolean, nullable=False, default=False)
    hardship_type = Column(String(16), nullable=False)
    cause = Column(String(32))
    event_place = Column(String(200))
    event_date = Column(String(10))
    description = Column(EncryptedText)
    facts = Column(EncryptedJSON, nullable=False, default=dict)
    classification = Column(JSON, nullable=False, default=dict)
    assessment = Column(JSON)
    region_code = Column(String(12))
    related_cases = Column(JSON)          # duplicate / same-incident warnings for the caseworker
    transcript = Column(EncryptedJSON, nullable=False, default=list)
    created_at = Column(DateTime, nullable=False, default=utcnow, index=True)
    updated_at = Column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    household = relationship(HouseholdRow)
    events = relationship("CaseEventRow", order_by="CaseEventRow.id", back_populates="case")


class CaseEventRow(Base):
    """Append-only: rows are inserted, never updated or deleted (the repository has no such path)."""

    __tablename__ = "case_events"

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id"), nullable=False, index=True)
    at = Column(DateTime, nullable=False, default=utcnow)
    actor = Column(String(64), nullable=False)
    kind = Column(String(32), nullable=False)
    data = Column(JSON, nullable=False, default=dict)

    case = relationship(CaseRow, back_populates="events")
