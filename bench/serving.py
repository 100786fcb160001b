"""Serving benchmark against an anchor started in the same run (issue #18).

Starts a bare toy Rasa 3.6 assistant (bench/anchor: jieba + DIET, rules, in-memory tracker, no
action server) and the project, and drives each with the same load generator: N residents, each a
whole intake that ends in a case (the resident answers whatever the assistant asks, in the order it
asks), once with think time before every message and once with none (saturation). The anchor gets
the same messages. Prints and writes p50/p95, messages/s, memory of every process and the ratios.
Optionally first fills the project's store with K earlier cases on one phone, the residents' own
(the worst case of the look-ups made when a case is submitted).

Run: .venv/bin/python bench/serving.py [--residents 20] [--think 2] [--shared-phone-cases K]
                                       [--target single|cluster|both] [--out serving.json]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.serving_targets import Anchor, Project, Target, cluster_target, dump, memory_mb  # noqa: E402
from bench.stats import percentiles  # noqa: E402

STORIES = [
    "我家昨晚着火了，房子烧没了，一家四口现在没地方住",
    "俺老伴得了尿毒症，一个礼拜透析三回，今年看病花了六万多，家里实在撑不住了",
    "我男人前天在工地上摔伤了，住院要交押金，家里就他一个挣钱的",
    "孩子上大学的学费凑不齐，家里还有老人看病，想问问能不能申请救助",
]
ANSWERS = [  # (words in the assistant's last message, the resident's answer), first match wins
    ("信息都对吗", "对"), ("发生在哪里", "鄢陵县马栏镇"), ("户口", "一样"), ("几口人", "四口人"), ("什么时候", "前天"),
    ("称呼", "我叫王小明"), ("电话", "{phone}"), ("身份证", "暂不提供"), ("低保户", "都不是"),
    ("收入", "一个月一千来块"), ("必须花的钱", "五万多"), ("遇到了什么困难", "家里着火了"),
]


def phone_of(n: int) -> str:
    return f"139{(n * 7919 + 12345678) % 10**8:08d}"


class Resident(threading.Thread):
    """One resident: tells a story, answers every question, confirms; times each message."""

    def __init__(self, target: Target, n: int, think: float, phone: str, start_delay: float, max_turns: int = 16):
        super().__init__(daemon=True)
        self.target, self.n, self.think, self.phone = target, n, think, phone
        self.start_delay, self.max_turns = start_delay, max_turns
        self.latencies: list[float] = []
        self.by_kind: dict[str, list[float]] = {}   # first message / answers / the confirmation that saves the case
        self.errors: list[str] = []   # what went wrong (HTTP status or exception), per failed message
        self.case_saved = False

    def _next(self, replies: list[str]) -> str | None:
        text = replies[-1] if replies else ""
        if "案件编号" in " ".join(replies):
            return None
        for words, answer in ANSWERS:
            if words in text:
                return answer.format(phone=self.phone)
        return "对" if "对吗" in text else "不知道"

    def run(self) -> None:
        session = requests.Session()
        time.sleep(self.start_delay)
        sender = self.target.sender(f"bench-{self.n}", session)
        message: str | None = STORIES[self.n % len(STORIES)]
        for _ in range(self.max_turns):
            if message is None:
                break
            time.sleep(self.think)
            started = time.perf_counter()
            try:
                replies = self.target.say(session, sender, message)
            except requests.RequestException as error:
                status = getattr(getattr(error, "response", None), "status_code", None)
                self.errors.append(f"HTTP {status}" if status else type(error).__name__)
                replies = []
            self.latencies.append((time.perf_counter() - started) * 1000)
            saved_now = any("案件编号" in r for r in replies)
            kind = "first" if len(self.latencies) == 1 else "submit" if saved_now else "answer"
            self.by_kind.setdefault(kind, []).append(self.latencies[-1])
            self.case_saved = self.case_saved or saved_now
            message = self._next(replies)


def drive(target: Target, residents: int, think: float, phones: list[str]) -> dict:
    """All residents at once (starts spread over one think time); timings of every message."""
    spread = think if think else 0.0
    crowd = [Resident(target, n, think, phones[n], spread * n / max(residents, 1)) for n in range(residents)]
    started = time.perf_counter()
    for resident in crowd:
        resident.start()
    for resident in crowd:
        resident.join()
    wall = time.perf_counter() - started
    latencies = sorted(ms for r in crowd for ms in r.latencies)
    kinds = {kind: percentiles([ms for r in crowd for ms in r.by_kind.get(kind, [])], 1, "_ms")
             for kind in ("first", "answer", "submit") if any(r.by_kind.get(kind) for r in crowd)}
    return {"residents": residents, "think_seconds": think, "messages": len(latencies), "by_turn": kinds,
            "errors": len([e for r in crowd for e in r.errors]),
            "error_kinds": sorted({e for r in crowd for e in r.errors}), "cases_saved": sum(r.case_saved for r in crowd),
            **percentiles(latencies, 1, "_ms", with_max=True),
            "messages_per_second": round(len(latencies) / wall, 1), "wall_seconds": round(wall, 1)}


def prefill_shared_phone(database_url: str, cases: int, phone: str) -> float:
    """`cases` earlier cases on one phone, through the real submission path (the worst case)."""
    from bot.services.bootstrap import bootstrap
    from bot.services.cases import Submission, submit_case

    deps = bootstrap(database_url)
    values = {"cause": "fire", "event_place": "鄢陵县马栏镇", "event_date": "2026-11-01", "hukou_place": "鄢陵县马栏镇",
              "household_size": 4, "applicant_name": "王小明", "phone": phone, "priority_group": "none"}
    started = time.perf_counter()
    for k in range(cases):
        submit_case(deps, Submission(intake_key=f"prefill-{k}", channel="rest", sender_id=f"rest:prefill{k}",
                                     values=values, provenance={}, transcript=[], needs_human=False))
    return round(time.perf_counter() - started, 1)


def measure(target: Target, args: argparse.Namespace, phones: list[str]) -> dict:
    warm = requests.Session()
    target.say(warm, target.sender("warm-up", warm), "你好")
    loads = {"think": drive(target, args.residents, args.think, phones),
             "saturation": drive(target, args.residents, 0.0, phones)}
    return {"target": target.label, **loads, "memory": memory_mb(target.pids())}


def ratios(project: dict, anchor: dict) -> dict:
    return {"p95_think_x_anchor": round(project["think"]["p95_ms"] / anchor["think"]["p95_ms"], 2),
            "p50_think_x_anchor": round(project["think"]["p50_ms"] / anchor["think"]["p50_ms"], 2),
            "saturation_throughput_x_anchor": round(project["saturation"]["messages_per_second"]
                                                    / anchor["saturation"]["messages_per_second"], 2),
            "saturation_p95_x_anchor": round(project["saturation"]["p95_ms"] / anchor["saturation"]["p95_ms"], 2)}


def run_target(kind: str, workdir: Path, args: argparse.Namespace, phones: list[str]) -> dict | None:
    if kind == "anchor":
        target: Target | None = Anchor(workdir / "anchor")
    elif kind == "single":
        target = Project(workdir / "single")
    else:
        target = cluster_target(workdir / "cluster")
    if target is None:
        return None
    try:
        if args.shared_phone_cases and getattr(target, "database_url", None):
            seconds = prefill_shared_phone(getattr(target, "database_url", ""), args.shared_phone_cases, phones[0])
            print(f"prefilled {args.shared_phone_cases} cases on one phone in {seconds} s", file=sys.stderr)
        return measure(target, args, phones)
    finally:
        target.stop()


def main() -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=20)
    parser.add_argument("--think", type=float, default=2.0)
    parser.add_argument("--shared-phone-cases", type=int, default=0)
    parser.add_argument("--target", choices=["single", "cluster", "both"], default="both")
    parser.add_argument("--out", default="serving.json")
    args = parser.parse_args()
    shared = args.shared_phone_cases > 0
    phones = [phone_of(0 if shared else n) for n in range(args.residents)]
    result: dict = {"date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "cores": len(__import__("os").sched_getaffinity(0)),
                    "conditions": {"residents": args.residents, "think_seconds": args.think,
                                   "shared_phone_cases": args.shared_phone_cases}}
    with tempfile.TemporaryDirectory() as tmp:
        result["anchor"] = run_target("anchor", Path(tmp), args, phones)
        for kind in (["single", "cluster"] if args.target == "both" else [args.target]):
            measured = run_target(kind, Path(tmp), args, phones)
            if measured:
                result[kind] = {**measured, "ratios": ratios(measured, result["anchor"])}
    out = ROOT / "bench" / "results" / args.out
    out.write_text(dump(result), encoding="utf-8")
    return result


if __name__ == "__main__":
    print(dump(main()))
