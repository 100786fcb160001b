"""What a message is about: a request for help, a policy question, a status question, or a matter
for another office — read from cue words that hold across styles, on top of the model's intent.

The model learns from examples; these cues cover what examples rarely teach: a progress question
about any benefit (低保金什么时候发, 补助至今没到账), thanks for help already given, complaints and
requests for other services (roads, power, wages owed, a free phone), and a hardship story whose
model intent was a greeting or goodbye (「俺家出事了」). Each verdict keeps its reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.model import Cause, HardshipType
from bot.understanding import lexicon, pinyin
from bot.understanding.openers import ASK_TO_ASK, TO_ASK_ONLY, only_leave_to_ask
from bot.understanding.consent import read_consent
from bot.understanding.status_cues import ARRIVED_YET, WHERE_STUCK
from bot.understanding.status_cues import (AFTER_APPLYING as _AFTER_APPLYING, ALREADY as _ALREADY, BENEFIT as _BENEFIT,
                                          NOTHING_YET as _NOTHING_YET, OWED as _OWED, PARTLY as _PARTLY, PROGRESS as _PROGRESS,
                                          STILL_NOT as _STILL_NOT, STOPPED as _STOPPED, WHEN as _WHEN, WHEN_AFTER as _WHEN_AFTER)
from bot.understanding.text import says_correction

HELP, POLICY, STATUS, OUT_OF_SCOPE = "request_help", "ask_policy", "check_status", "out_of_scope"
# Intents these cues may replace; answers inside the form (inform, affirm, deny …) are left alone.
REFINABLE = {HELP, POLICY, STATUS, OUT_OF_SCOPE, "greet", "goodbye", "thanks", "nlu_fallback", "cancel", "deny"}
INFORM = "inform"
# Intents of short answers: a long message with one of them was misread (a report is no 「对」).
ANSWERS = {INFORM, "affirm", "request_human"}
LONG = 15

# Benefits of the social insurance and housing-fund offices, and questions of compensation (courts, insurers):
# not civil affairs' (失业金停发, 车祸误工费怎么赔).
_INSURANCE = re.compile(r"失业(补助|保险|金)|社保|养老保险|医保|医疗保险|公积金|生育(金|津贴|保险|补贴)|育儿补贴|工伤保险|"
                        r"就医结算|异地就医|报销比例|防暑降温费|高温补贴|购置补贴|农机|种粮|粮食补贴|地力补贴|耕地补贴|退耕")
_LEGAL = re.compile(r"(怎么|如何|谁|能不能|可以)[^，。,.]{0,4}(赔偿|索赔|理赔|补偿|赔)|赔偿(标准|多少|怎么|项目)|误工费|伙食费|伙食补助|营养费|打官司|起诉")
_OUR_TOPIC = re.compile(r"临时救助|救助|低保|特困|五保|困难")
_THANKS = re.compile(r"感谢|谢谢|致谢|感激|表扬|锦旗|感恩|点赞|致敬")
_THANKED_FOR = re.compile(r"帮助|救助|关心|关怀|照顾|解决|帮忙|送来|慰问|资助|帮扶|工作人员|政府|民政|领导|书记|干部")
_ASKS_NOW = re.compile(r"能否|可否|希望|请求|恳请|求助|申请(?![了过到下的])|帮帮|救救|能不能|可不可以|怎么办|咋办")
_OTHER_OFFICE = re.compile(
    r"路灯|修路|道路|公路|村道|泥巴路|土路|涵洞|积水|承包地|耕地|林地|补偿款|没给补偿|不给补偿|找谁说理|没水用|没有水用|水管|自来水|供水|水质|饮用水|水[^，。,.]{0,2}(浑浊|发黑|发黄|有异味)|转户口|户口[^，。,.]{0,2}(转|迁)|失业补助|楼道|臭得|恶臭|异味|班车|客车|通车|(办|申请|补办|评|鉴定|换|领)[^，。,.]{0,4}残疾证|残疾证[^，。,.]{0,4}(怎么|如何|办|申请|补办|评|鉴定|换|领)|跑路|退费|退款|退不回|退钱|培训机构|路面|(?<![肝脉])硬化|(路|道)[^，。,.]{0,4}坑洼|坑洼[^，。,.]{0,3}(路|道)|寻亲|寻找失散|泥泞|停电|断电|电压|停水|断水|水压|供暖|暖气|燃气|天然气|噪音|噪声|扰民|电梯|违建|违章|乱搭|"
    r"流浪狗|养狗|养(了)?[^，。,.]{0,4}(鸡|鸭|鹅|鸽)|物业|拖欠工资|欠薪|讨薪|(未|没|不)(发放?|给|结|付)[^，。,.]{0,6}工资|工资[^，。,.]{0,4}(未|没|不)(发|给|结|付)|讨要工资|工资被拖欠|拖欠.{0,4}工资|(?<!打)工钱(?!包)|农民工工资|户口迁|迁户口|落户|社保|医保卡|"
    r"养老保险|失业金|失业保险|罚款|罚单|拆迁|征收|征地|垃圾|污水|排水|下水道|占道|信号|公交|出租车|学区|招生|"
    r"荣誉|宣传|光荣牌|庆祝|升学宴|喜讯|报喜|祝贺|庆功|金榜题名|状元|立功|[一二三]等功|退役军人|军属|优抚|报道|事迹|表彰|评选|免费.{0,4}(手机|电脑|宽带)|送.{0,2}(手机|电脑)|彩票|贷款|断供|网贷|信用卡逾期|退休(?!金|工资)|工龄|编制|考试|"
    r"态度恶劣|不作为|举报|投诉.{0,6}(单位|部门|人员|商家|公司|物业)|房产证|不动产|土地纠纷|邻里纠纷|宅基地|装修|油价|菜价|疫苗|核酸|"
    r"信访|户口改|改名|身份证办|补办身份证|驾照|公积金|医保|生育金|生育津贴|私搭乱建|乱搭乱建|乱建|绿化|绿地|城管|执法队|乱停车|停车(位|场|费|难|收费)|"
    r"工单|网格|广场舞|施工|吵得|太吵|很吵|吵死|吵闹|广播[^，。,.]{0,6}(吵|响|声音|扰民|太早|[五六]点)|大喇叭|身份证[^，。,.]{0,6}补办|补办[^，。,.]{0,4}(户口|证件|社保卡|医保卡)|报案|报警|网购|网上买|拉黑|刷单|转学|择校|入园|扬尘|油烟|占用|通信|网费|话费|行骗|冒充|诈骗团伙|优亲厚友|说了算|人情保|关系保|违规享受|不符合条件的|条件好的[^，。,.]{0,8}(吃|享受|领|有)[^，。,.]{0,2}低保|有车有房[^，。,.]{0,4}(吃|享受|领)低保|"
    r"反映了?[^，。,.]{0,3}(多次|好几次|好多次|很多次|几次)|多次反映|(没人|无人|没有人)(管|解决|处理|过问)|不给解决|推诿|踢皮球")
_HARDSHIP = re.compile(r"还是不够|根本不够|远远不够|入不敷出|生活困难|生活陷入|陷入困境|难以为继|走投无路|求助|帮帮|救救|揭不开锅|过不下去|没钱|无力承担|负担不起|交不起|"
                       r"凑不齐|雪上加霜|家徒四壁|债台高筑|一贫如洗|无家可归|无处可去|出事了|遭遇|不幸|困境|困难|救助|没法活|活不下去")
_QUESTION = re.compile(r"吗|么|？|\?|呢|请问|(能|可以|行|中)[^，。,.]{0,12}不[？?]?$|如何|怎么|怎样|哪里|哪儿|去哪|哪些|哪个|哪家|谁|几天|什么|多少|能否|可否|是否|可不可以|能不能|有没有|行不行|"
                       r"可以.{0,6}(吗|不)|是不是|还是|(标准|条件|流程|流程图|材料|手续|政策|规定|办法|范围|对象|程序|认定|细则|时间)[0-9年\s]*$")
_POLICY_TOPIC = re.compile(r"申请|条件|标准|材料|手续|流程|办理|政策|符合|资格|额度|多少钱|救助|补助|补贴|供养|认定|评定|待遇|低保|特困|临时救助|户籍|外地|本地")
_STATUS_WORDS = re.compile(r"进度|进展|申请|查询|查一下|查查|查下|结果|审批|审核|批|发放|发下|到账|到帐|补助|救助金|低保金|消息|回复|办|LS|编号|怎么样|咋样|多久|什么时候|啥时候|何时")
# 「我还是想申请」 after a cancel, 「继续填吧」: the wish to apply, not a status question about an application.
_WANTS_TO_APPLY = re.compile(r"(想|要|还是|继续|重新|接着|再)[^，。,.？?]{0,3}(申请|填|办)(?![^，。,.]{0,4}(进度|结果|怎么样|批|到哪))")
_CANCEL_WORDS = re.compile(r"算了|不申请|不办|不弄了|不要了|取消|不填|不想申请|放弃|撤销|撤回|不用申请|没事了|不需要了")
_YES = {"是", "是的", "是滴", "对", "对的", "对头", "好", "好的", "嗯", "嗯嗯", "行", "可以", "确定", "没错", "没问题", "中", "中嘞", "要得"}
_NO = {"不", "不是", "否", "不对", "不要", "不用", "不行", "没有", "不中", "不是的"}
_FIRST_PERSON = re.compile(r"来电人|来电者|求助人|申请人|户主|该户|其(子|女|夫|妻|父|母|家|儿|丈夫|妻子)|本人|我家|我们家|俺家|我们|俺们|我的|我|俺|家里|家中|孩子|老公|老婆|老伴|媳妇|当家的|丈夫|妻子|儿子|女儿|父亲|母亲|老人")
# A report about another household (他家, 刘某, 老太): its story counts when a current cause is told with distress.
_SUBJECT = re.compile(r"[他她]家|[他她]们?|全家|一家|家庭|\w某|老太|大爷|大娘|大妈|大婶|阿婆|村民|居民|市民|农民")


@dataclass(frozen=True)
class Verdict:
    intent: str
    reason: str


# A question about what would happen (「要是出了事，能申请吗」) tells no hardship.
_HYPOTHETICAL = re.compile(r"要是|如果|假如|假设|万一|若是|的话|倘若")
# Words of hardship that say more than the topic of a question (「救助」「困难家庭」 name a topic).
_DISTRESS = re.compile(r"生活困难|生活陷入|陷入困境|难以为继|走投无路|帮帮|救救|揭不开锅|过不下去|没钱|无力承担|负担不起|交不起|"
                       r"凑不齐|拿不出|雪上加霜|家徒四壁|债台高筑|一贫如洗|无家可归|无处可去|出事了|不幸|没法活|活不下去|"
                       r"(家庭|经济|家里|日子|实在|非常|特别|很|太)[^，。？?]{0,2}困难|花了|借了|欠了|欠下|一筹莫展|束手无策|无能为力|喘不过气|压力[^，。]{0,2}大|崩溃|扛不住|顶不住|"
                       r"(自费|自付|自己掏|自己承担)[^，。,.]{0,6}[0-9一二两三四五六七八九十几]+(多)?万|[0-9一二两三四五六七八九十几]+(多)?万[^，。,.]{0,10}(自费|自付|自己掏|自己承担)|"
                       r"无力(支付|负担|偿还)|承受不起|承担不起|愁坏|发愁|犯愁|债[^，。]{0,3}没还|花费了?[^，。]{0,4}[0-9一二两三四五六七八九十几]+万|"
                       r"还是不够|根本不够|远远不够|不够用|入不敷出|等着吃饭|吃不上饭|(生活|吃饭|日子)[^，。,.]{0,3}成了?问题|没饭吃|断顿|撑不下去|不知道[^，。]{0,4}(咋|怎么)(办|活|过)")


def _emergency_now(text: str) -> bool:
    """A sudden event told as happening to the household now (fire, accident, death …)."""
    return any(not hit.background and isinstance(hit.value, Cause) and hit.value.kind == HardshipType.EMERGENCY
               for hit in lexicon.find_causes(text))


# Wages owed are the labour inspectorate's (12333); a job and its income lost are ours (XC-2.1.2).
_WAGES_OWED = re.compile(r"拖欠[^，。,.]{0,4}(工资|工钱|薪)|欠薪|讨薪|讨要工资|(未|没|不|冇)(发放?|给|结|付|出)[^，。,.]{0,6}(工资|工钱)|"
                         r"(工资|工钱)[^，。,.]{0,4}(未|没|不|冇)(发|给|结|付)|欠[^，。,.]{0,6}(工资|工钱)|冇出粮|出唔到粮")
_WAGE_CLAUSE = re.compile(r"[^，。,.！？!?；;\s]*(工资|工钱|薪|出粮)[^，。,.！？!?；;\s]*")
_CLAIMS_WAGES = re.compile(r"讨薪|讨要|要回|追讨|追回|维权|仲裁|起诉|投诉|举报|找谁|去哪|哪个部门")


def wages_owed(text: str) -> bool:
    """The message tells of wages owed (俩月工资都没给, 拖欠工资, 冇出粮)."""
    return bool(_WAGES_OWED.search(text))


def _income_stopped(text: str) -> bool:
    """A job or income lost now (厂子黄了, 老板跑了, 没有收入), read with the wages owed left out: the
    household's living is in trouble (XC-2.1.2), whatever the wages; not a claim for the wages themselves."""
    if _CLAIMS_WAGES.search(text):
        return False
    rest = _WAGE_CLAUSE.sub(lambda m: "，" * len(m.group(0)), text)
    return any(h.value == Cause.INCOME_LOSS and not h.background for h in lexicon.find_causes(rest))


