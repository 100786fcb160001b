"""REST reply latency with 20 concurrent conversations, each a whole intake ending in a case write,
(once with 3 s of think time before each message, as people type, and once as a closed loop with
no think time, a stress test), plus the peak memory (VmHWM) of the Rasa server and the action server. Embedded SQLite default.
Writes bench/results/latency.json. Run: .venv/bin/python bench/latency.py [conversations]
"""
from __future__ import annotations

import json
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stats import percentiles  # noqa: E402
from tests.integration.servers import Servers  # noqa: E402

SCRIPT = ["我家昨晚着火了，房子烧没了，一家四口现在没地方住", "鄢陵县马栏镇", "一样", "我叫王小明",
          "13812345678", "暂不提供", "都不是", "对"]


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def main(conversations: int = 20, think_seconds: float = 0.0) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        servers = Servers(workdir, f"sqlite:///{workdir / 'cases.sqlite3'}",
                          'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "tracker.sqlite3"')
        try:
            servers.say("warm-up", "你好")
            latencies: list[float] = []
            cases: list[bool] = []
            lock = threading.Lock()

            def converse(n: int) -> None:
                time.sleep(think_seconds * n / max(conversations, 1))  # stagger the starts
                for message in SCRIPT:
                    time.sleep(think_seconds)
                    started = time.perf_counter()
                    replies = servers.say(f"bench-{n}", message)
                    elapsed = (time.perf_counter() - started) * 1000
                    with lock:
                        latencies.append(elapsed)
                with lock:
                    cases.append(any("案件编号" in r for r in replies))

            started = time.perf_counter()
            threads = [threading.Thread(target=converse, args=(n,)) for n in range(conversations)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.perf_counter() - started
            latencies.sort()
            result = {
                "conversations": conversations,
                "think_seconds": think_seconds,
                "messages": len(latencies),
                "cases_saved": sum(cases),
                **percentiles(latencies, 1, "_ms", with_max=True),
                "messages_per_second": round(len(latencies) / wall, 1),
                "wall_seconds": round(wall, 1),
                "peak_rss_mb": {"rasa_server": peak_rss_mb(servers.procs[1].pid),
                                "action_server": peak_rss_mb(servers.procs[0].pid)},
            }
        finally:
            servers.stop()
    return result


if __name__ == "__main__":
    conversations = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    results = {"with_think_time": main(conversations, 3.0), "closed_loop_no_think_time": main(conversations, 0.0)}
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "latency.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(json.dumps(results))
