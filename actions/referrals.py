"""The resident's answer to the referral offer made after a case is saved: only an explicit yes to
the consent question is consent (bot.understanding.consent); anything else asks again. A resident
who declined may change their mind later in the conversation (「我又想了想，同意吧」, 「还是转介吧」):
an explicit yes is still consent to the partners the question named; a bare 「对」 or 「好的」 is not."""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.services.bootstrap import bootstrap
from bot.services.referrals import UnknownReferral, offered_partners, record_consent
from bot.understanding.consent import read_consent

LATE_YES_MAX = 20
YES_NOTE = "好的，已把您的情况转给：{names}。对方会直接联系您，进展可以通过“查询进度”查看。"
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
            dispatcher.utter_message(text=YES_NOTE.format(names="、".join(names)) if names else "好的，已记录您同意转介，工作人员会帮您联系合适的机构。")
        else:
            dispatcher.utter_message(text="好的，不会把您的信息转给其他机构，临时救助照常办理。")
        return [SlotSet("referral_offered", False)]


def late_consent(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """An explicit yes to the referral question after it was answered (or left): recorded for the
    partners the question named for this conversation's case. False when the message is no such yes
    or the case had no offer."""
    number = tracker.get_slot("last_case_number")
    text = (tracker.latest_message.get("text") or "").strip()
    if not number or len(text) > LATE_YES_MAX:   # a note that mentions 同意 in passing is no answer to the question
        return False
    try:
        partners = offered_partners(bootstrap(), number)
        answer = read_consent(text, partners)
        if not partners or answer.answer is not True:
            return False
        names = record_consent(bootstrap(), number, True, "resident", sender_id=tracker.sender_id,
                               partners=answer.partners, wording=answer.wording)
    except UnknownReferral:
        return False
    except Exception:
        dispatcher.utter_message(text="抱歉，系统暂时记录不了，请稍后再试，或在工作人员联系您时告诉他们。")
        return True
    dispatcher.utter_message(text=YES_NOTE.format(names="、".join(names)) if names
                             else "好的，已记录您同意转介，工作人员会帮您联系合适的机构。")
    return True


class ActionStrayAffirm(Action):
    """A yes when no question waits for one: a late consent to the referral offer, else 「没太明白」."""

    def name(self) -> str:
        return "action_stray_affirm"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        if not late_consent(dispatcher, tracker):
            dispatcher.utter_message(response="utter_default")
        return []
