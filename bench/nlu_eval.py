"""NLU accuracy on the held-out set (tests/nlu/heldout.yml) and the held-back style examples
(tests/nlu/styles_dev.yml); the real public texts of ../shared/eval are measured by
bench/understanding_eval.py.

Held-out: intent accuracy (retrieval intents counted as their full name, ask_policy/materials …),
entity precision/recall/F1 of the model's entities (exact span and type) and the mean parse time.
Styles dev: intent accuracy (retrieval intents by their base name). Writes bench/results/nlu.json.
Run: make bench (or .venv/bin/python bench/nlu_eval.py; NLU_MODEL=path measures another model
without recording it).
"""
from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stats import percentiles  # noqa: E402


ENTITY = re.compile(r"\[([^\]]+)\]\{([^}]*)\}")


def heldout_examples(path: Path = ROOT / "tests" / "nlu" / "heldout.yml") -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for block in data["nlu"]:
        for line in block["examples"].splitlines():
            line = line.strip()[2:].strip() if line.strip().startswith("- ") else ""
            if not line:
                continue
            text, entities, pos = "", [], 0
            for match in ENTITY.finditer(line):
                text += line[pos:match.start()]
                start = len(text)
                text += match.group(1)
                meta = json.loads("{" + match.group(2) + "}")
                entities.append((start, len(text), meta["entity"]))
                pos = match.end()
            text += line[pos:]
            out.append((text, block["intent"], entities))
    return out


def predicted_intent(parse: dict) -> str:
    intent = parse["intent"]["name"]
    if intent == "ask_policy":
        key = (parse.get("response_selector", {}).get("ask_policy", {}).get("response", {}) or {}).get("intent_response_key")
        return key or intent
    return intent


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "support": tp + fn}


async def main() -> dict:
    from rasa.core.agent import Agent

    model = os.environ.get("NLU_MODEL") or subprocess.run(["bash", str(ROOT / "scripts" / "model_path.sh")], capture_output=True,
                                                          text=True, check=True).stdout.strip()
    agent = Agent.load(str(ROOT / model))
    results: dict = {"model": model, "date": datetime.now().isoformat(timespec="seconds")}

    # held-out
    examples = heldout_examples()
    correct, per_type, errors = 0, {}, []
    timings: list[float] = []
    for text, gold_intent, gold_entities in examples:
        started = time.perf_counter()
        parse = await agent.parse_message(text)
        timings.append((time.perf_counter() - started) * 1000)
        intent = predicted_intent(parse)
        ok = intent == gold_intent
        correct += ok
        if not ok:
            errors.append({"text": text, "gold": gold_intent, "predicted": intent})
        predicted = {(e["start"], e["end"], e["entity"]) for e in parse.get("entities", []) if e.get("extractor") in ("DIETClassifier", "CRFEntityExtractor")}
        gold = set(gold_entities)
        for kind in {e[2] for e in predicted | gold}:
            counts = per_type.setdefault(kind, Counter())
            counts["tp"] += len({e for e in predicted & gold if e[2] == kind})
            counts["fp"] += len({e for e in predicted - gold if e[2] == kind})
            counts["fn"] += len({e for e in gold - predicted if e[2] == kind})
    totals = Counter()
    for counts in per_type.values():
        totals.update(counts)
    results["heldout"] = {
        "examples": len(examples),
        "intent_accuracy": round(correct / len(examples), 3),
        "entity_micro": prf(totals["tp"], totals["fp"], totals["fn"]),
        "entity_per_type": {k: prf(v["tp"], v["fp"], v["fn"]) for k, v in sorted(per_type.items())},
        "intent_errors": errors,
        "parse_ms": percentiles(timings),
    }

    # the style examples held back from training (tests/nlu/styles_dev.yml): intent accuracy
    dev = heldout_examples(ROOT / "tests" / "nlu" / "styles_dev.yml")
    dev_ok = 0
    for text, gold_intent, _ in dev:
        parse = await agent.parse_message(text)
        dev_ok += predicted_intent(parse).split("/")[0] == gold_intent.split("/")[0]
    results["styles_dev"] = {"examples": len(dev), "intent_accuracy": round(dev_ok / len(dev), 3) if dev else None}
    return results


if __name__ == "__main__":
    results = asyncio.run(main())
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    if not os.environ.get("NLU_MODEL"):   # an experiment's model (NLU_MODEL=path) is printed, not recorded
        (out / "nlu.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    h, d = results["heldout"], results["styles_dev"]
    print(f"held-out: {h['examples']} examples, intent accuracy {h['intent_accuracy']}, entity F1 {h['entity_micro']['f1']}, "
          f"parse p50 {h['parse_ms']['p50']} ms, p95 {h['parse_ms']['p95']} ms")
    print(f"styles_dev: {d['examples']} examples, intent accuracy {d['intent_accuracy']}")
