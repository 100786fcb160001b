"""The actions with a real rasa-sdk Tracker and CollectingDispatcher, on a real database."""
from __future__ import annotations

import asyncio
import time

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.extract import ActionExtractFacts
from actions.intake import ActionAskCancel, ActionHandOver, ActionReadBack, ActionSubmitCase
from actions.slots import NOT_NEEDED
from actions.status import ActionCaseStatus
from bot.services.bootstrap import unit_of_work


def tracker(text: str = "", intent: str = "inform", slots: dict | None = None, loop: str | None = None,
            entities: list | None = None, sender: str = "resident-1") -> Tracker:
    now = time.time()
    events = [
        {"event": "user", "text": "我家昨晚着火了", "timestamp": now - 60, "parse_data": {}},
        {"event": "bot", "text": "事情发生在哪里？", "timestamp": now - 59},
    ]
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": entities or []}
    events.append({"event": "user", "text": text, "timestamp": now, "parse_data": latest, "input_channel": "rest"})
    return Tracker(sender, slots or {}, latest, events, False, None, {"name": loop} if loop else {}, "action_listen")


def run(action, t: Tracker) -> tuple[dict, list[str]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, t, {}))
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return slots, [m["text"] for m in dispatcher.messages]


def test_first_message_keeps_every_fact_with_provenance():
    slots, said = run(ActionExtractFacts(), tracker("我家昨晚着火了，房子烧没了，一家四口现在没地方住", "request_help"))
    assert slots["cause"] == "fire" and slots["household_size"] == 4 and slots["event_date"]
    assert slots["provenance"]["cause"]["text"] == "着火" and slots["provenance"]["cause"]["channel"] == "rest"
    assert slots["intake_id"] and "着火" in slots["description"]
    assert said == []


def test_a_correction_keeps_the_earlier_value_in_the_history():
    before = {"phone": "13812345678", "provenance": {"phone": {"value": "13812345678", "method": "answer", "text": "13812345678"}},
              "awaiting_confirmation": True}
    slots, _ = run(ActionExtractFacts(), tracker("电话写错了，是13812345679", "inform", before))
    assert slots["phone"] == "13812345679"
    assert slots["provenance"]["phone"]["method"] == "correction"
    assert slots["provenance"]["phone"]["history"][0]["value"] == "13812345678"


def test_an_unusable_answer_is_explained_by_the_next_question():
    slots, _ = run(ActionExtractFacts(), tracker("1381234", "inform", {"requested_slot": "phone"}, loop="intake_form"))
    assert slots["phone"] is None and slots["failed_answers"] == 1
    assert "11位" in slots["answer_problem"]
    # The form's question (utter_ask_phone) says it; the next message clears it, whatever it says.
    after, _ = run(ActionExtractFacts(), tracker("13812345678", "inform", {"requested_slot": "phone", "failed_answers": 1,
                                                                            "answer_problem": slots["answer_problem"]}, loop="intake_form"))
    assert after["answer_problem"] is None and after["phone"] == "13812345678" and after["failed_answers"] == 0
    during = {"requested_slot": "phone", "cause": "fire", "intake_id": "k1", "expense_amount": NOT_NEEDED,
              "household_income": NOT_NEEDED, "answer_problem": slots["answer_problem"]}
    after, _ = run(ActionExtractFacts(), tracker("需要什么材料", "ask_policy", during, loop="intake_form"))
    assert after == {"answer_problem": None}


def test_third_failure_offers_a_person():
    slots, _ = run(ActionExtractFacts(), tracker("13812", "inform", {"requested_slot": "phone", "failed_answers": 2}, loop="intake_form"))
    assert slots["human_offered"] is True and "转人工" in slots["answer_problem"]


def test_interruptions_are_not_read_as_answers():
    slots, _ = run(ActionExtractFacts(), tracker("需要什么材料", "ask_policy", {"requested_slot": "phone"}, loop="intake_form"))
    assert "phone" not in slots and "answer_problem" not in slots


def test_form_asks_expense_and_income_only_for_expenditure():
    """The form's slots are static; the facts an emergency does not need are marked, not asked,
    and unmarked when a correction makes it an expense (no validation call to the action server)."""
    fire, _ = run(ActionExtractFacts(), tracker("我家昨晚着火了，房子烧没了", "request_help"))
    assert fire["expense_amount"] == NOT_NEEDED and fire["household_income"] == NOT_NEEDED
    school, _ = run(ActionExtractFacts(), tracker("孩子上大学学费交不起", "request_help"))
    assert "expense_amount" not in school and "household_income" not in school
    marked = {"cause": "fire", "expense_amount": NOT_NEEDED, "household_income": NOT_NEEDED, "awaiting_confirmation": True}
    corrected, _ = run(ActionExtractFacts(), tracker("不是着火，是孩子住院看病", "inform", marked))
    assert corrected["cause"] != "fire" and corrected["expense_amount"] is None and corrected["household_income"] is None


