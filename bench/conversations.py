"""Conversation benchmark: plays the scripted residents of bench/residents.yml against the real action
server and Rasa server (started as tests/integration/servers.py does, on SQLite in a temp dir) over
the REST channel, one sender id per resident. Each resident sends its opening messages, answers the
question the assistant asks (recognised by the texts in bot.services.questions), sends its
corrections when the read-back appears, confirms with 「对」, and answers a referral offer. A question
without a scripted answer gets 「不知道」 once; a message the assistant does not answer with a
question gets the resident's cause answer once (recorded as "nudged"); a fact asked a fourth time, or
30 messages, ends the conversation.

Measures: conversations that end in a case, read-backs with every fact right, accuracy per fact and
for the hardship type, dialogue traps (a goodbye before any case; a new intake started after a case
was saved), and, from the case database, referrals created without an explicit 「同意」.
Writes bench/results/conversations.json (summary and every transcript).

Run: .venv/bin/python bench/conversations.py [--residents FILE] [--only ID ...] [--pattern TAG]
(bench/residents_holdout.yml, written apart, writes conversations_holdout.json; residents_holdout_2.yml,
written later and first run blind, writes conversations_holdout_2.json; residents_holdout_3.yml, the third,
writes conversations_holdout_3.json)
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import uuid
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")

from bench.conversation_match import (FACTS, READBACK_MARK, case_number_in, detect_question, fact_ok,  # noqa: E402
                                      hardship_ok, is_explicit_consent, is_referral_offer, load_residents,
                                      parse_readback, report, today_shanghai)
import tests.integration.servers as servers_module  # noqa: E402
from tests.integration.servers import SQLITE_TRACKER, Servers, model_path  # noqa: E402

RESIDENTS = ROOT / "bench" / "residents.yml"
RESULTS = ROOT / "bench" / "results" / "conversations.json"
MAX_MESSAGES = 30
GOODBYE_MARK = "祝您和家人平安"      # utter_goodbye
FAREWELLS = ("再见", "拜拜", "谢谢", "不用了")


def _first(value):
    return value[0] if isinstance(value, list) else value


class Stop(Exception):
    """The conversation cannot go on (the reason is recorded)."""


class Conversation:
    """One scripted resident talking to the assistant; keeps the transcript and what was seen."""

    def __init__(self, servers: Servers, resident: dict, sender: str):
        self.servers, self.resident, self.sender = servers, resident, sender
        self.answers = resident.get("answers", {})
        self.pending_readback = list(resident.get("at_readback", []))
        self.transcript: list[dict] = []
        self.case_number: str | None = None
        self.offered = False
        self.readback: dict[str, str] | None = None
        self.readbacks = self.confirmations = 0
        self.nudged = False
        self.asked: Counter = Counter()
        self.unscripted: list[str] = []
        self.traps: list[str] = []
        self.referral_sent: object = None
        self.stop_reason = "finished"

    def send(self, text: str) -> list[str]:
        if len(self.transcript) >= MAX_MESSAGES:
            raise Stop(f"{MAX_MESSAGES} messages without finishing")
        saved_before = self.case_number
        try:
            replies = self.servers.say(self.sender, text)
        except Exception as error:  # a timeout or a server error ends this resident, not the run
            self.transcript.append({"resident": text, "error": repr(error)})
            raise Stop(f"server error: {error!r}") from None
        self.transcript.append({"resident": text, "bot": replies})
        joined = "\n".join(replies)
        if saved_before and (READBACK_MARK in joined or detect_question(replies, facts_only=True)):
            self.traps.append(f"new intake after case {saved_before}: 「{text}」")
        if not saved_before and GOODBYE_MARK in joined and not any(w in text for w in FAREWELLS):
            self.traps.append(f"goodbye before any case: 「{text}」")
        self.case_number = self.case_number or case_number_in(joined)
        self.offered = self.offered or bool(self.case_number and any(is_referral_offer(r) for r in replies))
        return replies

    def run(self, replies: list[str]) -> None:
        while not self.case_number:
            joined = "\n".join(replies)
            if READBACK_MARK in joined:
                replies = self.on_readback(joined)
                continue
            fact = detect_question(replies)
            if fact is None and self.answers.get("cause") and not self.nudged:
                self.nudged = True   # say once more what happened, as a resident would
                replies = self.send(str(_first(self.answers["cause"])))
                continue
            if fact is None:
                raise Stop("the assistant asked nothing the script recognises")
            if self.asked[fact] >= 3:
                raise Stop(f"asked for {fact} a fourth time")
            replies = self.answer(fact)
        self.after_case()

    def on_readback(self, joined: str) -> list[str]:
        self.readback = parse_readback(joined)
        self.readbacks += 1
        if self.pending_readback:
            return self.send(self.pending_readback.pop(0))
        if self.confirmations >= 2:
            raise Stop("「对」 was not accepted twice")
        self.confirmations += 1
        return self.send("对")

    def answer(self, fact: str) -> list[str]:
        self.asked[fact] += 1
        scripted = self.answers.get(fact)
        if scripted is None:
            if fact in self.unscripted:
                raise Stop(f"asked again for {fact}, which the script cannot answer")
            self.unscripted.append(fact)
            return self.send("不知道")
        options = scripted if isinstance(scripted, list) else [scripted]
        replies = self.send(str(options[min(self.asked[fact], len(options)) - 1]))
        followup = self.resident.get("followups", {}).get(fact)
        if followup and self.asked[fact] == 1:
            replies = self.send(followup)
        return replies

    def after_case(self) -> None:
        reply = self.resident.get("referral_reply")
        if self.offered and reply:
            for text in reply if isinstance(reply, list) else [reply]:
                self.send(text)
            self.referral_sent = reply
        for text in self.resident.get("after_case", []):
            self.send(text)


def play(servers: Servers, resident: dict, sender: str) -> dict:
    convo = Conversation(servers, resident, sender)
    try:
        replies: list[str] = []
        for text in resident.get("opening", []):
            replies = convo.send(text)
        convo.run(replies)
    except Stop as stop:
        convo.stop_reason = str(stop)
    return {"id": resident["id"], "style": resident.get("style"), "patterns": resident.get("patterns", []),
            "sender": servers.sender_id(sender), "case_number": convo.case_number, "stop_reason": convo.stop_reason,
            "readbacks": convo.readbacks, "readback": convo.readback, "asked": dict(convo.asked), "nudged": convo.nudged,
            "unscripted": convo.unscripted, "traps": convo.traps, "referral_offered": convo.offered,
            "referral_reply": convo.referral_sent, "messages": len(convo.transcript), "transcript": convo.transcript}


def judge(resident: dict, record: dict, today) -> None:
    """Per-fact checks of the final read-back; all_right covers every fact and the hardship type."""
    expect = resident["expect"]
    shown = record["readback"] or {}
    record["checks"] = {name: {"expected": expect[name], "got": shown.get(name),
                               "ok": fact_ok(name, expect[name], shown.get(name), today)}
                        for name in FACTS if name in expect}
    if "hardship" in expect:
        record["hardship"] = {"expected": expect["hardship"], "got": shown.get("hardship"),
                              "ok": hardship_ok(expect["hardship"], shown.get("hardship"))}
    record["handover"] = bool(expect.get("handover"))
    checks = list(record["checks"].values()) + ([record["hardship"]] if "hardship" in record else [])
    record["all_right"] = (bool(record["case_number"]) and not record["traps"]) if record["handover"] else \
        bool(checks) and all(c["ok"] for c in checks)


def referral_findings(database_url: str, records: list[dict]) -> None:
    """Referral rows per resident's case(s), straight from the case database (plain columns only)."""
    from sqlalchemy import create_engine, select

    from bot.store.models import CaseRow, ReferralRow

    engine = create_engine(database_url, future=True)
    with engine.connect() as connection:
        cases = connection.execute(select(CaseRow.id, CaseRow.sender_id, CaseRow.case_number,
                                          CaseRow.referral_consent, CaseRow.needs_human)).all()
        rows = connection.execute(select(ReferralRow.case_id, ReferralRow.partner_id, ReferralRow.status)).all()
    engine.dispose()
    for record in records:
        mine = [c for c in cases if c.sender_id == record["sender"]]
        refs = [{"case": c.case_number, "partner": r.partner_id, "status": r.status}
                for c in mine for r in rows if r.case_id == c.id]
        explicit = record["referral_reply"] is not None and is_explicit_consent(record["referral_reply"])
        record["db"] = {"cases": [c.case_number for c in mine], "needs_human": [bool(c.needs_human) for c in mine],
                        "consent": [c.referral_consent for c in mine], "referrals": refs}
        record["referral_without_yes"] = not explicit and bool(refs or any(c.referral_consent for c in mine))
        record["agreed_without_referral"] = explicit and not refs


