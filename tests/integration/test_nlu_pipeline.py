"""The trained NLU pipeline: the response selector answers policy questions (also those the intent
rules recognised) and is not run for other messages (bot/nlu/lazy_response_selector.py)."""
from __future__ import annotations

import asyncio

import pytest

from tests.integration.servers import model_path


@pytest.fixture(scope="module")
def agent():
    from rasa.core.agent import Agent

    return Agent.load(str(model_path()))


def parse(agent, text: str) -> dict:
    return asyncio.run(agent.parse_message(text))


def test_a_policy_question_gets_its_answer(agent):
    result = parse(agent, "申请临时救助需要准备哪些材料")
    assert result["intent"]["name"] == "ask_policy"
    selected = result["response_selector"]["ask_policy"]["response"]
    assert selected["intent_response_key"].startswith("ask_policy/") and selected["responses"]


@pytest.mark.parametrize("text", ["我家昨晚着火了，房子烧没了", "13812345678", "对"])
def test_other_messages_skip_the_selector(agent, text):
    result = parse(agent, text)
    assert result["intent"]["name"] != "ask_policy"
    assert "ask_policy" not in (result.get("response_selector") or {})
