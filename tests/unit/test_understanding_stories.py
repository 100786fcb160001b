"""Which cause a story is about, when it names several, and the words people use for them.

Messages written for these tests in the styles of public hardship reports, letters and posts (never
copied from one). Each row failed before the mechanism it tests: the words for an illness, a death,
a theft on the road, a house one cannot live in and a livelihood gone; a job title (下岗工人) is no
job just lost; the cost with its sum is the hardship, not one named as who lives in the house; a
long illness treated for months is a cost even when it began suddenly; rain that comes through an
old roof is the house's state, not a disaster; an event dated years back is background to a later
cost; a disability certificate shown, a floor full of holes or a stop by the road is no matter for
another office."""
import pytest

from bot.domain.model import Cause
from bot.policy import classify
from bot.understanding.category import OUT_OF_SCOPE, categorise
from bot.understanding.lexicon import find_causes


def first_cause(text):
    hits = find_causes(text)
    return hits[0].value if hits else None


@pytest.mark.parametrize("text, cause", [
    # the words for a death, an illness, a theft on the road, a home one cannot live in, no livelihood
    ("下午传来他在工地猝死的消息，家里就靠他一个人挣钱", Cause.DEATH),
    ("她男人前天夜里在矿上出事，人没救过来，家里三个娃还小", Cause.DEATH),
    ("患有严重的慢性疾病，失去工作能力，男人为了照顾她也停薪了", Cause.MEDICAL_COST),
    ("老伴是精神病，好些年了，离不开人，俺实在撑不住了", Cause.MEDICAL_COST),
    ("娃是先心病，医生说得赶紧做", Cause.MEDICAL_COST),
    ("一个礼拜血透三次，家里早就掏空了", Cause.MEDICAL_COST),
    ("在郑州东站候车的时候包叫扒手掏了，车票和钱全没了", Cause.STRANDED),
    ("出门打工，钱在车上让小偷偷了，身上没有一分钱", Cause.STRANDED),
    ("那间老屋早就不能住人了，一家人挤在邻居家", Cause.HOUSING),
    ("老两口一家人没有生活来源，只能出去要饭", Cause.INCOME_LOSS),
    # a job title is no job just lost: the illness it is told with is the hardship
    ("他是个下岗工人，前年查出尿毒症，一星期透析三回，家里早就掏空了", Cause.MEDICAL_COST),
    ("夫妻俩都是下岗职工，女儿得了白血病，到处借钱治病", Cause.MEDICAL_COST),
    # the cost with its sum is the hardship; one named as who lives in the house is not
    ("家里两个孩子读书，老人身体也不好，这回孩子他爸住院已经花了六万多，后面还要做康复", Cause.MEDICAL_COST),
    # a long illness treated for months is a cost, even when it began suddenly (the sudden illness also)
    ("他是在厂里干活时突然晕倒的，一查是白血病，现在每个礼拜都要化疗，已经花了二十多万", Cause.MEDICAL_COST),
    # rain through an old roof is the house's state (a flood that brought the house down stays a disaster)
    ("房子是几十年的土坯房，年久失修，一下大雨屋里就漏，俺们都不敢住了", Cause.HOUSING),
    ("连着下了几天暴雨，后山的水冲下来，房子倒塌了", Cause.NATURAL_DISASTER),
    ("前天暴雨过后俺家房子成了危房，墙上裂了好几道缝，不敢进屋", Cause.NATURAL_DISASTER),
    ("老房子下雨天就漏得跟水帘洞一样，根本不能住人", Cause.HOUSING),
    # an event dated years back is background to a later cost
    ("2015年老伴出车祸走了，现在我一个人带着孙子，今年孙子上高中学费交不起", Cause.EDUCATION_COST),
    ("2009年查出尿毒症，2016年老伴又突发脑溢血去世了，去年底连血透费都交不上了", Cause.MEDICAL_COST),
    # kept: an accident dated by its year, with the costs it brought, stays the story
    ("2016年11月父亲出了车祸，送去医院抢救，目前已经花了二十多万", Cause.TRAFFIC_ACCIDENT),
    # a fire as reports tell it; a child who fell into water; a collapse in other words
    ("半夜村东头老李家火光冲天，三间瓦房连同家当全化为灰烬", Cause.FIRE),
    ("小孙子在村口掉进河里，捞上来后一直靠呼吸机，医生说还没脱离危险", Cause.ACCIDENT_INJURY),
    ("他骑车到路口说心口疼，没一会儿就倒下去了，到现在没醒", Cause.SUDDEN_ILLNESS),
    # livestock lost to disease is a livelihood lost, not an illness or a death (「非洲」 is no negation)
    ("非洲猪瘟一来，圈里两百头猪全扑杀了，欠下饲料钱四十多万", Cause.INCOME_LOSS),
    ("养的猪前些天发病全清栏了，十几年的本钱都搭进去了", Cause.INCOME_LOSS),
    # an illness of the mind that flares often is a standing cost, not a sudden illness
    ("哥哥有精神疾病，经常犯病，离不开人看着", Cause.MEDICAL_COST),
    # a house one cannot afford to mend
    ("住的是土墙吊脚楼，连打地基的钱都拿不出来", Cause.HOUSING),
    # a malignant illness with its debts is a cost first, though it began suddenly
    ("女儿上初二，去年12月突然腿疼，查出来是骨肉瘤，家里已经借遍了亲戚", Cause.MEDICAL_COST),
    # a school named with no fee or sum is who lives in the house
    ("家里孩子上初中，老人常年卧床，一家人没有生活来源", Cause.MEDICAL_COST),
    # a death dated by its year, two clauses before, is background to the cost told after 「去年底」
    ("2013年，老伴在工地上干活，突发脑溢血去世。去年底，我连透析的钱都交不上了", Cause.MEDICAL_COST),
    # 「去年12月27日」: an event dated to the day is the one reported, not background
    ("丈夫去年12月27日夜里突发脑出血，到现在还没醒，之前给婆婆看病花光了积蓄", Cause.SUDDEN_ILLNESS),
    # weather that wrecks a living: wind, freezing rain, hail, lightning
    ("一阵强风过来，把俺家三个大棚全掀翻了，一年的收成没了", Cause.NATURAL_DISASTER),
    ("冻雨压了两天，蔬菜大棚全坍塌了，几十万本钱打了水漂", Cause.NATURAL_DISASTER),
    ("前天夜里雷打下来，把西屋劈倒了，老汉被压伤了腿", Cause.NATURAL_DISASTER),
    # a house that fell down, said as people say it
    ("房子早就垮了，一家人现在借住在他弟弟家", Cause.HOUSING),
    # an illness borne for years is a standing cost
    ("她男人长期生病，家里就靠她打零工", Cause.MEDICAL_COST),
    # an event followed by how long ago it was is background to what happened this year
    ("因为车祸伤了头，十七年来一直吃药。今年7月又突发脑梗，住进了医院", Cause.SUDDEN_ILLNESS),
    # a child who fell into a pit or a pot; care that keeps a breadwinner from work
    ("两岁的孙子跌进了烧开的汤锅，烫得不成样子，植皮要好几万", Cause.ACCIDENT_INJURY),
    ("媳妇病得离不开人，俺没时间出去打工，娃的奶粉钱都是借的", Cause.INCOME_LOSS),
    # an event dated by someone's age then (「三岁时」) is background
    ("奶奶去年查出乳腺癌，一直在化疗。孙女三岁时她爸就去世了", Cause.MEDICAL_COST),
    # a fare lacking after months of treatment is the medical cost's depth, not a stranding
    ("做了六次化疗，钱早花光了，这回出院连回家的路费都凑不齐", Cause.MEDICAL_COST),
    # 「前两年」 is background; a job just lost outranks an illness borne for years (糖尿病)
    ("超市关门把我辞退了，我老公前两年出车祸落了残疾，家里就靠我这点工资", Cause.INCOME_LOSS),
    ("老伴有糖尿病，天天打胰岛素，厂里上个月把我裁了", Cause.INCOME_LOSS),
    # kept: robbed on the way home from hospital is a stranding
    ("化疗完出院，在车站钱包叫人偷了，回不了家", Cause.STRANDED),
])
def test_the_cause_the_story_is_about(text, cause):
    assert first_cause(text) == cause


