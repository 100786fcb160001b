"""What one message costs the shared parts of the production profile (README "How it grows").

Starts the production profile (scripts/cluster.py: two Rasa and two action servers behind
HAProxy, PostgreSQL tracker and case stores, Redis lock store), runs full intakes ending in cases
through the balancer, a few residents at once, and reads, per message: CPU milliseconds of each Rasa
and action server (/proc utime+stime), PostgreSQL transactions and rows read and written (pg_stat_database,
both databases), Redis commands (INFO commandstats), and each process's resident memory.

Run: .venv/bin/python bench/shared_load.py [--residents 4] [--rounds 3] [--out shared_load.json]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.cluster import start_cluster  # noqa: E402

INTAKE = ("我家昨晚着火了，房子烧没了，一家四口现在没地方住", "鄢陵县马栏镇", "一样", "我叫王小明", "1381234{:04d}",
          "411024198503150014", "都不是", "对")
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_ms(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / TICKS


def cpu_ms_of(command: str) -> float:
    """CPU of every process named `command` on the machine (postgres backends, redis-server)."""
    total = 0.0
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and (proc / "comm").read_text().strip() == command:
                total += cpu_ms(int(proc.name))
        except OSError:
            continue
    return total


def rss_mb(pid: int) -> float:
    line = next(x for x in Path(f"/proc/{pid}/status").read_text().splitlines() if x.startswith("VmRSS"))
    return round(int(line.split()[1]) / 1024, 1)


def pg_counters(urls: list[str]) -> dict[str, int]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    total = {"xact_commit": 0, "tup_returned": 0, "tup_fetched": 0, "tup_inserted": 0, "tup_updated": 0}
    for url in urls:
        engine = create_engine(url, future=True)
        with engine.connect() as connection:
            row = connection.execute(text(f"select {', '.join(total)} from pg_stat_database where datname = :d"),
                                     {"d": make_url(url).database}).one()
        engine.dispose()
        for name, value in zip(total, row):
            total[name] += int(value)
    return total


def events_scans(url: str) -> tuple[int, int]:
    """Index scans of Rasa's `events` table and the rows they returned (pg_stat_user_tables)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url, future=True)
    with engine.connect() as connection:
        row = connection.execute(text("select idx_scan, idx_tup_fetch from pg_stat_user_tables where relname = 'events'")).one()
    engine.dispose()
    return int(row[0] or 0), int(row[1] or 0)


def redis_calls() -> int:
    import redis

    stats = redis.Redis(host="127.0.0.1", port=6379).info("commandstats")
    return sum(v["calls"] for k, v in stats.items() if not k.endswith(("info", "cmdstat_info")))


def resident(url: str, n: int, latencies: list[float]) -> None:
    session = requests.Session()
    sender = session.post(f"{url}/webhooks/rest/conversation", json={}, timeout=60).json()["sender"]
    for text in INTAKE:
        started = time.perf_counter()
        answer = session.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text.format(n)}, timeout=150)
        answer.raise_for_status()
        latencies.append((time.perf_counter() - started) * 1000)


def measure(cluster, residents: int, rounds: int) -> dict:
    pids = {name: pid for name, pid in cluster.pids().items() if name.startswith(("rasa", "actions"))}
    time.sleep(max(3.0, 75 - (time.monotonic() - cluster.started)))   # after the workers' first retention pass (60 s)
    cpu0, pg0, redis0 = {n: cpu_ms(p) for n, p in pids.items()}, pg_counters([cluster.database_url, cluster.tracker_url]), redis_calls()
    events0 = events_scans(cluster.tracker_url)
    services0 = {name: cpu_ms_of(name) for name in ("postgres", "redis-server", "haproxy")}
    latencies: list[float] = []
    started = time.perf_counter()
    for r in range(rounds):
        threads = [threading.Thread(target=resident, args=(cluster.rasa_url, r * residents + i, latencies)) for i in range(residents)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    wall = time.perf_counter() - started
    time.sleep(1)   # PostgreSQL's statistics are sent about every 500 ms
    messages = len(latencies)
    cpu = {n: round((cpu_ms(p) - cpu0[n]) / messages, 1) for n, p in pids.items()}
    # every postgres backend on the machine: an upper bound while other work uses the same server
    cpu.update({name: round((cpu_ms_of(name) - before) / messages, 1) for name, before in services0.items()})
    pg = {k: round((v - pg0[k]) / messages, 1) for k, v in pg_counters([cluster.database_url, cluster.tracker_url]).items()}
    pg["tracker_events_index_scans"] = round((events_scans(cluster.tracker_url)[0] - events0[0]) / messages, 1)
    pg["tracker_event_rows_read"] = round((events_scans(cluster.tracker_url)[1] - events0[1]) / messages, 1)
    latencies.sort()
    return {"messages": messages, "wall_seconds": round(wall, 1), "messages_per_second": round(messages / wall, 1),
            "p50_ms": round(latencies[messages // 2], 1), "p95_ms": round(latencies[int(messages * 0.95)], 1),
            "cpu_ms_per_message": cpu, "postgresql_per_message": pg,
            "redis_commands_per_message": round((redis_calls() - redis0) / messages, 1),
            "rss_mb": {n: rss_mb(p) for n, p in cluster.pids().items()}}


def main() -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", default="shared_load.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.monotonic()
        cluster = start_cluster(Path(tmp) / "cluster")
        cluster.started = started
        try:
            result = {"date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "cores": len(os.sched_getaffinity(0)),
                      "conditions": {"residents_at_once": args.residents, "rounds": args.rounds, "think_seconds": 0,
                                     "profile": "2 Rasa + 2 action servers, HAProxy, PostgreSQL 15, Redis"},
                      **measure(cluster, args.residents, args.rounds)}
        finally:
            cluster.stop()
    (ROOT / "bench" / "results" / args.out).write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return result


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False, indent=2))
