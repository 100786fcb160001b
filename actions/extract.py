"""action_extract_facts: runs after every user message (custom slot mapping) and turns the message
into slot values through bot.understanding. When an answer is unusable it stores the reason in the
`answer_problem` slot; the next question (a response in domain.yml) or the read-back says it first,
and the next message clears it. (Rasa keeps only SlotSet events from slot-mapping actions, so this
action cannot speak itself.) It is the only action server call of a form turn: it also marks the
facts this request does not need (actions/slots.py), so the form needs no validation action, and
sets a slot only when its value changes, so the tracker Rasa loads each turn stays short."""
from __future__ import annotations

import re
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.slots import FACT_SLOTS, fact_values, not_needed_marks
from bot.domain.model import FactName
from bot.services import discovery, intake
from bot.services.bootstrap import bootstrap
from bot.services.facts import merge
from bot.understanding import extract_facts
from bot.understanding.category import wages_owed
from bot.understanding.cause_model import STORY_INTENTS
from bot.understanding.contact import find_phone
from bot.understanding.text import clean

RETRY = re.compile(r"再试|重新(说|输|发|来)|再(说|发|来)一(次|遍)")
OFFER_HUMAN = "看来这一项不好说清楚。需要的话回复“转人工”或“好”，我请工作人员直接联系您；也可以再试一次。"
STORY_NOTED = "好的，您说的情况我记下了。"
# Wages owed are the labour inspectorate's; the household's living in trouble is ours (XC-2.1.2).
WAGES_NOTE = "拖欠工资的事，可以向当地人社部门的劳动保障监察机构反映，或拨打12333咨询；家里眼下生活上的困难，我先帮您登记临时救助。"
INTERRUPTIONS = {"ask_policy", "request_human", "cancel", "check_status", "goodbye"}
SOFT_INTERRUPTIONS = {"ask_policy", "check_status", "goodbye"}


NOT_A_REQUEST = {"out_of_scope", "thanks", "greet", "goodbye", "nlu_fallback"}
OPTIONAL_FACTS = [name.value for name in intake.EXPENDITURE_EXTRA]   # asked only when the request needs them


def _keep_for_a_person(channel: str, sender: str, text: str) -> None:
    """A message that asks for nothing but shows a hardship goes on the 「可能需要救助」 list."""
    try:
        discovery.flag(bootstrap(), channel, sender, text)
    except Exception:   # the list is a help for people, never a reason for the resident's message to fail
        pass


def _case_number_in(text: str) -> str | None:
    match = re.search(r"(?i)\bLS\s*-?\s*(\d{10,})", text) or re.search(r"(?i)LS(\d{10,})", text)
    return ("LS" + match.group(1)) if match else None


def _tells_the_story(intent: str | None, expecting: FactName | None, values: dict, has_facts: bool, known: bool) -> bool:
    """Whether the message goes into 情况说明: the story, its correction (the cause changed), or the
    answer to 「遇到了什么困难」 — not an answer to another question, even when the model reads a
    plain answer (「俺叫赵铁柱」, 「很多很多」) as a request for help."""
    if FactName.CAUSE.value in values and values[FactName.CAUSE.value]:
        return True
    if expecting is not None:
        return expecting == FactName.CAUSE
    return intent == "request_help" or (has_facts and not known and intent != "ask_policy")


def _story_aside(intent: str | None, expecting: FactName | None, result, text: str) -> bool:
    """More of the story told while a question waits (「俺家西屋墙塌了…没法住了」 while the place is
    asked): its facts are taken and the question is asked again, no failed answer counted."""
    if expecting is None or expecting == FactName.CAUSE or expecting in result.facts:
        return False
    # Without a cause in it, a long message the model calls a request is more of the story only when it
    # is no attempt at the answer either (「来电人不愿提供全名，称刘女士即可」 is one: the full name is asked).
    return FactName.CAUSE in result.facts or (intent == "request_help" and len(clean(text)) >= 10
                                              and expecting not in result.problems)


def _status_retry(tracker: Tracker) -> list[dict] | None:
    """Right after a status answer, a message that is only a phone number or a case number is a new
    try at the lookup (the status form takes it up again), not the start of an intake."""
    if not tracker.get_slot("status_checked") or (tracker.active_loop or {}).get("name"):
        return None
    message = tracker.latest_message or {}
    text = clean(message.get("text") or "")
    if (message.get("intent") or {}).get("name") not in ("inform", "check_status", "nlu_fallback"):
        return None
    phone = find_phone(text, as_answer=True)
    rest = re.sub(r"(?i)[\d\s,.:：，。-]|LS|电话|手机|号码|是|我的|编号|案件", "", text)
    if rest or not (_case_number_in(text) or (phone and phone.value)):
        return None
    return ActionExtractFacts._status_slots(text, None)


