"""The tables (SQLAlchemy models), read and written only by the repositories of bot/store:
households, cases (with their facts and provenance), the append-only case events, payments,
reserve funds, staff accounts and sessions, the audit log, referrals (the outbox) and their
delivery attempts, rate-limit counters and hotline calls (the tables of reaching residents are in
outreach_models.py)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import declarative_base, relationship

from bot.store.crypto import EncryptedJSON, EncryptedText

Base = declarative_base()


MONEY = Numeric(14, 2)    # yuan to the fen, exact (Decimal in Python)


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
                      Index("ix_cases_incident", "cause", "event_place", "event_date"),
                      # the desk's inbox indexes (expression indexes) are created by migration 0004
                      Index("ix_cases_scope_status", "county_code", "township", "status"),
                      Index("ix_cases_due", "county_code", "status", "hardship_type", "due_date"))

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
    # Routing and casework (desk): the office that handles the case, its deadlines and money.
    county_code = Column(String(12))
    township = Column(String(64))
    urgency = Column(Integer, nullable=False, default=1)   # 0 emergency, 1 other: the inbox sorts on it
    created_by = Column(String(64))
    accepted_at = Column(Date)
    due_date = Column(Date)                                 # decision due (10 working days) or paperwork due
    paperwork_due = Column(Date)
    paperwork_done = Column(Boolean, nullable=False, default=False)
    first_aid = Column(Boolean, nullable=False, default=False)
    approved_amount = Column(MONEY)
    paid_total = Column(MONEY, nullable=False, default=0)
    duplicate_of = Column(Integer, ForeignKey("cases.id"))
    info_request = Column(EncryptedText)                   # the question the resident is asked to answer
    referral_consent = Column(Boolean)                      # None: not asked; the resident's answer otherwise
    transcript = Column(EncryptedJSON, nullable=False, default=list)
    created_at = Column(DateTime, nullable=False, default=utcnow, index=True)
    updated_at = Column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)
    assignee = Column(String(64), index=True)               # the caseworker who has it (我的 / 未分配)
    version = Column(Integer, nullable=False, server_default="1")   # every UPDATE checks and raises it

    household = relationship(HouseholdRow)
    __mapper_args__ = {"version_id_col": version}
    events = relationship("CaseEventRow", order_by="CaseEventRow.id", back_populates="case")


class CaseEventRow(Base):
    """Append-only: rows are inserted, never updated or deleted (the repository has no such path)."""

    __tablename__ = "case_events"

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id"), nullable=False, index=True)
    at = Column(DateTime, nullable=False, default=utcnow)
    actor = Column(String(64), nullable=False)
    kind = Column(String(32), nullable=False)
    data = Column(EncryptedJSON, nullable=False, default=dict)   # questions, notes, reasons, partner answers (0013)

    case = relationship(CaseRow, back_populates="events")


class PaymentRow(Base):
    """One payment (发放) of an approved case: the monthly payment table is built from these."""

    __tablename__ = "payments"
    __table_args__ = (Index("ix_payments_office_month", "county_code", "township", "paid_on"),)

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id"), nullable=False, index=True)
    county_code = Column(String(12))
    township = Column(String(64))
    amount = Column(MONEY, nullable=False)
    form = Column(String(16), nullable=False)
    goods = Column(String(500))
    paid_on = Column(Date, nullable=False)
    recorded_by = Column(String(64), nullable=False)


class ReserveFundRow(Base):
    """A township's reserve fund (备用金) for one year: budget and last year's use (JX-2.3, XC-3.3)."""

    __tablename__ = "reserve_funds"
    __table_args__ = (UniqueConstraint("county_code", "township", "year", name="uq_reserve_office_year"),)

    id = Column(Integer, primary_key=True)
    county_code = Column(String(12), nullable=False)
    township = Column(String(64), nullable=False)
    year = Column(Integer, nullable=False)
    budget = Column(MONEY, nullable=False)
    last_year_use = Column(MONEY, nullable=False)
    set_by = Column(String(64), nullable=False)


class StaffRow(Base):
    """A desk account (工作人员账号) with its argon2 password hash, role and office."""

    __tablename__ = "staff"

    id = Column(Integer, primary_key=True)
    username = Column(String(64), nullable=False, unique=True)
    name = Column(String(64), nullable=False)
    role = Column(String(16), nullable=False)
    county_code = Column(String(12))
    township = Column(String(64))
    password_hash = Column(String(255), nullable=False)
    failed_logins = Column(Integer, nullable=False, default=0)
    locked_until = Column(DateTime)
    active = Column(Boolean, nullable=False, default=True)


class StaffSessionRow(Base):
    """A login session or API token; only the hash of the secret is stored."""

    __tablename__ = "staff_sessions"

    id = Column(Integer, primary_key=True)
    token_hash = Column(String(64), nullable=False, unique=True)
    staff_id = Column(Integer, ForeignKey("staff.id"), nullable=False, index=True)
    kind = Column(String(8), nullable=False)           # "cookie" or "token"
    csrf_token = Column(String(64))
    created_at = Column(DateTime, nullable=False, default=utcnow)
    last_seen = Column(DateTime, nullable=False, default=utcnow)
    revoked = Column(Boolean, nullable=False, default=False)

    staff = relationship(StaffRow)


class AuditRow(Base):
    """Append-only audit log of what is not a case action: logins, exports, account changes."""

    __tablename__ = "audit_log"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime, nullable=False, default=utcnow, index=True)
    actor = Column(String(64), nullable=False)
    action = Column(String(32), nullable=False)
    data = Column(JSON, nullable=False, default=dict)


class ReferralRow(Base):
    """One referral (转介) and, while pending, its outbox entry: written in the same transaction as
    the consent or desk action that caused it; the worker delivers it."""

    __tablename__ = "referrals"
    __table_args__ = (Index("ix_referrals_due", "status", "next_attempt_at"),
                      UniqueConstraint("case_id", "partner_id", name="uq_referrals_case_partner"))

    id = Column(Integer, primary_key=True)
    key = Column(String(64), nullable=False, unique=True)      # idempotency key, also the partner's reference
    case_id = Column(Integer, ForeignKey("cases.id"), nullable=False, index=True)
    partner_id = Column(String(64), nullable=False)
    method = Column(String(8), nullable=False)
    status = Column(String(16), nullable=False)
    payload = Column(EncryptedJSON, nullable=False)             # only the fields the partner needs
    reasons = Column(JSON, nullable=False, default=list)
    attempts = Column(Integer, nullable=False, default=0)
    next_attempt_at = Column(DateTime)
    last_error = Column(String(500))
    answer = Column(JSON)                                       # the partner's latest answer
    created_by = Column(String(64), nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    delivered_at = Column(DateTime)
    answered_at = Column(DateTime)

    case = relationship(CaseRow)


class DeliveryAttemptRow(Base):
    """Every delivery attempt, for the record and the benchmark."""

    __tablename__ = "delivery_attempts"

    id = Column(Integer, primary_key=True)
    referral_id = Column(Integer, ForeignKey("referrals.id"), nullable=False, index=True)
    at = Column(DateTime, nullable=False, default=utcnow)
    status_code = Column(Integer)
    error = Column(String(500))
    duration_ms = Column(Float)


class RateLimitRow(Base):
    """A fixed-window counter; the key is a keyed hash (no sender id or case number in clear)."""

    __tablename__ = "rate_limits"

    key = Column(String(64), primary_key=True)
    window_start = Column(DateTime, nullable=False)
    count = Column(Integer, nullable=False)


class CallRow(Base):
    """A hotline call on the operator console: the facts understood so far (with provenance) and
    what was said, until the operator creates the case."""

    __tablename__ = "calls"

    id = Column(Integer, primary_key=True)
    operator = Column(String(64), nullable=False, index=True)
    status = Column(String(16), nullable=False, default="open")
    facts = Column(EncryptedJSON, nullable=False, default=dict)        # {"values": …, "provenance": …}
    transcript = Column(EncryptedJSON, nullable=False, default=list)
    case_number = Column(String(32))
    created_at = Column(DateTime, nullable=False, default=utcnow)
    updated_at = Column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)
