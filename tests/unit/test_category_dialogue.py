"""Intent cues for dialogue turns a tester found misread (issue #13): the wish to apply after a
cancel, pinyin without characters, and a late explicit consent to a referral."""
from __future__ import annotations

import pytest

from bot.understanding.category import categorise


@pytest.mark.parametrize("text, model, intent", [
    ("我还是想申请", "check_status", "request_help"), ("还是申请吧", "nlu_fallback", "request_help"),
    ("xie xie", "inform", "nlu_fallback"), ("wo jia zhao huo le", "greet", "nlu_fallback"),
    ("我又想了想，同意吧", "deny", "affirm"), ("还是转介吧", "deny", "affirm"),
])
def test_the_cue_gives_the_intent(text, model, intent):
    assert categorise(text, model).intent == intent


@pytest.mark.parametrize("text, model", [
    ("我申请的救助怎么样了", "check_status"), ("我要申请进度", "check_status"), ("不想申请了", "cancel"),
    ("ni hao", "greet"), ("我不同意", "deny"), ("我愿意提供身份证", "inform"), ("可以吧", "inform"), ("好的", "affirm"),
])
def test_no_cue_where_the_model_was_right(text, model):
    verdict = categorise(text, model)
    assert verdict is None or verdict.intent == model