class ActionExtractFacts(Action):
    def __init__(self) -> None:
        super().__init__()
        bootstrap().places()   # built once when the action server starts, not during the first resident's message

    def name(self) -> str:
        return "action_extract_facts"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        retry = _status_retry(tracker)
        if retry is not None:
            return retry
        events = ([SlotSet("status_checked", False)] if tracker.get_slot("status_checked") else []) + self._events(tracker)
        # A problem is said once, in the turn it arose (by the next question or the read-back).
        if tracker.get_slot("answer_problem") and not any(e.get("name") == "answer_problem" for e in events):
            events.insert(0, SlotSet("answer_problem", None))
        return events

    def _events(self, tracker: Tracker) -> list[dict]:
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
        if expecting is not None and tracker.get_slot("human_offered") and RETRY.search(text):
            # 「再试一次」, as the offer of a person suggested: the question again, the count afresh.
            return [SlotSet("human_offered", False), SlotSet("failed_answers", 0), SlotSet(expecting.value, None),
                    SlotSet("answer_problem", "好的，我们再试一次。")]
        events = self._facts(tracker, text, intent, loop, expecting, soft)
        if intent in NOT_A_REQUEST and loop is None:
            _keep_for_a_person(tracker.get_latest_input_channel() or "unknown", tracker.sender_id, text)
        return events

    def _facts(self, tracker: Tracker, text: str, intent: str | None, loop: str | None, expecting: FactName | None,
               soft: bool) -> list[dict]:
        """The facts in the message as slot events: changed values only, the form's not-needed marks,
        the description, and why an expected answer could not be used."""
        settings = bootstrap().settings
        message = tracker.latest_message or {}
        now = datetime.now(ZoneInfo(settings.timezone)).replace(tzinfo=None)
        known = fact_values(tracker)
        # the learned cause reading is for a story told: on a policy or status question a guess would
        # fill the cause the form should ask (bot.understanding.cause_model)
        result = extract_facts(text, now=now, expecting=expecting, entities=message.get("entities") or [], known=known,
                               gazetteer=bootstrap().places(), causes=bootstrap().causes() if intent in STORY_INTENTS else None,
                               attempts=int(tracker.get_slot("failed_answers") or 0))
        channel = tracker.get_latest_input_channel() or "unknown"
        values, provenance = merge(tracker.get_slot("provenance") or {}, result, text, channel, now, allowed=set(FACT_SLOTS),
                                   expecting=expecting.value if expecting else None, known=known,
                                   reviewing=bool(tracker.get_slot("awaiting_confirmation")))
        events: list[dict] = [SlotSet(name, value) for name, value in values.items()]
        if FactName.CAUSE.value in values:  # a new cause replaces the earlier list of further causes
            events.append(SlotSet("other_causes", result.facts[FactName.CAUSE].extra.get("also") or None))
        if result.facts and provenance != (tracker.get_slot("provenance") or {}):
            events.append(SlotSet("provenance", provenance))
        now_known = {**known, **{k: v for k, v in values.items() if v not in (None, "")}}
        events += not_needed_marks(tracker, now_known, OPTIONAL_FACTS, intake.required_facts(now_known))
        aside = _story_aside(intent, expecting, result, text)
        if aside or _tells_the_story(intent, expecting, values, bool(result.facts), bool(known)):
            description = tracker.get_slot("description") or ""
            cleaned = clean(text)
            if cleaned and cleaned not in description:
                events.append(SlotSet("description", (description + "\n" + cleaned).strip()[:2000]))
        if not tracker.get_slot("intake_id") and (intent == "request_help" or loop == "intake_form" or result.facts):
            events.append(SlotSet("intake_id", uuid.uuid4().hex))
        notes = [WAGES_NOTE] if (intent == "request_help" or loop == "intake_form") and wages_owed(clean(text)) else []
        return events + self._answer_problems(tracker, result, expecting, soft, settings.max_failed_answers,
                                              notes + ([STORY_NOTED] if aside else []), aside)

    @staticmethod
    def _answer_problems(tracker: Tracker, result, expecting: FactName | None, soft: bool, max_failed: int,
                         notes: list[str], aside: bool = False) -> list[dict]:
        """Why an expected answer could not be used, and `notes` said before the next question; a soft
        turn (a question, a goodbye, more of the story) counts no failed answer."""
        events: list[dict] = []
        problems: list[str] = list(notes)
        failures = int(tracker.get_slot("failed_answers") or 0)
        if aside:   # more of the story: the question again (a value for it keeps the form from rejecting the turn)
            events.append(SlotSet(expecting.value, None))
        elif expecting is not None and soft and expecting not in result.facts:
            pass   # a real question or goodbye in the middle of the form: no failed answer
        elif expecting is not None:
            if expecting in result.facts:
                if failures:
                    events.append(SlotSet("failed_answers", 0))
            elif not result.facts:
                failures += 1
                problems.append(result.problems.get(expecting, "没听明白，请换个说法。"))
                events += [SlotSet(expecting.value, None), SlotSet("failed_answers", failures)]
                if failures >= max_failed:
                    problems.append(OFFER_HUMAN)
                    events.append(SlotSet("human_offered", True))
        else:
            for name, problem in result.problems.items():
                if name not in result.facts and name in (FactName.PHONE, FactName.ID_NUMBER, FactName.HOUSEHOLD_SIZE):
                    problems.append(problem)
        if problems:
            events.append(SlotSet("answer_problem", "\n".join(problems)))
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