def _stranded_now(text: str) -> bool:
    """Robbed or fleeced away from home now (钱包被偷, 被骗): the rescue station's and ours, even with wages
    owed; stranded only because the wages were not paid (欠薪滞留) stays the labour inspectorate's."""
    return any(not hit.background and hit.value == Cause.STRANDED and re.search(r"偷|抢|骗|扒|掏|摸|顺走|丢|遗失|被盗", hit.text)
               for hit in lexicon.find_causes(text))


def _cause_now(text: str) -> bool:
    """Any cause told as current, other than wages owed (a matter for the labour inspectorate)."""
    return any(not hit.background and not re.search(r"工资|(?<!打)工钱(?!包)|薪", hit.text) for hit in lexicon.find_causes(text))


def _told_hardship(text: str) -> bool:
    """Stricter than _story, for questions: a current sudden event, an income or a home lost (「我失业半年了」),
    or words of distress; a cost named as a topic (「孩子上大学有没有救助政策」) or a condition (「要是出了事」) is not a story."""
    if _HYPOTHETICAL.search(text):
        return False
    lost_income = any(not hit.background and hit.value in (Cause.INCOME_LOSS, Cause.HOUSING) for hit in lexicon.find_causes(text))
    return _emergency_now(text) or lost_income or bool(_DISTRESS.search(text))


