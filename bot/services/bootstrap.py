"""Wires the adapters once: the unit of work for the configured database, migrated on first use."""
from __future__ import annotations

from functools import lru_cache

from bot.services.assessment import policy_engine
from bot.settings import get_settings
from bot.store import crypto
from bot.store.db import migrate, session_factory
from bot.store.unit_of_work import UnitOfWork
from bot.understanding.gazetteer import Gazetteer
from bot.understanding.gazetteer import build as build_gazetteer


@lru_cache(maxsize=4)
def _ready(url: str) -> bool:
    migrate(url)
    return True


@lru_cache(maxsize=4)
def _cipher(key: str | None, key_file: str) -> crypto.FieldCipher:
    from pathlib import Path

    return crypto.FieldCipher(crypto.load_or_create_keys(key, Path(key_file)))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Place names for understanding: the national table and the configured regions' townships."""
    regions = policy_engine().regions
    return build_gazetteer({code: regions.get(code).townships for code in regions.codes()})


def unit_of_work(url: str | None = None) -> UnitOfWork:
    settings = get_settings()
    crypto.configure(_cipher(settings.data_key, str(settings.data_key_file)))
    url = url or settings.database_url
    _ready(url)
    return UnitOfWork(session_factory(url))
