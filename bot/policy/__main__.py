"""`python -m bot.policy assess FILE.json`: the assessment as JSON and as readable Chinese text,
with the document and the figures each conclusion used, for what-if questions. FILE holds the
fields of bot.domain.application.Application (dates as YYYY-MM-DD, `past` as a list of
{case_number, cause, applied_on, received}); a mistake in it is a Chinese message and exit 2."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from bot.policy.cli_input import InputError, application_from_json
from bot.policy.documents import PolicyConfigError
from bot.policy.engine import PolicyEngine
from bot.policy.regions import RegionConfigError, UnknownRegion

CONFIG = Path(__file__).resolve().parents[2] / "config"

__all__ = ["application_from_json", "main"]


def _read(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"无法读取文件 {path}：{exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"文件不是有效的 JSON：{exc}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.policy")
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("assess", help="assess an application given as JSON")
    cmd.add_argument("file", type=Path)
    cmd.add_argument("--today", type=date.fromisoformat, default=date.today())
    cmd.add_argument("--config", type=Path, default=CONFIG)
    args = parser.parse_args(argv)
    try:
        app = application_from_json(_read(args.file))
        result = PolicyEngine.load(args.config).assess(app, args.today)
    except (InputError, RegionConfigError, PolicyConfigError, UnknownRegion) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    print()
    print(result.as_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
