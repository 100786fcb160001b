"""The resident's answer to the referral offer made after a case is saved: only an explicit yes to
the consent question is consent (bot.understanding.consent); anything else asks again."""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.services.bootstrap import bootstrap
from bot.services.referrals import UnknownReferral, offered_partners, record_consent
from bot.understanding.consent import read_consent

ASK_AGAIN = "转介需要您明确同意。同意把上面列出的信息转给这些机构，请回复“同意转介”；不需要请回复“不同意”，不影响临时救助的办理。"


class ActionReferralConsent(Action):
    def name(self) -> str:
        return "action_referral_consent"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        number = tracker.get_slot("last_case_number") or ""
        try:
            answer = read_consent(tracker.latest_message.get("text") or "", offered_partners(bootstrap(), number))
            if answer.answer is None:
                dispatcher.utter_message(text=ASK_AGAIN)
                return [SlotSet("referral_offered", True)]
            names = record_consent(bootstrap(), number, answer.answer, "resident", sender_id=tracker.sender_id,
                                   partners=answer.partners, wording=answer.wording)
        except UnknownReferral:
            dispatcher.utter_message(text="没有找到刚才的申请，工作人员联系您时可以再说是否需要转介。")
            return [SlotSet("referral_offered", False)]
        except Exception:
            dispatcher.utter_message(text="抱歉，系统暂时记录不了，请稍后再试，或在工作人员联系您时告诉他们。")
            return []
        if answer.answer:
            dispatcher.utter_message(text=("好的，已把您的情况转给：" + "、".join(names) + "。对方会直接联系您，进展可以通过“查询进度”查看。")
                                     if names else "好的，已记录您同意转介，工作人员会帮您联系合适的机构。")
        else:
            dispatcher.utter_message(text="好的，不会把您的信息转给其他机构，临时救助照常办理。")
        return [SlotSet("referral_offered", False)]
