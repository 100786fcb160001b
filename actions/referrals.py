"""The resident's answer to the referral offer made after a case is saved (consent first)."""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.services.bootstrap import unit_of_work
from bot.services.referrals import UnknownReferral, record_consent


class ActionReferralConsent(Action):
    def name(self) -> str:
        return "action_referral_consent"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        consent = (tracker.latest_message.get("intent") or {}).get("name") == "affirm"
        number = tracker.get_slot("last_case_number") or ""
        try:
            names = record_consent(unit_of_work(), number, consent, "resident", sender_id=tracker.sender_id)
        except UnknownReferral:
            dispatcher.utter_message(text="没有找到刚才的申请，工作人员联系您时可以再说是否需要转介。")
            return [SlotSet("referral_offered", False)]
        except Exception:
            dispatcher.utter_message(text="抱歉，系统暂时记录不了，请稍后再试，或在工作人员联系您时告诉他们。")
            return []
        if consent:
            dispatcher.utter_message(text=("好的，已把您的情况转给：" + "、".join(names) + "。对方会直接联系您，进展可以通过“查询进度”查看。")
                                     if names else "好的，已记录您同意转介，工作人员会帮您联系合适的机构。")
        else:
            dispatcher.utter_message(text="好的，不会把您的信息转给其他机构，临时救助照常办理。")
        return [SlotSet("referral_offered", False)]
