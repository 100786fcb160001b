"""Openers that only ask leave to ask (「老师 我想问一哈」, 「大妹子 跟你打听个事儿」,
「您好，我是村小的老师，替俺村张大爷问问。」): nothing has been asked or told yet, so the resident is
invited to say what happened (bot.understanding.category reads them as a greeting)."""
from __future__ import annotations

import re

ASK_TO_ASK = re.compile(r"(想|要|来|跟[你您]|向[你您]|找[你您]|给[你您])?[^，。,.？?]{0,8}?(问|打听|咨询|请教)"
                         r"(一?下子?|一哈|一声|问|[个点件一几]?[个件]?(事儿?|问题|情况))*")
TO_ASK_ONLY = 30


# What may stand beside the asking itself: an address, a greeting, who is asking and for whom.
_ASKER = re.compile(r"^(老师|大妹子|大姐|大哥|大叔|大婶|同志|领导|师傅|妹子|小妹|美女|工作人员|您好|你好|恁好|喂|在吗|"
                    r"(我|俺)(是|系)?.{0,8}|替.{0,10}|帮.{0,10}|[俺我咱])$")


def only_leave_to_ask(text: str) -> bool:
    """The asking ends the message and everything before it is an address or who is asking
    (「我想问问明天会不会下雨」 asks something; 「我们村的集体收入从来不公开，我想问问」 has said what)."""
    matches = list(ASK_TO_ASK.finditer(text))
    if not matches:
        return False
    last = matches[-1]
    if re.sub(r"[\s\W_哈啊呀呢吧哦嘛]+", "", text[last.end():]):
        return False
    before = re.split(r"[\s,，。.!！、：:]+", text[:last.start()])
    return all(not clause or _ASKER.match(clause) or len(clause) <= 2 for clause in before)
