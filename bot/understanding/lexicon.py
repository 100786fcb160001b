"""Keyword lexicons for causes, priority groups and illnesses, each match kept with its span.

These complement the trained model: a keyword hit is explainable to a caseworker ("matched 着火"),
and the NLU's entities fill in what the lexicon misses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.model import Cause, PriorityGroup

# Order matters: the first cause whose pattern matches earliest in the text wins ties.
CAUSE_PATTERNS: list[tuple[Cause, str]] = [
    (Cause.FIRE, r"着火|失火|起火|火灾|大火|烧没|烧光|烧毁|烧了|被烧|烧掉|火烧|烧得|烧成|燃气爆炸|煤气爆炸|爆炸"),
    (Cause.TRAFFIC_ACCIDENT, r"车祸|交通事故|被车撞|撞了|撞伤|被撞|翻车|追尾|肇事"),
    (Cause.NATURAL_DISASTER, r"洪水|洪涝|暴雨|发大水|大水|水灾|淹了|被淹|地震|冰雹|台风|泥石流|山体滑坡|滑坡|雪灾|龙卷风|房子塌|房屋倒塌|房子倒了|塌了|雷击|泡坏|被泡|泡了|受灾|灾后|安置点"),
    (Cause.DEATH, r"去世|过世|离世|病逝|身亡|死亡|死了|人没了|走了没多久|丧葬|办丧事|没了爹|没了妈|顶梁柱倒了"),
    (Cause.SUDDEN_ILLNESS, r"突发疾病|突发重病|突发脑|突发心|突然发病|突然病倒|病倒|突然晕倒|脑出血|脑溢血|心梗|心肌梗|中风|脑梗|急诊|抢救|重症监护|ICU|icu|病危|查出|确诊|白血病|癌|肿瘤|尿毒症"),
    (Cause.ACCIDENT_INJURY, r"摔伤|摔断|摔下来|摔了下来|坠落|压伤|砸断|烫伤|烧伤|工伤|砸伤|触电|溺水|被狗咬|受伤|骨折|意外"),
    (Cause.STRANDED, r"钱包丢|钱被偷|被偷|被骗|回不了家|回不去家|没有路费|没路费|没钱回家|身无分文|流落|滞留|流浪|走失"),
    (Cause.EDUCATION_COST, r"学费|上学|上大学|考上大学|高考|录取通知书|读书|书本费|住宿费|念书|生活费.{0,4}(孩子|学校)|学杂费"),
    (Cause.MEDICAL_COST, r"医药费|医疗费|住院费|治疗费|手术费|看病|治病|透析|化疗|吃药|药费|住院|手术"),
    (Cause.INCOME_LOSS, r"失业|下岗|没活干|没有活干|没工作|丢了工作|工厂倒闭|厂子倒闭|停工|停产|被裁|裁员|没有收入|没收入|断了收入|拖欠工资|工资没发|干不了活"),
]
_CAUSE_RES = [(cause, re.compile(pattern)) for cause, pattern in CAUSE_PATTERNS]

_NEGATION = re.compile(r"(不是|不算|没有|没|不属于|并非|非)[^，。,.]{0,2}$")
PRIORITY_PATTERNS: list[tuple[PriorityGroup, re.Pattern]] = [
    (PriorityGroup.TEKUN, re.compile(r"特困|五保")),
    (PriorityGroup.DIBAO, re.compile(r"低保")),
    (PriorityGroup.JIANDANG, re.compile(r"建档立卡|贫困户|脱贫户")),
    (PriorityGroup.JIANCE, re.compile(r"监测户|监测对象|防返贫|边缘户")),
]
_NONE_ANSWER = re.compile(r"^(都?不是|没有|都没有|没|不是的|都不算|不属于|普通家庭|一般家庭|都没|啥也不是|不知道不是)")

ILLNESS_PATTERN = re.compile(
    r"(白血病|尿毒症|肾衰竭|脑出血|脑溢血|脑梗|心梗|心肌梗死|心脏病|中风|癌症?|肿瘤|肺癌|肝癌|胃癌|乳腺癌|"
    r"骨折|烧伤|瘫痪|糖尿病|高血压|精神病|抑郁症|肺炎|新冠|尘肺病|先天性心脏病|脑瘫|自闭症|重病|大病)"
)


@dataclass(frozen=True)
class Hit:
    value: object
    text: str
    span: tuple[int, int]


EXPENDITURE = {Cause.MEDICAL_COST, Cause.EDUCATION_COST, Cause.INCOME_LOSS}


def find_causes(text: str) -> list[Hit]:
    """Every cause mentioned (one hit each): sudden events first, in order of appearance, then
    costs and income loss, which are usually their consequences (车祸 … 医药费)."""
    hits = []
    for cause, pattern in _CAUSE_RES:
        for match in pattern.finditer(text):
            if not _NEGATION.search(text[max(0, match.start() - 4):match.start()]):  # 「不是着火」
                hits.append(Hit(cause, match.group(0), match.span()))
                break
    return sorted(hits, key=lambda h: (h.value in EXPENDITURE, h.span[0]))


def find_priority_group(text: str, *, as_answer: bool = False) -> Hit | None:
    for group, pattern in PRIORITY_PATTERNS:
        for match in pattern.finditer(text):
            if _NEGATION.search(text[max(0, match.start() - 4):match.start()]):
                if as_answer:
                    return Hit(PriorityGroup.NONE, match.group(0), match.span())
                continue
            return Hit(group, match.group(0), match.span())
    if as_answer and _NONE_ANSWER.search(text.strip()):
        return Hit(PriorityGroup.NONE, text.strip(), (0, len(text)))
    return None


def find_illness(text: str) -> Hit | None:
    match = ILLNESS_PATTERN.search(text)
    return Hit(match.group(0), match.group(0), match.span()) if match else None