FILLED = {"cause": "fire", "event_place": "鄢陵县马栏镇", "event_date": "2026-11-22", "hukou_place": "鄢陵县马栏镇",
          "household_size": 4, "applicant_name": "王小明", "phone": "13812345678", "id_number": "未提供",
          "priority_group": "none", "intake_id": "intake-abc"}


def test_read_back_then_submit_once_then_status(settings_env):
    _, said = run(ActionReadBack(), tracker("都不是", "deny", FILLED))
    assert "火灾" in said[0] and "138****5678" in said[0] and "13812345678" not in said[0]   # masked read-back (#16 item 3)
    slots, said = run(ActionSubmitCase(), tracker("对", "affirm", FILLED))
    number = slots["last_case_number"]
    assert number in said[0] and slots["cause"] is None and slots["status_phone"] == "13812345678"
    again, _ = run(ActionSubmitCase(), tracker("对", "affirm", FILLED))
    assert again["last_case_number"] == number
    with unit_of_work() as uow:
        case = uow.cases.by_number(number)
        assert case.channel == "rest" and case.transcript[-1]["text"] == "对"
    _, said = run(ActionCaseStatus(), tracker("13812345678", slots={"status_case_number": number, "status_phone": "13812345678"}))
    assert "已提交" in said[0]
    _, said = run(ActionCaseStatus(), tracker("13900000000", slots={"status_case_number": number, "status_phone": "13900000000"}))
    assert "没有查到" in said[0]


def test_hand_over_saves_the_case_so_far(settings_env):
    slots, said = run(ActionHandOver(), tracker("我要找人工", "request_human", {"cause": "fire", "intake_id": "intake-h"}, loop="intake_form"))
    number = slots["last_case_number"]
    assert "转人工" in said[0] and number in said[0]
    with unit_of_work() as uow:
        assert uow.cases.by_number(number).status == "needs_human"


def test_submit_when_the_database_is_down_keeps_the_facts(monkeypatch):
    from bot.settings import get_settings

    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg2://nobody@127.0.0.1:1/none")
    get_settings.cache_clear()
    try:
        slots, said = run(ActionSubmitCase(), tracker("对", "affirm", FILLED))
    finally:
        get_settings.cache_clear()
    assert slots == {} and "稍后再试" in said[0]


def test_cancel_question_pauses_the_form():
    slots, said = run(ActionAskCancel(), tracker("算了", "cancel", {"cause": "fire"}, loop="intake_form"))
    assert slots["cancel_pending"] is True and "确定" in said[0]


def test_a_complaint_that_shows_a_hardship_goes_on_the_list_for_a_person(settings_env):
    """#19 part 3: 主动发现. A message that is not a request for help but shows a hardship is kept with
    the words that showed it; one that shows none is not."""
    from bot.domain.casework import Role, Staff
    from bot.services import discovery
    from bot.services.bootstrap import bootstrap

    run(ActionExtractFacts(), tracker("我要投诉消防车来得太慢，我家邻居前天房子着火全烧没了", "out_of_scope", sender="rest:c1"))
    run(ActionExtractFacts(), tracker("我们村那条路坑坑洼洼的什么时候修", "out_of_scope", sender="rest:c2"))
    listed = discovery.listing(bootstrap(), Staff("op", "接线员", Role.OPERATOR))
    assert len(listed) == 1 and listed[0]["signals"][0]["words"] == "着火" and listed[0]["channel"] == "rest"


def test_the_description_holds_the_story_and_its_correction_not_the_answers():
    """情况说明 (a tester's finding): answers to other questions were appended when the model read
    them as a request for help, and a correction of the story was not."""
    asked = {"requested_slot": "expense_amount", "cause": "education_cost", "description": "孩子上学交不起学费", "intake_id": "k"}
    answer, _ = run(ActionExtractFacts(), tracker("很多很多", "request_help", asked, loop="intake_form"))
    name, _ = run(ActionExtractFacts(), tracker("俺叫赵铁柱", "request_help", dict(asked, requested_slot="applicant_name"), loop="intake_form"))
    assert "description" not in answer and "description" not in name
    fire = {"cause": "fire", "description": "我家着火了", "intake_id": "k", "awaiting_confirmation": True}
    corrected, _ = run(ActionExtractFacts(), tracker("不对，不是着火，是孩子上大学交不起学费", "inform", fire))
    assert corrected["cause"] == "education_cost" and "学费" in corrected["description"]


def test_trying_again_after_the_offer_of_a_person_asks_afresh():
    """「再试一次」, as the offer of a person suggests: no goodbye, no further failure, the question again
    (a tester's finding: the model read it as a goodbye)."""
    offered = {"requested_slot": "phone", "failed_answers": 3, "human_offered": True, "cause": "fire", "intake_id": "k"}
    slots, _ = run(ActionExtractFacts(), tracker("再试一次", "inform", offered, loop="intake_form"))
    assert slots == {"human_offered": False, "failed_answers": 0, "phone": None, "answer_problem": "好的，我们再试一次。"}
