"""A house that fell in (「房子塌了」, 「房屋倒塌」) is an accident that leaves the family without a home
at once: 急难型 under XC-2.1.1 (「火灾、交通事故等意外事件」), not the housing need of XC-2.1.2-housing
(危房, 借住, 住房困难), which is 支出型. The lexicon reads both as housing; a housing hit whose words
say the house has fallen in, and not that it may (要塌, 怕塌, 眼看就塌了), becomes Cause.COLLAPSE."""
from __future__ import annotations

import re

from bot.domain.model import Cause
from bot.understanding.lexicon import Hit

_FELL_IN = re.compile(r"(房屋|房子|屋子|屋顶|房顶|老屋|平房|瓦房|正房|堂屋)?[^，。,.]{0,3}(塌了|倒了|倒塌|坍塌|塌下来|塌掉|塌完)|(房屋|房子)(倒塌|塌)")
_NOT_YET = re.compile(r"(要|快|怕|会|可能|随时|眼看|担心|差点|险些|万一|防止|就要|快要|说不定)[^，。,.]{0,3}$")


def fell_in(text: str, hit: Hit) -> bool:
    """The housing hit says the house fell in (not that it may)."""
    start, end = hit.span
    window = text[max(0, start - 6):min(len(text), end + 4)]
    match = _FELL_IN.search(window)
    return bool(match) and not _NOT_YET.search(text[max(0, start - 6):start]) and "要塌" not in hit.text \
        and "怕塌" not in hit.text


def read_collapse(text: str, hits: list[Hit]) -> list[Hit]:
    """The hits with each sudden collapse read as Cause.COLLAPSE (an emergency), in their order."""
    return [Hit(Cause.COLLAPSE, h.text, h.span, h.background, h.secondary)
            if h.value == Cause.HOUSING and fell_in(text, h) else h for h in hits]
