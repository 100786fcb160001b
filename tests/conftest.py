"""Shared fixtures: a fresh database per test on SQLite and, when reachable, PostgreSQL.

PostgreSQL is looked for at TEST_POSTGRES_URL (default 127.0.0.1:5432, database `test`). When it
is not running, the fixture tries to start the local cluster (and, as root with REQUIRE_SERVICES=1,
to install it). Where it still cannot be had the tests are skipped with a loud reason, and with
REQUIRE_SERVICES=1 (set by .ci/run) that skip becomes a failure.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import uuid

import pytest

POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")
REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def service_unavailable(what: str) -> None:
    message = f"SKIPPED LOUDLY: {what} is not available, so the tests that need it did not run"
    if REQUIRE_SERVICES:
        pytest.fail(message + " (REQUIRE_SERVICES=1 turns this skip into a failure)")
    print("\n" + "!" * 20 + " " + message)
    pytest.skip(message)


def _postgres_reachable() -> bool:
    from sqlalchemy import create_engine, text

    try:
        engine = create_engine(POSTGRES_ADMIN_URL, future=True)
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        engine.dispose()
        return True
    except Exception:
        return False


def _start_postgres() -> None:
    if shutil.which("pg_ctlcluster") is None and REQUIRE_SERVICES and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-q", "postgresql"], check=False,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    if shutil.which("pg_ctlcluster") and os.path.isdir("/etc/postgresql"):
        for version in os.listdir("/etc/postgresql"):
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], check=False)


@pytest.fixture(scope="session", autouse=True)
def data_key():
    """A fresh data key for the whole run (servers started by tests inherit it)."""
    from cryptography.fernet import Fernet

    from bot.settings import get_settings

    previous = os.environ.get("DATA_KEY")
    os.environ["DATA_KEY"] = Fernet.generate_key().decode()
    get_settings.cache_clear()
    yield os.environ["DATA_KEY"]
    if previous is None:
        os.environ.pop("DATA_KEY", None)
    else:
        os.environ["DATA_KEY"] = previous
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def postgres_admin_url() -> str:
    if not _postgres_reachable():
        _start_postgres()
        if not _postgres_reachable():
            service_unavailable(f"PostgreSQL at {POSTGRES_ADMIN_URL}")
    return POSTGRES_ADMIN_URL


@contextlib.contextmanager
def _fresh_database(request, kind: str, directory):
    """A new, empty database (not yet migrated): a SQLite file in `directory`, or a PostgreSQL
    database created for the test and dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{directory / 'cases.sqlite3'}"
        return
    from sqlalchemy import create_engine, text

    admin = request.getfixturevalue("postgres_admin_url")
    name = f"linshi_test_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin, future=True, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    yield admin.rsplit("/", 1)[0] + "/" + name
    from bot.store.db import session_factory

    session_factory.cache_clear()
    with engine.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """A fresh, empty database URL (not yet migrated) on each backend."""
    with _fresh_database(request, request.param, tmp_path) as url:
        yield url


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_database_url(request, tmp_path_factory) -> str:
    """Like database_url, shared by the tests of one module (for a server started once per module)."""
    with _fresh_database(request, request.param, tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture
def settings_env(monkeypatch, database_url):
    """Points the one settings loader at `database_url` for code that reads settings itself."""
    from bot.settings import get_settings

    monkeypatch.setenv("DATABASE_URL", database_url)
    get_settings.cache_clear()
    yield database_url
    get_settings.cache_clear()
