"""Fault: the action server is killed (kill -9) in the middle of a conversation. The resident's next
message gets 「请稍后再试」 instead of silence, nothing half-written is stored, and once the server
is back the same conversation finishes with exactly one case."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from bot.services.bootstrap import unit_of_work
from bot.store.models import CaseRow, HouseholdRow
from tests.integration.servers import SQLITE_TRACKER, Servers


def test_a_killed_action_server_costs_a_retry_not_the_conversation(tmp_path):
    url = f"sqlite:///{tmp_path / 'cases.sqlite3'}"
    servers = Servers(tmp_path, url, SQLITE_TRACKER)
    try:
        for text in ("我家昨晚着火了，房子烧没了，一家四口现在没地方住", "鄢陵县马栏镇", "一样", "我叫王小明", "13812345678",
                     "411024198503150014"):
            servers.say("fault-1", text)
        summary = servers.say("fault-1", "都不是")
        assert "请核对" in summary[-1]
        servers.kill_actions()
        during = servers.say("fault-1", "对")
        assert during and "稍后再试" in during[-1]
        with unit_of_work(url) as uow:
            assert uow.session.execute(select(func.count()).select_from(CaseRow)).scalar_one() == 0
            assert uow.session.execute(select(func.count()).select_from(HouseholdRow)).scalar_one() == 0
        servers.restart_actions()
        after = " ".join(servers.say("fault-1", "对"))
        number = re.search(r"LS\d+", after).group(0)
        with unit_of_work(url) as uow:
            assert uow.session.execute(select(func.count()).select_from(CaseRow)).scalar_one() == 1
            assert uow.cases.by_number(number).household.phone == "13812345678"
    finally:
        servers.stop()
