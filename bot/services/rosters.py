"""Rosters (名册) and information comparison (信息比对): a county imports the 低保, 特困, 建档立卡/脱贫
or 防返贫监测 roster its systems export (CSV or XLSX), every row validated with a per-row report, stored
encrypted with keyed hashes; a case's claimed group is then checked against it, and the 江西
skip-check reads the household's 脱贫 status from it (JX-2.2-skipcheck).

The monthly comparison lists, per township, the households a township should look at: those on
the 脱贫 or 监测 roster with a new case, those with repeated cases in a year, and roster households
whose case was rejected; each row is closed with a note.

Commands: python -m bot.services.rosters import COUNTY GROUP FILE [ROSTER_DATE]
          python -m bot.services.rosters compare COUNTY YEAR MONTH   (the list, one row a line)
"""
from __future__ import annotations

import csv
import io
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Iterator

from bot.domain.casework import Refusal, Role, Staff
from bot.domain.case import normalise_case_number
from bot.domain.model import CaseStatus, PriorityGroup
from bot.domain.roster import RosterEntry, RowError, Verification
from bot.services.access import visible_case
from bot.services.bootstrap import Deps, bootstrap
from bot.services.errors import Forbidden
from bot.store.unit_of_work import UnitOfWork
from bot.understanding.contact import valid_id_number

GROUPS = (PriorityGroup.DIBAO.value, PriorityGroup.TEKUN.value, PriorityGroup.JIANDANG.value, PriorityGroup.JIANCE.value)
HEADERS = {"id_number": ("身份证号", "身份证号码", "公民身份号码", "证件号码"), "name": ("姓名", "户主姓名", "成员姓名"),
           "township": ("乡镇", "乡镇（街道）", "乡镇(街道)", "所属乡镇", "街道"), "lifted": ("脱贫状态", "是否脱贫", "脱贫属性")}
LIFTED = {"已脱贫": True, "脱贫": True, "是": True, "未脱贫": False, "否": False, "脱贫不稳定": True, "边缘易致贫": False}
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class ImportReport:
    rows: int
    rejected: int
    errors: list[RowError]

    def as_dict(self) -> dict[str, Any]:
        return {"rows": self.rows, "rejected": self.rejected,
                "errors": [{"line": e.line, "message": e.message} for e in self.errors[:1000]]}


def _table(filename: str, content: bytes) -> Iterator[list[str]]:
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        for row in sheet.iter_rows(values_only=True):
            yield ["" if v is None else str(v).strip() for v in row]
        return
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("gb18030")     # the 民政 systems often export GBK
    yield from ([c.strip() for c in row] for row in csv.reader(io.StringIO(text)))


def _columns(header: list[str]) -> dict[str, int] | None:
    found = {key: next((i for i, h in enumerate(header) if h in names), None) for key, names in HEADERS.items()}
    return {k: v for k, v in found.items() if v is not None} if found["id_number"] is not None else None


def parse(filename: str, content: bytes, county_code: str, group: str) -> tuple[list[RosterEntry], list[RowError]]:
    """The valid rows and a message per rejected row (line numbers as a spreadsheet shows them)."""
    entries, errors, seen, columns = [], [], {}, None
    for line, row in enumerate(_table(filename, content), 1):
        if columns is None:   # title rows come first in many exports: the header is the row naming the ID column
            columns = _columns(row)
            continue
        cell = lambda key: row[columns[key]] if key in columns and columns[key] < len(row) else ""  # noqa: E731
        raw = cell("id_number").replace(" ", "")
        if not raw and not any(row):
            continue
        try:
            number = valid_id_number(raw)
        except Exception:
            errors.append(RowError(line, f"第{line}行：身份证号“{raw[:6]}…”缺失或校验不通过" if raw else f"第{line}行：缺少身份证号"))
            continue
        if number in seen:
            errors.append(RowError(line, f"第{line}行：与第{seen[number]}行身份证号重复"))
            continue
        seen[number] = line
        entries.append(RosterEntry(group, number, cell("name"), county_code, cell("township") or None,
                                   LIFTED.get(cell("lifted")) if "lifted" in columns else None))
    if columns is None:
        errors.append(RowError(1, "没有找到“身份证号”列，请使用民政或乡村振兴系统导出的原始表格"))
    return entries, errors


def import_roster(deps: Deps, staff: Staff, group: str, filename: str, content: bytes, roster_date: date | None = None,
                  county_code: str | None = None) -> ImportReport:
    """A county imports its roster of `group` (it replaces the county's earlier one)."""
    if staff.role not in (Role.COUNTY, Role.ADMIN):
        raise Forbidden("只有县级民政部门可以导入名册")
    county_code = county_code or staff.county_code
    if staff.role == Role.COUNTY and county_code != staff.county_code:
        raise Forbidden("只能导入本县的名册")
    if group not in GROUPS:
        raise Refusal("bad_group", "名册类型只能是低保、特困、建档立卡或防返贫监测")
    if len(content) > MAX_BYTES:
        raise Refusal("too_long_file", "文件太大（最多50MB）")
    entries, errors = parse(filename, content, county_code, group)
    with deps.uow() as uow:
        uow.rosters.replace(county_code, group, roster_date or deps.today(), entries, len(errors), staff.username)
        uow.staff.audit(staff.username, "roster_imported", {"county": county_code, "group": group, "rows": len(entries),
                                                             "rejected": len(errors)})
        uow.commit()
    return ImportReport(len(entries), len(errors), errors)


