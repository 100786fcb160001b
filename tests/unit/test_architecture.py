"""The dependency rule (ARCHITECTURE.md, in ../shared/design/): bot/domain and bot/policy import no framework, database,
HTTP or adapter module; actions/ reach the core only through bot.services."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ADAPTERS = ("rasa", "rasa_sdk", "sqlalchemy", "requests", "fastapi", "starlette", "sanic", "uvicorn", "aiohttp",
            "bot.store", "bot.services", "bot.web", "bot.channels", "bot.referrals", "bot.http_client")


def imports(path: Path, submodules: set[str] = frozenset()) -> set[str]:
    """The modules `path` imports; `from package import x` names `package.x` when that is one of
    `submodules`."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            named = {f"{node.module}.{alias.name}" for alias in node.names} & submodules
            found |= named or {node.module}
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


def test_adapters_point_inward():
    """The store and the understanding know nothing of the services; services nothing of the web or
    the channels; the understanding is pure like the domain."""
    assert offending("bot/store", ("bot.services", "bot.web", "bot.channels", "bot.referrals")) == []
    assert offending("bot/services", ("bot.web", "bot.channels", "fastapi", "starlette", "rasa", "rasa_sdk", "sqlalchemy")) == []
    assert offending("bot/understanding", ADAPTERS) == []


def _module_graph() -> dict[str, set[str]]:
    modules = {".".join(p.relative_to(ROOT).with_suffix("").parts): p for p in (ROOT / "bot").rglob("*.py")
               if "migrations" not in p.parts}
    modules = {name.removesuffix(".__init__"): path for name, path in modules.items()}
    return {name: {m for m in imports(path, set(modules)) if m in modules and m != name} for name, path in modules.items()}


def test_no_import_cycle_in_bot():
    graph, seen, stack, cycles = _module_graph(), set(), [], []

    def visit(node: str) -> None:
        if node in stack:
            cycles.append(stack[stack.index(node):] + [node])
            return
        if node in seen:
            return
        seen.add(node)
        stack.append(node)
        for nxt in sorted(graph[node]):
            visit(nxt)
        stack.pop()

    for module in sorted(graph):
        visit(module)
    assert cycles == []


def test_small_modules_and_functions():
    """≈ 300 lines a module, 60 a function (docstrings included), migrations apart."""
    long_modules, long_functions = [], []
    for path in sorted((ROOT / "bot").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 300:
            long_modules.append(str(path.relative_to(ROOT)))
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > 60:
                long_functions.append(f"{path.relative_to(ROOT)}:{node.name}")
    assert long_modules == [] and long_functions == []


def test_every_module_says_what_it_is_for():
    missing = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "bot").rglob("*.py"))
               if "versions" not in p.parts and p.stat().st_size and not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert missing == []
