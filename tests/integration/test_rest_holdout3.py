"""Dialogue defects the third hold-out of scripted residents found, over the REST channel (sqlite
set-up): more of the story while a question waits got 「抱歉，我没太明白」, an opener that only asks to
ask and a job lost with its wages unpaid got 「这个问题不归临时救助管」."""
from __future__ import annotations

import pytest

from tests.integration.servers import SQLITE_TRACKER, Servers

NOT_UNDERSTOOD, NOT_OURS = "没太明白", "不归临时救助管"


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("holdout3")
    started = Servers(workdir, f"sqlite:///{workdir / 'cases.sqlite3'}", SQLITE_TRACKER)
    yield started
    started.stop()


def _converse(servers: Servers, sender: str, messages: list[str]) -> list[str]:
    return ["\n".join(servers.say(sender, message)) for message in messages]


def test_more_of_the_story_while_the_place_is_asked_is_taken_and_the_question_asked_again(servers):
    """「俺家西屋墙塌了🏚 房顶也漏了 没法住了😭」 while the place was asked got 「抱歉，我没太明白」."""
    replies = _converse(servers, "story-aside", [
        "下大暴雨，俺家遭灾了", "俺家西屋墙塌了🏚 房顶也漏了 没法住了😭", "襄城县王洛镇的", "前天", "一样", "四口人",
        "井玉珍", "13812340071", "暂不提供", "都不是"])
    assert NOT_UNDERSTOOD not in replies[1] and "记下了" in replies[1] and "发生在哪里" in replies[1]
    assert "什么时候" in replies[2]   # the place answered the question asked again
    assert "请核对" in replies[-1] and "西屋墙塌了" in replies[-1]   # the story is in 情况说明


def test_more_of_the_story_while_the_date_is_asked(servers):
    replies = _converse(servers, "story-aside-date", ["我家着火了", "鄢陵县马栏镇", "房子烧得啥也不剩了 一家人没地方住", "昨天"])
    assert NOT_UNDERSTOOD not in replies[2] and "什么时候" in replies[2]
    assert "户口" in replies[3]


@pytest.mark.parametrize("opener", ["老师 我想问一哈", "大妹子 跟你打听个事儿", "您好，我是村小的老师，替俺村张大爷问问。"])
def test_an_opener_that_asks_to_ask_is_invited_to_say_what_happened(servers, opener):
    reply = _converse(servers, f"ask-to-ask-{opener}", [opener])[0]
    assert NOT_OURS not in reply and "情况告诉我" in reply


def test_a_job_lost_with_wages_unpaid_is_a_request_and_says_where_wages_go(servers):
    reply = _converse(servers, "lost-job", ["俺在南昌市青山湖区一个鞋厂干了五年 上个月厂子黄了 老板跑了 俩月工资都没给"])[0]
    assert NOT_OURS not in reply and "12333" in reply and "发生在哪里" in reply


def test_an_operator_note_that_the_caller_gives_only_a_surname_is_an_answer_not_more_story(servers):
    """「来电人不愿提供全名，称刘女士即可」 at the name question was taken as more of the story (a long
    message the model reads as a request): 「好的，您说的情况我记下了」 and the name asked for ever."""
    replies = _converse(servers, "surname-only", [
        "来电人反映家中昨晚失火，房屋烧毁", "鄢陵县马栏镇", "一样", "四口人",
        "来电人不愿提供全名，称刘女士即可", "来电人不愿提供全名，称刘女士即可"])
    assert "记下了" not in replies[4] and "全名" in replies[4]
    assert "电话" in replies[5]   # the surname taken the second time, as for any resident