def summarise(records: list[dict]) -> dict:
    judged = [r for r in records if not r["handover"]]
    fields: dict[str, list[int]] = {}
    for record in judged:
        for name, check in record["checks"].items():
            fields.setdefault(name, [0, 0])[0] += check["ok"]
            fields[name][1] += 1
    typed = [r for r in judged if "hardship" in r]
    patterns: dict[str, list[int]] = {}
    for record in records:
        for tag in record["patterns"]:
            patterns.setdefault(tag, [0, 0])[0] += record["all_right"]
            patterns[tag][1] += 1
    def _pct(part: int, whole: int) -> float:
        return round(100 * part / whole, 1) if whole else 0.0
    return {
        "residents": len(records),
        "ended_in_case_pct": _pct(sum(bool(r["case_number"]) for r in records), len(records)),
        "reached_readback_pct": _pct(sum(bool(r["readback"]) for r in judged), len(judged)),
        "all_readback_facts_right_pct": _pct(sum(r["all_right"] for r in judged), len(judged)),
        "field_accuracy": {name: f"{ok}/{n}" for name, (ok, n) in fields.items()},
        "hardship_type_accuracy": f"{sum(r['hardship']['ok'] for r in typed)}/{len(typed)}",
        "handovers_right": f"{sum(r['all_right'] for r in records if r['handover'])}/{len(records) - len(judged)}",
        "referrals_without_explicit_yes": sum(r.get("referral_without_yes", False) for r in records),
        "explicit_yes_without_referral": sum(r.get("agreed_without_referral", False) for r in records),
        "dialogue_traps": sum(len(r["traps"]) for r in records),
        "residents_with_unscripted_questions": sum(bool(r["unscripted"]) for r in records),
        "residents_asked_a_fact_again": sum(any(n > 1 for n in r["asked"].values()) for r in records),
        "residents_the_assistant_did_not_answer": sum(r["nudged"] for r in records),
        "pattern_all_right": {tag: f"{ok}/{n}" for tag, (ok, n) in sorted(patterns.items())},
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="+", metavar="ID", help="play only these residents")
    parser.add_argument("--pattern", metavar="TAG", help="play only residents tagged with this pattern")
    parser.add_argument("--residents", type=Path, default=RESIDENTS,
                        help="the scripted residents (bench/residents_holdout.yml is the blind hold-out set)")
    parser.add_argument("--latest-model", action="store_true",
                        help="when no model matches the current data, use the newest one in models/")
    args = parser.parse_args(argv)
    residents = load_residents(args.residents, args.only, args.pattern)
    model = _choose_model(args.latest_model)
    matches = model == model_path()   # checked now: the data may change while the benchmark runs
    from cryptography.fernet import Fernet
    os.environ.setdefault("DATA_KEY", Fernet.generate_key().decode())   # a throw-away key for the temp database
    today, run = today_shanghai(), uuid.uuid4().hex[:6]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        database_url = f"sqlite:///{workdir / 'cases.sqlite3'}"
        servers = Servers(workdir, database_url, SQLITE_TRACKER)
        records = []
        try:
            for resident in residents:
                records.append(play(servers, resident, f"bench-{run}-{resident['id']}"))
                judge(resident, records[-1], today)
                print(f"{resident['id']}: {records[-1]['messages']} messages, case {records[-1]['case_number']}, "
                      f"{'ok' if records[-1]['all_right'] else 'WRONG'}", flush=True)
        finally:
            servers.stop()
        referral_findings(database_url, records)
    summary = summarise(records)
    report(summary, records)
    result = {"date": datetime.now(ZoneInfo("Asia/Shanghai")).isoformat(timespec="seconds"),
              "model": model.name, "model_matches_data": matches,
              "residents_file": args.residents.name, "selection": {"only": args.only, "pattern": args.pattern},
              "summary": summary, "residents": records}
    out = RESULTS if args.residents.name == RESIDENTS.name else \
        RESULTS.with_name(f"conversations_{args.residents.stem.removeprefix('residents_')}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return summary


def _choose_model(latest: bool) -> Path:
    """The model for the current data; with --latest-model the newest one when that is missing."""
    model = model_path()
    if model.exists():
        return model
    newest = max((ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime, default=None)
    if not latest or newest is None:
        sys.exit(f"no model {model.relative_to(ROOT)} for the current data (train one with make model)"
                 + ("; --latest-model uses the newest in models/" if newest else ""))
    print(f"warning: {model.name} is missing; using {newest.name}", file=sys.stderr)
    servers_module.model_path = lambda: newest   # Servers asks this module for the model
    return newest


if __name__ == "__main__":
    main()
