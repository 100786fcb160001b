"""`python -m bot.policy assess FILE.json`: the assessment as JSON and as readable Chinese text,
for what-if questions. FILE holds the fields of bot.domain.application.Application (dates as
YYYY-MM-DD, `past` as a list of {case_number, cause, applied_on, received})."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from bot.domain.application import Application, PastAssistance
from bot.policy.engine import PolicyEngine
from bot.policy.regions import RegionConfigError, UnknownRegion

CONFIG = Path(__file__).resolve().parents[2] / "config"
DATE_FIELDS = ("event_date", "accepted_on")


def application_from_json(data: dict) -> Application:
    known = set(Application.__dataclass_fields__)
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"unknown fields: {', '.join(sorted(unknown))}")
    values = dict(data)
    for name in DATE_FIELDS:
        if values.get(name):
            values[name] = date.fromisoformat(values[name])
    for name in ("other_causes", "priority_groups"):
        values[name] = tuple(values.get(name) or ())
    values["past"] = tuple(PastAssistance(p["case_number"], p.get("cause"), date.fromisoformat(p["applied_on"]), p.get("received", True))
                           for p in values.get("past") or ())
    return Application(**values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.policy")
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("assess", help="assess an application given as JSON")
    cmd.add_argument("file", type=Path)
    cmd.add_argument("--today", type=date.fromisoformat, default=date.today())
    cmd.add_argument("--config", type=Path, default=CONFIG)
    args = parser.parse_args(argv)
    try:
        app = application_from_json(json.loads(args.file.read_text(encoding="utf-8")))
        result = PolicyEngine.load(args.config).assess(app, args.today)
    except (OSError, ValueError, KeyError, TypeError, RegionConfigError, UnknownRegion) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    print()
    print(result.as_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
