"""The dependency rule (ARCHITECTURE.md): bot/domain and bot/policy import no framework, database,
HTTP or adapter module; actions/ reach the core only through bot.services."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ADAPTERS = ("rasa", "rasa_sdk", "sqlalchemy", "requests", "fastapi", "starlette", "sanic", "uvicorn", "aiohttp",
            "bot.store", "bot.services", "bot.web", "bot.channels", "bot.referrals", "bot.http_client")


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def offending(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    return [f"{path.relative_to(ROOT)}: {name}" for path in sorted((ROOT / folder).rglob("*.py"))
            for name in sorted(imports(path)) if name.split(".")[0] in forbidden or name.startswith(forbidden)]


def test_domain_and_policy_are_pure():
    assert offending("bot/domain", ADAPTERS) == []
    assert offending("bot/policy", ADAPTERS) == []


def test_actions_use_services_not_the_store_or_the_web():
    assert offending("actions", ("sqlalchemy", "requests", "bot.store", "bot.web", "bot.referrals")) == []


def test_the_rule_check_sees_an_import():
    assert offending("bot/store", ("sqlalchemy",))        # the check does find an import where there is one
