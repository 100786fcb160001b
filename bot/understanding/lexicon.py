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
from bot.understanding import story_order

# Dialect and everyday words for a husband, wife or parent (「俺当家哩」「孩他爹」).
_KIN = "当家的|当家哩|当家|男人|孩他爹|孩儿他爹|娃他爹|娃他爸|孩他妈|娃他妈|老头子?|老汉|老婆子|媳妇"

# Order matters: the first cause whose pattern matches earliest in the text wins ties.
CAUSE_PATTERNS: list[tuple[Cause, str]] = [
    (Cause.FIRE, r"着火|失火|起火|火烛|烧晒|火光冲天|火海|火势|化为灰烬|焚毁|燃烧[^，。,.]{0,4}(房|屋)|(液化气|煤气|燃气|天然气|气罐|锅炉|高压锅|气瓶|电瓶|充电宝)[^，。,.\s]{0,4}炸(了|开|响|飞|坏|塌|伤|死)|(起|着|失)了火|火烧到|烧到了?(我|俺|他|她|咱)?们?家|火灾|大火|烧没|烧光|烧毁|烧了|被烧(?!伤)|烧掉|火烧|烧得|烧成|燃气爆炸|煤气爆炸|爆炸|火情|一把火"),
    (Cause.TRAFFIC_ACCIDENT, r"车[^，。,.]{0,4}(刮倒|刮伤|撞|碾|轧|别倒|别翻|别到沟|剐倒|蹭倒|挂倒)|被.{0,4}车.{0,4}(撞|刮|碾|轧)|车祸|交通事故|被车撞|撞了|撞伤|被撞|翻车|翻了车|车翻了|侧翻|追尾|肇事|撞倒|轧伤|碾压"),
    (Cause.NATURAL_DISASTER, r"天灾|冻雨|雹灾|雹子|强风|掀翻|雷打|雷劈|劈倒|被雷|洪水|洪涝|暴雨|发大水|大水|水灾|淹了|被淹|地震|冰雹|台风|泥石流|山体滑坡|滑坡|雪灾|龙卷风|雷击|泡坏|被泡|泡了|受灾|灾后|安置点|旱灾|大旱|灾情|大风|狂风|刮塌|风刮倒|风灾|暴雪|雪压|霜冻|冻害|倒春寒|寒潮|冻死|冻坏|(下|大)雪[^，。,.]{0,12}压(塌|垮|坏|倒)|冻灾|塌方|泥石(?!流)[^，。,.]{0,8}(滑|冲|压|砸|涌)|山坡[^，。,.]{0,6}(松动|滑下|垮)|被埋|埋在[^，。,.]{0,4}(废墟|泥|土|石)|强降雨|内涝|倒灌|冲走|冲毁|冲垮|被冲(走|毁|垮|倒|塌)|山洪|下了.{0,4}雨|连.{0,3}雨|(?<!一下)(?<!一到)(?<!每逢)(?<!每到)大雨|连阴雨|雨水泡"),
    (Cause.DEATH, r"去世|过世|离世|病逝|身亡|死亡|(?<![愁急累吓气烦忙困笑])死了|人(就|也|当时就|一下就|当场就)?没了|走了没多久|(爸|妈|爹|娘|老公|丈夫|妻子|老婆|儿子|女儿|父亲|母亲|老伴|他爸|他妈)[^，。,.]{0,4}(?<![搬跑出带拿偷送赶])(突然)?走了|顶梁柱没了|丧葬|办丧事|没了爹|没了妈|顶梁柱倒了|出了?(意外|事故?)[^，。,.]{0,2}(没了|走了)|(溺水|触电|坠楼|坠亡|中毒)[^，。,.]{0,2}(走了|没了|死了|身亡|去世)|没抢救过来|抢救无效|遇难|丧生|丧子|丧夫|丧妻|丧偶|丧父|丧母|失去了?[^，。,.]{0,8}(儿子|女儿|丈夫|妻子|老伴|父亲|母亲|爸爸|妈妈|亲人|独子|独女|孩子)|白发人送黑发人|遗体|遗像|灵堂|死掉|咽气|断了气|停止了呼吸|(就这么|怎么就|这样就)[^，。,.]{0,3}走了|撒手人寰|不幸离世|溺亡|猝死|没救(过来|回来|活)|病没了|(老伴|老公|丈夫|妻子|老婆|儿子|女儿|爸|妈|爹|娘|" + _KIN + r")[^，。,.]{0,6}没了|(栽|倒|晕)[^，。,.\s]{0,6}(人)?就?没了"),
    (Cause.SUDDEN_ILLNESS, r"突发[^，。,.]{0,4}(病|炎|症|梗|血)|急性[^，。,.]{0,4}(病|炎|症|梗)|突发疾病|突发重病|突发脑|突发心|突然发病|突然病倒|病倒|突然晕倒|脑出血|脑溢血|心梗|心肌梗|中风|脑梗|急诊|抢救|重症监护|ICU|icu|病危|查出|确诊|白血病|癌|肿瘤|尿毒症|肾衰|脑炎|心衰|呼吸衰竭|脑干出血|颅内出血|脑血管|脑卒中|重病|大病|患病|得了.{0,4}病|病重|犯病|病犯了|发病|心脏病|昏倒|晕倒|倒下了|倒下去|倒了下去|晕过去|晕了过去|昏过去|昏了过去|突然倒下|倒地不起|昏迷|不省人事|一头栽|栽倒|栽在地|送医院|送到医院|住进医院|(?<!\d)120(?!\d)|急救|送进.{0,2}医院|送往医院|送医"),
    (Cause.ACCIDENT_INJURY, r"落水|(掉|跌|坠|落|栽)(进|入|到)[^，。,.]{0,6}(河|水|井|塘|池|坑|沟|湖|锅|桶)|烫(得|坏|烂|成)|摔伤|摔断|摔下来|摔了下来|坠落|压伤|砸断|烫伤|烧伤|工伤|砸伤|触电|溺水|被狗咬|被[^，。,.]{0,6}(狗|犬)[^，。,.]{0,2}咬|伤得[^，。,.]{0,2}重|缝了[^，。,.]{0,4}针|受伤|骨折|煤气中毒|一氧化碳中毒|中毒|跌倒|摔倒|摔了|跌伤|(腿|胳膊|手|脚|骨头|肋骨|腰|手指|脚趾|脖子)[^，。,.]{0,3}断了|断了(腿|胳膊|手|脚|[一两几]根)|断了?[一两俩仨三几]?[根个]?(手?指头|手指)|(?<!股)骨头|锁骨|骨裂|扭伤|被砸|砸了|割伤|碰伤|咬伤|坠楼|掉下来|摔坏|坠下|摔下|切掉|切断|截肢|断指|轧了|被机器|(叫|让|给)[^，。,.\s了]{0,6}(压|砸|轧|绞|夹|卷|切|扎|碾)(了|断|伤|住|掉|烂|坏|进)|卷进|夹伤|压断|绞伤|跌落|损伤|重伤|伤势|受了伤|烧伤|意外受伤|意外事故|发生意外|遭遇意外|出了意外|燃煤取暖|煤烟"),
    (Cause.STRANDED, r"扒手|小偷|被扒|被掏|掏走|身上没有?一分钱|钱包丢|钱被偷|被人?偷|(叫|让|给)人[^，。,.\s]{0,2}(偷|摸|扒|抢|骗|掏|拎|顺)(走|去|了)|(摸|扒|顺)走|被盗|被人?骗|被人?抢|偷走|骗走|抢走|(钱|钱包|行李)[^，。,.]{0,6}(丢了|丢失|被偷|弄丢)|想回[^，。,.]{0,4}老家|联系不上家人|睡在?[^，。,.]{0,3}(车站|街头|街上|桥洞|广场|长椅|公园)|身上一分钱(都|也)?没有?|身上(没有|没)钱|投奔[^，。,.]{0,6}(找不到|没找到|联系不上)|回不了家|回不去家|回不(了|去)(?![头来])|(车费|路费|车票钱)[^，。,.]{0,3}(都|也)?(冇|没)|没有路费|没路费|没钱回家|身无分文|流落|滞留|流浪|露宿|救助管理站|救助站|无力返乡|无法返乡|(买|买张|买一张|回去的|回家的|返乡的?)[^，。,.]{0,4}(车票|火车票|汽车票)|没钱买票|无法回家|无法回老家|回不了老家|回家的票|返乡车票|购票返乡|买不起.{0,4}票|(没有|没|缺|凑不齐|凑不够|凑)路费|路费(都|也)?(没|不够|花光|用光)|盘缠[^，。,.]{0,3}(花光|用光|用完|花完|没了)|遗失.{0,6}(钱|财物|手机|身份证|钱包)|丢失.{0,6}(钱|财物|身份证|钱包)|花光了?身上|身上.{0,4}钱.{0,3}(花光|用光|没了)|没钱了.{0,6}回家"),
    (Cause.EDUCATION_COST, r"学费|住校|[一每上下]学期|考上[^，。,.]{0,6}(中学|一中|二中|高中|大学|学校|技校|职校)|上学|上大学|考上大学|高考|录取通知书|读书|书本费|住宿费|念书|生活费.{0,4}(孩子|学校)|学杂费|入学|辍学|上高中|上初中|护校|职校|技校|卫校|中专|读大学|读高中|读研|学业|助学"),
    (Cause.MEDICAL_COST, r"医药费|(长期|常年|长年)(生病|患病|有病|卧病)|体弱多病|精神病|精神疾病|精神障碍|抑郁症|癫痫|先心病|先天性心脏病|血透|腹透|慢性[^，。,.]{0,2}疾病|患有[^，。,.]{0,8}(疾病|病|症)|帕金森|偏瘫|尘肺|血友病|地中海贫血|换肾|哮喘|肺气肿|肝硬化|肾病|自闭症|脑瘫|类风湿|关节炎|股骨头坏死|老年痴呆|痴呆|阿尔茨海默|糖尿病|高血压|瘫痪|瘫在床|卧床|再生障碍性贫血|精神分裂|红斑狼疮|医疗费|住院费|治疗费|手术费|看病|治病|透析|化疗|放疗|吃药|药费|住院|住[一二两三几好]?[次回趟]院|手术|医疗支出|打针|一针|生物制剂|药钱|买药|拿药|开药|护工|陪护|康复训练|康复治疗|干预训练|康复费|护理费|训练费|治疗|移植|干细胞|骨髓|靶向药|慢性病|药罐子|配药|康复|住进[^，。,.]{0,6}医院|医院[^，。,.]{0,6}(费用|欠费|催)"),
    (Cause.INCOME_LOSS, r"(失去|丧失|没有)工作能力|失业|(把|将)[^，。,.]{0,3}裁(了|掉)|(没有?时间|没法|不能|无法|出不去)[^，。,.]{0,4}打工|打不了工|(老板|老细|包工头)[^，。,.\s]{0,3}(跑了|跑路|走佬|卷款|卷钱)|猪瘟|禽流感|清栏|扑杀|(没有|没|无)生活来源|生活没有?来源|不让营业|没法营业|不能营业|无法营业|掏老本|下岗|破产|卖不出去|滞销|烂在地里|血本无归|本钱[^，。,.]{0,4}(没|亏)|(找不到|没找到|找不着|接不到)[^，。,.]{0,2}(活|工作|事做)|赔了|亏了|亏损|价[^，。,.]{0,3}跌|(重|体力)?活[^，。,.]{0,2}干不了|(一点|一分|一个月)?收入都没有|活[^，。,.]{0,3}少|没(什么|啥)活|辞退|开除|解雇|失去工作|没了工作|没活干|没有活干|没工作|丢了工作|工厂倒闭|(厂|厂子|工厂|公司|单位|厂里|作坊|店|矿)[^，。,.\s]{0,4}(不干了|黄了|垮了|散了|关了|干不下去|开不下去)|打发(回家|走)?了|厂子倒闭|停工|停产|被裁|裁员|没有收入|没收入|没了收入|收入没了|没有了收入|没了进项|没有进项|断了收入|拖欠工资|工资没发|干不了活|停业|倒闭|关门|没生意|生意.{0,4}(一落千丈|失败|亏)|赚不到钱|挣不到钱|失去经济来源|断了经济来源|没有经济来源|无收入来源|没有收入来源|无经济来源|丧失劳动能力|失去劳动能力|没有劳动能力|无劳动能力|收入骤减|收入锐减|效益不好|效益差|欠[^，。,.]{0,6}工资|发不出工资|工资[^，。,.]{0,3}发不出|停职|停薪|(一分钱|一分|一点)收入[^，。,.]{0,2}没有|不能(参加|去)?(工作|上班)|没法(工作|上班)|无法(工作|上班)|上不了班|失去了?收入|生意失败|绝收|颗粒无收"),
    (Cause.HOUSING, r"危房|房子?垮|房屋?垮塌|房倒屋塌|(修|打|盖|砌)[^，。,.]{0,2}(地基|墙)的钱|(盖|修|建)不起[^，。,.]{0,2}房|不能住人|住不了人|不敢再?住(?!院)|没法住(?!院)|无法居住|挡不住风雨|废墟|房屋倒塌|房子倒塌|房子塌|房子倒了|塌了|借住|寄住|租不起|无房|没房子?住|住房困难|没地方住|无处居住|无家可归|房屋漏|漏雨|房子裂|危旧房|住在窝棚|窝棚|倒塌|坍塌|开裂|裂缝|裂了|墙裂|要塌|怕塌|年久失修|漏水|土坯房|泥胚|土木结构|住不得|无房可住|桥下|房租|起房子|没有房子|住不下|无住房|没有住房|住房问题|无家可住|安置房|自筹[^，。,.]{0,6}(房|建)|建房|盖房|修房|重建房"),
]
_CAUSE_RES = [(cause, re.compile(pattern)) for cause, pattern in CAUSE_PATTERNS]

