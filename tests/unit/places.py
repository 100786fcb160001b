"""The place names the understanding tests read with, built as the assistant builds them (the
national division table and the townships of config/regions), once per test run."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from bot.policy.engine import engine_for
from bot.understanding.gazetteer import build as build_gazetteer


@lru_cache(maxsize=1)
def gazetteer():
    regions = engine_for(str(Path(__file__).resolve().parents[2] / "config")).regions
    return build_gazetteer({code: regions.get(code).townships for code in regions.codes()})
