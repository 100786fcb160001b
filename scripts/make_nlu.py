"""Writes the training data under data/nlu/ and the jieba user dictionary under data/jieba/.

The examples are composed from hand-written fragments (how residents write on WeChat, what a
hotline caller says with fillers, an operator's third-person notes) so that causes, places, sums
and contact details vary independently. The held-out set in tests/nlu/heldout.yml is written by
hand, separately, and never passes through this script. Run: python scripts/make_nlu.py
"""
from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
rng = random.Random(20261123)

# ---------------------------------------------------------------- fragment pools
FIRE = ["着火了", "失火了", "起火了", "发生火灾", "着了大火", "被大火烧了", "烧没了", "烧光了"]
TRAFFIC = ["出了车祸", "被车撞了", "遇到交通事故", "骑电动车被撞了", "翻车了"]
DISASTER = ["被洪水冲了", "房子塌了", "遭了冰雹", "发大水淹了", "暴雨把房子泡了", "山体滑坡把房子埋了"]
SUDDEN = ["突发脑出血", "突然心梗住进ICU", "查出白血病", "突发脑溢血", "确诊了肺癌", "中风瘫在床上"]
INJURY = ["干活摔断了腿", "在工地受伤了", "被烫伤了", "触电受伤", "从楼上摔下来骨折了"]
DEATH = ["家里顶梁柱去世了", "丈夫突然去世了", "孩子他爸走了", "老伴病逝了"]
STRANDED = ["钱包被偷了回不了家", "在外地被骗光了钱", "没有路费回不去家", "流落街头"]
MEDICAL = ["看病花了很多钱", "住院的医药费交不起", "每周要透析", "化疗费用太高", "手术费凑不齐"]
SCHOOL = ["孩子考上大学学费交不起", "两个孩子上学的学费没着落", "孩子的书本费住宿费交不上"]
INCOME = ["厂子倒闭失业了", "下岗了没有收入", "停工半年没活干", "被裁员了家里断了收入", "工资被拖欠了一年"]
CAUSE_POOLS = [FIRE, TRAFFIC, DISASTER, SUDDEN, INJURY, DEATH, STRANDED, MEDICAL, SCHOOL, INCOME]

PLACES = [
    "许昌市魏都区", "魏都区西大街道", "鄢陵县马栏镇", "鄢陵县安陵镇", "襄城县城关街道", "襄城县麦岭镇",
    "禹州市神垕镇", "禹州市火龙镇", "长葛市老城镇", "长葛市后河镇", "建安区灵井镇", "建安区椹涧乡",
    "南昌市青山湖区", "九江市浔阳区", "赣州市章贡区", "许昌", "鄢陵", "禹州", "长葛", "襄城",
    "马栏镇张庄村", "后河镇李村", "五女店镇", "尚集镇王庄村", "颍川街道",
]
NAMES = ["王小明", "李芳", "张建国", "刘秀英", "陈伟", "杨桂兰", "赵磊", "黄丽", "周强", "吴敏", "孙玉梅", "马红"]
PHONES = ["13812345678", "13937451208", "15036789012", "18603741234", "17737456789", "0374-2345678", "13103748856"]
IDS = ["11010519491231002X", "411024198503150014", "410102199001011234", "36010219800101001X"]
DATES = ["昨晚", "昨天", "前天", "今天早上", "上周", "上个月", "3月5号", "11月3号", "上周三", "前几天", "大前天夜里"]
SIZES = ["一家四口", "一家三口", "一家五口", "家里六口人", "家里3口人", "一家两口", "全家七口", "就我一个人"]
AMOUNTS = ["三千五", "两万", "两万多", "一万二", "五千块", "8万", "十几万", "3500元", "1万5", "六千多", "二十多万"]
INCOMES = ["两千", "一千五", "三千块", "八百", "2500元"]
GROUPS = ["低保户", "低保", "特困户", "五保户", "建档立卡贫困户", "贫困户", "监测户"]
ILLNESS = ["白血病", "尿毒症", "脑出血", "肺癌", "心脏病", "骨折", "脑梗"]
FILLERS = ["嗯", "那个", "就是说", "呃", "怎么说呢", "你好", "喂", "同志", "领导"]
SUFFIX = ["", "。", "！", "，怎么办啊", "，能不能帮帮我们", "，想申请救助", "，有没有什么补助", "，求帮助", "，日子过不下去了"]

