"""The composition root: builds the policy engine, the partner catalogue, the data cipher and the
unit-of-work factory once and hands them to the services as one `Deps`. Nothing below it looks a
dependency up on its own; each process (action server, web app, worker, scripts) calls `bootstrap`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from threading import Lock
from typing import Callable
from zoneinfo import ZoneInfo

import yaml

from bot.domain.referral import Partner
from bot.policy.engine import PolicyEngine, engine_for
from bot.policy.referrals import load_catalogue
from bot.settings import Settings, get_settings
from bot.store import crypto
from bot.store.db import migrate, session_factory
from bot.store.unit_of_work import UnitOfWork
from bot.understanding.cause_model import CauseModel, examples_from, no_story_texts
from bot.understanding.gazetteer import Gazetteer
from bot.understanding.gazetteer import build as build_gazetteer


@dataclass(frozen=True)
class Deps:
    """What a service may use: a fresh unit of work per transaction, the policy engine, the partner
    catalogue, the settings, the place names and the cause model (both built on first use: jionlp's
    tables are large, the model trains in about a second)."""

    uow: Callable[[], UnitOfWork]
    policy: PolicyEngine
    partners: dict[str, Partner]
    settings: Settings
    places: Callable[[], Gazetteer] = field(default=lambda: None)
    causes: Callable[[], CauseModel | None] = field(default=lambda: None)
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(timezone.utc))

    def today(self) -> date:
        """Today where the offices are (Asia/Shanghai by default): a payment at 00:48 Beijing time is
        dated that day, not the day before as in UTC."""
        return self.clock().astimezone(ZoneInfo(self.settings.timezone)).date()

    def local(self, at: datetime | None) -> str | None:
        """A stored time (UTC, without zone) as the office's local time with its offset."""
        if at is None:
            return None
        aware = at if at.tzinfo else at.replace(tzinfo=timezone.utc)
        return aware.astimezone(ZoneInfo(self.settings.timezone)).isoformat(timespec="seconds")


@lru_cache(maxsize=4)
def _migrated(url: str) -> bool:
    migrate(url)
    return True


@lru_cache(maxsize=4)
def _cipher(key: str | None, key_file: str) -> crypto.FieldCipher:
    cipher = crypto.FieldCipher(crypto.load_or_create_keys(key, Path(key_file)))
    return cipher


@lru_cache(maxsize=4)
def _catalogue(directory: str) -> dict[str, Partner]:
    return load_catalogue(Path(directory))


@lru_cache(maxsize=4)
def _gazetteer(config_dir: str) -> Gazetteer:
    regions = engine_for(config_dir).regions
    return build_gazetteer({code: regions.get(code).townships for code in regions.codes()})


@lru_cache(maxsize=4)
def _cause_model(corpus_dir: str | None, nlu_dir: str | None) -> CauseModel | None:
    """The cause model trained on the written examples in `corpus_dir` (*.yml) and the NLU examples of
    `nlu_dir` that tell no story, or None without a corpus."""
    def load(directory: str | None) -> list:
        return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(Path(directory).glob("*.yml"))] \
            if directory else []

    items = [item for document in load(corpus_dir) for item in document or []]
    nlu = [block for document in load(nlu_dir) for block in (document or {}).get("nlu") or []]
    return CauseModel(examples_from(items, no_story_texts(nlu))) if items else None


_built: dict[tuple[int, str], Deps] = {}
_lock = Lock()


def bootstrap(database_url: str | None = None) -> Deps:
    """The dependencies for the current settings and `database_url` (default: the configured one),
    built once; the schema is migrated on first use. New settings (tests change the environment
    and clear the settings cache) give new dependencies."""
    settings = get_settings()
    url = database_url or settings.database_url
    key = (id(settings), url)
    with _lock:
        deps = _built.get(key)
        if deps is None or deps.settings is not settings:
            cipher = _cipher(settings.data_key, str(settings.data_key_file))
            crypto.configure(cipher)   # the encrypted column types read it
            _migrated(url)
            factory = session_factory(url)
            config = str(settings.config_dir)
            deps = Deps(uow=lambda: UnitOfWork(factory, cipher), policy=engine_for(config),
                        partners=_catalogue(str(settings.config_dir / "partners")), settings=settings,
                        places=lambda: _gazetteer(config), causes=lambda: _cause_model(*_corpus(settings)))
            if len(_built) > 16:
                _built.clear()
            _built[key] = deps
        return deps


def unit_of_work(database_url: str | None = None) -> UnitOfWork:
    """A unit of work on the configured database (for scripts and tests that read the store)."""
    return bootstrap(database_url).uow()


def causes() -> CauseModel | None:
    """The cause model of the configured corpus, without a database (for benchmarks and tests)."""
    return _cause_model(*_corpus(get_settings()))


def _corpus(settings: Settings) -> tuple[str | None, str | None]:
    return (str(settings.cause_corpus_dir) if settings.cause_corpus_dir else None,
            str(settings.nlu_data_dir) if settings.nlu_data_dir else None)


def gazetteer() -> Gazetteer:
    """The place names of the configured regions, without a database (for the understanding's tests
    and benchmarks)."""
    return _gazetteer(str(get_settings().config_dir))
