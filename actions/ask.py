"""Saying why the previous answer could not be used before the next thing the assistant says (the
read-back and other custom actions). The form's own questions are responses in domain.yml
(utter_ask_<slot>) that do the same through a condition on `answer_problem`."""
from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher


def say_problem_then(dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> list[dict]:
    """Say why the last answer could not be used (if it could not), then `text`."""
    problem = tracker.get_slot("answer_problem")
    if problem:
        dispatcher.utter_message(text=problem)
    dispatcher.utter_message(text=text)
    return [SlotSet("answer_problem", None)] if problem else []