_MAY_APPLY = re.compile(r"(可以|能|能否|能不能|可不可以|是否可以|是否能|有没有资格|符合|够不够|算不算)[^。！？!?，,]{0,12}"
                        r"(申请|领|享受|办理|纳入|救助|补助|低保)[^。！？!?]{0,10}(吗|么|？|\?|不|没有)|"
                        r"(能不能|可不可以|能否)[^。！？!?，,]{0,12}(申请|领|享受|办理)")
_ASKS_HELP = re.compile(r"(申请|给|帮|要)一?[点些]|怎么办|咋办|咋整|如何是好|帮帮|救救|求助|恳请|请求|求求|帮一把|拉一把|救命|希望[^，。]{0,6}(帮|救助|照顾)")


def _may_apply_question(text: str) -> bool:
    """A short question whether one may apply (「家里失火了可以申请救助款吗」): about the policy, even
    with the event named, unless the message also asks for help or tells of distress."""
    return len(text) <= 60 and bool(_MAY_APPLY.search(text)) and not _ASKS_HELP.search(text) \
        and not _DISTRESS.search(text)


def _asks_status(text: str, short_answer: bool) -> bool:
    """A progress question about a benefit: when it comes, why it stopped, how far it has got."""
    if _AFTER_APPLYING.search(text) and not _ALREADY.search(text):
        return False   # 「申请完多久能给钱」 asks how long the procedure takes, not where one's case is
    # 「没有进账」「只给了五千」 inside a long story tell the hardship, not a payment awaited from an office
    weak = _PARTLY.search(text) and not (len(text) >= 40 and _told_hardship(text) and not _OWED.search(text))
    benefit_cue = (_WHEN.search(text) or _WHEN_AFTER.search(text) or _STILL_NOT.search(text) or _STOPPED.search(text)
                   or _PROGRESS.search(text) or _NOTHING_YET.search(text) or ARRIVED_YET.search(text) or weak) \
        and re.search(_BENEFIT, text)
    return bool((benefit_cue or WHERE_STUCK.search(text))
                and not re.search(r"工资|(?<!打)工钱(?!包)|薪", text)
                and not (short_answer and not (_QUESTION.search(text) or _NOTHING_YET.search(text))))


