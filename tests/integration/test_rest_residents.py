"""Residents' answers that the intake form misreads, found by playing residents over the REST
channel (sqlite set-up): the reply to each question, and the read-back's facts."""
from __future__ import annotations

import pytest

from tests.integration.servers import SQLITE_TRACKER, Servers

FIRE_UNTIL_SIZE = ["我家着火了", "鄢陵县马栏镇", "昨天", "一样"]


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("residents")
    started = Servers(workdir, f"sqlite:///{workdir / 'cases.sqlite3'}", SQLITE_TRACKER)
    yield started
    started.stop()


def _converse(servers: Servers, sender: str, messages: list[str]) -> list[str]:
    """The replies to each message, joined per message."""
    return ["\n".join(servers.say(sender, message)) for message in messages]


@pytest.mark.parametrize("answer", ["一样", "一会儿再说"])
def test_a_household_size_answer_without_a_count_is_asked_again_not_read_as_one(servers, answer):
    """「一样」/「一会儿再说」 to 「家里一起生活的一共几口人？」 were taken as 1 person (the 一 in them)."""
    replies = _converse(servers, f"size-{answer}", FIRE_UNTIL_SIZE + [answer])
    assert "几口人" in replies[-1] and "姓名" not in replies[-1]


def test_an_out_of_pocket_sum_given_as_income_is_not_a_monthly_income(servers):
    """The income question answered with what the family paid itself (自己还掏了十来万) became
    「家庭月收入：每月100,000元」 in the read-back."""
    replies = _converse(servers, "income-paid", [
        "俺媳妇得了白血病，住院花了二三十万了，家里实在是没钱了", "鄢陵县望田镇", "上个月", "一样", "四口人",
        "李大壮", "13812340056", "暂不提供", "是低保户", "报了一些，自己还掏了十来万"])
    assert "每月100,000元" not in replies[-1]
    assert "不是每月收入" in replies[-1] and "收入" in replies[-1]   # told why, and asked again


def test_a_place_remembered_after_i_do_not_know_is_kept_and_the_form_goes_on(servers):
    """「不知道」 to the place, then the place at the date question: the generic 「抱歉，我没太明白」
    without any question, and the place lost (事发地点：待核实 in the read-back)."""
    replies = _converse(servers, "place-later", [
        "孩子突发重病住院了", "不知道", "想起来了，是鄢陵县只乐镇", "上个月", "一样", "三口", "郑红",
        "13812340054", "暂不提供", "都不是", "五万", "一千"])
    assert "没太明白" not in replies[2] and "什么时候" in replies[2]
    assert "事发地点：鄢陵县只乐镇" in replies[-1]


def test_an_unusable_answer_is_not_added_to_the_description(servers):
    """「很多很多」 to the expense question was asked again, and also appended to 情况说明 in the
    read-back (and the case), while the resident's story was corrected."""
    replies = _converse(servers, "description", FIRE_UNTIL_SIZE + [
        "三口", "高九", "13812340099", "暂不提供", "不对，不是着火，是孩子上学交不起学费", "都不是", "很多很多",
        "不知道", "八千"])
    assert "请核对" in replies[-1] and "很多很多" not in replies[-1]


def test_trying_again_as_the_assistant_suggested_is_no_goodbye(servers):
    """After three unusable phone numbers the assistant offers a person 「也可以再试一次」;
    「再试一次」 got 「好的，祝您和家人平安。需要时随时再联系我们。」 and then the question."""
    replies = _converse(servers, "try-again", FIRE_UNTIL_SIZE + ["三口", "高六", "不知道", "没有", "不记得", "再试一次"])
    assert "再试一次" in replies[-2]
    assert "祝您和家人平安" not in replies[-1] and "电话" in replies[-1]