CAUSE_WORDS = {  # the cause keyword inside each phrase, annotated as the `cause` entity
    "着火": "fire", "失火": "fire", "起火": "fire", "火灾": "fire", "大火": "fire", "烧没": "fire", "烧光": "fire",
    "车祸": "traffic_accident", "被车撞": "traffic_accident", "交通事故": "traffic_accident", "被撞": "traffic_accident", "翻车": "traffic_accident",
    "洪水": "natural_disaster", "房子塌": "natural_disaster", "冰雹": "natural_disaster", "发大水": "natural_disaster", "暴雨": "natural_disaster", "山体滑坡": "natural_disaster",
    "脑出血": "sudden_illness", "心梗": "sudden_illness", "白血病": "sudden_illness", "脑溢血": "sudden_illness", "肺癌": "sudden_illness", "中风": "sudden_illness",
    "摔断": "accident_injury", "受伤": "accident_injury", "烫伤": "accident_injury", "触电": "accident_injury", "骨折": "accident_injury",
    "去世": "death", "走了": "death", "病逝": "death",
    "被偷": "stranded", "被骗": "stranded", "没有路费": "stranded", "流落街头": "stranded",
    "医药费": "medical_cost", "看病": "medical_cost", "透析": "medical_cost", "化疗": "medical_cost", "手术费": "medical_cost",
    "学费": "education_cost", "书本费": "education_cost",
    "失业": "income_loss", "下岗": "income_loss", "没活干": "income_loss", "裁员": "income_loss", "拖欠": "income_loss",
}
SYNONYMS = {
    "低保户": "dibao", "低保": "dibao", "特困户": "tekun", "五保户": "tekun", "特困": "tekun",
    "建档立卡贫困户": "jiandang", "贫困户": "jiandang", "建档立卡": "jiandang", "监测户": "jiance",
}


def ent(text: str, entity: str, value: str | None = None, role: str | None = None) -> str:
    meta = f'"entity": "{entity}"'
    if value and value != text:
        meta += f', "value": "{value}"'
    if role:
        meta += f', "role": "{role}"'
    return f"[{text}]{{{meta}}}"


def cause_phrase(phrase: str) -> str:
    """Annotate the cause keyword inside a phrase (the longest one that occurs)."""
    for word in sorted(CAUSE_WORDS, key=len, reverse=True):
        if word in phrase:
            i = phrase.index(word)
            return phrase[:i] + ent(word, "cause", CAUSE_WORDS[word]) + phrase[i + len(word):]
    return phrase


def pick(pool):
    return rng.choice(pool)


def group(text: str) -> str:
    return ent(text, "priority_group", SYNONYMS[text])


def typo(text: str) -> str:
    swaps = [("着火", "着伙"), ("车祸", "车货"), ("医药费", "医要费"), ("学费", "学废"), ("救助", "求助"), ("怎么办", "咋办")]
    for good, bad in swaps:
        if good in text and rng.random() < 0.5:
            return text.replace(good, bad, 1)
    return text


