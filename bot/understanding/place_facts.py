"""The place facts of one message: which place is the 事发地 and which the 户籍地, read from the
places found (bot.understanding.places) and the question being answered.

In passing, only a place the routing can use fills a fact (a road or a village alone does not:
「在八一路上被车撞了」 leaves the question to be asked), and where one is treated (在郑州化疗) is
neither. Of several places with the same role the most specific one consistent with the others wins
(许昌籍 … 襄城县茨沟街道人). In an answer a place takes the question's role unless a cue right beside it
says otherwise (是在后河镇集上撞的 answers no 户口 question); when nothing else answers, a place said
with the other role's cue answers too (事发地就按老家长葛市老城镇). 「我是X的」 names the 户籍 place, and the
place of the event when the message names no other.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from bot.domain.model import FactName
from bot.understanding import places
from bot.understanding.places import Place

PLACE_ANSWER = re.compile(r"[\u4e00-\u9fa5]{1,12}(省|市|县|区|镇|乡|村|街道|社区|路|街|组)")


def place_words(text: str) -> str:
    """An unknown place as written, without the punctuation around or after it (「某某村，还有」 -> 某某村)."""
    parts = [p for p in re.split(r"[^\w\u4e00-\u9fa5·]+", text) if p]
    with_suffix = [p for p in parts if PLACE_ANSWER.search(p)]
    return "".join(with_suffix or parts) or text

E, H = FactName.EVENT_PLACE, FactName.HUKOU_PLACE
_NAMES_FIELD = {E: re.compile(r"事发|出事|发生|出的事"), H: re.compile(r"户口|户籍|老家")}
_HUKOU_HERE = re.compile(r"(户口|户籍)(本)?(也|都|就|还)?(在|是)?(这里|这儿|这边|这|本地|当地|那里|那儿|那边|那|同一个地方|一样|同上|"
                         r"(同|与|和|跟)事发地?(相同|一致|一样)?)")   # operators' 「户籍同事发地」
_HOME_EVENT = re.compile(r"(家中|家里|我家|俺家|自家|屋里)[^，。,.]{0,3}(起火|着火|失火|被烧|烧了|被淹|进水|倒塌|塌了|出事)")


def _role_of(place: Place, expecting: FactName | None) -> FactName | None:
    if place.role in ("care", "back"):   # where one is treated, or wants to get back to
        return None
    if expecting in (E, H) and not (place.explicit and place.role == "event") and place.role not in ("hukou", "origin"):
        return expecting
    return H if place.role in ("hukou", "origin") else E


def _consistent(general: Place, specific: Place) -> bool:
    """`specific` lies inside `general` by their division codes (许昌市 411000 ⊇ 襄城县 411025)."""
    if not (general.admin_code and specific.admin_code):
        return False
    return specific.admin_code.startswith(general.admin_code.rstrip("0"))


def choose(found: list[Place], expecting: FactName | None) -> dict[FactName, Place]:
    """One place per role: the first, or a later more specific one inside it."""
    chosen: dict[FactName, Place] = {}
    for place in found:
        role = _role_of(place, expecting)
        if role is None or (expecting != role and not place.routable):
            continue
        best = chosen.get(role)
        if best is None or (place.level > best.level and _consistent(best, place)):
            chosen[role] = place
    origin = chosen.get(H)
    if origin is not None and origin.role == "origin" and E not in chosen and expecting not in (E, H):
        chosen[E] = origin   # 「我是建安区昌盛街道的 …厂子不干了」: it happened where they live
    return chosen


def answer_place(text: str, found: list[Place], expecting: FactName) -> Place | None:
    """A place that answers the place question although its cue gave it the other role; where one is
    treated (成都市武侯区 华西医院) answers where it happened when the reply names no other place."""
    for place in found:
        care_answer = place.role == "care" and expecting == E and len(found) == 1
        if (place.role in ("care", "back") and not care_answer) or not place.routable:
            continue
        if care_answer:
            return place
        if not place.explicit or _NAMES_FIELD[expecting].search(text):
            return place
    return None


def hukou_here(text: str, event: Any, known: dict[str, Any]) -> tuple[Any, tuple[int, int]] | None:
    """「户口也在这里」: the 户籍 place is the place of the event named in this message or before."""
    match = _HUKOU_HERE.search(text)
    if not match:
        return None
    if event is not None:
        return event, match.span()
    if known.get("event_place"):
        return known["event_place"], match.span()
    return None


def at_home(text: str) -> tuple[int, int] | None:
    """「户籍禹州市方山镇，昨晚家中起火」: what happened at home happened at the 户籍 place."""
    match = _HOME_EVENT.search(text)
    return match.span() if match else None


def inside_a_place(span: tuple[int, int] | None, value: str, found: Iterable[Place]) -> bool:
    """A model entity that lies inside a place the normaliser already read (长葛市 in 户口在长葛市长兴路街道)."""
    for place in found:
        if span and span[0] < place.span[1] and place.span[0] < span[1]:
            return True
        if value and value in place.text:
            return True
    return False
