"""Wires the adapters once: the unit of work for the configured database, migrated on first use."""
from __future__ import annotations

from functools import lru_cache

from bot.settings import get_settings
from bot.store.db import migrate, session_factory
from bot.store.unit_of_work import UnitOfWork


@lru_cache(maxsize=4)
def _ready(url: str) -> bool:
    migrate(url)
    return True


def unit_of_work(url: str | None = None) -> UnitOfWork:
    url = url or get_settings().database_url
    _ready(url)
    return UnitOfWork(session_factory(url))
