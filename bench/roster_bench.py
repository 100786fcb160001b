"""Roster import and the monthly comparison at scale (issue #19: a roster of 100 000 rows imports in
≤ 60 s with a per-row report; the comparison at 1 000 000 cases runs in ≤ 60 s). SQLite in a temp
dir; writes bench/results/rosters.json.   Usage: bench/roster_bench.py [ROWS] [CASES]"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402
from stdnum.cn import ric  # noqa: E402

from bot.domain.casework import Role, Staff  # noqa: E402
from bot.services import rosters  # noqa: E402
from bot.services.bootstrap import bootstrap  # noqa: E402
from bot.store.crypto import cipher  # noqa: E402
from bot.store.models import CaseRow, HouseholdRow  # noqa: E402

COUNTY = Staff("bench", "鄢陵县民政局", Role.COUNTY, "411024")


def id_number(i: int) -> str:
    body = f"411024{date(1950, 1, 1) + timedelta(days=i // 1000 % 20000):%Y%m%d}{i % 1000:03d}"
    return body + ric.calc_check_digit(body + "X")   # stdnum reads the first 17 characters


def roster_csv(rows: int) -> bytes:
    lines = ["姓名,身份证号,所属乡镇,脱贫状态"] + [f"户主{i},{id_number(i)},马栏镇,{'已脱贫' if i % 3 else '未脱贫'}" for i in range(rows)]
    lines.append("坏行,411024199901011234,马栏镇,已脱贫")          # a wrong check digit: reported, not imported
    return ("\n".join(lines) + "\n").encode("gb18030")


def load_cases(deps, cases: int, roster_rows: int) -> float:
    now, started = datetime.utcnow(), time.perf_counter()
    with deps.uow() as uow:
        for offset in range(0, cases, 50_000):
            n = min(50_000, cases - offset)
            ids = [id_number((offset + i) * 7 % (roster_rows * 3)) for i in range(n)]   # a third of them on the roster
            uow.session.execute(insert(HouseholdRow), [
                {"id": offset + i + 1, "phone": None, "phone_hash": None, "id_number": None, "id_hash": cipher().digest(ids[i]),
                 "applicant_name": "测试", "household_size": 3, "created_at": now} for i in range(n)])
            uow.session.execute(insert(CaseRow), [
                {"id": offset + i + 1, "case_number": f"LSB{offset + i + 1:09d}", "intake_key": f"b{offset + i}",
                 "household_id": offset + i + 1, "channel": "bench", "sender_id": "bench", "status": "rejected" if i % 11 == 0 else "submitted",
                 "needs_human": False, "hardship_type": "emergency", "cause": "fire", "county_code": "411024", "township": "马栏镇",
                 "facts": {}, "classification": {}, "transcript": [], "created_at": now - timedelta(days=(offset + i) % 400),
                 "updated_at": now} for i in range(n)])
        uow.commit()
    return time.perf_counter() - started


def main(rows: int, cases: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        deps = bootstrap(f"sqlite:///{tmp}/bench.sqlite3")
        content = roster_csv(rows)
        started = time.perf_counter()
        report = rosters.import_roster(deps, COUNTY, "jiandang", "bench.csv", content)
        import_seconds = time.perf_counter() - started
        load = load_cases(deps, cases, rows)
        today = deps.today()
        started = time.perf_counter()
        found = rosters.compare(deps, COUNTY, today.year, today.month)
        compare_seconds = time.perf_counter() - started
    return {"date": date.today().isoformat(), "database": "sqlite", "roster_rows": rows, "imported": report.rows,
            "rejected": report.rejected, "import_seconds": round(import_seconds, 1), "cases": cases,
            "cases_load_seconds": round(load, 1), "comparison_seconds": round(compare_seconds, 1), "warning_rows": len(found),
            "conditions": "2-core machine shared with other work; one process"}


if __name__ == "__main__":
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    result = main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000, int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "rosters.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False))
