"""Precision and recall of the 主动发现 cues (bot/understanding/signals.py) on our own labelled
messages (bench/discovery_labelled.yml; shaped: written by the author of the cues). Writes
bench/results/discovery.json.   Usage: PYTHONPATH=. .venv/bin/python bench/discovery_eval.py"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import yaml

from bot.understanding.signals import signals

ROOT = Path(__file__).resolve().parents[1]


def evaluate() -> dict:
    items = yaml.safe_load((ROOT / "bench" / "discovery_labelled.yml").read_text(encoding="utf-8"))
    flagged = [(bool(signals(i["text"])), i["hardship"]) for i in items]
    tp = sum(f and h for f, h in flagged)
    fp = sum(f and not h for f, h in flagged)
    fn = sum(h and not f for f, h in flagged)
    return {"date": date.today().isoformat(), "messages": len(items), "with_hardship": tp + fn,
            "precision": round(tp / (tp + fp), 3) if tp + fp else None, "recall": round(tp / (tp + fn), 3) if tp + fn else None,
            "missed": [i["text"] for i, (f, h) in zip(items, flagged) if h and not f],
            "false_alarms": [i["text"] for i, (f, h) in zip(items, flagged) if f and not h],
            "data": "bench/discovery_labelled.yml, written by us (shaped)"}


if __name__ == "__main__":
    result = evaluate()
    (ROOT / "bench" / "results" / "discovery.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))