# ---------------------------------------------------------------- request_help
def request_help_examples(n: int) -> list[str]:
    out: set[str] = set()
    templates = [
        lambda: f"{pick(FILLERS)}，我家{ent(pick(DATES), 'date')}{cause_phrase(pick(FIRE))}{pick(SUFFIX)}",
        lambda: f"我们{ent(pick(PLACES), 'place')}的家{ent(pick(DATES), 'date')}{cause_phrase(pick(FIRE))}，{ent(pick(SIZES), 'household_size')}没地方住了",
        lambda: f"我爱人{ent(pick(DATES), 'date')}在{ent(pick(PLACES), 'place')}{cause_phrase(pick(TRAFFIC))}，住院花了{ent(pick(AMOUNTS), 'amount')}{pick(SUFFIX)}",
        lambda: f"来电人称其{ent(pick(DATES), 'date')}{cause_phrase(pick(TRAFFIC))}，家住{ent(pick(PLACES), 'place')}，请求救助",
        lambda: f"来电人称家中{cause_phrase(pick(DISASTER))}，{ent(pick(SIZES), 'household_size')}，系{group(pick(GROUPS))}",
        lambda: f"{pick(FILLERS)}，就是说我老公{cause_phrase(pick(SUDDEN))}，现在在医院，家里已经花了{ent(pick(AMOUNTS), 'amount')}了",
        lambda: f"孩子{cause_phrase(pick(SUDDEN))}，医药费要{ent(pick(AMOUNTS), 'amount')}，我们是{group(pick(GROUPS))}，实在拿不出来",
        lambda: f"我{cause_phrase(pick(INJURY))}，干不了活，{ent(pick(SIZES), 'household_size')}全靠我",
        lambda: f"{cause_phrase(pick(DEATH))}，留下我们孤儿寡母，{pick(SUFFIX) or '不知道怎么办'}",
        lambda: f"我在{ent(pick(PLACES), 'place')}{cause_phrase(pick(STRANDED))}，{pick(SUFFIX) or '能帮帮我吗'}",
        lambda: f"家里有人得了{ent(pick(ILLNESS), 'illness')}，{cause_phrase(pick(MEDICAL))}，欠了{ent(pick(AMOUNTS), 'amount')}",
        lambda: f"{cause_phrase(pick(SCHOOL))}，学费要{ent(pick(AMOUNTS), 'amount')}，家里一个月收入才{ent(pick(INCOMES), 'amount')}",
        lambda: f"我{cause_phrase(pick(INCOME))}，{ent(pick(SIZES), 'household_size')}，一个月就{ent(pick(INCOMES), 'amount')}，房租都交不起",
        lambda: f"来电人{ent(pick(NAMES), 'name')}称，{ent(pick(DATES), 'date')}家中{cause_phrase(pick(FIRE))}，联系电话{ent(pick(PHONES), 'phone')}",
        lambda: f"我叫{ent(pick(NAMES), 'name')}，户口在{ent(pick(PLACES), 'hukou_place')}，在{ent(pick(PLACES), 'place')}打工时{cause_phrase(pick(TRAFFIC))}",
        lambda: f"想申请临时救助，{cause_phrase(pick(MEDICAL + SCHOOL + INCOME))}",
        lambda: f"请问能申请临时救助吗？我家{cause_phrase(pick(FIRE + DISASTER))}",
        lambda: f"{ent(pick(DATES), 'date')}晚上{cause_phrase(pick(FIRE))}，东西全烧了，{ent(pick(SIZES), 'household_size')}现在借住在亲戚家",
        lambda: f"我是{group(pick(GROUPS))}，{cause_phrase(pick(MEDICAL))}，能不能给点救助",
        lambda: f"帮帮忙吧，{cause_phrase(pick(CAUSE_POOLS[rng.randrange(len(CAUSE_POOLS))]))}，{ent(pick(SIZES), 'household_size')}",
        lambda: typo(f"我家{cause_phrase(pick(FIRE))}怎么办，需要救助"),
        lambda: typo(f"{cause_phrase(pick(TRAFFIC))}了，医药费{ent(pick(AMOUNTS), 'amount')}，救助怎么申请"),
        lambda: f"老人{cause_phrase(pick(SUDDEN))}，儿女都在外地，没钱看病",
        lambda: f"我们{ent(pick(PLACES), 'place')}这边{cause_phrase(pick(DISASTER))}，庄稼全毁了，房子也不能住了",
        lambda: f"help，我家{cause_phrase(pick(FIRE))}，需要帮助",
    ]
    while len(out) < n:
        out.add(rng.choice(templates)())
    return sorted(out)


HAND_REQUEST_HELP = [
    "我家昨晚着火了，房子烧没了，一家四口现在没地方住",
    "家里遇到困难了，想申请救助",
    "我想申请临时救助",
    "日子过不下去了，能帮帮我吗",
    "我们家出事了，需要帮助",
    "遇到急事了，需要政府救助",
    "孩子生病住院，钱都花光了",
    "老公出车祸走了，家里没了收入",
    "房子被大水冲垮了，一家人没地方去",
    "我没钱交住院费了，医院要停药",
    "我是外地来打工的，钱被偷了，回不了家",
    "家里老人重病，欠了一屁股债",
    "今年收成全没了，家里揭不开锅了",
    "家里突然着火了怎么办",
    "我要申请救助金",
    "求助！家里有困难",
    "可以帮我申请救助吗",
]