# 「想起来了，是鄢陵县只乐镇」: what was not known a moment ago, remembered — an answer, not a new request.
_RECALLED = re.compile(r"^(我|俺)?(又|刚|突然)?(想起来了?|记起来了?|想起了|记起了)[啊呀哦，,。.!！\s]*")


def _story(text: str) -> bool:
    """A hardship told as happening now: a current cause or plain words of hardship."""
    return any(not hit.background for hit in lexicon.find_causes(text)) or bool(_HARDSHIP.search(text))


# Words that ask for a person; 「仝是人工的仝」 spells a name with one of them, 「俺得找找」 looks for a paper.
_A_PERSON = re.compile(r"人工|真人|工作人员|客服|领导|社工|干部|接线员|话务员|机器人?|(找|叫|来|换)[个一]?(人|活人)(?!家)|有人(吗|没|不)")
_TALK_TO_A_PERSON = re.compile(r"^[我俺]?(要|想|能不能|可以|让我)?(跟|和|同|找)[个一]?(真|活)?人(说话|说说?|聊聊?|讲|谈|沟通)[吧吗啊呀么嘛]?$")
_SPELLS = re.compile(r"(\w)是[^，。,.\s]{1,5}的\1|[的地得]那个\w字|(\w)字(怎么|咋)?写")

