"""Intake actions: the form's dynamic questions, the read-back, saving, handing over, cancelling."""
from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.ask import say_problem_then
from actions.referrals import late_consent
from actions.slots import channel_of, fact_values, reset_intake, transcript
from bot.services import intake
from bot.services.bootstrap import bootstrap
from bot.services.cases import Submission, add_resident_message, submit_case

NEW_REQUEST = re.compile(r"新的申请|新申请|另外一件|另一件事|重新申请|再申请一个")
SAVE_FAILED = "抱歉，系统暂时保存不了您的申请，请稍后再试；您刚才说的信息我都记着，稍后回复“对”即可再次提交。"


def _submission(tracker: Tracker, needs_human: bool) -> Submission:
    return Submission(
        intake_key=tracker.get_slot("intake_id") or f"{tracker.sender_id}:{tracker.events[0].get('timestamp') if tracker.events else ''}",
        channel=channel_of(tracker),
        sender_id=tracker.sender_id,
        values=fact_values(tracker),
        provenance=tracker.get_slot("provenance") or {},
        transcript=transcript(tracker),
        needs_human=needs_human,
    )


class ActionReadBack(Action):
    def name(self) -> str:
        return "action_read_back"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        values = fact_values(tracker)
        missing = intake.missing_facts(values)
        events: list[dict[str, Any]] = [SlotSet("awaiting_confirmation", True), SlotSet("cancel_pending", False)]
        if missing:
            # A correction removed something the summary needs: go back to the form for it.
            return [SlotSet("awaiting_confirmation", False), ActiveLoop("intake_form"), SlotSet("requested_slot", None)] + [
                SlotSet(name, None) for name in missing
            ]
        return events + say_problem_then(dispatcher, tracker, intake.summary(values))


class ActionSubmitCase(Action):
    def name(self) -> str:
        return "action_submit_case"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        try:
            result = submit_case(bootstrap(), _submission(tracker, needs_human=False))
        except Exception:  # the database is down: say so, keep every slot for a retry
            dispatcher.utter_message(text=SAVE_FAILED)
            return []
        dispatcher.utter_message(text=(
            f"已提交。您的案件编号是 {result.case_number}，请记好。\n{result.resident_note}\n"
            "工作人员会尽快联系您核实情况，请保持电话畅通。想查进度，随时发“查询进度”，再提供案件编号和电话即可。"
        ))
        events = reset_intake(tracker) + [
            SlotSet("last_case_number", result.case_number),
            SlotSet("status_case_number", result.case_number),
            SlotSet("status_phone", tracker.get_slot("phone")),
            SlotSet("case_saved", True),
        ]
        if result.referral_offer:   # worked out with the case, in the same transaction
            dispatcher.utter_message(text=result.referral_offer)
            events.append(SlotSet("referral_offered", True))
        return events


class ActionHandOver(Action):
    """「我要找人工」: saves what is known as a case marked for a person, then ends the form."""

    def name(self) -> str:
        return "action_hand_over"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        values = fact_values(tracker)
        if not values and not tracker.get_slot("last_case_number"):
            dispatcher.utter_message(text="好的，正在为您转接人工。工作人员上线后会在这里回复您；情况紧急请直接拨打当地乡镇（街道）或民政部门电话。")
            return [ActiveLoop(None), SlotSet("requested_slot", None)]
        if not values:
            values_note = f"您的案件 {tracker.get_slot('last_case_number')} 已标记"
            dispatcher.utter_message(text=f"好的，{values_note}，工作人员会尽快联系您。")
            return [ActiveLoop(None), SlotSet("requested_slot", None)]
        try:
            result = submit_case(bootstrap(), _submission(tracker, needs_human=True))
        except Exception:
            dispatcher.utter_message(text="抱歉，系统暂时无法转接，请稍后再试，或直接拨打当地乡镇（街道）民政电话。")
            return []
        contact = "会尽快打电话联系您" if values.get("phone") else "会尽快在这里回复您（留个电话会更快）"
        dispatcher.utter_message(text=(
            f"好的，已为您转人工。您刚才说的情况已经记下，案件编号 {result.case_number}。工作人员{contact}。"
        ))
        return [ActiveLoop(None)] + reset_intake(tracker) + [SlotSet("last_case_number", result.case_number), SlotSet("case_saved", True)]


class ActionAskCancel(Action):
    def name(self) -> str:
        return "action_ask_cancel"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        if (tracker.active_loop or {}).get("name") == "status_form":
            dispatcher.utter_message(text="好的，不查了。有需要随时再来。")
            return [ActiveLoop(None), SlotSet("requested_slot", None)]
        if not fact_values(tracker) and not tracker.active_loop:
            dispatcher.utter_message(text="好的。目前没有正在填写的申请。有需要随时告诉我。")
            return []
        dispatcher.utter_message(text="确定不申请了吗？取消后刚才填的信息不会保存。回复“是”取消，回复“不”继续填写。")
        return [ActiveLoop(None), SlotSet("requested_slot", None), SlotSet("cancel_pending", True)]


class ActionCancelIntake(Action):
    def name(self) -> str:
        return "action_cancel_intake"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        dispatcher.utter_message(text="好的，已取消，刚才的信息没有保存。以后有需要随时再来找我。")
        return [ActiveLoop(None)] + reset_intake(tracker) + [SlotSet("status_case_number", None), SlotSet("status_phone", None)]


class ActionResumeIntake(Action):
    def name(self) -> str:
        return "action_resume_intake"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        dispatcher.utter_message(text="好的，我们接着来。")
        return [SlotSet("cancel_pending", False)]


class ActionNoteAfterCase(Action):
    """What the resident writes after the case was saved or handed over is added to that case, not
    taken as a new intake (a phone number sent afterwards, more details, 「还有一个情况」)."""

    def name(self) -> str:
        return "action_note_after_case"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        text = tracker.latest_message.get("text") or ""
        number = tracker.get_slot("last_case_number") or ""
        if late_consent(dispatcher, tracker):   # 「我又想了想，同意转介吧」 after 「不同意」
            return []
        if NEW_REQUEST.search(text):
            dispatcher.utter_message(text="好的，这是一件新的事情。请把新的情况告诉我。")
            return reset_intake() + [SlotSet("case_saved", False)]
        try:
            added = add_resident_message(bootstrap(), number, tracker.sender_id, text)
        except Exception:
            added = False
        if added:
            dispatcher.utter_message(text=f"已把您补充的内容记到案件 {number} 里，工作人员会一并看到。"
                                          "如果是另外一件新的困难，请回复“新的申请”。")
        else:
            dispatcher.utter_message(text="抱歉，这条补充没能记到案件里，工作人员联系您时请再告诉他们。")
        return reset_intake()