def claimed(uow: UnitOfWork, group: str | None, id_number: str | None, county_code: str | None = None) -> Verification | None:
    """The claimed priority group against the roster (None when no group is claimed)."""
    if group not in GROUPS:
        return None
    return uow.rosters.verify(group, id_number, county_code)


WARNINGS = {"roster_new_case": "已脱贫或监测户新申请临时救助（返贫风险）", "repeated": "一年内多次申请",
            "roster_rejected": "名册内家庭的申请未获批准"}


def _month(year: int, month: int) -> tuple[datetime, datetime]:
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise Refusal("bad_month", "年份或月份不正确")
    return datetime(year, month, 1), datetime(year + (month == 12), month % 12 + 1, 1)


def compare(deps: Deps, staff: Staff, year: int, month: int, county_code: str | None = None) -> list[dict[str, Any]]:
    """The monthly comparison (信息比对) for a county: per township, the early-warning rows a
    township works through, each with whether it was closed and its note (XC 三（二）, JX 四（一））."""
    if staff.role not in (Role.COUNTY, Role.TOWNSHIP, Role.ADMIN):
        raise Forbidden("只有乡镇（街道）和县级民政部门可以查看比对结果")
    county_code = county_code or staff.county_code
    if not county_code or (staff.role != Role.ADMIN and county_code != staff.county_code):
        raise Forbidden("只能查看本县的比对结果")
    start, end = _month(year, month)
    township = staff.township if staff.role == Role.TOWNSHIP else None
    with deps.uow() as uow:
        lists = uow.rosters
        found = [("roster_new_case", r, PriorityGroup(r[3]).label) for r in lists.new_cases_of_roster_households(county_code, start, end, township)]
        found += [("repeated", r, f"一年内共{r[3]}次") for r in lists.repeated_households(county_code, start, end, end - timedelta(days=365), township)]
        found += [("roster_rejected", r, PriorityGroup(r[3]).label) for r in lists.rejected_roster_households(county_code, start, end, township)]
        closed = lists.closed_warnings(county_code, start, end, township)
        names = uow.staff.names(note[1] for note in closed.values())
    rows = []
    for kind, (number, township_of, status, _, created_at), detail in found:
        note = closed.get((kind, number))
        rows.append({"township": township_of or "（未分到乡镇）", "kind": kind, "kind_label": WARNINGS[kind], "case_number": number,
                     "status_label": CaseStatus(status).label, "detail": detail, "created_at": deps.local(created_at),
                     "closed": note is not None, "note": note[0] if note else None,
                     "closed_by": names.get(note[1], "工作人员") if note else None, "closed_at": deps.local(note[2]) if note else None})
    return sorted(rows, key=lambda r: (r["township"], r["kind"], r["case_number"]))


def close_warning(deps: Deps, staff: Staff, kind: str, case_number: str, note: str) -> None:
    """A township (or the county) closes an early-warning row with what it did."""
    if staff.role not in (Role.COUNTY, Role.TOWNSHIP):
        raise Forbidden("只有乡镇（街道）和县级民政部门可以处理预警")
    if kind not in WARNINGS:
        raise Refusal("bad_kind", "没有这种预警")
    if not note.strip():
        raise Refusal("missing_note", "请写明处理情况")
    with deps.uow() as uow:
        visible_case(uow, staff, case_number)
        uow.rosters.close_warning(kind, normalise_case_number(case_number), note.strip()[:2000], staff.username)
        uow.commit()


def _print_comparison(county: str, year: int, month: int) -> int:
    rows = compare(bootstrap(), Staff("command", "命令行比对", Role.ADMIN), year, month, county)
    print(f"{year}年{month}月信息比对：{len(rows)} 条预警，未处理 {sum(not r['closed'] for r in rows)} 条")
    for r in rows:
        print("\t".join([r["township"], r["kind_label"], r["case_number"], r["status_label"], r["detail"],
                         "已处理：" + r["note"] if r["closed"] else "未处理"]))
    return 0


def main(argv: list[str]) -> int:
    if len(argv) == 4 and argv[0] == "compare" and argv[2].isdigit() and argv[3].isdigit():
        return _print_comparison(argv[1], int(argv[2]), int(argv[3]))
    if len(argv) < 4 or argv[0] != "import":
        print(__doc__, file=sys.stderr)
        return 2
    county, group, path = argv[1], argv[2], argv[3]
    when = date.fromisoformat(argv[4]) if len(argv) > 4 else None
    with open(path, "rb") as handle:
        report = import_roster(bootstrap(), Staff("command", "命令行导入", Role.ADMIN), group, path, handle.read(), when, county)
    print(f"导入 {report.rows} 行，拒绝 {report.rejected} 行")
    for error in report.errors[:50]:
        print(error.message)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
