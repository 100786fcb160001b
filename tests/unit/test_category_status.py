"""Progress questions asked yes-or-no, in dialect, or without naming a benefit are status questions
(bot.understanding.status_cues); a hardship story that says nobody has come yet stays a story."""
from __future__ import annotations

import pytest

from bot.understanding.category import HELP, STATUS, categorise


@pytest.mark.parametrize("text", [
    "钱呢？咋还没到",
    "审到哪了我的",
    "俺那申请咋还木信儿哩",
    "恁给俺瞅瞅俺那钱到了木有",
    "回执上写着十五个工作日办结，今天已经是第二十三个工作日了",
    "公益金资助的名单出来了没，我们家也报过",
    "赣州于都的，上个月在乡里交的临时救助材料，请问审批了吗",
    "上回说还差一份诊断证明，我已经补给村里了，不知道他们往上送了没有",
    "五保钱这月没见着",
    "低保咋还没打卡上",
])
def test_a_progress_question_is_a_status_question(text):
    for intent in (HELP, "ask_policy"):
        verdict = categorise(text, intent)
        assert verdict is not None and verdict.intent == STATUS, (text, intent)


@pytest.mark.parametrize("text", [
    "昨天夜里家里着火了，到现在还没人来看过，一家五口没地方住",
    "老伴突发脑出血住院，已经花了五万多，家里实在没钱了，求帮帮我们",
    "儿子考上大学了，学费还没凑齐，想申请救助",
])
def test_a_story_stays_a_request_for_help(text):
    verdict = categorise(text, HELP)
    assert verdict is None or verdict.intent == HELP
