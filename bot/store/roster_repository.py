"""Repository over imported rosters (名册): replace a county's roster of a group in one statement
batch, look a household up by the keyed hash of its ID number, and the monthly comparison's three
lists (roster households with a new case, households with repeated cases, roster households
rejected) with the notes that close them."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, aliased

from bot.domain.roster import RosterCheck, RosterEntry, Verification
from bot.store.crypto import FieldCipher
from bot.store.models import CaseRow, HouseholdRow
from bot.store.outreach_models import RosterEntryRow, RosterImportRow, WarningNoteRow


class RosterRepository:
    def __init__(self, session: Session, cipher: FieldCipher):
        self.session, self.cipher = session, cipher

    def replace(self, county_code: str, group: str, roster_date: date, entries: list[RosterEntry], rejected: int,
                imported_by: str) -> int:
        """The new snapshot of the county's roster of `group`; returns the import's id."""
        old = select(RosterImportRow.id).where(RosterImportRow.county_code == county_code, RosterImportRow.group == group)
        self.session.execute(delete(RosterEntryRow).where(RosterEntryRow.import_id.in_(old)).execution_options(synchronize_session=False))
        record = RosterImportRow(county_code=county_code, group=group, roster_date=roster_date, rows=len(entries),
                                 rejected=rejected, imported_by=imported_by)
        self.session.add(record)
        self.session.flush()
        if entries:
            self.session.execute(insert(RosterEntryRow), [
                {"import_id": record.id, "county_code": county_code, "group": group, "id_hash": self.cipher.digest(e.id_number),
                 "id_number": e.id_number, "name": e.name, "township": e.township, "lifted": e.lifted} for e in entries])
        return record.id

    def verify(self, group: str, id_number: str | None, county_code: str | None = None) -> Verification:
        """Whether the household is on the current roster of `group` (of the county, or of any county
        when the case's county is not known yet); the date is the roster's."""
        imports = select(RosterImportRow.id, RosterImportRow.roster_date).where(RosterImportRow.group == group)
        if county_code:
            imports = imports.where(RosterImportRow.county_code == county_code)
        latest = self.session.execute(imports.order_by(RosterImportRow.id.desc()).limit(1)).first()
        if latest is None:
            return Verification(group, RosterCheck.NO_ROSTER)
        if not id_number:
            return Verification(group, RosterCheck.NO_ID, latest.roster_date)
        found = self.session.execute(
            select(RosterEntryRow.lifted, RosterImportRow.roster_date).join(RosterImportRow)
            .where(RosterEntryRow.id_hash == self.cipher.digest(id_number), RosterEntryRow.group == group,
                   *( [RosterEntryRow.county_code == county_code] if county_code else []))
            .order_by(RosterImportRow.id.desc()).limit(1)).first()
        if found is None:
            return Verification(group, RosterCheck.NOT_FOUND, latest.roster_date)
        return Verification(group, RosterCheck.VERIFIED, found.roster_date, found.lifted)

    # -- the monthly comparison (信息比对) --------------------------------------------------------
    # Each list is one set-based query over the month's cases of the county (or one township of it),
    # through the indexes on cases.created_at, households' keyed hashes and roster_entries.id_hash.
    @staticmethod
    def _month(county_code: str, start: datetime, end: datetime, township: str | None) -> list:
        return [CaseRow.county_code == county_code, CaseRow.created_at >= start, CaseRow.created_at < end,
                *([CaseRow.township == township] if township else [])]

    def new_cases_of_roster_households(self, county_code: str, start: datetime, end: datetime,
                                       township: str | None = None) -> list[tuple]:
        """Cases opened in [start, end) by households on the county's 脱贫 or 监测 roster (返贫 risk):
        (case_number, township, status, group, created_at)."""
        on_roster = (RosterEntryRow.county_code == county_code) & (
            ((RosterEntryRow.group == "jiandang") & RosterEntryRow.lifted.is_(True)) | (RosterEntryRow.group == "jiance"))
        return list(self.session.execute(
            select(CaseRow.case_number, CaseRow.township, CaseRow.status, RosterEntryRow.group, CaseRow.created_at)
            .join(HouseholdRow, CaseRow.household_id == HouseholdRow.id)
            .join(RosterEntryRow, RosterEntryRow.id_hash == HouseholdRow.id_hash)
            .where(*self._month(county_code, start, end, township), on_roster)
            .order_by(CaseRow.township, CaseRow.created_at)).all())

    def rejected_roster_households(self, county_code: str, start: datetime, end: datetime,
                                   township: str | None = None) -> list[tuple]:
        """Cases of households on any of the county's rosters that were rejected, opened in [start, end)."""
        return list(self.session.execute(
            select(CaseRow.case_number, CaseRow.township, CaseRow.status, RosterEntryRow.group, CaseRow.created_at)
            .join(HouseholdRow, CaseRow.household_id == HouseholdRow.id)
            .join(RosterEntryRow, RosterEntryRow.id_hash == HouseholdRow.id_hash)
            .where(*self._month(county_code, start, end, township), RosterEntryRow.county_code == county_code,
                   CaseRow.status == "rejected")
            .order_by(CaseRow.township, CaseRow.created_at)).all())

    def repeated_households(self, county_code: str, start: datetime, end: datetime, since: datetime,
                            township: str | None = None) -> list[tuple]:
        """Cases opened in [start, end) by households with another case since `since` (same ID hash,
        or the same phone hash for households without an ID number): (case_number, township,
        status, count, created_at). The count is a correlated sub-query through the hash and
        household indexes, per case of the month: a join against a grouped sub-query over the
        whole year took over six minutes at 1 000 000 cases (bench/roster_bench.py)."""
        found = []
        for by_id in (True, False):
            other, theirs = aliased(HouseholdRow), aliased(CaseRow)
            same = (other.id_hash == HouseholdRow.id_hash) if by_id else (
                other.id_hash.is_(None) & (other.phone_hash == HouseholdRow.phone_hash))
            count = (select(func.count(theirs.id)).select_from(other).join(theirs, theirs.household_id == other.id)
                     .where(same, theirs.county_code == county_code, theirs.created_at >= since, theirs.created_at < end,
                            theirs.duplicate_of.is_(None))
                     .scalar_subquery())
            mine = HouseholdRow.id_hash.is_not(None) if by_id else (HouseholdRow.id_hash.is_(None) & HouseholdRow.phone_hash.is_not(None))
            month = (select(CaseRow.case_number, CaseRow.township, CaseRow.status, count.label("n"), CaseRow.created_at)
                     .join(HouseholdRow, CaseRow.household_id == HouseholdRow.id)
                     .where(*self._month(county_code, start, end, township), mine)
                     .subquery())
            found += self.session.execute(select(month).where(month.c.n >= 2)).all()
        return sorted(found, key=lambda r: (r.township or "", r.created_at))

    def closed_warnings(self, county_code: str, start: datetime, end: datetime,
                        township: str | None = None) -> dict[tuple[str, str], tuple]:
        """The notes closing rows of this month's comparison: {(kind, case_number): (note, by, at)}."""
        rows = self.session.execute(
            select(WarningNoteRow).join(CaseRow, CaseRow.case_number == WarningNoteRow.case_number)
            .where(*self._month(county_code, start, end, township))).scalars()
        return {(r.kind, r.case_number): (r.note, r.closed_by, r.closed_at) for r in rows}

    def close_warning(self, kind: str, case_number: str, note: str, by: str) -> None:
        self.session.add(WarningNoteRow(kind=kind, case_number=case_number, note=note, closed_by=by))
