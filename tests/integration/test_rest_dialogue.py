"""Dialogue defects a tester found playing residents over the REST channel (issue #13), each played
against the real Rasa and action servers (sqlite set-up): a change of mind on the referral, applying
again after a cancel, questions about contact in the middle of the form, pinyin, and a phone number
sent after a status answer."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from tests.integration.servers import SQLITE_TRACKER, Servers

FIRE_CASE = ["我家着火了", "鄢陵县马栏镇", "昨天", "一样", "四口人", "李大壮", "13812340056", "暂不提供", "是低保户", "对"]


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("dialogue")
    started = Servers(workdir, f"sqlite:///{workdir / 'cases.sqlite3'}", SQLITE_TRACKER)
    yield started
    started.stop()


def _converse(servers: Servers, sender: str, messages: list[str]) -> list[str]:
    return ["\n".join(servers.say(sender, message)) for message in messages]


def _referrals(servers: Servers) -> int:
    engine = create_engine(servers.database_url, future=True)
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM referrals")).scalar_one()
    finally:
        engine.dispose()


@pytest.mark.parametrize("change", ["我又想了想，同意吧", "还是转介吧，同意转介"])
def test_a_resident_who_declined_the_referral_may_still_consent_explicitly(servers, change):
    """After 「不同意」, 「同意转介」 got 「抱歉，我没太明白」 and nothing was recorded."""
    before = _referrals(servers)
    replies = _converse(servers, f"late-{change}", FIRE_CASE + ["不同意", "好的", change])
    assert "同意转介" in replies[len(FIRE_CASE) - 1]          # the offer was made
    assert "不会把您的信息转给" in replies[-3]
    assert "已把您的情况转给" not in replies[-2]               # a bare 好的 is no consent
    assert "已把您的情况转给" in replies[-1] and _referrals(servers) == before + 1


def test_a_note_that_mentions_agreeing_in_passing_is_no_consent(servers):
    before = _referrals(servers)
    replies = _converse(servers, "late-note", FIRE_CASE + ["不同意", "我同意你们说的，另外俺家里还有两个老人要人照顾"])
    assert "已把您的情况转给" not in replies[-1] and _referrals(servers) == before


def test_applying_again_after_a_confirmed_cancel_starts_the_intake(servers):
    """「我还是想申请」 after 「算了」 「是」 got 「抱歉，我没太明白」 (the tester saw a status question)."""
    replies = _converse(servers, "again", ["我家着火了", "算了", "是", "我还是想申请"])
    assert "已取消" in replies[2]
    assert "遇到了什么困难" in replies[3] and "案件编号" not in replies[3]


@pytest.mark.parametrize("question", ["你们电话多少", "能打电话给我吗"])
def test_a_contact_question_mid_form_is_answered_and_the_question_asked_again(servers, question):
    """「你们电话多少」 was answered with the amounts of aid; no number is invented."""
    replies = _converse(servers, f"contact-{question}", ["我家着火了", "鄢陵县马栏镇", question, "昨天"])
    assert "电话" in replies[2] and "救助金额" not in replies[2] and "什么时候" in replies[2]
    assert "户口" in replies[3]   # 「昨天」 still answers the date question


def test_pinyin_is_answered_with_a_request_for_characters(servers):
    """「wo jia zhao huo le」 got the greeting, 「xie xie」 「抱歉，我没太明白」 without a word of characters."""
    replies = _converse(servers, "pinyin", ["wo jia zhao huo le", "xie xie"])
    assert all("汉字" in reply for reply in replies)


def test_pinyin_in_the_form_is_not_stored_and_the_question_is_asked_again(servers):
    replies = _converse(servers, "pinyin-form", ["我家着火了", "鄢陵县马栏镇", "zuo tian", "昨天"])
    assert "汉字" in replies[2] and "什么时候" in replies[2] and "户口" in replies[3]


def test_a_phone_number_after_a_status_answer_is_another_try_not_an_intake(servers):
    """After 「没有查到…」 the resident sent the phone again and got 「请简单说说遇到了什么困难？」."""
    replies = _converse(servers, "status-phone", ["我想查一下我的申请", "LS2612030001", "13812345678", "13812345679"])
    assert "没有查到" in replies[2]
    assert "困难" not in replies[3] and "案件编号" in replies[3]


def test_a_house_that_fell_in_is_read_back_as_an_emergency(servers):
    """「房子塌了」 was read as housing, 支出型: the resident was asked for the spending and the income."""
    replies = _converse(servers, "collapse", ["我家房子塌了", "鄢陵县马栏镇", "昨天", "一样", "四口人", "王秀英",
                                               "13812340057", "暂不提供", "都不是"])
    assert "房屋突然倒塌" in replies[-1] and "初步判断：急难型" in replies[-1]
    assert not any("必须花的钱" in reply or "收入" in reply for reply in replies)
