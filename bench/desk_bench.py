"""Desk response times with many cases in the store: the inbox (default, 我的, 未分配, overdue and
cause filters, phone and case-number search) and the case page (with its documents, the log's
display names), over real HTTP against `python -m bot.web serve`, for a township and a county
caseworker. Writes bench/results/desk.json.
Run: .venv/bin/python bench/desk_bench.py [cases] [database-url]   (default 100000, a SQLite file)
"""
from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from bench.stats import percentiles  # noqa: E402
from bot.domain.casework import Role  # noqa: E402
from bot.services import accounts  # noqa: E402
from bot.services.bootstrap import bootstrap, unit_of_work  # noqa: E402
from bot.store.crypto import cipher  # noqa: E402
from bot.store.models import CaseRow, HouseholdRow  # noqa: E402
from tests.integration.servers import DeskServer  # noqa: E402

COUNTIES = {"411024": ["马栏镇", "柏梁镇", "安陵镇", "陈化店镇"], "411081": [None], "411082": [None], "411002": [None]}
STATUSES = ["submitted", "accepted", "verified", "approved", "paid", "closed", "closed", "closed"]
CAUSES = ["fire", "medical_cost", "education_cost", "income_loss", "traffic_accident"]
ASSIGNEES = [None, None, "bench-township", "someone-else"]
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40          # a 10 KB "photo" per document


def phone(i: int) -> str:
    return f"1{i * 7919 % 10**10:010d}"


def load(url: str, cases: int) -> float:
    rng = random.Random(3)
    offices = [(c, t) for c, towns in COUNTIES.items() for t in towns]
    now, today = datetime(2026, 11, 23), date(2026, 11, 23)
    started = time.perf_counter()
    transcript = [{"role": "resident", "text": "我家昨晚着火了，房子烧没了"}, {"role": "assistant", "text": "请问发生在哪里？"}] * 4
    facts = {"values": {"cause": "fire", "household_size": 4}, "provenance": {"cause": {"method": "normaliser", "text": "着火"}}}
    with unit_of_work(url) as uow:
        batch = 20_000
        for offset in range(0, cases, batch):
            n = min(batch, cases - offset)
            uow.session.execute(insert(HouseholdRow), [
                {"id": offset + i + 1, "phone": phone(offset + i), "phone_hash": cipher().digest(phone(offset + i)),
                 "applicant_name": "测试", "household_size": 4, "created_at": now} for i in range(n)])
            rows = []
            for i in range(n):
                county, township = rng.choice(offices)
                cause = rng.choice(CAUSES)
                rows.append({
                    "id": offset + i + 1, "case_number": f"LS{offset + i + 1:010d}", "intake_key": f"k{offset + i}",
                    "household_id": offset + i + 1, "channel": "bench", "sender_id": "bench", "status": rng.choice(STATUSES),
                    "needs_human": False, "hardship_type": "emergency" if cause in ("fire", "traffic_accident") else "expenditure",
                    "cause": cause, "facts": facts, "classification": {}, "assessment": {"conclusions": []},
                    "transcript": transcript, "description": "我家昨晚着火了", "county_code": county, "township": township,
                    "urgency": 0 if cause in ("fire", "traffic_accident") else 1,
                    "due_date": today + timedelta(days=rng.randint(-20, 20)), "created_at": now - timedelta(days=i % 700),
                    "assignee": rng.choice(ASSIGNEES),
                    "updated_at": now, "region_code": county})
            uow.session.execute(insert(CaseRow), rows)
        uow.commit()
    return time.perf_counter() - started


def timed(session: requests.Session, url: str, n: int, params_of) -> dict:
    timings = []
    for k in range(n):
        path, params = params_of(k)
        started = time.perf_counter()
        response = session.get(url + path, params=params, timeout=30)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.text
    timings.sort()
    return {"requests": n, **percentiles(timings, 1, "_ms")}


def attach(session: requests.Session, base: str, numbers: list[str]) -> None:
    """Two documents on each of these cases (through the API, so stored encrypted and logged)."""
    for number in numbers:
        for kind in ("hukou", "fire_proof"):
            answer = session.post(f"{base}/api/cases/{number}/documents", params={"kind": kind}, data=PNG, timeout=30,
                                  headers={"X-Filename": "photo.png", "Content-Type": "image/png"})
            assert answer.status_code == 200, answer.text


def main() -> dict:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        url = sys.argv[2] if len(sys.argv) > 2 else f"sqlite:///{tmp}/desk.sqlite3"
        load_seconds = load(url, cases)
        accounts.create_staff(bootstrap(url), "bench-township", "镇", Role.TOWNSHIP, "bench-pass-2026", "411024", "马栏镇")
        accounts.create_staff(bootstrap(url), "bench-county", "县", Role.COUNTY, "bench-pass-2026", "411024")
        server = DeskServer(Path(tmp), url, {"WEB_LOG_LEVEL": "warning"})
        result = {"cases": cases, "database": url.split(":")[0], "load_seconds": round(load_seconds, 1),
                  "date": date.today().isoformat(), "cpus": os.cpu_count(), "load_average_start": round(os.getloadavg()[0], 2),
                  "case_page_documents": 2, "by_role": {}}
        try:
            rng = random.Random(4)
            for username in ("bench-township", "bench-county"):
                session = requests.Session()
                token = session.post(server.url + "/api/login", json={"username": username, "password": "bench-pass-2026",
                                                                      "kind": "token"}, timeout=30).json()["token"]
                session.headers["Authorization"] = f"Bearer {token}"
                inbox = session.get(server.url + "/api/cases", params={"limit": 200}, timeout=30).json()
                numbers = [c["case_number"] for c in inbox["cases"]]
                timed(session, server.url, 20, lambda k: ("/api/cases", {}))  # warm up
                if username == "bench-township":
                    attach(session, server.url, numbers[:50])
                result["by_role"][username] = {
                    "cases_in_scope": inbox["total"],
                    "inbox": timed(session, server.url, 200, lambda k: ("/api/cases", {"offset": rng.choice([0, 50, 100])})),
                    "inbox_mine": timed(session, server.url, 200, lambda k: ("/api/cases", {"view": "mine"})),
                    "inbox_unassigned": timed(session, server.url, 200, lambda k: ("/api/cases", {"view": "unassigned"})),
                    "inbox_overdue": timed(session, server.url, 200, lambda k: ("/api/cases", {"due": "overdue", "type": "emergency"})),
                    "inbox_cause": timed(session, server.url, 200, lambda k: ("/api/cases", {"cause": "medical_cost"})),
                    "search_phone": timed(session, server.url, 200, lambda k: ("/api/cases", {"q": phone(rng.randrange(cases))})),
                    "search_case_number": timed(session, server.url, 200,
                                                lambda k: ("/api/cases", {"q": f"LS{rng.randrange(1, cases + 1):010d}"})),
                    "case_page": timed(session, server.url, 200, lambda k: (f"/api/cases/{rng.choice(numbers[:50])}", {})),
                }
        finally:
            server.stop()
    result["load_average_end"] = round(os.getloadavg()[0], 2)   # the machine is shared: say how busy it was
    return result


if __name__ == "__main__":
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    outcome = main()
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "desk.json").write_text(json.dumps(outcome, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(outcome, ensure_ascii=False))
