"""Referral delivery to the local demo partner: deliveries per second (one worker, a backlog of
N referrals), and the time from the resident's consent to delivery with the worker running as
deployed (polling every REFERRAL_POLL_SECONDS). Writes bench/results/referrals.json.
Run: .venv/bin/python bench/referral_bench.py [backlog] [consents]   (default 500, 50)
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SECRET = "bench-partner-secret"

from bench.stats import percentiles  # noqa: E402
from tests.integration.servers import _wait, free_port  # noqa: E402


def main() -> dict:
    backlog = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    consents = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        url = f"sqlite:///{tmp}/referrals.sqlite3"
        os.environ.update({"DATABASE_URL": url, "PARTNER_DEMO_FUND_SECRET": SECRET,
                           "PARTNER_DEMO_FUND_URL": f"http://127.0.0.1:{port}/referrals", "PYTHONPATH": str(ROOT)})
        from bot.http_client import make_session
        from bot.referrals.worker import deliver_due
        from bot.services import referrals
        from bot.services.bootstrap import bootstrap, unit_of_work
        from bot.services.cases import submit_case
        from tests.factories import submission

        log = Path(tmp) / "partner.log"
        partner = subprocess.Popen([sys.executable, "-m", "bot.referrals.demo_partner", str(port)], cwd=ROOT,
                                   stdout=log.open("w"), stderr=subprocess.STDOUT)
        try:
            _wait(f"http://127.0.0.1:{port}/state", 30, partner, log)
            numbers = [submit_case(bootstrap(url), submission(f"b{i}", values={"phone": f"139{i:08d}", "id_number": "未提供"})).case_number
                       for i in range(backlog + consents)]
            for number in numbers[:backlog]:
                referrals.record_consent(bootstrap(url), number, True, "bench")
            session, started = make_session(), time.perf_counter()
            while deliver_due(bootstrap(url), session, batch=50):
                pass
            throughput = backlog / (time.perf_counter() - started)

            worker = subprocess.Popen([sys.executable, "-m", "bot.referrals.worker"], cwd=ROOT, env=dict(os.environ),
                                      stdout=(Path(tmp) / "worker.log").open("w"), stderr=subprocess.STDOUT)
            try:
                latencies = []
                for number in numbers[backlog:]:
                    consented = datetime.utcnow()
                    referrals.record_consent(bootstrap(url), number, True, "bench")
                    while True:
                        with unit_of_work(url) as uow:
                            row = uow.referrals.of_case(uow.cases.by_number(number).id)[0]
                            if row.delivered_at:
                                latencies.append((row.delivered_at - consented).total_seconds() * 1000)
                                break
                        time.sleep(0.02)
            finally:
                worker.terminate()
                worker.wait(timeout=10)
        finally:
            partner.terminate()
    latencies.sort()
    return {"backlog": backlog, "deliveries_per_second_one_worker": round(throughput, 1), "consents": consents,
            "poll_seconds": float(os.environ.get("REFERRAL_POLL_SECONDS", "0.5")),
            "consent_to_delivery_ms": percentiles(latencies, 0, with_max=True)}


if __name__ == "__main__":
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    result = main()
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "referrals.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result))
