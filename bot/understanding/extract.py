"""One message in, every fact it states out, each with its span and how it was found.

`extract_facts` runs the normalisers over the cleaned text, uses the NLU model's entities where the
normalisers find nothing, and, when the message answers a question (`expecting`), reads the reply
in that light: a bare 「四个」 is the household size, 「没有」 means no priority group. When the reply
does not give a usable answer, `problems` holds a short Chinese explanation to show the resident.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable

from bot.domain.model import Cause, Fact, FactName
from bot.understanding import (cause_model, contact, corrections, dates, lexicon, money_facts, names, numbers, pinyin,
                               place_facts, places, spelling)
from bot.understanding.cause_model import CauseModel
from bot.understanding.gazetteer import Gazetteer
from bot.understanding.text import clean, is_substantive

MAX_HOUSEHOLD = 20
NOT_GIVEN = "未提供"
UNKNOWN = "待核实"
FULL_NAME_PENDING = "（全名待核实）"
PINYIN = "您发的好像是拼音，我认不准。请用汉字再发一次（输入法切换到中文）；打字不方便可以回复“转人工”。"

_DONT_KNOW = re.compile(r"不详|未知|不明|未提供|没提供|不知道|不清楚|说不准|说不好|说不清|不确定|不好说|记不清|不记得|忘了|没算过|算不清|不晓得|不太清楚|搞不清")
_ZERO = re.compile(r"^(没有?|冇|无|零|0|啥也没有|一分(钱)?也?没有|没有收入|没收入|没有任何收入|没啥收入|没进项|没有进项|一分钱都没有|分文没有)")
# 「来电人称都不是」: what the operator types before the caller's answer
_OPERATOR_PREFIX = re.compile(r"^(来电人|来电者|对方|当事人)(称|说|表示|讲|回答)?[:：，,]?\s*")
_ASK_AGAIN_ON_DONT_KNOW = {FactName.CAUSE, FactName.APPLICANT_NAME, FactName.PHONE}
_PLACE_ANSWER = place_facts.PLACE_ANSWER
_NOT_APPLICABLE = re.compile(r"^(没有|没|冇|无|不需要|不用|没花|还没花|没有花)")

_SKIP_ID = re.compile(r"(^无$|不详|未知|未提供|没提供|没有提供|没有|没带|不方便|不想|不愿|不记得|记不住|记不全|记不清|以后|稍后|跳过|先不|不给|不提供|忘了|被偷|丢了|丢失|不在身边|不知道|不会弄)")
_SAME_AS_HOME = re.compile(r"一样|同上|家里|在家|家中|本地|就这|就在这")   # the event happened at the 户籍 place
_SAME_AS_EVENT = re.compile(r"(一样|同上|一致|同事发地|就是这里|就是那里|也是那|本地|就在这|就这|一直在这|一直在那)")



@dataclass
class Extraction:
    text: str
    facts: dict[FactName, Fact] = field(default_factory=dict)
    problems: dict[FactName, str] = field(default_factory=dict)
    places: list = field(default_factory=list)   # every place found, whatever its role

    def add(self, name: FactName, value: Any, span: tuple[int, int] | None, method: str,
            confidence: float | None = None, **extra: Any) -> None:
        if name in self.facts:
            return
        source = self.text[span[0]:span[1]] if span else self.text
        self.facts[name] = Fact(name, value, source_text=source, span=span, method=method,
                                confidence=confidence, extra=extra)

    def values(self) -> dict[str, Any]:
        return {name.value: fact.value for name, fact in self.facts.items()}


def extract_facts(
    text: str | None,
    *,
    now: datetime,
    expecting: FactName | None = None,
    entities: Iterable[dict] = (),
    known: dict[str, Any] | None = None,
    gazetteer: Gazetteer | None = None,
    causes: CauseModel | None = None,
    attempts: int = 0,
    tail: bool = False,
) -> Extraction:
    """Facts stated in `text`; `known` holds facts already collected (for 「同上」-style replies),
    `attempts` how often the current question was answered without a usable fact; `causes` is the
    learned reading of causes joined to the lexicon's (without it, the lexicon alone)."""
    text = spelling.fix(clean(text), gazetteer or places.national())
    if expecting:
        text = _OPERATOR_PREFIX.sub("", text)   # 「来电人称不是」 answers 「不是」
    expecting = expecting or corrections.named_field(text)   # 「收入说错了，…」 answers the income question
    out = Extraction(text=text)
    known = known or {}
    if not is_substantive(text):
        if expecting:
            out.problems[expecting] = "没有收到文字内容，请用文字回复。"
        return out
    if pinyin.is_pinyin(text):   # never a name or a place; the question is asked again
        if expecting:
            out.problems[expecting] = PINYIN
        return out

    _contact(out, text, expecting)
    _cause_and_size(out, text, expecting, causes)
    group = lexicon.find_priority_group(text, as_answer=expecting == FactName.PRIORITY_GROUP)
    if group:
        out.add(FactName.PRIORITY_GROUP, group.value.value, group.span, "normaliser")

    illness = lexicon.find_illness(text)
    if illness:
        out.add(FactName.ILLNESS, illness.value, illness.span, "normaliser")

    _name(out, text, expecting, attempts)

    found_date = dates.find_date(text, now, as_answer=expecting == FactName.EVENT_DATE)
    if found_date:
        out.add(FactName.EVENT_DATE, found_date.day.isoformat(), found_date.span, "normaliser",
                **({"approximate": True} if found_date.approximate else {}))

    _places(out, text, expecting, gazetteer)
    _hukou_here(out, text, known)
    _at_home(out, text)
    _amounts(out, text, expecting, known)
    _entities(out, entities, gazetteer)
    if expecting:
        _answer(out, text, expecting, known)
    if not tail:
        _said_after_the_correction(out, text, now, expecting, known, gazetteer)
    return out


