"""Operator console: time from an utterance to the updated console (the POST's answer carries the
whole view: facts, classification, hints, missing facts, next question, earlier cases), over real
HTTP, with several operators typing at once. Writes bench/results/console.json.
Run: .venv/bin/python bench/console_bench.py [calls] [operators]   (default 40, 4)
"""
from __future__ import annotations

import json
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from bench.stats import percentiles  # noqa: E402
from bot.domain.casework import Role  # noqa: E402
from bot.services import accounts  # noqa: E402
from bot.services.bootstrap import bootstrap, unit_of_work  # noqa: E402
from tests.integration.servers import DeskServer  # noqa: E402

CALL = ["来电人称，户口在鄢陵县马栏镇，前天在马栏镇出了车祸，一家三口", "我叫李四", "电话13812345678", "身份证411024198503150014",
        "都不是低保户", "一家四口"]


def main() -> dict:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    operators = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/console.sqlite3"
        for k in range(operators):
            accounts.create_staff(bootstrap(url), f"op{k}", "接线员", Role.OPERATOR, "bench-pass-2026")
        server = DeskServer(Path(tmp), url, {"REFERRAL_WORKER_IN_WEB": "0", "WEB_LOG_LEVEL": "warning"})
        try:
            def operator(k: int) -> list[float]:
                s = requests.Session()
                token = s.post(server.url + "/api/login", json={"username": f"op{k}", "password": "bench-pass-2026", "kind": "token"},
                               timeout=30).json()["token"]
                s.headers["Authorization"] = f"Bearer {token}"
                timings = []
                for _ in range(calls // operators):
                    call = s.post(server.url + "/api/console/calls", timeout=30).json()["id"]
                    for line in CALL:
                        started = time.perf_counter()
                        response = s.post(f"{server.url}/api/console/calls/{call}/utterances", json={"text": line}, timeout=30)
                        timings.append((time.perf_counter() - started) * 1000)
                        assert response.status_code == 200, response.text
                    s.post(f"{server.url}/api/console/calls/{call}/case", timeout=30)
                return timings
            with ThreadPoolExecutor(operators) as pool:
                timings = sorted(t for batch in pool.map(operator, range(operators)) for t in batch)
        finally:
            server.stop()
    return {"calls": calls, "operators_at_once": operators, "utterances": len(timings),
            "utterance_to_console_ms": percentiles(timings, 1, with_max=True)}


if __name__ == "__main__":
    result = main()
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "console.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result))
