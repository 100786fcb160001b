"""Common typing slips and homophones in residents' messages, put right before anything reads the
text (抵保户 -> 低保户, 白学病 -> 白血病, 户口再 -> 户口在). Each fix keeps the length, so spans stay
true to what the resident wrote."""
from __future__ import annotations

from bot.understanding import homophones

_SLIPS = {
    "抵保": "低保", "底保": "低保", "低包": "低保", "五包": "五保", "贫因户": "贫困户", "建挡立卡": "建档立卡",
    "建当立卡": "建档立卡", "监侧户": "监测户", "白学病": "白血病", "白雪病": "白血病", "尿毒证": "尿毒症",
    "脑埂": "脑梗", "脑更": "脑梗", "一药费": "医药费", "医要费": "医药费", "住阮": "住院", "着伙": "着火",
    "失伙": "失火", "车货": "车祸", "身分证": "身份证", "户口再": "户口在", "户籍再": "户籍在", "电化": "电话",
}


def fix(text: str, gazetteer=None) -> str:
    """The listed slips, then cause words and (with a gazetteer) place names typed by sound."""
    for slip, right in _SLIPS.items():
        if slip in text:
            text = text.replace(slip, right)
    text = homophones.fix_cause_words(text)
    return homophones.fix_place_slips(text, gazetteer) if gazetteer is not None else text