# A greeting in dialect, pinyin or a one-word check (「恁好」「在不」「nihao」), with what follows it read on its own.
_GREETING = re.compile(r"^\s*((恁|您|你|妳|大家)好(啊|呀|哇|哈)?|在不在|在不|在吗|在么|在没|有人吗|有人没|有人不|喂+|哈喽|哈罗|"
                       r"hello|hi|nin ?hao|ni ?hao)(?![\w])[\s,，。.!！~～]*", re.IGNORECASE)
_GREETABLE = {"greet", "nlu_fallback", "affirm", "deny", "goodbye", "thanks"}
_OK_SIGNS = re.compile("[\U0001F44C\U0001F44D\u2705\U0001F646]")


def _asks_to_ask(text: str, intent: str) -> Verdict | None:
    """A short opener that only asks to ask (no cause, topic, office or question in it) is invited to
    say what happened or what to ask (utter_greet), not told it is another office's matter."""
    if intent not in (OUT_OF_SCOPE, POLICY, STATUS, "nlu_fallback", "greet", "goodbye", "thanks") \
            or len(text) > TO_ASK_ONLY or not ASK_TO_ASK.search(text):
        return None
    if not only_leave_to_ask(text):
        return None
    rest = ASK_TO_ASK.sub("", text)
    if _QUESTION.search(rest) or _POLICY_TOPIC.search(text) or _STATUS_WORDS.search(rest) or _story(text) \
            or _OTHER_OFFICE.search(text) or _DISTRESS.search(text) or _THANKS.search(text):
        return None
    return Verdict("greet", "只说想问问、打听个事，还没说是什么事")


