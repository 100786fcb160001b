"""Keyword lexicons for causes, priority groups and illnesses, and how a story orders its causes.

A keyword hit is explainable to a caseworker ("matched 着火"); the NLU's entities fill in what the
lexicon misses. A story is read, not just searched: a cause told as background (「10年前」, 「去年」)
ranks after the current hardship; a long illness with its costs is a medical-cost hardship (支出型),
and a sudden one (突发, 抢救) is a sudden illness (急难型) that also brings costs; a negated cause
(「不是着火」, 「不是突发的」) does not count.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.model import Cause, HardshipType, PriorityGroup

# Order matters: the first cause whose pattern matches earliest in the text wins ties.
CAUSE_PATTERNS: list[tuple[Cause, str]] = [
    (Cause.FIRE, r"着火|失火|起火|火灾|大火|烧没|烧光|烧毁|烧了|被烧|烧掉|火烧|烧得|烧成|燃气爆炸|煤气爆炸|爆炸|火情|一把火"),
    (Cause.TRAFFIC_ACCIDENT, r"车[^，。,.]{0,4}(刮倒|刮伤|撞|碾|轧)|被.{0,4}车.{0,4}(撞|刮|碾|轧)|车祸|交通事故|被车撞|撞了|撞伤|被撞|翻车|追尾|肇事|撞倒|轧伤|碾压"),
    (Cause.NATURAL_DISASTER, r"洪水|洪涝|暴雨|发大水|大水|水灾|淹了|被淹|地震|冰雹|台风|泥石流|山体滑坡|滑坡|雪灾|龙卷风|雷击|泡坏|被泡|泡了|受灾|灾后|安置点|旱灾|大旱|灾情|大风|狂风|刮塌|风刮倒|风灾|暴雪|雪压|冻灾|塌方|冲走|冲毁|冲垮|被冲(走|毁|垮|倒|塌)|山洪|下了.{0,4}雨|连.{0,3}雨|大雨|连阴雨|雨水泡"),
    (Cause.DEATH, r"去世|过世|离世|病逝|身亡|死亡|死了|人没了|走了没多久|(爸|妈|爹|娘|老公|丈夫|妻子|老婆|儿子|女儿|父亲|母亲|老伴|他爸|他妈)[^，。,.]{0,4}(突然)?走了|顶梁柱没了|丧葬|办丧事|没了爹|没了妈|顶梁柱倒了|遇难|丧生|撒手人寰|不幸离世|溺亡|病没了|(老伴|老公|丈夫|妻子|老婆|儿子|女儿|爸|妈|爹|娘)[^，。,.]{0,6}没了"),
    (Cause.SUDDEN_ILLNESS, r"突发[^，。,.]{0,4}(病|炎|症|梗|血)|急性[^，。,.]{0,4}(病|炎|症|梗)|突发疾病|突发重病|突发脑|突发心|突然发病|突然病倒|病倒|突然晕倒|脑出血|脑溢血|心梗|心肌梗|中风|脑梗|急诊|抢救|重症监护|ICU|icu|病危|查出|确诊|白血病|癌|肿瘤|尿毒症|重病|大病|患病|得了.{0,4}病|病重|犯病|病犯了|发病|心脏病|昏倒|晕倒|倒下了|送医院|送到医院|住进医院|120|急救|送进.{0,2}医院|送往医院|送医"),
    (Cause.ACCIDENT_INJURY, r"摔伤|摔断|摔下来|摔了下来|坠落|压伤|砸断|烫伤|烧伤|工伤|砸伤|触电|溺水|被狗咬|受伤|骨折|煤气中毒|一氧化碳中毒|中毒|跌倒|摔倒|摔了|跌伤|断了|骨头|锁骨|骨裂|扭伤|被砸|砸了|割伤|碰伤|咬伤|坠楼|掉下来|摔坏|坠下|摔下|切掉|切断|截肢|断指|轧了|被机器|卷进|夹伤|压断|绞伤|跌落|损伤|重伤|伤势|受了伤|烧伤|意外受伤|意外事故|发生意外|遭遇意外|出了意外|燃煤取暖|煤烟"),
    (Cause.STRANDED, r"钱包丢|钱被偷|被偷|被盗|被骗|被抢|回不了家|回不去家|没有路费|没路费|没钱回家|身无分文|流落|滞留|流浪|露宿|救助管理站|救助站|无力返乡|无法返乡|无法回家|无法回老家|回不了老家|回家的票|返乡车票|购票返乡|买不起.{0,4}票|路费|盘缠|遗失.{0,6}(钱|财物|手机|身份证|钱包)|丢失.{0,6}(钱|财物|身份证|钱包)|花光了?身上|身上.{0,4}钱.{0,3}(花光|用光|没了)|没钱了.{0,6}回家"),
    (Cause.EDUCATION_COST, r"学费|上学|上大学|考上大学|高考|录取通知书|读书|书本费|住宿费|念书|生活费.{0,4}(孩子|学校)|学杂费|入学|辍学|上高中|上初中|护校|职校|技校|卫校|中专|读大学|读高中|读研|学业|助学"),
    (Cause.MEDICAL_COST, r"医药费|医疗费|住院费|治疗费|手术费|看病|治病|透析|化疗|放疗|吃药|药费|住院|手术|医疗支出|治疗|移植|干细胞|骨髓|靶向药"),
    (Cause.INCOME_LOSS, r"失业|下岗|辞退|开除|解雇|失去工作|没了工作|没活干|没有活干|没工作|丢了工作|工厂倒闭|厂子倒闭|停工|停产|被裁|裁员|没有收入|没收入|断了收入|拖欠工资|工资没发|干不了活|停业|倒闭|关门|没生意|生意.{0,4}(一落千丈|失败|亏)|赚不到钱|挣不到钱|失去经济来源|断了经济来源|没有经济来源|无收入来源|没有收入来源|无经济来源|丧失劳动能力|失去劳动能力|没有劳动能力|无劳动能力|收入骤减|收入锐减|生意失败|绝收|颗粒无收"),
    (Cause.HOUSING, r"危房|房屋倒塌|房子倒塌|房子塌|房子倒了|塌了|借住|寄住|租不起|无房|没房子?住|住房困难|没地方住|无处居住|无家可归|房屋漏|漏雨|房子裂|危旧房|住在窝棚|窝棚|倒塌|坍塌|开裂|裂缝|裂了|墙裂|要塌|怕塌|年久失修|漏水|土坯房|泥胚|土木结构|住不得|无房可住|桥下|房租|起房子|没有房子|住不下|无住房|没有住房|住房问题|无家可住"),
]
_CAUSE_RES = [(cause, re.compile(pattern)) for cause, pattern in CAUSE_PATTERNS]

# Among sudden events the incident comes before what it did to people (车祸 … 受伤 … 身亡).
_TIER = {Cause.ACCIDENT_INJURY: 1, Cause.DEATH: 1, Cause.SUDDEN_ILLNESS: 2}
_NEGATION = re.compile(r"(不是|不算|没有|没|不属于|并非|非|不用|担心|防止|以防|万一|避免|预防|怕)[^，。,.]{0,2}$")
_NONE_ANYWHERE = re.compile(r"都不是|都不沾边|不沾边|啥都不是|哪个都不是|一个都不是|都没有|都不算|普通家庭|一般家庭|普通人家")
_GROUP_LIST_NEGATION = re.compile(r"(不是|不属于|并非|非|没有|不算)[^，。,.;；]{0,20}$")
_BACKGROUND = re.compile(r"([0-9一二两三四五六七八九十几多]+年前|去年|前年|早年|早些年|前些年|前几年|早几年|头几年|那年|多年前|以前|小时候|当年|之前|曾经|早就|从小|自幼|幼年)([，,]?[^。！？!?；;，,]{0,12})$")
_BACKGROUND_AFTER = re.compile(r"^.{0,3}(多年|好几年|很多年|好多年|得早|的早|较早)")
# 「出车祸整整11个月了，花了50多万」: the event is past, its costs are the hardship now.
_LONG_AGO_AFTER = re.compile(r"^.{0,4}(整整|已经|已|快|近|有)?[0-9一二两三四五六七八九十几多半]+个?(个月|年)(了|多|之久)")
_SUDDEN = re.compile(r"突发|突然|急诊|抢救|病危|昏迷|送医|送到医院|送往医院|晕倒|倒地|倒下|ICU|icu|重症监护|急性|脑出血|脑溢血|心梗|心肌梗|中风|脑梗|犯病|病犯了|发病|危险期|植物人|意识不清|意识还未|开颅")
_NOT_SUDDEN = re.compile(r"不是突发|不是突然|并非突发|慢性|老毛病|多年|常年|长期|好几年|很多年|好多年|一直|多次入院|反复|康复")
_INCOME_STATE = re.compile(r"干不了活|没有收入|没收入|丧失劳动能力|失去劳动能力|没有劳动能力|无劳动能力|没有经济来源|无收入来源|没有收入来源|无经济来源")
_RECENT = re.compile(r"今年|最近|前不久|不久前|近日|近期|刚刚|上个月|这个月|上周|前些日子|前段时间|日前|查出|确诊|检查出|发现患|诊断为|诊断出")
_COSTS = re.compile(r"医药费|医疗费|治疗费|住院费|手术费|药费|透析|化疗|放疗|花|借了|欠了|欠下|负债|债|费用|自费|钱|[0-9一二两三四五六七八九十几]+万")
_ILLNESS_WORDS = re.compile(r"白血病|癌|肿瘤|尿毒症|重病|大病|患病|病|查出|确诊")

PRIORITY_PATTERNS: list[tuple[PriorityGroup, re.Pattern]] = [
    (PriorityGroup.TEKUN, re.compile(r"特困|五保")),
    (PriorityGroup.DIBAO, re.compile(r"低保")),
    (PriorityGroup.JIANDANG, re.compile(r"建档立卡|贫困户|脱贫户")),
    (PriorityGroup.JIANCE, re.compile(r"监测户|监测对象|防返贫|边缘户")),
]
_NONE_ANSWER = re.compile(r"^(都?不是|没有|都没有|没|不是的|都不算|不属于|普通家庭|一般家庭|都没|啥也不是|无$|否$|no$|nope|none|不$|都不沾边|不沾边|哪个都不是|一个都不是|啥都不是)",
                          re.IGNORECASE)

ILLNESS_PATTERN = re.compile(
    r"(白血病|尿毒症|肾衰竭|脑出血|脑溢血|脑梗|心梗|心肌梗死|心脏病|中风|癌症?|肿瘤|肺癌|肝癌|胃癌|乳腺癌|"
    r"骨折|烧伤|瘫痪|糖尿病|高血压|精神病|抑郁症|肺炎|新冠|尘肺病|先天性心脏病|脑瘫|自闭症|重病|大病)"
)


@dataclass(frozen=True)
class Hit:
    value: object
    text: str
    span: tuple[int, int]
    background: bool = False
    secondary: bool = False   # also applies, but is not the hardship the story is about


def _hits(text: str) -> list[Hit]:
    """The first current mention of each cause (else its first mention as background)."""
    hits = []
    for cause, pattern in _CAUSE_RES:
        found: Hit | None = None
        for match in pattern.finditer(text):
            if _NEGATION.search(text[max(0, match.start() - 4):match.start()]):  # 「不是着火」
                continue
            after = text[match.end():match.end() + 10]
            background = bool(_BACKGROUND.search(text[max(0, match.start() - 14):match.end() - 1])
                              or (cause == Cause.DEATH and _BACKGROUND_AFTER.match(after))
                              or (cause.kind == HardshipType.EMERGENCY and _LONG_AGO_AFTER.match(after)))
            if found is None or not background:
                found = Hit(cause, match.group(0), match.span(), background)
            if not background:
                break
        if found:
            hits.append(found)
    return hits


def _read_illness(text: str, hits: list[Hit]) -> list[Hit]:
    """A long illness with its costs is a medical-cost hardship; a sudden one (突发, 脑出血) stays a
    sudden illness; a serious illness found recently (今年查出) with its costs is both, the cost first."""
    illness = next((h for h in hits if h.value == Cause.SUDDEN_ILLNESS), None)
    if illness is None:
        return hits
    sudden = _SUDDEN.search(text) and not _NOT_SUDDEN.search(text[max(0, illness.span[0] - 12):])
    costly = _COSTS.search(text)
    if sudden:
        return hits
    if costly or _NOT_SUDDEN.search(text):
        chronic = _NOT_SUDDEN.search(text)
        hits = [h if h is not illness else Hit(h.value, h.text, h.span, h.background, secondary=True)
                for h in hits if h is not illness or (_RECENT.search(text) and not chronic)]
        if not any(h.value == Cause.MEDICAL_COST for h in hits):
            hits.append(Hit(Cause.MEDICAL_COST, illness.text, illness.span, illness.background))
    return hits


def find_causes(text: str) -> list[Hit]:
    """Every cause mentioned (one hit each), the current hardship first: sudden events before costs
    (车祸 … 医药费: the costs follow from the accident), each in order of appearance; causes told as
    background come last. Housing follows any other cause (a fire leaves a family without a home);
    among sudden events the incident (fire, accident, disaster) comes before the injury or death it
    caused, and a death before the illness that led to it; a cost (学费, 医药费) before a lasting lack of
    income (干不了活, 没有收入) that makes it hard to bear, but not before a job lost (失业, 下岗)."""
    hits = _read_illness(text, _hits(text))

    def rank(hit: Hit) -> tuple:
        kind = hit.value.kind if isinstance(hit.value, Cause) else HardshipType.UNKNOWN
        return (hit.background, hit.secondary, hit.value == Cause.HOUSING, kind != HardshipType.EMERGENCY,
                _TIER.get(hit.value, 0), hit.value == Cause.INCOME_LOSS and bool(_INCOME_STATE.fullmatch(hit.text)),
                hit.span[0])

    return sorted(hits, key=rank)


def find_priority_group(text: str, *, as_answer: bool = False) -> Hit | None:
    for group, pattern in PRIORITY_PATTERNS:
        for match in pattern.finditer(text):
            if _NEGATION.search(text[max(0, match.start() - 4):match.start()]) or _negated_list(text, match.start()):
                if as_answer:
                    return Hit(PriorityGroup.NONE, match.group(0), match.span())
                continue
            return Hit(group, match.group(0), match.span())
    negated = {group for group, pattern in PRIORITY_PATTERNS for m in pattern.finditer(text) if _negated_list(text, m.start())}
    if len(negated) >= 2:   # 「非低保、特困、建档立卡户」: none of them
        return Hit(PriorityGroup.NONE, text.strip(), (0, len(text)))
    stripped = re.sub(r"[^\w]", "", text).strip()
    if as_answer and (_NONE_ANSWER.search(stripped) or _NONE_ANYWHERE.search(stripped)):
        return Hit(PriorityGroup.NONE, text.strip(), (0, len(text)))
    return None


def _negated_list(text: str, start: int) -> bool:
    """「非低保、特困、建档立卡户」: a negation in front of a list covers each group in it."""
    clause = _GROUP_LIST_NEGATION.search(text[max(0, start - 22):start])
    if not clause:
        return False
    between = text[max(0, start - 22):start][clause.end(1):]
    return bool(re.fullmatch(r"[低保特困五保户建档立卡贫困户脱贫监测户对象人员家庭、，,和或及也]*", between))


def find_illness(text: str) -> Hit | None:
    match = ILLNESS_PATTERN.search(text)
    return Hit(match.group(0), match.group(0), match.span()) if match else None
