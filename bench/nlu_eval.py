"""NLU accuracy on the held-out set (tests/nlu/heldout.yml) and on ../shared/eval/dev_messages.yml.

Held-out: intent accuracy (retrieval intents counted as their full name, ask_policy/materials …) and
entity precision/recall/F1 of the model's entities (exact span and type). Dev set (real public
texts): intent accuracy after mapping its labels to ours, hardship type and cause accuracy of the
whole understanding path (model + bot.understanding + bot.policy), and how often each gold fact
is found. Writes bench/results/nlu.json. Run: make bench (or .venv/bin/python bench/nlu_eval.py).
"""
from __future__ import annotations

import asyncio
import json
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

from bot.domain.model import HardshipType  # noqa: E402
from bot.policy import classify  # noqa: E402
from bot.understanding import extract_facts  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "dev_messages.yml"
LABEL_TO_INTENT = {"emergency": "request_help", "expenditure": "request_help", "policy_question": "ask_policy",
                   "status_question": "check_status", "out_of_scope": "out_of_scope"}
ENTITY = re.compile(r"\[([^\]]+)\]\{([^}]*)\}")


def heldout_examples() -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    data = yaml.safe_load((ROOT / "tests" / "nlu" / "heldout.yml").read_text(encoding="utf-8"))
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

    model = subprocess.run(["bash", str(ROOT / "scripts" / "model_path.sh")], capture_output=True, text=True, check=True).stdout.strip()
    agent = Agent.load(str(ROOT / model))
    results: dict = {"model": model, "date": datetime.now().isoformat(timespec="seconds")}

    # held-out
    examples = heldout_examples()
    correct, per_type, errors = 0, {}, []
    started = time.perf_counter()
    for text, gold_intent, gold_entities in examples:
        parse = await agent.parse_message(text)
        intent = predicted_intent(parse)
        ok = intent == gold_intent
        correct += ok
        if not ok:
            errors.append({"text": text, "gold": gold_intent, "predicted": intent})
        predicted = {(e["start"], e["end"], e["entity"]) for e in parse.get("entities", []) if e.get("extractor") == "DIETClassifier"}
        gold = set(gold_entities)
        for kind in {e[2] for e in predicted | gold}:
            counts = per_type.setdefault(kind, Counter())
            counts["tp"] += len({e for e in predicted & gold if e[2] == kind})
            counts["fp"] += len({e for e in predicted - gold if e[2] == kind})
            counts["fn"] += len({e for e in gold - predicted if e[2] == kind})
    parse_ms = (time.perf_counter() - started) * 1000 / len(examples)
    totals = Counter()
    for counts in per_type.values():
        totals.update(counts)
    results["heldout"] = {
        "examples": len(examples),
        "intent_accuracy": round(correct / len(examples), 3),
        "entity_micro": prf(totals["tp"], totals["fp"], totals["fn"]),
        "entity_per_type": {k: prf(v["tp"], v["fp"], v["fn"]) for k, v in sorted(per_type.items())},
        "intent_errors": errors,
        "mean_parse_ms": round(parse_ms, 1),
    }

    # dev set from real public texts
    dev = yaml.safe_load(DEV.read_text(encoding="utf-8")) if DEV.exists() else []
    now = datetime(2026, 11, 23, 12)
    intent_ok = kind_ok = cause_ok = kinds = 0
    facts = {name: Counter() for name in ("household_size", "amount_yuan", "priority_group", "place")}
    dev_errors = []
    for item in dev:
        parse = await agent.parse_message(item["text"])
        intent = parse["intent"]["name"]
        intent_ok += intent == LABEL_TO_INTENT[item["label"]]
        found = extract_facts(item["text"], now=now, entities=parse.get("entities", [])).values()
        if item["label"] in ("emergency", "expenditure"):
            kinds += 1
            result = classify(found.get("cause"), found.get("other_causes") or ())
            kind_hit = result.hardship_type.value == item["label"] or HardshipType(item["label"]) in result.also
            kind_ok += kind_hit
            cause_ok += found.get("cause") == item["cause"]
            if not kind_hit or found.get("cause") != item["cause"]:
                dev_errors.append({"text": item["text"][:60], "gold": [item["label"], item["cause"]],
                                   "got": [result.hardship_type.value, found.get("cause")]})
        gold = item.get("facts") or {}
        got = {
            "household_size": found.get("household_size"),
            "amount_yuan": next((found[k] for k in ("expense_amount", "loss_amount", "household_income") if k in found), None),
            "priority_group": {"dibao": "低保", "tekun": "特困", "jiandang": "建档立卡", "jiance": "监测户"}.get(found.get("priority_group")),
            "place": found.get("event_place"),
        }
        for name, counts in facts.items():
            g, p = gold.get(name), got[name]
            if g is not None:
                counts["gold"] += 1
                hit = (p is not None and (str(g) in str(p) or str(p) in str(g))) if name == "place" else (p is not None and float(p) == float(g)) if name != "priority_group" else p == g
                counts["found"] += hit
            elif p is not None:
                counts["spurious"] += 1
    results["dev_messages"] = {
        "messages": len(dev),
        "intent_accuracy": round(intent_ok / len(dev), 3) if dev else None,
        "hardship_type_accuracy": round(kind_ok / kinds, 3) if kinds else None,
        "cause_accuracy": round(cause_ok / kinds, 3) if kinds else None,
        "hardship_messages": kinds,
        "facts": {name: dict(counts) for name, counts in facts.items()},
        "classification_errors": dev_errors,
    }
    return results


if __name__ == "__main__":
    results = asyncio.run(main())
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "nlu.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    h, d = results["heldout"], results["dev_messages"]
    print(f"held-out: {h['examples']} examples, intent accuracy {h['intent_accuracy']}, entity F1 {h['entity_micro']['f1']}")
    print(f"dev_messages: intent accuracy {d['intent_accuracy']}, hardship type {d['hardship_type_accuracy']}, cause {d['cause_accuracy']}")