def _greeting_or_short_form(text: str, intent: str) -> Verdict | None:
    """A hand-over asked for with no word of a person, a greeting (what follows it read on its own), an 👌."""
    if intent == "request_human" and (_SPELLS.search(text) or not _A_PERSON.search(text)):
        return Verdict(INFORM, "没有要求转人工的话（如“仝是人工的仝”是在说明字怎么写）")
    if intent != "request_human" and _TALK_TO_A_PERSON.match(re.sub(r"[\W_]+", "", text)):
        return Verdict("request_human", "要求和人说话")
    greeting = _GREETING.match(text)
    if greeting:
        rest = text[greeting.end():]
        verdict = categorise(rest, INFORM if intent in _GREETABLE else intent) \
            if len(re.sub(r"[\W_]+", "", rest)) >= 4 else None
        if verdict is not None:
            return verdict
        if intent in _GREETABLE and intent != "greet":
            return Verdict("greet", "问候（如“恁好”“在不”“ni hao”），还没有说事情")
    if not re.sub(r"[\W_]+", "", text) and _OK_SIGNS.search(text) and intent != "affirm":
        return Verdict("affirm", "表示同意的表情（👌 👍）")
    return None


def _pinyin_wish_or_consent(text: str, intent: str) -> Verdict | None:
    """Pinyin without characters; the wish to apply (「我还是想申请」 after a cancel: no status question);
    an explicit consent to a referral (「我又想了想，同意吧」), also where the model was unsure of its yes."""
    if pinyin.is_pinyin(text) and intent != "nlu_fallback" and not _GREETING.match(text):
        return Verdict("nlu_fallback", "只有拼音，没有汉字（请对方改用汉字）")
    if len(text) >= LONG:
        return None
    if _WANTS_TO_APPLY.search(text) and not re.search(r"[吗么？?呢]|什么|多少|怎么|哪|能不能", text) \
            and not _CANCEL_WORDS.search(text) and intent != HELP:
        return Verdict(HELP, "表示要申请（如取消后说“我还是想申请”），不是询问进度")
    if re.search(r"同意|转介|转给", text) and read_consent(text).answer is True and not _story(text) \
            and not says_correction(text):
        return Verdict("affirm", "明确同意转介（如“我又想了想，同意吧”“还是转介吧”）")
    return None


