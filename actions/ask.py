"""action_ask_<slot>: one action per form question, all reading bot.services.questions; each first
says why the previous answer could not be used, when it could not."""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.services.questions import QUESTIONS


def say_problem_then(dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> list[dict]:
    """Say why the last answer could not be used (if it could not), then `text`."""
    problem = tracker.get_slot("answer_problem")
    if problem:
        dispatcher.utter_message(text=problem)
    dispatcher.utter_message(text=text)
    return [SlotSet("answer_problem", None)] if problem else []


def _ask_action(slot: str) -> type[Action]:
    class AskAction(Action):
        def name(self) -> str:
            return f"action_ask_{slot}"

        async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
            return say_problem_then(dispatcher, tracker, QUESTIONS[slot])

    AskAction.__name__ = f"ActionAsk_{slot}"
    return AskAction


ASK_ACTIONS = [_ask_action(slot) for slot in QUESTIONS]