def _said_after_the_correction(out: Extraction, text: str, now: datetime, expecting: FactName | None,
                               known: dict[str, Any], gazetteer: Gazetteer | None) -> None:
    """「前天夜里 不对不对 是大前天夜里」: a fact found again after the last correction word takes that value."""
    part = corrections.corrected_part(text)
    if part is None:
        return
    offset, rest = part
    later = extract_facts(rest, now=now, expecting=expecting, known=known, gazetteer=gazetteer, tail=True)
    for name, fact in later.facts.items():
        if name in out.facts and out.facts[name].value != fact.value and fact.value != UNKNOWN:
            span = (fact.span[0] + offset, fact.span[1] + offset) if fact.span else None
            out.facts[name] = Fact(name, fact.value, fact.source_text, span, fact.method, fact.confidence,
                                   fact.observed_at, fact.extra)


def _contact(out: Extraction, text: str, expecting: FactName | None) -> None:
    """ID number and phone, or why the one given cannot be right (check digit, length)."""
    id_found = contact.find_id_number(text)
    if id_found and id_found.value:
        out.add(FactName.ID_NUMBER, id_found.value, id_found.span, "normaliser")
    elif id_found and id_found.problem:
        out.problems[FactName.ID_NUMBER] = id_found.problem

    phone_found = contact.find_phone(text, as_answer=expecting == FactName.PHONE)
    if phone_found and phone_found.value:
        out.add(FactName.PHONE, phone_found.value, phone_found.span, "normaliser")
    elif phone_found and phone_found.problem and expecting in (FactName.PHONE, None):
        out.problems[FactName.PHONE] = phone_found.problem


def _cause_and_size(out: Extraction, text: str, expecting: FactName | None, model: CauseModel | None) -> None:
    """The cause told as a story (the first, the others as `also` or `background`) and the household size."""
    causes = cause_model.read(text, model if expecting in (None, FactName.CAUSE) else None)
    if causes:
        primary, rest = causes[0], causes[1:]
        out.add(FactName.CAUSE, primary.value.value, primary.span, *cause_model.method_of(primary),
                also=[hit.value.value for hit in rest if not hit.background],
                **({"background": [hit.value.value for hit in rest if hit.background]} if any(hit.background for hit in rest) else {}))

    size = numbers.find_household_size(text, as_answer=expecting == FactName.HOUSEHOLD_SIZE)
    if size:
        value, span = size
        if 1 <= value <= MAX_HOUSEHOLD:
            out.add(FactName.HOUSEHOLD_SIZE, value, span, "normaliser")
        else:
            out.problems[FactName.HOUSEHOLD_SIZE] = (
                f"家庭人口填{value}人看起来不对，请告诉我和您一起生活的家人一共几口人（1到{MAX_HOUSEHOLD}人）。"
            )


