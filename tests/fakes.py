"""A fake unit of work with in-memory repositories of the same shape as bot/store's, so the
services' rules are tested in milliseconds (Architecture Patterns with Python, chapter 6).

Repositories hand out copies of the stored domain objects, as the real ones build new objects from
rows: a change reaches the store only through `save`, and only when the unit of work commits.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from itertools import count
from typing import Any

from bot.domain.account import Account, StaffSession
from bot.domain.call import Call
from bot.domain.case import Case, CaseSummary, Event, PaymentLine, normalise_case_number
from bot.domain.casework import Scope
from bot.domain.document import Document
from bot.domain.matching import CaseFacts
from bot.domain.money import Payment, ReserveFund
from bot.domain.notice import Notice
from bot.domain.referral import Referral
from bot.services.bootstrap import Deps
from bot.settings import PROJECT_ROOT, load_settings


def _key(value: str | None) -> str | None:
    return value.strip().upper() if value else None


@dataclass
class FakeStore:
    """Everything the fake repositories hold; copied on entry and restored unless committed."""

    cases: dict[int, Case] = field(default_factory=dict)
    events: dict[int, list[Event]] = field(default_factory=dict)
    payments: dict[int, list[Payment]] = field(default_factory=dict)
    funds: dict[tuple, ReserveFund] = field(default_factory=dict)
    accounts: dict[str, Account] = field(default_factory=dict)
    sessions: dict[str, StaffSession] = field(default_factory=dict)
    audit: list[tuple] = field(default_factory=list)
    referrals: dict[int, Referral] = field(default_factory=dict)
    attempts: list[dict] = field(default_factory=list)
    calls: dict[int, Call] = field(default_factory=dict)
    notices: dict[int, Notice] = field(default_factory=dict)
    rosters: dict[tuple, tuple] = field(default_factory=dict)
    documents: dict[int, tuple[Document, bytes | None]] = field(default_factory=dict)
    limits: dict[str, tuple[datetime, int]] = field(default_factory=dict)
    ids: Any = field(default_factory=lambda: count(1))
    commits: int = 0


def summary(case: Case) -> CaseSummary:
    return CaseSummary(case.id, case.case_number, case.status, case.hardship_type, case.cause, case.county_code, case.township,
                       case.created_at, case.due_date, case.paperwork_due, case.paperwork_done, case.needs_human,
                       len(case.related_cases or []), case.duplicate_of, case.created_by, case.household.applicant_name,
                       case.household.household_size, case.assignee, case.urgency)


class FakeCases:
    def __init__(self, store: FakeStore):
        self.store = store

    def _out(self, case: Case | None) -> Case | None:
        return copy.deepcopy(case) if case else None

    def by_number(self, number: str) -> Case | None:
        return self._out(next((c for c in self.store.cases.values() if c.case_number == number), None))

    def by_id(self, case_id: int) -> Case | None:
        return self._out(self.store.cases.get(case_id))

    def by_intake_key(self, key: str) -> Case | None:
        return self._out(next((c for c in self.store.cases.values() if c.intake_key == key), None))

    def number_of(self, case_id: int | None) -> str | None:
        return self.store.cases[case_id].case_number if case_id in self.store.cases else None

    def add(self, case: Case) -> Case:
        case.id, case.created_at = next(self.store.ids), datetime.utcnow()
        self.save(case)
        return case

    def save(self, case: Case) -> None:
        self.store.events.setdefault(case.id, []).extend(replace(e, at=datetime.utcnow()) for e in case.new_events)
        self.store.payments.setdefault(case.id, []).extend(case.new_payments)
        case.new_events.clear()
        case.new_payments.clear()
        self.store.cases[case.id] = copy.deepcopy(case)

    def add_event(self, case_id: int, event: Event) -> None:
        self.store.events.setdefault(case_id, []).append(replace(event, at=datetime.utcnow()))

    def events_of(self, case: Case) -> list[Event]:
        return list(self.store.events.get(case.id, []))

    def payments_of(self, case_id: int) -> list[Payment]:
        return list(self.store.payments.get(case_id, []))

    def statuses_of_sender(self, sender_id: str) -> list[str]:
        return [c.status for c in self.store.cases.values() if c.sender_id == sender_id]

    def phone_matches(self, case: Case, phone: str) -> bool:
        return bool(phone) and _key(case.household.phone) == _key(phone)

    def _household_of(self, phone: str | None, id_number: str | None) -> list[Case]:
        return [c for c in self.store.cases.values()
                if (phone and _key(c.household.phone) == _key(phone)) or (id_number and _key(c.household.id_number) == _key(id_number))]

    def earlier_cases(self, phone: str | None, id_number: str | None) -> list[CaseSummary]:
        return [summary(c) for c in sorted(self._household_of(phone, id_number), key=lambda c: c.created_at)]

    def facts_for_matching(self, case: Case) -> CaseFacts:
        from bot.domain.case import event_day

        h = case.household
        return CaseFacts(case.case_number, _key(h.id_number), _key(h.phone), h.applicant_name, case.cause, case.event_place,
                         event_day(case.event_date))

    def related_candidates(self, case: Case, event_dates: list[str]) -> list[CaseFacts]:
        same = {c.id for c in self._household_of(case.household.phone, case.household.id_number)}
        same |= {c.id for c in self.store.cases.values() if case.cause and c.cause == case.cause
                 and c.event_place == case.event_place and c.event_date in event_dates}
        return [self.facts_for_matching(self.store.cases[i]) for i in sorted(same - {case.id})]


class FakeDesk:
    def __init__(self, store: FakeStore):
        self.store = store

    def inbox(self, scope: Scope, filters, limit: int, offset: int) -> tuple[list[CaseSummary], int]:
        rows = [c for c in self.store.cases.values() if scope.allows(c.county_code, c.township, c.created_by)
                and (c.status == filters.status if filters.status else c.status != "closed")
                and (not filters.cause or c.cause == filters.cause)
                and (not filters.assignee or c.assignee == filters.assignee) and (not filters.unassigned or c.assignee is None)
                and (not filters.hardship_type or c.hardship_type == filters.hardship_type)
                and (not filters.search or c.case_number == filters.search.upper() or filters.search in (c.household.phone,
                                                                                                          c.household.id_number))]
        rows.sort(key=lambda c: (c.urgency, c.due_date or date(9999, 12, 31), c.id))
        return [summary(c) for c in rows[offset:offset + limit]], len(rows)

    def payments(self, scope: Scope, start: date, end: date) -> list[PaymentLine]:
        return [PaymentLine(p, summary(self.store.cases[case_id])) for case_id, payments in sorted(self.store.payments.items())
                for p in payments if scope.allows(p.county_code, p.township, self.store.cases[case_id].created_by)
                and start <= p.paid_on < end]

    def spent(self, county_code: str, township: str, start: date, end: date) -> float:
        return sum(p.amount for payments in self.store.payments.values() for p in payments
                   if (p.county_code, p.township, p.form) == (county_code, township, "cash") and start <= p.paid_on < end)

    def reserve_fund(self, county_code: str, township: str, year: int) -> ReserveFund | None:
        return self.store.funds.get((county_code, township, year))

    def set_reserve_fund(self, fund: ReserveFund) -> None:
        self.store.funds[(fund.county_code, fund.township, fund.year)] = fund


class FakeStaff:
    def __init__(self, store: FakeStore):
        self.store = store

    def by_username(self, username: str) -> Account | None:
        return copy.deepcopy(self.store.accounts.get(username))

    def add(self, account: Account) -> Account:
        if account.username in self.store.accounts:
            from bot.store.repository import Conflict

            raise Conflict("username taken")
        account.id = next(self.store.ids)
        self.save(account)
        return account

    def save(self, account: Account) -> None:
        self.store.accounts[account.username] = copy.deepcopy(account)

    def names(self, usernames) -> dict[str, str]:
        return {u: self.store.accounts[u].name for u in usernames if u in self.store.accounts}

    def open_session(self, account: Account, token: str, kind: str, csrf_token: str | None, now: datetime) -> None:
        self.store.sessions[token] = StaffSession(next(self.store.ids), copy.deepcopy(account), kind, csrf_token, now, now)

    def session_for(self, token: str) -> StaffSession | None:
        found = self.store.sessions.get(token)
        if found is None or found.revoked:
            return None
        session = copy.deepcopy(found)
        session.account = copy.deepcopy(self.store.accounts[session.account.username])
        return session

    def save_session(self, session: StaffSession) -> None:
        for token, stored in self.store.sessions.items():
            if stored.id == session.id:
                stored.last_seen, stored.revoked = session.last_seen, session.revoked

    def revoke(self, token: str) -> None:
        if token in self.store.sessions:
            self.store.sessions[token].revoked = True

    def audit(self, actor: str, action: str, data: dict | None = None) -> None:
        self.store.audit.append((actor, action, data or {}))

    def audit_log(self, limit: int = 200) -> list[tuple]:
        return list(reversed(self.store.audit))[:limit]


class FakeReferrals:
    def __init__(self, store: FakeStore):
        self.store = store

    def add(self, referral: Referral) -> Referral:
        referral.id, referral.created_at = next(self.store.ids), datetime.utcnow()
        self.save(referral)
        return referral

    def save(self, referral: Referral) -> None:
        self.store.referrals[referral.id] = copy.deepcopy(referral)

    def of_case(self, case_id: int) -> list[Referral]:
        return [copy.deepcopy(r) for r in self.store.referrals.values() if r.case_id == case_id]

    def get(self, referral_id: int) -> Referral | None:
        return copy.deepcopy(self.store.referrals.get(referral_id))

    def by_key(self, key: str) -> Referral | None:
        return copy.deepcopy(next((r for r in self.store.referrals.values() if r.key == key), None))

    def claim_due(self, now: datetime, limit: int, lease: timedelta) -> list[Referral]:
        due = [r for r in self.store.referrals.values() if r.status == "pending" and r.next_attempt_at <= now][:limit]
        for r in due:
            r.next_attempt_at = now + lease
        return [copy.deepcopy(r) for r in due]

    def add_attempt(self, **values: Any) -> None:
        self.store.attempts.append(values)


class FakeCalls:
    def __init__(self, store: FakeStore):
        self.store = store

    def get(self, call_id: int) -> Call | None:
        return copy.deepcopy(self.store.calls.get(call_id))

    def add(self, call: Call) -> Call:
        call.id, call.created_at = next(self.store.ids), datetime.utcnow()
        self.save(call)
        return call

    def save(self, call: Call) -> None:
        self.store.calls[call.id] = copy.deepcopy(call)

    def with_status(self, status: str, limit: int = 100) -> list[Call]:
        return [copy.deepcopy(c) for c in sorted(self.store.calls.values(), key=lambda c: -c.id) if c.status == status][:limit]

    def open_of(self, operator: str, limit: int = 20) -> list[Call]:
        return [copy.deepcopy(c) for c in self.store.calls.values() if c.operator == operator and c.status == "open"][:limit]


class FakeNotices:
    def __init__(self, store: FakeStore):
        self.store = store

    def add(self, notice: Notice) -> Notice:
        notice.id, notice.created_at = next(self.store.ids), datetime.utcnow()
        self.save(notice)
        return notice

    def save(self, notice: Notice) -> None:
        self.store.notices[notice.id] = copy.deepcopy(notice)

    def of_case(self, case_id: int) -> list[Notice]:
        return [copy.deepcopy(n) for n in self.store.notices.values() if n.case_id == case_id]

    def delete_answers(self, before: datetime) -> int:
        gone = [i for i, n in self.store.notices.items() if n.case_id is None and n.status != "pending" and n.created_at < before]
        for i in gone:
            del self.store.notices[i]
        return len(gone)

    def pending_for(self, recipient: str) -> list[Notice]:
        return [copy.deepcopy(n) for n in sorted(self.store.notices.values(), key=lambda n: n.id)
                if n.recipient == recipient and n.status == "pending"]

    def claim_due(self, now: datetime, limit: int, lease: timedelta, channels: tuple[str, ...]) -> list[Notice]:
        due = [n for n in self.store.notices.values() if n.status == "pending" and n.channel in channels
               and n.next_attempt_at <= now][:limit]
        for n in due:
            n.next_attempt_at = now + lease
        return [copy.deepcopy(n) for n in due]


class FakeRosters:
    """Rosters in memory: {(group, id_number): (lifted, roster_date)} per county."""

    def __init__(self, store: FakeStore):
        self.store = store

    def replace(self, county_code, group, roster_date, entries, rejected, imported_by) -> int:
        self.store.rosters[(county_code, group)] = (roster_date, {e.id_number: e.lifted for e in entries})
        return len(self.store.rosters)

    def verify(self, group, id_number, county_code=None):
        from bot.domain.roster import RosterCheck, Verification

        rosters = [(d, rows) for (county, g), (d, rows) in self.store.rosters.items() if g == group and county_code in (None, county)]
        if not rosters:
            return Verification(group, RosterCheck.NO_ROSTER)
        if not id_number:
            return Verification(group, RosterCheck.NO_ID, rosters[-1][0])
        found = [(d, rows[id_number]) for d, rows in rosters if id_number in rows]
        if not found:
            return Verification(group, RosterCheck.NOT_FOUND, rosters[-1][0])
        return Verification(group, RosterCheck.VERIFIED, found[-1][0], found[-1][1])


class FakeDocuments:
    """Documents in memory: {id: (document, content)}; a deleted one keeps no content."""

    def __init__(self, store: FakeStore):
        self.store = store

    def add(self, document: Document, content: bytes) -> Document:
        document.id, document.uploaded_at = next(self.store.ids), datetime.utcnow()
        self.store.documents[document.id] = (copy.deepcopy(document), bytes(content))
        return document

    def of_case(self, case_id: int) -> list[Document]:
        return [copy.deepcopy(d) for d, _ in self.store.documents.values() if d.case_id == case_id]

    def get(self, case_id: int, document_id: int) -> Document | None:
        found = self.store.documents.get(document_id)
        return copy.deepcopy(found[0]) if found and found[0].case_id == case_id else None

    def content(self, document_id: int) -> bytes | None:
        return self.store.documents[document_id][1] if document_id in self.store.documents else None

    def save(self, document: Document) -> None:
        _, content = self.store.documents[document.id]
        self.store.documents[document.id] = (copy.deepcopy(document), None if document.deleted else content)


class FakeLimits:
    def __init__(self, store: FakeStore):
        self.store = store

    def hit(self, name: str, now: datetime, window: timedelta) -> int:
        start, seen = self.store.limits.get(name, (now, 0))
        if now - start >= window:
            start, seen = now, 0
        self.store.limits[name] = (start, seen + 1)
        return seen + 1

    def read(self, name: str) -> tuple[datetime, int] | None:
        return self.store.limits.get(name)

    def write(self, name: str, when: datetime, count: int) -> None:
        self.store.limits[name] = (when, count)


class FakeUnitOfWork:
    def __init__(self, store: FakeStore):
        self.store = store

    def __enter__(self) -> "FakeUnitOfWork":
        self._before = copy.deepcopy({k: v for k, v in vars(self.store).items() if k != "ids"})
        self.committed = False
        self.cases, self.desk, self.staff = FakeCases(self.store), FakeDesk(self.store), FakeStaff(self.store)
        self.referrals, self.calls, self.limits = FakeReferrals(self.store), FakeCalls(self.store), FakeLimits(self.store)
        self.notices = FakeNotices(self.store)
        self.rosters = FakeRosters(self.store)
        self.documents = FakeDocuments(self.store)
        return self

    def __exit__(self, *exc: Any) -> None:
        self.rollback()   # whatever was not committed is lost, as with a database transaction

    def commit(self) -> None:
        self.committed = True
        self.store.commits += 1
        self._before = copy.deepcopy({k: v for k, v in vars(self.store).items() if k != "ids"})

    def rollback(self) -> None:
        for name, value in self._before.items():
            setattr(self.store, name, value)

    def ping(self) -> None:
        return None


def fake_deps(store: FakeStore | None = None, clock=None, **env: str) -> tuple[Deps, FakeStore]:
    """Services wired to the fake store, the project's own regions and partners, and settings from
    `env` only (no database, no key file)."""
    from bot.policy.engine import engine_for
    from bot.services.bootstrap import _catalogue, gazetteer

    store = store or FakeStore()
    settings = load_settings({"DATA_KEY": "unused-in-fakes", **env})
    config = PROJECT_ROOT / "config"
    deps = Deps(uow=lambda: FakeUnitOfWork(store), policy=engine_for(str(config)), partners=_catalogue(str(config / "partners")),
                settings=settings, places=gazetteer, **({"clock": clock} if clock else {}))
    return deps, store


__all__ = ["FakeStore", "FakeUnitOfWork", "fake_deps", "normalise_case_number"]