# 「被骗」「被偷」 alone (a fraud online, a theft at home) is for the police; away from home it strands.
_THEFT = re.compile(r"扒手|小偷|被扒|被掏|掏走|被人?(偷|盗|骗|抢)了?|偷走|骗走|抢走|钱包丢|钱被偷|(叫|让|给)人[^，。,.\s]{0,2}(偷|摸|扒|抢|骗|掏|拎|顺)(走|去|了)|(摸|扒|顺)走")
_AWAY = re.compile(r"(?i)\b(zhan|huo ?che|hui ?(bu ?(liao|qu) ?)?jia|lu ?fei|wai ?di|che ?piao|da ?gong)\b|[东西南北]站|高铁|候车|回家|回去|回老家|返乡|返屋企|路费|车票|车站|火车|外地|身无分文|一分钱|吃饭|流落|来这边|来这里|打工|找工作|找活|出门|"
                   r"(证件|身份证)[^。]{0,16}(都|全|也)?(被|没了|丢)|(都|全)被(偷|抢|骗)了?[^。]{0,12}(证件|身份证)|没有?证件")
_HERD = re.compile(r"(鸡|鸭|鹅|猪|牛|羊|鱼|蚕|兔)[^，。,.；;人他她我俺]{0,8}$")
_ANIMALS = re.compile(r"(鸡|鸭|鹅|猪|牛|羊|鱼|狗|猫|兔|蜂|蚕|苗|庄稼|花|树|果|菜|麦|稻|玉米|作物)[^，。,.时]{0,5}$")
# Among sudden events the incident comes before what it did to people (车祸 … 受伤 … 身亡).
_TIER = {Cause.ACCIDENT_INJURY: 1, Cause.DEATH: 1, Cause.SUDDEN_ILLNESS: 2}
_NEGATION = re.compile(r"(不是|不算|没有|没|冇|唔系|唔是|不属于|并非|非(?!洲|常)|不用|担心|防止|以防|万一|避免|预防|怕|差点|险些|差一点)[^，。,.]{0,2}$")
_NONE_ANYWHERE = re.compile(r"都不是|都不沾边|不沾边|啥都不是|哪个都不是|一个都不是|都没有|都不算|普通家庭|一般家庭|普通人家")
_GROUP_LIST_NEGATION = re.compile(r"(不是|唔系|不属于|并非|非|没有|冇|不算)[^，。,.;；]{0,20}$")
_BACKGROUND = re.compile(r"([0-9一二两三四五六七八九十几多]+年前|去年(?![0-9一二三四五六七八九十]+月[0-9一二三四五六七八九十]+[日号])|前年|早年|早些年|前些年|前几年|前[一两二三]年|早几年|头几年|那年|多年前|以前|小时候|[0-9一二两三四五六七八九十几]+岁(时|那年|的时候)|当年|之前|曾经|早就|从小|自幼|幼年)([，,]?[^。！？!?；;，,]{0,12})$")
_BACKGROUND_AFTER = re.compile(r"^.{0,3}(多年|好几年|很多年|好多年|得早|的早|较早)")
# 「出车祸整整11个月了，花了50多万」: the event is past, its costs are the hardship now.
# 「妈妈出车祸时，她刚好读高三」「父亲在工地受伤后在家养着」: an event that dates another fact, or
# whose lasting result is told instead, is the story's background.
_TIME_CLAUSE = re.compile(r"^[^，。,.！？!?；;\s]{0,2}(时|的时候|那年|那会儿?)|^[^，。,.；;\s]{0,3}(后|以后|之后)[^，。,.；;]{0,4}(在家|一直|至今|养着|休养|养伤|躺着)")
_LONG_AGO_AFTER = re.compile(r"^.{0,4}(整整|已经|已|快|近|有)?[0-9一二两三四五六七八九十几多半]+个?(个月|年)(了|多|之久)")
_SUDDEN = re.compile(r"突发|突然|急诊|抢救|病危|昏迷|送医|送到医院|送往医院|晕倒|倒地|倒下|ICU|icu|重症监护|急性(?![^，。,.]{0,6}白血病)|脑出血|脑溢血|心梗|心肌梗|中风|脑梗|犯病|病犯了|发病|危险期|植物人|意识不清|意识还未|开颅")
_NOT_SUDDEN = re.compile(r"经常犯病|常常犯病|时常犯病|老是犯病|不是突发|不是突然|并非突发|慢性|老毛病|先天|晚期|(病|癌|症|硬化|衰竭?|瘤|贫血|分裂)了?(已经|都|有)?[0-9一二两三四五六七八九十几来多]+年|多年|常年|长期|好几年|很多年|好多年|一直(?!昏迷|没醒|未醒|没有醒|高烧|在抢救|抢救|在ICU|在重症)|多次入院|反复|康复")
_INCOME_STATE = re.compile(r"(失去|丧失|没有)工作能力|(没有?时间|没法|不能|无法|出不去)[^，。,.]{0,4}打工|打不了工|(没有|没|无)生活来源|生活没有?来源|不能(参加|去)?(工作|上班)|没法(工作|上班)|无法(工作|上班)|上不了班|干不了活|没有收入|没收入|没了收入|收入没了|没有了收入|没了进项|没有进项|丧失劳动能力|失去劳动能力|没有劳动能力|无劳动能力|没有经济来源|无收入来源|没有收入来源|无经济来源")
_RECENT = re.compile(r"今年|最近|前不久|不久前|近日|近期|刚刚|上个月|这个月|上周|前些日子|前段时间|日前|查出|确诊|检查出|发现患|诊断为|诊断出")
_COSTS = re.compile(r"债台高筑|借遍|吃药|药钱|买药|医药费|医疗费|治疗费|住院费|手术费|药费|透析|化疗|放疗|花|借了|欠了|欠下|负债|债|费用|自费|钱|[0-9一二两三四五六七八九十几]+万")
# 「摔倒后就叫不醒了 … 脑干出血」: a fall that an acute illness caused is not the injury the story is about.
_FALL = re.compile(r"摔倒|跌倒|摔了一?跤?|跌了一跤|倒地")
_ACUTE = re.compile(r"脑出血|脑溢血|脑干出血|脑梗|心梗|心肌梗|中风|脑卒中|心脏骤停|昏迷|叫不醒|晕倒|晕厥")
_PRESSING = re.compile(r"^([^。！？!?，,]{0,10}|[^。！？!?，,]{0,4}[，,][^。！？!?，,]{0,6})(还没交|没交|交不起|交不上|凑不齐|凑不够|拿不出|付不起|催|不知道去哪|没着落|犯了难|发愁|愁)")
# 「触电死了」「溺水走了」: the death the injury ended in is the hardship
_DIED_OF = re.compile(r"^[^，。,.！？!?]{0,6}$")
_ONGOING = re.compile(r"目前|现在|如今|至今|一直|还需|还要|仍需|每[月天周年]|每个月|已花|已经花|花费已")
# Illnesses treated for months or years: their hardship is the cost even when no sum is named.
_LONG_ILLNESS = re.compile(r"白血病|癌|肿瘤|淋巴瘤|肉瘤|恶性|尿毒症|肾衰|再生障碍|红斑狼疮|肝硬化|渐冻|脑瘫|自闭症")
_DIAGNOSIS = re.compile(r"查出|确诊|检查出|诊断出?")
# Treatment that runs for months: the illness it treats is a cost, whatever way it began.
_LONG_CARE = re.compile(r"化疗|放疗|靶向|透析|血透|腹透|移植|每个?(礼拜|星期|周|月)[^，。,.]{0,4}(住院|复查|治疗)")
# A cost that has long stood (常年吃药, 俩娃上学) ranks after a job just lost (厂子黄了): the loss is what changed.
_STANDING = re.compile(r"(常年|长期|天天|每天|每月|每个月|一直|多年|老是|经常|常)[^，。,.\s]{0,4}$")
_CARING = re.compile(r"(照顾|陪护|伺候|照看)[^。！？!?]{0,10}$")   # 「为了照顾她也停薪了」: the illness is the cause
_CHRONIC = re.compile(r"糖尿病|高血压|关节炎|类风湿|慢性|常年|长期|长年|体弱多病|偏瘫|瘫痪|卧床|痴呆")
_IN_SCHOOL = re.compile(r"上学|读书|念书|上高中|上初中|上小学|上大学|读大学|读高中|住校")
_ILLNESS_WORDS = re.compile(r"白血病|癌|肿瘤|尿毒症|重病|大病|患病|病|查出|确诊")

