"""主动发现 (bot/services/discovery, bot/understanding/signals) on the fake unit of work."""
from __future__ import annotations

import pytest

from bot.domain.casework import Refusal
from bot.services import discovery
from bot.services.errors import NotFound
from bot.understanding.signals import signals
from tests.unit.services.conftest import ADMIN, OPERATOR, TOWNSHIP


def test_signs_of_hardship_come_with_the_words_that_showed_them():
    assert [s.label for s in signals("隔壁王大爷一个人住，家里没有暖气")] == ["老人独居、生活无着"]
    assert signals("工地老板欠了我们三个月工资")[0].words == "欠了我们三个月工资"
    assert signals("我们村那条路什么时候修") == [] and signals("十年前着过一次火，现在都好") == []


def test_a_message_with_a_hardship_is_listed_and_an_operator_takes_it_as_a_call(deps, store):
    assert discovery.flag(deps, "rest", "rest:abc", "我们村那条路什么时候修") is None
    found = discovery.flag(deps, "wechat", "wechat:o1", "投诉消防车来得慢，我家邻居前天着火了，电话13812345678")
    row = discovery.listing(deps, TOWNSHIP)[0]
    assert row["id"] == found and row["signals"][0]["label"] == "火灾" and "138****5678" in row["text"]
    with pytest.raises(Refusal):
        discovery.take(deps, TOWNSHIP, found)                   # operators take calls
    view = discovery.take(deps, OPERATOR, found)
    assert view["id"] == found and any(f["name"] == "cause" and f["value"] == "火灾" for f in view["facts"])
    assert discovery.listing(deps, OPERATOR) == [] and store.cases == {}          # nothing created for the resident
    with pytest.raises(NotFound):
        discovery.take(deps, OPERATOR, found)


def test_a_listed_message_can_be_set_aside_with_a_note(deps):
    found = discovery.flag(deps, "rest", "rest:x", "孩子爸妈都不要他了，孩子没人养")
    with pytest.raises(Refusal):
        discovery.set_aside(deps, TOWNSHIP, found, " ")
    discovery.set_aside(deps, TOWNSHIP, found, "已转交妇联和村委会")
    assert discovery.listing(deps, TOWNSHIP) == []
    with pytest.raises(Refusal):
        discovery.listing(deps, ADMIN)