# ---------------------------------------------------------------- inform (answers to form questions, corrections)
def inform_examples(n: int) -> list[str]:
    out: set[str] = set()
    templates = [
        lambda: ent(pick(PHONES), "phone"),
        lambda: f"电话是{ent(pick(PHONES), 'phone')}",
        lambda: f"我的手机号{ent(pick(PHONES), 'phone')}",
        lambda: f"电话写错了，是{ent(pick(PHONES), 'phone')}",
        lambda: f"号码不对，应该是{ent(pick(PHONES), 'phone')}",
        lambda: ent(pick(IDS), "id_number"),
        lambda: f"身份证号{ent(pick(IDS), 'id_number')}",
        lambda: f"身份证是{ent(pick(IDS), 'id_number')}",
        lambda: ent(pick(NAMES), "name"),
        lambda: f"我叫{ent(pick(NAMES), 'name')}",
        lambda: f"名字写错了，是{ent(pick(NAMES), 'name')}",
        lambda: f"姓名{ent(pick(NAMES), 'name')}",
        lambda: ent(pick(PLACES), "place"),
        lambda: f"在{ent(pick(PLACES), 'place')}",
        lambda: f"就在{ent(pick(PLACES), 'place')}家里",
        lambda: f"事发地点是{ent(pick(PLACES), 'place')}",
        lambda: f"户口在{ent(pick(PLACES), 'hukou_place')}",
        lambda: f"户籍是{ent(pick(PLACES), 'hukou_place')}的",
        lambda: f"老家{ent(pick(PLACES), 'hukou_place')}",
        lambda: f"户口地址写错了，是{ent(pick(PLACES), 'hukou_place')}",
        lambda: ent(pick(DATES), "date"),
        lambda: f"是{ent(pick(DATES), 'date')}的事",
        lambda: f"{ent(pick(DATES), 'date')}发生的",
        lambda: f"时间不对，是{ent(pick(DATES), 'date')}",
        lambda: ent(pick(SIZES), "household_size"),
        lambda: f"{ent(pick(['四', '三', '五', '两', '6', '4', '3']) + '口人', 'household_size')}",
        lambda: f"家里{ent(pick(['四个人', '五个人', '3个人', '两个人']), 'household_size')}",
        lambda: f"人数写错了，{ent(pick(SIZES), 'household_size')}",
        lambda: f"是{group(pick(GROUPS))}",
        lambda: f"我们家是{group(pick(GROUPS))}",
        lambda: f"我是{group(pick(GROUPS))}",
        lambda: f"花了{ent(pick(AMOUNTS), 'amount')}",
        lambda: f"大概{ent(pick(AMOUNTS), 'amount')}",
        lambda: ent(pick(AMOUNTS), "amount"),
        lambda: f"一个月收入{ent(pick(INCOMES), 'amount')}",
        lambda: f"每月{ent(pick(INCOMES), 'amount')}左右",
        lambda: f"家里一个月也就{ent(pick(INCOMES), 'amount')}",
        lambda: f"得的是{ent(pick(ILLNESS), 'illness')}",
        lambda: f"{pick(FILLERS)}，{ent(pick(PHONES), 'phone')}",
        lambda: f"{ent(pick(NAMES), 'name')}，电话{ent(pick(PHONES), 'phone')}",
        lambda: f"我叫{ent(pick(NAMES), 'name')}，身份证{ent(pick(IDS), 'id_number')}",
    ]
    while len(out) < n:
        out.add(rng.choice(templates)())
    return sorted(out) + [
        "都不是", "啥也不是", "普通家庭", "没有，都不是", "不是低保户", "暂不提供", "身份证没带", "不方便说身份证",
        "记不清了", "不记得哪天了", "跟上面一样", "同上", "就是本地的", "没有收入", "0元", "一分收入都没有",
    ]


