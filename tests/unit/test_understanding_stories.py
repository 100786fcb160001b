"""Which cause a story is about, when it names several, and the words people use for them.

Messages written for these tests in the styles of public hardship reports, letters and posts (never
copied from one). Each row failed before the mechanism it tests: the words for an illness, a death,
a theft on the road, a house one cannot live in and a livelihood gone; a job title (下岗工人) is no
job just lost; the cost with its sum is the hardship, not one named as who lives in the house; a
long illness treated for months is a cost even when it began suddenly; rain that comes through an
old roof is the house's state, not a disaster; an event dated years back is background to a later
cost; a disability certificate shown is no request for one."""
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
    # an event dated years back is background to a later cost
    ("2015年老伴出车祸走了，现在我一个人带着孙子，今年孙子上高中学费交不起", Cause.EDUCATION_COST),
    ("2009年查出尿毒症，2016年老伴又突发脑溢血去世了，去年底连血透费都交不上了", Cause.MEDICAL_COST),
    # kept: an accident dated by its year, with the costs it brought, stays the story
    ("2016年11月父亲出了车祸，送去医院抢救，目前已经花了二十多万", Cause.TRAFFIC_ACCIDENT),
])
def test_the_cause_the_story_is_about(text, cause):
    assert first_cause(text) == cause


def test_a_long_illness_that_began_suddenly_keeps_both_reasons():
    hits = find_causes("他是在厂里干活时突然晕倒的，一查是白血病，现在每个礼拜都要化疗，已经花了二十多万")
    result = classify(hits[0].value, [h.value for h in hits[1:] if not h.background])
    assert result.hardship_type.value == "expenditure" and [k.value for k in result.also] == ["emergency"]


@pytest.mark.parametrize("text", [
    "俺是残疾人，有残疾证，房子漏雨漏得没法睡，老婆孩子都搬走了",
])
def test_a_certificate_shown_is_no_request_for_one(text):
    verdict = categorise(text, "request_help")
    assert verdict is None or verdict.intent != OUT_OF_SCOPE


def test_a_certificate_to_be_issued_is_still_another_office():
    assert categorise("残疾证怎么补办，去哪个部门", "ask_policy").intent == OUT_OF_SCOPE
