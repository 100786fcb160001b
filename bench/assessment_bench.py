"""Assessments per second on one core, and the household look-up behind the frequency rule
(XC-2.3-frequency) against a store of 1,000,000 cases (phones encrypted, found by keyed hash). Writes bench/results/assessment.json.
Run: .venv/bin/python bench/assessment_bench.py [cases]
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

from sqlalchemy import insert  # noqa: E402

from bench.stats import percentiles  # noqa: E402
from bot.domain.application import Application, PastAssistance  # noqa: E402
from bot.policy.engine import PolicyEngine  # noqa: E402
from bot.services.bootstrap import unit_of_work  # noqa: E402
from bot.store.crypto import cipher  # noqa: E402
from bot.store.models import CaseRow, HouseholdRow  # noqa: E402


def assessments_per_second(seconds: float = 3.0) -> float:
    engine = PolicyEngine.load(ROOT / "config")
    rng = random.Random(1)
    apps = [Application(cause=rng.choice(["fire", "medical_cost", "education_cost", "income_loss"]),
                        household_size=rng.randint(1, 8), priority_groups=rng.choice([(), ("dibao",)]),
                        hukou_region=rng.choice(["411024", "411081", "360100"]), monthly_income=rng.uniform(0, 8000),
                        expense_amount=rng.uniform(0, 80000), accepted_on=date(2026, 9, 30),
                        past=(PastAssistance("LS1", "fire", date(2026, 5, 1)),)) for _ in range(500)]
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for app in apps:
            engine.assess(app, date(2026, 9, 30))
        done += len(apps)
    return done / (time.perf_counter() - started)


def phone(i: int) -> str:
    return f"1{i * 7919 % 10**10:010d}"


def frequency_lookup(cases: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.sqlite3"
        uow = unit_of_work(url)
        now = datetime(2026, 11, 23)
        started = time.perf_counter()
        with uow:
            batch = 50_000
            for offset in range(0, cases, batch):
                n = min(batch, cases - offset)
                uow.session.execute(insert(HouseholdRow), [
                    {"id": offset + i + 1, "phone": phone(offset + i), "phone_hash": cipher().digest(phone(offset + i)),
                     "id_number": None, "applicant_name": "测试", "household_size": 3, "created_at": now} for i in range(n)])
                uow.session.execute(insert(CaseRow), [
                    {"id": offset + i + 1, "case_number": f"LS{offset + i + 1:010d}", "intake_key": f"k{offset + i}",
                     "household_id": offset + i + 1, "channel": "bench", "sender_id": "bench", "status": "submitted",
                     "needs_human": False, "hardship_type": "emergency", "cause": CAUSES[(offset + i) % len(CAUSES)],
                     "event_place": place(offset + i), "event_date": event_day(offset + i), "facts": {}, "classification": {},
                     "transcript": [], "created_at": now - timedelta(days=i % 700), "updated_at": now} for i in range(n)])
            uow.commit()
        load_seconds = time.perf_counter() - started
        rng = random.Random(2)
        timings = []
        with unit_of_work(url) as uow:
            for _ in range(500):
                i = rng.randrange(cases)
                t = time.perf_counter()
                found = uow.cases.earlier_cases(phone(i), None)
                timings.append((time.perf_counter() - t) * 1000)
                assert found
        timings.sort()
        related_ms = related_check(url, cases, rng)
        return {"cases": cases, "load_seconds": round(load_seconds, 1), "database": "sqlite",
                **percentiles(timings, 3, "_ms"), "related_cases_check": percentiles(related_ms, 3, "_ms")}


CAUSES = ["fire", "medical_cost", "education_cost", "income_loss", "traffic_accident"]


def place(i: int) -> str:
    return f"鄢陵县马栏镇{i % 2000}村"


def event_day(i: int) -> str:
    return (date(2026, 11, 23) - timedelta(days=i % 700)).isoformat()


def related_check(url: str, cases: int, rng: random.Random) -> list[float]:
    """The duplicate / same-incident check for one new case (issue 9: under 20 ms at 1M cases):
    same phone as a stored household, and a place, cause and date shared with stored cases."""
    from bot.domain.case import Case, Household
    from bot.services.related import find_related

    timings = []
    with unit_of_work(url) as uow:
        for k in range(500):
            i = rng.randrange(cases)
            new = Case("bench", "rest", "bench", "submitted", "emergency", Household(applicant_name="测试", phone=phone(i)),
                       case_number=f"NEW{k}", cause=CAUSES[i % len(CAUSES)], event_place=place(i), event_date=event_day(i))
            t = time.perf_counter()
            found = find_related(uow, new)
            timings.append((time.perf_counter() - t) * 1000)
            assert found, "the stored case with the same phone must be found"
    return sorted(timings)


if __name__ == "__main__":
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    result = {"assessments_per_second_one_core": round(assessments_per_second()), "frequency_lookup": frequency_lookup(cases)}
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "assessment.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result))
