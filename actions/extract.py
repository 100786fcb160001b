"""action_extract_facts: runs after every user message (custom slot mapping) and turns the message
into slot values through bot.understanding. When an answer is unusable it stores the reason in the
`answer_problem` slot; the next question (actions/ask.py) or read-back says it first. (Rasa keeps
only SlotSet events from slot-mapping actions, so this action cannot speak itself.)"""
from __future__ import annotations

import re
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.slots import FACT_SLOTS, fact_values
from bot.domain.model import FactName
from bot.services import discovery
from bot.services.bootstrap import bootstrap
from bot.services.facts import merge
from bot.understanding import extract_facts
from bot.understanding.contact import find_phone
from bot.understanding.text import clean

OFFER_HUMAN = "看来这一项不好说清楚。需要的话回复“转人工”或“好”，我请工作人员直接联系您；也可以再试一次。"
INTERRUPTIONS = {"ask_policy", "request_human", "cancel", "check_status", "goodbye"}
SOFT_INTERRUPTIONS = {"ask_policy", "check_status", "goodbye"}


NOT_A_REQUEST = {"out_of_scope", "thanks", "greet", "goodbye", "nlu_fallback"}


def _keep_for_a_person(channel: str, sender: str, text: str) -> None:
    """A message that asks for nothing but shows a hardship goes on the 「可能需要救助」 list."""
    try:
        discovery.flag(bootstrap(), channel, sender, text)
    except Exception:   # the list is a help for people, never a reason for the resident's message to fail
        pass


def _case_number_in(text: str) -> str | None:
    match = re.search(r"(?i)\bLS\s*-?\s*(\d{10,})", text) or re.search(r"(?i)LS(\d{10,})", text)
    return ("LS" + match.group(1)) if match else None


class ActionExtractFacts(Action):
    def __init__(self) -> None:
        super().__init__()
        bootstrap().places()   # built once when the action server starts, not during the first resident's message

    def name(self) -> str:
        return "action_extract_facts"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        message = tracker.latest_message or {}
        text = message.get("text") or ""
        if text.startswith("/"):
            return []
        intent = (message.get("intent") or {}).get("name")
        loop = (tracker.active_loop or {}).get("name")
        requested = tracker.get_slot("requested_slot")
        if loop == "status_form" and intent in INTERRUPTIONS - {"check_status"}:
            return []
        if (intent == "check_status" and loop != "intake_form") or (loop == "status_form" and intent != "request_help"):
            return self._status_slots(text, requested if loop == "status_form" else None)
        if (tracker.get_slot("cancel_pending") or tracker.get_slot("human_offered")) and intent in ("affirm", "deny"):
            return []
        # Inside the form a reply read as a question or a goodbye may still answer the question asked
        # (「艾庄回族乡 一直在这」); it is read as an answer, but not counted as a failed one.
        soft = intent in SOFT_INTERRUPTIONS
        if loop == "intake_form" and (intent not in INTERRUPTIONS or soft) and requested in FACT_SLOTS:
            expecting = FactName(requested)
        else:
            expecting = None
        if intent in INTERRUPTIONS and expecting is None and loop != "intake_form" and intent != "ask_policy":
            return []
        settings = bootstrap().settings
        now = datetime.now(ZoneInfo(settings.timezone)).replace(tzinfo=None)
        known = fact_values(tracker)
        result = extract_facts(text, now=now, expecting=expecting, entities=message.get("entities") or [], known=known,
                               gazetteer=bootstrap().places(), attempts=int(tracker.get_slot("failed_answers") or 0))

        events: list[dict] = []
        problems: list[str] = []
        channel = tracker.get_latest_input_channel() or "unknown"
        values, provenance = merge(tracker.get_slot("provenance") or {}, result, text, channel, now, allowed=set(FACT_SLOTS),
                                   expecting=expecting.value if expecting else None, known=known,
                                   reviewing=bool(tracker.get_slot("awaiting_confirmation")))
        events += [SlotSet(name, value) for name, value in values.items()]
        if FactName.CAUSE.value in values:  # a new cause replaces the earlier list of further causes
            events.append(SlotSet("other_causes", result.facts[FactName.CAUSE].extra.get("also") or None))
        if result.facts:
            events.append(SlotSet("provenance", provenance))
        if intent == "request_help" or expecting == FactName.CAUSE or (result.facts and not known and intent != "ask_policy"):
            description = tracker.get_slot("description") or ""
            cleaned = clean(text)
            if cleaned and cleaned not in description:
                events.append(SlotSet("description", (description + "\n" + cleaned).strip()[:2000]))
        if not tracker.get_slot("intake_id") and (intent == "request_help" or loop == "intake_form" or result.facts):
            events.append(SlotSet("intake_id", uuid.uuid4().hex))

        if expecting is not None and soft and expecting not in result.facts:
            pass   # a real question or goodbye in the middle of the form: no failed answer
        elif expecting is not None:
            if expecting in result.facts:
                events.append(SlotSet("failed_answers", 0))
            elif not result.facts:
                failures = int(tracker.get_slot("failed_answers") or 0) + 1
                problems.append(result.problems.get(expecting, "没听明白，请换个说法。"))
                events += [SlotSet(expecting.value, None), SlotSet("failed_answers", failures)]
                if failures >= settings.max_failed_answers:
                    problems.append(OFFER_HUMAN)
                    events.append(SlotSet("human_offered", True))
        else:
            for name, problem in result.problems.items():
                if name not in result.facts and name in (FactName.PHONE, FactName.ID_NUMBER, FactName.HOUSEHOLD_SIZE):
                    problems.append(problem)
        if problems:
            events.append(SlotSet("answer_problem", "\n".join(problems)))
        if intent in NOT_A_REQUEST and loop is None:
            _keep_for_a_person(channel, tracker.sender_id, text)
        return events

    @staticmethod
    def _status_slots(text: str, requested: str | None) -> list[dict]:
        text = clean(text)
        events = []
        number = _case_number_in(text)
        phone = find_phone(text)
        if number:
            events.append(SlotSet("status_case_number", number))
        if phone and phone.value:
            events.append(SlotSet("status_phone", phone.value))
        if requested == "status_case_number" and not number:
            events += [SlotSet("status_case_number", None),
                       SlotSet("answer_problem", "没有找到案件编号。编号以LS开头，后面是数字，比如LS2611230007。")]
        elif requested == "status_phone" and not (phone and phone.value):
            events += [SlotSet("status_phone", None),
                       SlotSet("answer_problem", phone.problem if phone and phone.problem else "请发申请时留的电话号码。")]
        return events
