"""action_case_status: answers 「我的申请怎么样了」 only when case number and phone match."""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.services.bootstrap import bootstrap
from bot.services.cases import TooManyAttempts, case_status


class ActionCaseStatus(Action):
    def name(self) -> str:
        return "action_case_status"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        number = tracker.get_slot("status_case_number") or ""
        phone = tracker.get_slot("status_phone") or ""
        try:
            view = case_status(bootstrap(), number, phone, sender_id=tracker.sender_id)
        except TooManyAttempts:
            minutes = bootstrap().settings.status_window_minutes
            dispatcher.utter_message(text=f"查询次数太多了，为保护您的信息，请{minutes}分钟后再试，或回复“转人工”。")
            return [SlotSet("status_case_number", None), SlotSet("status_phone", None)]
        except Exception:
            dispatcher.utter_message(text="抱歉，系统暂时查不了进度，请稍后再试。")
            return []
        if view is None:
            dispatcher.utter_message(text="没有查到与这个案件编号和电话都对应的申请。请核对编号和申请时留的电话后再试，或回复“转人工”。")
            # a number sent next is a new try at this lookup, not a new intake (actions/extract.py)
            return [SlotSet("status_case_number", None), SlotSet("status_phone", None), SlotSet("status_checked", True)]
        if view.news:
            dispatcher.utter_message(text="关于您的申请有新的消息：\n" + "\n".join(view.news))
        dispatcher.utter_message(text=(
            f"案件 {view.case_number}（{view.hardship_type_label}）当前状态：{view.status.label}。\n"
            f"下一步：{view.next_step}"
            + (f"\n需要您补充：{view.still_needed}" if view.still_needed else "")
            + ("\n转介：" + "；".join(view.referrals) if view.referrals else "")
        ))
        return [SlotSet("status_checked", True)]