def categorise(text: str, intent: str) -> Verdict | None:
    """The intent the cues give for `text`, or None to keep the model's `intent`."""
    answer = intent in ANSWERS
    if not (intent in REFINABLE or answer):
        return None
    first = _greeting_or_short_form(text, intent) or _pinyin_wish_or_consent(text, intent) or _asks_to_ask(text, intent)
    if first is not None:
        return first
    if intent == "cancel" and not _CANCEL_WORDS.search(text):
        return Verdict(INFORM, "没有表示不申请的话（如“不会弄”是在回答问题）")
    fallback = None
    if intent == STATUS and not _asks_status(text, False) \
            and (not _STATUS_WORDS.search(text) or (len(text) >= LONG and _told_hardship(text))):
        fallback = Verdict(INFORM, "没有询问进度的话（如“九月份开始的”是在回答问题）")
        if len(text) < LONG:
            return fallback
        intent, answer = INFORM, True   # a long message: the cues below read it as any other
    bare = re.sub(r"[\W_]+", "", text)
    if bare in _YES and intent != "affirm":
        return Verdict("affirm", "简短的肯定回答")
    if bare in _NO and intent != "deny":
        return Verdict("deny", "简短的否定回答")
    if re.search(r"(?<!不)同意", text) and intent in ("thanks", "goodbye", "greet", INFORM):
        return Verdict("affirm", "明确表示同意")
    if says_correction(text) and len(text) >= 8 and not (len(text) >= 30 and _OTHER_OFFICE.search(text)):
        return Verdict(INFORM, "更正已说过的信息")
    recalled = _RECALLED.match(text)
    if recalled and intent != INFORM and not _story(text[recalled.end():]):
        return Verdict(INFORM, "想起来补充的信息（如“想起来了，是…”是在回答问题）")
    if len(text) < 4 or (intent == "deny" and len(text) < 10):
        return None
    story = _story(text)
    short_answer = answer and len(text) < LONG   # e.g. the reply to a question of the form
    if _THANKS.search(text) and _THANKED_FOR.search(text) and not _ASKS_NOW.search(text) and len(text) > 8:
        return Verdict(OUT_OF_SCOPE, "感谢已得到的帮助，不是新的求助")
    if not _OUR_TOPIC.search(text) and not _DISTRESS.search(text) \
            and ((_INSURANCE.search(text) and not _emergency_now(text))
                 or (_LEGAL.search(text) and _QUESTION.search(text) and not (_FIRST_PERSON.search(text) and _emergency_now(text)))):
        return Verdict(OUT_OF_SCOPE, "社会保险、公积金或赔偿纠纷，由其他部门或法律途径办理")
    if _asks_status(text, short_answer):
        return Verdict(STATUS, "询问申请或待遇的办理进度、发放时间")
    own = bool(_FIRST_PERSON.search(text))
    subject = own or bool(_SUBJECT.search(text))
    wages = bool(re.search(r"工资|(?<!打)工钱(?!包)|欠薪|讨薪", text))   # wages owed: the labour inspectorate's, unless told as our own hardship
    ours = _may_apply_question(text) and re.search(r"救助|低保|特困|补助|补贴", text)   # 「没有身份证能申请救助吗」
    if _OTHER_OFFICE.search(text) and not (short_answer and not _QUESTION.search(text)) and not ours \
            and not (((not wages or _stranded_now(text)) and _emergency_now(text))
                     or (own and story and re.search(r"救助|困难|求助|帮", text))
                     or ((own or (subject and not wages)) and _cause_now(text) and _DISTRESS.search(text))
                     or (own and _income_stopped(text))):
        return Verdict(OUT_OF_SCOPE, "反映的是其他部门管理的事项")
    if _QUESTION.search(text) and _POLICY_TOPIC.search(text) \
            and (not (own and _told_hardship(text)) or (not answer and _may_apply_question(text))):
        return Verdict(POLICY, "询问救助政策、条件或办理方式")
    if story and (intent in (HELP, "greet", "goodbye", "thanks", "nlu_fallback", OUT_OF_SCOPE, "cancel")
                  or (answer and len(text) >= 10) or (intent == INFORM and _emergency_now(text))):   # 🌧🌧🌧下了三天雨
        return Verdict(HELP, "讲述了正在遭遇的困难")
    if story and intent == POLICY and subject and len(text) >= 15:
        return Verdict(HELP, "讲述了自家正在遭遇的困难")
    return fallback
