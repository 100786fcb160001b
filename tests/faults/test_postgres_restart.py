"""Fault: PostgreSQL restarts in the middle of a conversation on the production set-up (PostgreSQL
tracker and case store, Redis lock store). Connections are checked before use, so the resident
notices nothing: every message is answered normally and the case is saved once."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import time

from sqlalchemy import create_engine, func, select, text

from bot.services.bootstrap import unit_of_work
from bot.store.models import CaseRow
from tests.conftest import service_unavailable
from tests.integration.servers import production_servers

MESSAGES = ["我家昨晚着火了，房子烧没了，一家四口现在没地方住", "鄢陵县马栏镇", "一样", "我叫王小明", "13812345678",
            "411024198503150014", "都不是", "对"]


def _restart_postgres(admin_url: str) -> None:
    if not (shutil.which("pg_ctlcluster") and os.path.isdir("/etc/postgresql")):
        service_unavailable("pg_ctlcluster, to restart the local PostgreSQL")
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"], check=True, capture_output=True)
    engine = create_engine(admin_url, future=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with engine.connect() as connection:
                connection.execute(text("select 1"))
            break
        except Exception:
            time.sleep(0.5)
    engine.dispose()


def test_a_postgres_restart_mid_conversation_loses_nothing(postgres_admin_url, tmp_path):
    servers = production_servers(tmp_path, postgres_admin_url)
    try:
        replies = [servers.say("pg-restart", m) for m in MESSAGES[:4]]
        _restart_postgres(postgres_admin_url)
        replies += [servers.say("pg-restart", m) for m in MESSAGES[4:]]
        assert all(r for r in replies) and not any("稍后再试" in " ".join(r) for r in replies), replies
        number = re.search(r"LS\d+", " ".join(replies[-1])).group(0)
        with unit_of_work(servers.database_url) as uow:
            assert uow.session.execute(select(func.count()).select_from(CaseRow)).scalar_one() == 1
            assert uow.cases.by_number(number).household.household_size == 4
    finally:
        servers.stop()
