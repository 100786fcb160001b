"""WeChat channel under load: U users at once, each going through a whole intake (8 messages) via the
signed official-account protocol (built with wechatpy), against the real Rasa and action servers.
Counts the messages answered within WeChat's 5-second window (passive reply) and those answered
afterwards through the customer-service API. Writes bench/results/wechat.json.
Run: .venv/bin/python bench/wechat_bench.py [users]   (default 20)
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from bench.stats import percentiles  # noqa: E402
from tests.integration.servers import SQLITE_TRACKER, Servers, _wait, free_port  # noqa: E402
from tests.integration.test_wechat import APP_ID, APP_SECRET, Account, _wechat_env  # noqa: E402

CONVERSATION = ["我家昨晚着火了，房子烧没了，一家四口现在没地方住", "鄢陵县马栏镇", "一样", "我叫王小明", "13812345678",
                "411024198503150014", "都不是", "对"]


def main() -> dict:
    users = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        port, log = free_port(), workdir / "standin.log"
        standin = subprocess.Popen([sys.executable, "-m", "bot.channels.wechat_standin", str(port)], cwd=ROOT,
                                   env={**os.environ, "PYTHONPATH": str(ROOT), "WECHAT_APP_ID": APP_ID, "WECHAT_APP_SECRET": APP_SECRET},
                                   stdout=log.open("w"), stderr=subprocess.STDOUT)
        _wait(f"http://127.0.0.1:{port}/sent", 30, standin, log)
        servers = Servers(workdir, f"sqlite:///{workdir / 'cases.sqlite3'}", SQLITE_TRACKER,
                          extra_env=_wechat_env(f"http://127.0.0.1:{port}", "4.5"))
        try:
            account = Account(servers)

            def user(k: int) -> list[tuple[float, bool]]:
                out = []
                for i, text in enumerate(CONVERSATION):
                    started = time.perf_counter()
                    response = account.post(account.xml(f"bench-user-{k}", text, 100000 * k + i))
                    out.append(((time.perf_counter() - started) * 1000, response.status_code == 200 and response.text != "success"))
                    time.sleep(1.0)     # a person reads and types
                return out

            with ThreadPoolExecutor(users) as pool:
                results = [r for batch in pool.map(user, range(users)) for r in batch]
            time.sleep(3)
            late = len(requests.get(f"http://127.0.0.1:{port}/sent", timeout=5).json()["sent"])
        finally:
            servers.stop()
            standin.kill()
    timings = sorted(t for t, _ in results)
    passive = sum(1 for _, ok in results if ok)
    return {"users_at_once": users, "messages": len(results), "answered_in_window": passive,
            "answered_later_by_customer_service_api": late, "unanswered": len(results) - passive - late,
            "response_ms": percentiles(timings, 0, with_max=True)}


if __name__ == "__main__":
    result = main()
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "wechat.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result))