def test_a_household_described_beside_a_fire_adds_no_second_reason():
    hits = find_causes("前天夜里村里一户人家电线老化起了火，三间房全烧了。他家三口人，老婆常年患病，闺女在读初中")
    assert hits[0].value == Cause.FIRE and [h.value for h in hits if not h.background] == [Cause.FIRE]


def test_a_long_illness_that_began_suddenly_keeps_both_reasons():
    hits = find_causes("他是在厂里干活时突然晕倒的，一查是白血病，现在每个礼拜都要化疗，已经花了二十多万")
    result = classify(hits[0].value, [h.value for h in hits[1:] if not h.background])
    assert result.hardship_type.value == "expenditure" and [k.value for k in result.also] == ["emergency"]


@pytest.mark.parametrize("text", [
    "为啥条件好的人家都吃上了低保，条件差的反倒评不上？",
    "村里有车有房的都吃低保，这合理吗",
])
def test_a_complaint_about_who_gets_a_benefit_is_another_office(text):
    assert categorise(text, "ask_policy").intent == OUT_OF_SCOPE


@pytest.mark.parametrize("text, model_intent", [
    # another office's payment or insurance question (was: a status or policy question of ours)
    ("农机购置补贴啥时候到账", "check_status"),
    ("二孩育儿补贴多久能发", "check_status"),
    ("在外地打工的异地就医结算怎么弄", "ask_policy"),
    ("高温补贴今年啥时候发", "check_status"),
])
def test_another_offices_benefits_are_another_office(text, model_intent):
    assert categorise(text, model_intent).intent == OUT_OF_SCOPE


