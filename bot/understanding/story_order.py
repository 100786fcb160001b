"""Which of several causes a story is about: readings of a story that lexicon.find_causes applies
to its hits (any objects with `value`, `text`, `span`, `background` and `secondary`). Pure.

- A job title (下岗工人, 失业职工) says what a person is, not a job just lost: it weighs as a lasting
  lack of income, after the cost it is told with.
- A cost with its sum or its spending beside it (住院已经花了六万) is the one help is asked for; a cost
  named only as who lives in the house (两个孩子读书, 孩子上初中, with no fee or sum anywhere) is not.
- Beside a sudden event told now, a standing illness or a school named with no sum or spending anywhere
  (妻子常年患病，儿子在读初中) describes the household: background, not a second reason.
- A fare lacking on the way home from months of treatment (化疗后没路费回家) is the medical cost's
  depth, not a stranding of its own.
- Rain or wind that comes through an old roof whenever it comes (一下大雨就漏, 下雨天) is the state of
  the house: the hardship is the housing (XC-2.1.2-housing), the weather is how it shows. A storm
  that struck (前天暴雨过后…成了危房) or brought the house down stays a disaster.
- An event dated by its year (2015年), or followed by how long ago it was (十七年来), is background when
  the story goes on to a later time (今年, 现在, 去年底) and a cause told there.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from bot.domain.model import Cause, HardshipType

_JOB_TITLE = re.compile(r"^(工人|职工|人员|工|女工|在家)")
_LOST_JOB_WORDS = re.compile(r"失业|下岗")
_NUM = r"[0-9一二两三四五六七八九十几百千]"
_SPENT = re.compile(rf"花了|花去|花费|花光|已花|借了|欠了|欠下|借遍|{_NUM}+(多)?万|{_NUM}+(多)?千|{_NUM}{{3,}}元|(还要|还需要?|还差|得)[^，。,.]{{0,4}}{_NUM}+(多)?[万千]")
_WEATHER = re.compile(r"^(大雨|下了.{0,4}雨|连.{0,3}雨|连阴雨|雨水泡|暴雨|强降雨|大风|狂风|台风|暴雪|冰雹)$")
_HOUSE_STATE = re.compile(r"年久失修|危房|危旧房|土坯房|泥胚|漏雨|漏水|房屋漏|裂缝|开裂|墙裂|房子裂|裂了|要塌|怕塌|"
                          r"不能住人|住不了人|不敢再?住|挡不住风雨|窝棚")
_SCHOOL_LEVEL = re.compile(r"上学|读书|念书|上高中|上初中|上小学|上大学|读大学|读高中|住校")
_SCHOOL_COST = re.compile(r"学费|[学杂书住宿生活]费|交不|凑不|拿不出|没钱|考上|录取|报到|开学|助学|贷款|借")
_TREATMENT = re.compile(r"化疗|放疗|靶向|透析|血透|腹透|疗程")
_FARE = re.compile(r"路费|车票|票|回家|返乡|盘缠")
_LOST_ON_ROAD = re.compile(r"偷|抢|骗|扒|丢了|丢失|遗失|被盗")
_STANDING_ILL = re.compile(r"(长期|常年|长年)(生病|患病|有病|卧病)|体弱多病|慢性[^，。,.]{0,2}疾病|患有[^，。,.]{0,8}(疾病|病|症)")
_ANY_SPENDING = re.compile(rf"费|药钱|花了|花去|花费|借|欠|债|{_NUM}+(多)?[万千]|钱")
_EVERY_TIME = re.compile(r"一下|每逢|每到|一到|逢|遇到|赶上")
_THEN = re.compile(r"^(天|[^，。,.]{0,4}就)")
_YEAR = re.compile(r"(19|20)[0-9]{2}年[^。；;！？!?]{0,24}$")
# 「车祸导致脑颅受损，十七年来一直吃药」: an event followed by how long it has been is dated too.
_LONG_SINCE = re.compile(r"^[^。；;！？!?]{0,16}([0-9一二两三四五六七八九十几多]+|好|多)年(来|了|之久)")
_LATER = re.compile(r"今年|现在|如今|目前|眼下|最近|去年底|去年年底|去年下半年|这两年|这几年")


def lasting_income(text: str, hit) -> bool:
    """「下岗工人」「失业职工」: a job title, not a job just lost."""
    return hit.value == Cause.INCOME_LOSS and bool(_LOST_JOB_WORDS.fullmatch(hit.text)) \
        and bool(_JOB_TITLE.match(text[hit.span[1]:hit.span[1] + 3]))


def costed(text: str, hit) -> bool:
    """A cost told with its sum or its spending (「住院已经花了六万」「化疗一次一万多」), in its own clause."""
    if not isinstance(hit.value, Cause) or hit.value.kind != HardshipType.EXPENDITURE or hit.value == Cause.HOUSING:
        return False
    start = max(0, hit.span[0] - 6)
    before = re.split(r"[，,。；;！!？?]", text[start:hit.span[0]])[-1]
    after = re.split(r"[。；;！!？?]", text[hit.span[1]:hit.span[1] + 16])[0]
    return bool(_SPENT.search(before) or _SPENT.search(after))


def school_named_only(text: str, hit) -> bool:
    """「孩子上初中」 with no fee, no sum and no place won: who lives in the house, not a cost asked for."""
    return hit.value == Cause.EDUCATION_COST and bool(_SCHOOL_LEVEL.fullmatch(hit.text)) and not _SCHOOL_COST.search(text)


def fare_after_treatment(text: str, hits: list) -> list:
    """「化疗后没路费回家」: a fare lacking on the way home from months of treatment shows how deep the
    medical cost goes; it is no stranding of its own (a theft or a loss on the road still is)."""
    if not (_TREATMENT.search(text) and any(h.value == Cause.MEDICAL_COST for h in hits)):
        return hits
    return [replace(h, secondary=True) if h.value == Cause.STRANDED and _FARE.search(h.text) and not _LOST_ON_ROAD.search(text)
            else h for h in hits]


def household_told(text: str, hits: list) -> list:
    """Beside a sudden event told now (a fire, an accident), a standing illness or a school named with no
    sum or spending anywhere (妻子常年患病，儿子在读初中) describes the household: background, no second reason."""
    if not any(h.value.kind == HardshipType.EMERGENCY and not h.background and not h.secondary for h in hits) \
            or _ANY_SPENDING.search(text):
        return hits
    return [replace(h, background=True) if school_named_only(text, h) or (h.value == Cause.MEDICAL_COST and _STANDING_ILL.fullmatch(h.text))
            else h for h in hits]


def weather_of_the_house(text: str, hits: list) -> list:
    """Weather words beside a house in a poor state are how the state shows: the disaster hit is secondary."""
    if not any(h.value == Cause.HOUSING and _HOUSE_STATE.search(h.text) for h in hits):
        return hits
    if any(h.value == Cause.HOUSING and not _HOUSE_STATE.search(h.text) for h in hits):
        return hits
    return [replace(h, secondary=True) if h.value == Cause.NATURAL_DISASTER and _WEATHER.match(h.text) and _habitual(text, h)
            else h for h in hits]


def _habitual(text: str, hit) -> bool:
    """「一下大雨就漏」「下雨天」「每逢台风」: weather as it always comes, not a storm that struck (「前天暴雨过后」)."""
    return bool(_EVERY_TIME.search(text[max(0, hit.span[0] - 3):hit.span[0]]) or _THEN.match(text[hit.span[1]:hit.span[1] + 6]))


def _consequence(event, other) -> bool:
    """The costs of treating what an accident, a fire, a disaster or an illness did (not a death's)."""
    return other == Cause.MEDICAL_COST and event != Cause.DEATH \
        and isinstance(event, Cause) and event.kind == HardshipType.EMERGENCY


def dated_years_back(text: str, hits: list, causes_in: Callable[[str], set]) -> list:
    """An event dated by its year is background when a later time follows it with another cause told
    after it (`causes_in(part)`: the causes told as current in a part of the text)."""
    later = [m.start() for m in _LATER.finditer(text)]
    if not later:
        return hits
    dated = [bool(_YEAR.search(text[max(0, hit.span[0] - 26):hit.span[0]]) or _LONG_SINCE.match(text[hit.span[1]:]))
             for hit in hits]
    newer = [d and any(t > hit.span[1] and any(c != hit.value and not _consequence(hit.value, c)
                                               for c in causes_in(text[t:])) for t in later)
             for hit, d in zip(hits, dated)]
    if any(n and hit.value == Cause.DEATH for hit, n in zip(hits, newer)):   # and what the death came of
        newer = [n or (d and hit.value.kind == HardshipType.EMERGENCY) for hit, n, d in zip(hits, newer, dated)]
    return [replace(hit, background=True) if n and not hit.background else hit for hit, n in zip(hits, newer)]
