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
from bot.understanding import contact, dates, lexicon, names, numbers, places
from bot.understanding.text import clean, is_substantive

MAX_HOUSEHOLD = 20
MAX_AMOUNT = 10_000_000
NOT_GIVEN = "未提供"
UNKNOWN = "不详"

_SKIP_ID = re.compile(r"(没有|没带|不方便|不想|不愿|不记得|记不住|以后|稍后|跳过|先不|不给|不提供|忘了)")
_SAME_AS_EVENT = re.compile(r"(一样|同上|就是这里|就是那里|也是那|本地|就在这|就这)")
_INCOME_CUE = re.compile(r"(收入|工资|挣|赚|月入|低保金|养老金|退休金|补助)[^，。,.]{0,6}$")
_ANNUAL_CUE = re.compile(r"(一年|年收入|全年|每年)")
_EXPENSE_CUE = re.compile(r"(花了|花费|花掉|医药费|医疗费|住院费|手术费|学费|费用|欠了?|借了?|需要|还差|交|缴|要)[^，。,.]{0,6}$")
_LOSS_CUE = re.compile(r"(损失|烧掉|冲走|毁了?)[^，。,.]{0,6}$")



@dataclass
class Extraction:
    text: str
    facts: dict[FactName, Fact] = field(default_factory=dict)
    problems: dict[FactName, str] = field(default_factory=dict)

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
) -> Extraction:
    """Facts stated in `text`; `known` holds facts already collected (for 「同上」-style replies)."""
    text = clean(text)
    out = Extraction(text=text)
    known = known or {}
    if not is_substantive(text):
        if expecting:
            out.problems[expecting] = "没有收到文字内容，请用文字回复。"
        return out

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

    causes = lexicon.find_causes(text)
    if causes:
        primary = causes[0]
        out.add(FactName.CAUSE, primary.value.value, primary.span, "normaliser",
                also=[hit.value.value for hit in causes[1:]])

    size = numbers.find_household_size(text, as_answer=expecting == FactName.HOUSEHOLD_SIZE)
    if size:
        value, span = size
        if 1 <= value <= MAX_HOUSEHOLD:
            out.add(FactName.HOUSEHOLD_SIZE, value, span, "normaliser")
        else:
            out.problems[FactName.HOUSEHOLD_SIZE] = (
                f"家庭人口填{value}人看起来不对，请告诉我和您一起生活的家人一共几口人（1到{MAX_HOUSEHOLD}人）。"
            )

    group = lexicon.find_priority_group(text, as_answer=expecting == FactName.PRIORITY_GROUP)
    if group:
        out.add(FactName.PRIORITY_GROUP, group.value.value, group.span, "normaliser")

    illness = lexicon.find_illness(text)
    if illness:
        out.add(FactName.ILLNESS, illness.value, illness.span, "normaliser")

    name = names.find_name(text, as_answer=expecting == FactName.APPLICANT_NAME)
    if name:
        out.add(FactName.APPLICANT_NAME, name[0], name[1], "normaliser")

    found_date = dates.find_event_date(text, now)
    if found_date:
        out.add(FactName.EVENT_DATE, found_date[0].isoformat(), found_date[1], "normaliser")

    _places(out, text, expecting)
    _amounts(out, text, expecting, known)
    _entities(out, entities)
    if expecting:
        _answer(out, text, expecting, known)
    return out


def _places(out: Extraction, text: str, expecting: FactName | None) -> None:
    for place in places.find_places(text):
        if expecting in (FactName.HUKOU_PLACE, FactName.EVENT_PLACE):
            role = FactName.HUKOU_PLACE if expecting == FactName.HUKOU_PLACE else FactName.EVENT_PLACE
            if place.role == "hukou":
                role = FactName.HUKOU_PLACE
        else:
            role = FactName.HUKOU_PLACE if place.role == "hukou" else FactName.EVENT_PLACE
        out.add(role, place.text, place.span, "normaliser", place=place.as_dict())