SIMPLE = {
    "greet": ["你好", "您好", "在吗", "有人吗", "喂，你好", "hello", "hi", "早上好", "下午好", "晚上好", "你好啊", "您好，请问",
              "在不在", "你好，我想咨询一下", "您好，麻烦问一下", "哈喽", "嗨", "喂喂", "你好同志", "领导好", "在吗在吗",
              "你好，是民政局吗", "请问是救助热线吗", "您好，打扰了"],
    "goodbye": ["再见", "拜拜", "好的再见", "没事了，再见", "先这样吧", "就这些了", "挂了", "bye", "下次再说", "回头再联系",
                "好的，拜拜", "没别的事了", "我先下了", "再会", "那就这样", "谢谢，再见", "先不聊了", "没事了"],
    "thanks": ["谢谢", "谢谢你", "多谢", "非常感谢", "太感谢了", "谢谢政府", "感谢帮助", "辛苦了", "麻烦你了", "谢谢您",
               "太好了谢谢", "感谢感谢", "真是帮大忙了", "thank you", "谢了", "谢谢啊", "好的谢谢", "万分感谢"],
    "affirm": ["对", "对的", "是的", "没错", "是", "嗯", "嗯嗯", "好", "好的", "可以", "行", "没问题", "对，没错", "确认", "确定",
               "都对", "信息都对", "对的，提交吧", "提交吧", "是这样的", "对着呢", "ok", "好滴", "嗯对", "可以的", "要", "需要",
               "好，转吧", "确认无误", "是滴", "同意", "同意转介", "我同意", "可以转给他们", "同意，转吧"],
    "deny": ["不对", "不是", "错了", "不行", "不要", "不用了", "不需要", "有错", "信息不对", "有地方不对", "不对，要改", "不是这样",
             "不确定", "不，不要", "否", "no", "别", "不用", "错了错了", "有问题", "还有要改的", "不，继续", "不同意",
             "不同意转介", "不要转给别人", "我不同意",
             "还是想申请", "我还是要申请", "还是申请吧", "不取消了", "不取消，继续填", "接着填吧", "先别取消", "不算了，还是要申请"],
    "check_status": ["我的申请怎么样了", "查一下进度", "我申请的救助到哪一步了", "救助批下来了吗", "想查一下案件进度",
                     "钱什么时候能发", "上次申请的有结果了吗", "帮我查查办理进度", "我的救助审批了吗", "查询申请状态",
                     "我之前提交的申请现在什么情况", "申请了好久了怎么还没消息", "我的案子有进展吗", "查进度",
                     "救助金到账了吗", "审批结果出来了吗", "办到哪了", "能查一下我的申请吗", "我想问问申请的进度",
                     "案件编号LS2611230007，查一下进度", "查一下LS2611230012的进度", "我的申请LS2611220003怎么样了",
                     "上个月交的申请怎么还没批", "什么时候有结果", "我的申请通过了吗"],
    "request_human": ["我要找人工", "转人工", "人工服务", "找真人", "我想跟工作人员说", "让工作人员给我打电话", "我要人工客服",
                      "叫个人来", "不想跟机器说", "找你们领导", "能不能转人工", "人工", "接人工", "我要和真人说话",
                      "有没有工作人员", "请工作人员联系我", "你是机器人吗，我要找人", "给我转接人工", "找客服",
                      "我要投诉，找人工", "转接工作人员", "联系社工"],
    "cancel": ["算了", "不申请了", "取消", "取消申请", "不办了", "算了不弄了", "我不想申请了", "停止", "退出", "先不申请了",
               "别弄了", "不要申请了", "撤销申请", "算了吧", "不用申请了", "放弃", "我不需要救助了", "结束申请", "不搞了", "取消吧"],
    "out_of_scope": ["今天天气怎么样", "路灯坏了没人修", "公交车怎么又晚点", "帮我订个外卖", "身份证丢了怎么补办",
                     "小区门口的路坑坑洼洼", "楼上漏水怎么办", "孩子上学择校的事", "老板拖欠工资去哪投诉",
                     "医保卡怎么激活", "你会唱歌吗", "讲个笑话", "股票能涨吗", "附近有什么好吃的", "怎么办理护照",
                     "噪音扰民怎么办", "停车位不够", "养老保险怎么交", "自来水停了", "电费怎么这么贵", "网购退款",
                     "asdfgh", "。。。", "哈哈哈", "你是谁", "你叫什么名字", "what is this", "测试",
                     "垃圾没人收", "狗叫扰民", "出租车绕路", "社保卡丢了", "公积金怎么提取", "驾照怎么换"],
}