def test_stranded_with_wages_owed_is_still_a_request_for_help():
    text = "来郑州打工，钱包叫人偷了，老板还欠着俺俩月工钱，现在回不了家"
    assert categorise(text, "out_of_scope").intent == "request_help"
    assert categorise("老板拖欠俺俩月工钱了，咋都不给结", "out_of_scope") in (None,) \
        or categorise("老板拖欠俺俩月工钱了，咋都不给结", "out_of_scope").intent == OUT_OF_SCOPE


def test_a_standard_with_its_year_is_a_policy_question():
    assert categorise("临时救助金发放标准2025", "check_status").intent == "ask_policy"


def test_a_sum_left_to_pay_after_insurance_is_a_hardship_told():
    verdict = categorise("老伴查出好几种重病，一直住院，医保报销完还得自费十几万，这种情况能申请补助吗", "ask_policy")
    assert verdict is None or verdict.intent != OUT_OF_SCOPE


@pytest.mark.parametrize("text", [
    "俺是残疾人，有残疾证，房子漏雨漏得没法睡，老婆孩子都搬走了",
    # a floor full of holes is no road to mend; stopping by the road is no parking complaint
    "屋里地面坑坑洼洼，一家七口挤在一间吊脚楼里，修地基的钱都拿不出",
    "他骑着电动车在路口靠边停车，说心口疼，接着就倒下去了，家里还有吃奶的娃",
])
def test_words_of_another_office_in_passing_are_no_matter_for_it(text):
    verdict = categorise(text, "request_help")
    assert verdict is None or verdict.intent != OUT_OF_SCOPE


def test_a_certificate_to_be_issued_is_still_another_office():
    assert categorise("残疾证怎么补办，去哪个部门", "ask_policy").intent == OUT_OF_SCOPE