PRIORITY_PATTERNS: list[tuple[PriorityGroup, re.Pattern]] = [
    (PriorityGroup.TEKUN, re.compile(r"特困|五保")),
    (PriorityGroup.DIBAO, re.compile(r"低保")),
    (PriorityGroup.JIANDANG, re.compile(r"建档立卡|贫困户|脱贫户")),
    (PriorityGroup.JIANCE, re.compile(r"监测户|监测对象|防返贫|边缘户")),
]
_NONE_ANSWER = re.compile(r"^(都?不是|没有|都没有|没|不是的|都不算|不属于|普通家庭|一般家庭|都没|啥也不是|无$|否$|no$|nope|none|不$|都不沾边|不沾边|哪个都不是|一个都不是|啥都不是|"
                          r"都?唔系|唔是|唔算|冇)",   # 粤语: 唔系 is 不是, 冇 is 没有
                          re.IGNORECASE)

ILLNESS_PATTERN = re.compile(
    r"(白血病|尿毒症|肾衰竭|肝硬化|脑出血|脑溢血|脑梗|心梗|心肌梗死|心脏病|中风|癌症?|肿瘤|肺癌|肝癌|胃癌|乳腺癌|"
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
            if cause == Cause.STRANDED and _THEFT.fullmatch(match.group(0)) and not _AWAY.search(text):
                continue
            if cause == Cause.DEATH and "死" in match.group(0) and _ANIMALS.search(text[max(0, match.start() - 8):match.start()]):
                continue
            if cause == Cause.SUDDEN_ILLNESS and _HERD.search(text[max(0, match.start() - 10):match.start()]):   # 「猪…发病」
                continue
            after = text[match.end():match.end() + 10]
            pressing = cause.kind == HardshipType.EXPENDITURE and _PRESSING.search(text[match.end():match.end() + 20])
            background = not pressing and bool(_BACKGROUND.search(text[max(0, match.start() - 14):match.end() - 1])
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
    # 「十多年前中风后一直偏瘫」: a sudden word told as background does not make today's illness sudden
    acute = any(not _BACKGROUND.search(text[max(0, m.start() - 14):m.end() - 1]) for m in _SUDDEN.finditer(text))
    sentence = max(text.rfind(stop, 0, illness.span[0]) for stop in "。！？!?；;") + 1   # 「…一直吃药。今年又突发脑梗」
    sudden = acute and not _NOT_SUDDEN.search(text[max(sentence, illness.span[0] - 12):]) \
        and not (_LONG_ILLNESS.search(text) and (_LONG_CARE.search(text) or _COSTS.search(text)))
    costly = _COSTS.search(text) or _LONG_ILLNESS.search(text) \
        or _DIAGNOSIS.fullmatch(illness.text)   # 白血病 … are treated for months, a diagnosis is followed by care: a cost
    if sudden:
        return hits
    if costly or _NOT_SUDDEN.search(text):
        chronic = _NOT_SUDDEN.search(text)
        named = not _DIAGNOSIS.fullmatch(illness.text) or ILLNESS_PATTERN.search(text)   # 「今年一月查出来的」 only says when
        hits = [h if h is not illness else Hit(h.value, h.text, h.span, h.background, secondary=True)
                for h in hits if h is not illness or ((_RECENT.search(text) or acute) and not chronic and named)]
        if not any(h.value == Cause.MEDICAL_COST for h in hits):   # 「去年查出鼻咽癌，目前已花二十万」: the costs are now
            hits.append(Hit(Cause.MEDICAL_COST, illness.text, illness.span, illness.background and not _ONGOING.search(text)))
    return hits


def _fall_from_illness(text: str, hits: list[Hit]) -> list[Hit]:
    """An injury hit that is only a fall, beside an acute illness, is a symptom of the illness."""
    injury = next((h for h in hits if h.value == Cause.ACCIDENT_INJURY), None)
    illness = any(h.value == Cause.SUDDEN_ILLNESS and not h.secondary for h in hits)
    if injury is None or not illness or not _ACUTE.search(text):
        return hits
    if any(not _FALL.fullmatch(m.group(0)) for m in _CAUSE_RES[[c for c, _ in CAUSE_PATTERNS].index(Cause.ACCIDENT_INJURY)][1].finditer(text)):
        return hits   # a real injury too (骨折, 受伤)
    return [h if h is not injury else Hit(h.value, h.text, h.span, h.background, secondary=True) for h in hits]


def _dated_events(text: str, hits: list[Hit]) -> list[Hit]:
    """A sudden event that only dates a cost it did not cause (「妈妈出车祸时…学费」, 「受伤后在家养着…学费还没交齐」)
    is background; beside no such cost it stays the story (「洪水来临时…房子都倒了」, 「车祸时…住院花了十万」)."""
    if not any(not h.background and not h.secondary and h.value == Cause.EDUCATION_COST for h in hits):
        return hits
    return [Hit(h.value, h.text, h.span, True, h.secondary)
            if isinstance(h.value, Cause) and h.value.kind == HardshipType.EMERGENCY and _TIME_CLAUSE.match(text[h.span[1]:h.span[1] + 12])
            else h for h in hits]


def find_causes(text: str) -> list[Hit]:
    """Every cause mentioned (one hit each), the current hardship first: sudden events before costs
    (车祸 … 医药费: the costs follow from the accident), each in order of appearance; causes told as
    background come last. Housing follows any other cause (a fire leaves a family without a home);
    among sudden events the incident (fire, accident, disaster) comes before the injury or death it
    caused, and a death before the illness that led to it; a cost (学费, 医药费) before a lasting lack of
    income (干不了活, 没有收入) that makes it hard to bear, but not before a job lost (失业, 下岗).
    bot.understanding.story_order reads the rest: job titles, costs with their sums, a house's state in
    the rain, events dated years back."""
    hits = _read_illness(text, _hits(text))
    hits = _dated_events(text, _fall_from_illness(text, hits))
    hits = story_order.dated_years_back(text, story_order.weather_of_the_house(text, hits),
                                        lambda part: {h.value for h in _hits(part) if not h.background})
    hits = story_order.household_told(text, story_order.fare_after_treatment(text, hits))
    injury = next((h for h in hits if h.value == Cause.ACCIDENT_INJURY and not h.background), None)

    def standing(hit: Hit) -> bool:   # 「常年吃药」「俩娃上学」「妻子患有糖尿病」
        return hit.value in (Cause.MEDICAL_COST, Cause.EDUCATION_COST) and lost_job and (
            bool(_STANDING.search(text[max(0, hit.span[0] - 6):hit.span[0]])) or bool(_IN_SCHOOL.fullmatch(hit.text))
            or bool(_CHRONIC.search(hit.text)))

    def lasting(hit: Hit) -> bool:   # 「干不了活」「没有收入」「下岗工人」: a state, not a job just lost
        return hit.value == Cause.INCOME_LOSS and (bool(_INCOME_STATE.fullmatch(hit.text)) or story_order.lasting_income(text, hit)
                                                   or bool(_CARING.search(text[max(0, hit.span[0] - 12):hit.span[0]])))

    lost_job = any(h.value == Cause.INCOME_LOSS and not h.background and not lasting(h) for h in hits)

    def rank(hit: Hit) -> tuple:
        kind = hit.value.kind if isinstance(hit.value, Cause) else HardshipType.UNKNOWN
        pressing = kind == HardshipType.EXPENDITURE and bool(_PRESSING.search(text[hit.span[1]:hit.span[1] + 20]))
        died = hit.value == Cause.DEATH and injury is not None and injury.span[1] <= hit.span[0] \
            and bool(_DIED_OF.match(text[injury.span[1]:hit.span[0]]))
        return (hit.background, hit.secondary, hit.value == Cause.HOUSING, kind != HardshipType.EMERGENCY,
                _TIER.get(hit.value, 0) - (1 if died else 0),
                lasting(hit) or story_order.school_named_only(text, hit), not pressing, not story_order.costed(text, hit),
                standing(hit) and not pressing, hit.span[0])

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