POLICY = {
    "what_is": ["什么是临时救助", "临时救助是什么", "临时救助是干什么的", "啥叫临时救助", "临时救助是啥意思", "介绍一下临时救助",
                "临时救助和低保有什么区别", "急难型救助是什么意思", "支出型救助是什么", "什么叫先行救助", "临时救助是一次性的吗",
                "临时救助属于什么政策", "能说说临时救助政策吗", "临时救助管什么"],
    "who_qualifies": ["谁能申请临时救助", "什么人可以申请", "我这种情况能申请吗", "不是低保户能申请吗", "申请条件是什么",
                      "哪些人符合临时救助条件", "外地户口能申请吗", "有什么条件", "收入多少以下能申请", "低保户能申请临时救助吗",
                      "特困人员可以申请吗", "外地人在这出事能申请吗", "没有本地户口可以吗", "我符合条件吗", "申请有收入要求吗"],
    "how_much": ["能给多少钱", "临时救助一般给多少", "救助标准是多少", "最多能救助多少", "救助金额怎么定", "能补助多少",
                 "一次能领多少钱", "救助有上限吗", "大病能救助多少钱", "救助金是按人头算吗", "一年能申请几次", "能给多少补助",
                 "救助金额多少"],
    "where_apply": ["去哪里申请", "在哪申请临时救助", "怎么申请", "申请流程是什么", "找谁申请", "要去民政局吗",
                    "在乡镇申请还是县里", "网上能申请吗", "可以在户口所在地以外申请吗", "申请的步骤", "怎么办理临时救助",
                    "到哪个部门申请", "村里能帮忙申请吗", "申请渠道有哪些"],
    "materials": ["需要什么材料", "要带哪些证件", "申请要准备什么", "需要什么证明", "要提供哪些材料", "材料清单",
                  "要不要身份证", "需要户口本吗", "医院的发票要吗", "要开什么证明", "没有材料能申请吗", "需要交什么资料",
                  "申请材料有哪些"],
    "how_long": ["多久能批下来", "要等多长时间", "审批需要几天", "多长时间能拿到钱", "办理时限是多久", "几天能办好",
                 "审批快吗", "急事能先给钱吗", "多久出结果", "要等多久", "什么时候能到账", "审批要多少个工作日"],
}


def yaml_block(intent: str, examples: list[str]) -> str:
    lines = [f"- intent: {intent}", "  examples: |"]
    lines += [f"    - {example}" for example in examples]
    return "\n".join(lines)


def write(path: Path, blocks: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('version: "3.1"\nnlu:\n' + "\n".join(blocks) + "\n", encoding="utf-8")


def main() -> None:
    nlu = ROOT / "data" / "nlu"
    hand = [cause_phrase(text) for text in HAND_REQUEST_HELP]
    write(nlu / "request_help.yml", [yaml_block("request_help", hand + request_help_examples(230))])
    write(nlu / "inform.yml", [yaml_block("inform", inform_examples(190))])
    write(nlu / "chitchat.yml", [yaml_block(intent, examples) for intent, examples in SIMPLE.items()])
    write(nlu / "ask_policy.yml", [yaml_block(f"ask_policy/{key}", examples) for key, examples in POLICY.items()])
    synonyms = {}
    for word, value in list(SYNONYMS.items()) + list(CAUSE_WORDS.items()):
        synonyms.setdefault(value, []).append(word)
    write(nlu / "synonyms.yml", [
        f"- synonym: {value}\n  examples: |\n" + "\n".join(f"    - {w}" for w in words)
        for value, words in synonyms.items()
    ] + [
        "- regex: phone\n  examples: |\n    - 1[3-9][0-9]{9}\n    - 0[0-9]{2,3}-?[0-9]{7,8}",
        "- regex: id_number\n  examples: |\n    - [1-9][0-9]{16}[0-9Xx]",
    ])
    words = set(PLACES + NAMES + GROUPS + ILLNESS + list(CAUSE_WORDS) + SIZES + AMOUNTS + INCOMES)
    words |= {"临时救助", "急难型", "支出型", "先行救助", "一事一议", "建档立卡", "监测户", "特困人员", "五保户", "户籍",
              "户口", "医药费", "住院费", "学费", "来电人", "转人工", "找人工", "许昌", "鄢陵县", "襄城县", "禹州市",
              "长葛市", "魏都区", "建安区", "街道", "社区", "居委会",
              "大火", "中风", "摔断", "前几天", "车祸", "称其", "来电人称", "被撞", "着火", "烧没", "烧光"}
    jieba = ROOT / "data" / "jieba"
    jieba.mkdir(parents=True, exist_ok=True)
    (jieba / "userdict.txt").write_text("\n".join(f"{w} 100000" for w in sorted(words)) + "\n", encoding="utf-8")
    count = sum(text.count("\n    - ") for text in (p.read_text(encoding="utf-8") for p in nlu.glob("*.yml")))
    print(f"wrote {count} example lines")


if __name__ == "__main__":
    main()