def _amounts(out: Extraction, text: str, expecting: FactName | None, known: dict[str, Any]) -> None:
    money_question = expecting in (FactName.EXPENSE_AMOUNT, FactName.HOUSEHOLD_INCOME)
    for amount in numbers.find_amounts(text, expecting_money=money_question):
        before = text[max(0, amount.span[0] - 10):amount.span[0]]
        zero_income = amount.value == 0 and (expecting == FactName.HOUSEHOLD_INCOME or _INCOME_CUE.search(before))
        if not (0 < amount.value < MAX_AMOUNT or zero_income):
            target = expecting if expecting in (FactName.EXPENSE_AMOUNT, FactName.HOUSEHOLD_INCOME) else FactName.EXPENSE_AMOUNT
            out.problems[target] = "这个金额看起来不对，请再说一下大概多少钱（例如：两万、3500元）。"
            continue
        if _INCOME_CUE.search(before) or expecting == FactName.HOUSEHOLD_INCOME:
            value = amount.value
            if _ANNUAL_CUE.search(text[max(0, amount.span[0] - 12):amount.span[1]]):
                value = round(value / 12, 2)
            out.add(FactName.HOUSEHOLD_INCOME, value, amount.span, "normaliser", upper=amount.upper)
        elif _LOSS_CUE.search(before) and expecting != FactName.EXPENSE_AMOUNT:
            out.add(FactName.LOSS_AMOUNT, amount.value, amount.span, "normaliser", upper=amount.upper)
        elif _EXPENSE_CUE.search(before) or expecting == FactName.EXPENSE_AMOUNT:
            out.add(FactName.EXPENSE_AMOUNT, amount.value, amount.span, "normaliser", upper=amount.upper)
        else:
            out.add(FactName.LOSS_AMOUNT, amount.value, amount.span, "normaliser", upper=amount.upper)


_ENTITY_FACTS = {
    "name": FactName.APPLICANT_NAME,
    "place": FactName.EVENT_PLACE,
    "hukou_place": FactName.HUKOU_PLACE,
    "illness": FactName.ILLNESS,
}


def _entities(out: Extraction, entities: Iterable[dict]) -> None:
    """Model entities fill what the normalisers missed; their values are re-normalised first."""
    for entity in entities:
        fact = _ENTITY_FACTS.get(entity.get("entity", ""))
        value = str(entity.get("value") or "").strip()
        if not fact or not value or fact in out.facts:
            continue
        if fact == FactName.APPLICANT_NAME and not names.find_name(value, as_answer=True):
            continue
        span = (entity["start"], entity["end"]) if "start" in entity and "end" in entity else None
        out.add(fact, value, span, "nlu", confidence=entity.get("confidence_entity"))


def _answer(out: Extraction, text: str, expecting: FactName, known: dict[str, Any]) -> None:
    """Read the message as the reply to the question for `expecting`."""
    if expecting in out.facts:
        fact = out.facts[expecting]
        out.facts[expecting] = Fact(fact.name, fact.value, fact.source_text, fact.span, "answer",
                                    fact.confidence, fact.observed_at, fact.extra)
        out.problems.pop(expecting, None)
        return
    if expecting in out.problems:
        return
    short = len(text) <= 60
    if expecting == FactName.ID_NUMBER and _SKIP_ID.search(text):
        out.add(expecting, NOT_GIVEN, None, "answer")
    elif expecting == FactName.EVENT_DATE and dates.says_unknown(text):
        out.add(expecting, UNKNOWN, None, "answer")
    elif expecting == FactName.HUKOU_PLACE and _SAME_AS_EVENT.search(text) and known.get("event_place"):
        out.add(expecting, known["event_place"], None, "answer", same_as="event_place")
    elif expecting in (FactName.EVENT_PLACE, FactName.HUKOU_PLACE) and short and len(text) >= 2:
        out.add(expecting, text.rstrip("。.!！"), (0, len(text)), "answer")
    elif expecting == FactName.CAUSE and len(re.findall(r"[\u4e00-\u9fa5]", text)) >= 4:
        out.add(expecting, Cause.OTHER.value, (0, len(text)), "answer")
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