def _name(out: Extraction, text: str, expecting: FactName | None, attempts: int) -> None:
    """A full name; a refusal as a refusal; a surname alone asks once for the full name, then is kept."""
    found = names.find(text, as_answer=expecting == FactName.APPLICANT_NAME)
    if found is None:
        return
    if found.surname_only:
        if expecting != FactName.APPLICANT_NAME:
            return
        if attempts == 0:
            out.problems[FactName.APPLICANT_NAME] = (
                f"请告诉我申请人的全名，比如“{found.value}建国”；不方便说全名的话，再回复一次“{found.value}”也可以。")
            return
        out.add(FactName.APPLICANT_NAME, found.value + FULL_NAME_PENDING, found.span, "answer", surname_only=True)
        return
    out.add(FactName.APPLICANT_NAME, found.value, found.span, "normaliser", **({"refused": True} if found.refused else {}))


def _places(out: Extraction, text: str, expecting: FactName | None, gazetteer: Gazetteer | None) -> None:
    out.places = places.find_places(text, gazetteer)
    for role, place in place_facts.choose(out.places, expecting).items():
        out.add(role, place.full, place.span, "normaliser", place=place.as_dict())


def _hukou_here(out: Extraction, text: str, known: dict[str, Any]) -> None:
    """「户口也在这里」: the 户籍 place is the place of the event named in this message or before."""
    event = out.facts.get(FactName.EVENT_PLACE)
    same = None if FactName.HUKOU_PLACE in out.facts else place_facts.hukou_here(text, event.value if event else None, known)
    if same:
        out.add(FactName.HUKOU_PLACE, same[0], same[1], "normaliser", same_as="event_place", **(event.extra if event else {}))


def _at_home(out: Extraction, text: str) -> None:
    """「户籍禹州市方山镇，昨晚家中起火」: what happened at home happened at the 户籍 place named with it
    (read back for the resident to confirm)."""
    hukou = out.facts.get(FactName.HUKOU_PLACE)
    span = place_facts.at_home(text)
    if span and hukou is not None and FactName.EVENT_PLACE not in out.facts and "same_as" not in hukou.extra:
        out.add(FactName.EVENT_PLACE, hukou.value, span, "normaliser", same_as="hukou_place", **hukou.extra)


def _amounts(out: Extraction, text: str, expecting: FactName | None, known: dict[str, Any]) -> None:
    found, problem = money_facts.read(text, expecting)
    if problem:
        target = expecting if expecting in (FactName.EXPENSE_AMOUNT, FactName.HOUSEHOLD_INCOME) else FactName.EXPENSE_AMOUNT
        out.problems[target] = problem
    for fact in found:
        out.add(fact.name, fact.value, fact.span, "normaliser", upper=fact.upper)


_ENTITY_FACTS = {
    "name": FactName.APPLICANT_NAME,
    "place": FactName.EVENT_PLACE,
    "illness": FactName.ILLNESS,
    "cause": FactName.CAUSE,
}


def _entities(out: Extraction, entities: Iterable[dict], gazetteer: Gazetteer | None) -> None:
    """Model entities fill what the normalisers missed; their values are re-checked first (a name
    must be a name, a place a known place or a word with a place suffix, a cause one of ours)."""
    for entity in entities:
        fact = _ENTITY_FACTS.get(entity.get("entity", ""))
        value = str(entity.get("value") or "").strip()
        if not fact or not value or fact in out.facts:
            continue
        if fact == FactName.APPLICANT_NAME and not names.is_name(value):
            continue
        span = (entity["start"], entity["end"]) if "start" in entity and "end" in entity else None
        if fact == FactName.EVENT_PLACE and (not places.find_places(value, gazetteer)
                                             or place_facts.inside_a_place(span, value, out.places)):
            continue
        if fact == FactName.CAUSE and value not in {c.value for c in Cause}:
            continue
        extra = {}
        if fact == FactName.EVENT_PLACE:
            place = places.find_places(value, gazetteer)[0]
            value, extra = place.full, {"place": place.as_dict()}
        out.add(fact, value, span, "nlu", confidence=entity.get("confidence_entity"), **extra)


