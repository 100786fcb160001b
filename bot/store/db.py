"""The one engine and session factory, and schema migration with Alembic (no engine at import)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # A file database keeps its connections (SQLAlchemy 1.4 opens and closes one per session for a
        # file, and each close checkpoints the WAL: a third of a case submission's time).
        pooled = {"poolclass": QueuePool, "pool_size": 5, "max_overflow": 10} if path and path != ":memory:" else {}
        engine = create_engine(url, future=True, connect_args={"check_same_thread": False, "timeout": 30}, **pooled)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # pragma: no cover - driver hook
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, future=True, pool_pre_ping=True)


@lru_cache(maxsize=8)
def session_factory(url: str) -> sessionmaker:
    return sessionmaker(bind=make_engine(url), future=True, expire_on_commit=False)


def alembic_config(url: str):
    """The Alembic configuration of our migrations for the database at `url`."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def migrate(url: str) -> None:
    """Bring the schema at `url` to the newest Alembic revision."""
    from alembic import command

    command.upgrade(alembic_config(url), "head")