def _answer(out: Extraction, text: str, expecting: FactName, known: dict[str, Any]) -> None:
    """Read the message as the reply to the question for `expecting`."""
    if expecting in out.facts:
        fact = out.facts[expecting]
        out.facts[expecting] = Fact(fact.name, fact.value, fact.source_text, fact.span, "answer",
                                    fact.confidence, fact.observed_at, fact.extra)
        out.problems.pop(expecting, None)
        return
    if expecting in out.problems and not _DONT_KNOW.search(text):
        return
    out.problems.pop(expecting, None)
    if expecting == FactName.ID_NUMBER and _SKIP_ID.search(text):
        out.add(expecting, NOT_GIVEN, None, "answer")
    elif expecting == FactName.HUKOU_PLACE and _SAME_AS_EVENT.search(text) and known.get("event_place"):
        out.add(expecting, known["event_place"], None, "answer", same_as="event_place")
    elif expecting == FactName.EVENT_PLACE and _SAME_AS_HOME.search(text) and known.get("hukou_place"):
        out.add(expecting, known["hukou_place"], None, "answer", same_as="hukou_place")
    elif expecting == FactName.HOUSEHOLD_INCOME and _ZERO.search(text):
        out.add(expecting, 0, (0, len(text)), "answer")
    elif expecting == FactName.EXPENSE_AMOUNT and _NOT_APPLICABLE.search(text) and not _DONT_KNOW.search(text):
        out.add(expecting, 0, (0, len(text)), "answer")
    elif expecting in (FactName.EVENT_PLACE, FactName.HUKOU_PLACE) and place_facts.answer_place(text, out.places, expecting):
        place = place_facts.answer_place(text, out.places, expecting)
        out.add(expecting, place.full, place.span, "answer", place=place.as_dict())
    elif expecting in (FactName.EVENT_PLACE, FactName.HUKOU_PLACE) and not out.places and _PLACE_ANSWER.search(text) \
            and len(text) <= 30:
        out.add(expecting, place_facts.place_words(text), (0, len(text)), "answer")
    elif expecting == FactName.CAUSE and len(re.findall(r"[\u4e00-\u9fa5]", text)) >= 4:
        out.add(expecting, Cause.OTHER.value, (0, len(text)), "answer")
    elif expecting not in _ASK_AGAIN_ON_DONT_KNOW and len(text) <= 12 and (_DONT_KNOW.search(text) or dates.says_unknown(text)):
        out.add(expecting, UNKNOWN, (0, len(text)), "answer")
    else:
        out.problems[expecting] = PROBLEMS.get(expecting, "没听明白，请换个说法再说一次。")


PROBLEMS = {
    FactName.CAUSE: "请简单说说遇到了什么困难，比如：家里着火、出了车祸、看病花了很多钱、孩子上学交不起学费。",
    FactName.EVENT_PLACE: "请告诉我事情发生在哪里，比如：许昌市鄢陵县马栏镇。",
    FactName.EVENT_DATE: "没听清时间，请说一下大概是哪天，比如：昨天、上周三、11月3号；记不清可以说“记不清”。",
    FactName.HUKOU_PLACE: "请告诉我户口所在地（到县、乡镇），比如：许昌市襄城县城关街道。",
    FactName.HOUSEHOLD_SIZE: f"请告诉我和您一起生活的家人一共几口人（1到{MAX_HOUSEHOLD}人），比如：4口人。",
    FactName.APPLICANT_NAME: "请告诉我您的姓名，比如：王小明。",
    FactName.PHONE: "请留一个能联系到您的电话：11位手机号，或带区号的座机。",
    FactName.ID_NUMBER: "请发18位身份证号；现在不方便可以回复“暂不提供”。",
    FactName.PRIORITY_GROUP: "请回答您家是不是低保户、特困人员、建档立卡贫困户或监测户；都不是请回复“都不是”。",
    FactName.EXPENSE_AMOUNT: "请告诉我这笔必需支出大概多少钱，比如：两万、3500元。",
    FactName.HOUSEHOLD_INCOME: "请告诉我全家一个月大概收入多少钱，比如：每月两千；没有收入请说“0元”。",
}

