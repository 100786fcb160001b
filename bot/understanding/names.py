"""The applicant's name from 「我叫王小明」「姓名：李芳」「来电人张某」 or a bare reply to the question.

A name is 2–4 characters starting with a surname of jionlp's surname table; reporting verbs (称,
说, 反映), refusals (不愿提供, 暂不提供) and correction words (改成) are never part of it.
「我姓马」 gives the surname only; a refusal is recorded as a refusal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from jionlp.rule.rule_pattern import CHINESE_FAMILY_NAME

from bot.understanding.pinyin import is_pinyin

# jionlp's surname table lacks many of the commonest surnames (马, 黄, 孙, 胡 …): the commonest
# single-character surnames are added here.
_COMMON = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
           "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常"
           "温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂"
           "成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫"
           "费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝鄢练慕"
           "赖饶冀鞠幸窦钭郦蔺丘左宫权逯盖益桓公揭蒯漆嵇岑仝闻暴訾阚那简荀蓟昌茹蔚殳谈骞井智")
_SURNAMES = rf"(?:{CHINESE_FAMILY_NAME}|[{_COMMON}])"
_SURNAME = re.compile(rf"^{_SURNAMES}")
_INTRO = re.compile(
    r"(?:大名|大号|学名|本名|我叫|俺叫|俺是(?=[\u4e00-\u9fa5]{2,3}(?:[，,。.!！\s]|$))|全名(?:是|叫)?|(?:名字|姓名)(?:错了|写错了|不对)[，,]?(?:是|应该是|叫)|"
    r"(?<=[，,。\s妈爸爹娘亲子女婆公媳人称述说她他])叫|(?<=[奶爷姥哥姐弟妹叔姨舅伯婶])叫(?=[\u4e00-\u9fa5·]{2,4}(?:[，,。.!！?？\s]|$))|(?:房主|户主|当事人|患者|病人|(?:为|替|帮)(?:(?:弟媳|儿媳|媳妇|妻子|丈夫|老公|老婆|爱人|儿子|女儿|闺女|父亲|母亲|爸爸|妈妈|哥哥|弟弟|姐姐|妹妹|嫂子|婆婆|公公|奶奶|爷爷|孙子|孙女|外甥|侄子|侄女)|[\u4e00-\u9fa5]{0,3}?(?=[\u4e00-\u9fa5]{2,4}申请)))|我的名字(?:是|叫)|名字(?:是|叫)|名叫|我是(?=[\u4e00-\u9fa5]{2,3}(?:[，,。.!！\s]|$))|姓名(?:是|为|叫)?[:：]?|(?:来电人|申请人|求助人|当事人)(?:姓名|名字)?(?:是|叫|为)?[:：]?(?:她|他|我)?(?:丈夫|妻子|老公|老婆|母亲|父亲|儿子|女儿)?|本人(?:是|叫)?)\s*"
    r"(?:改成|改为|应该是|应为|是|叫|换成)?\s*([\u4e00-\u9fa5·]{2,5})")
_SURNAME_ONLY = re.compile(r"(?:我|本人|来电人|申请人)?姓\s*([\u4e00-\u9fa5])(?![\u4e00-\u9fa5]{2})")
_TRAILING = re.compile(r"(家里|家|的|啊|呀|呢|吧|在|今年|住|电话|手机|身份证|户口|是|我|现在|称|说|反映|来电|女士|先生|同志|大爷|大娘|阿姨)+$")
_NOT_NAMES = re.compile(
    r"(某|低保|特困|贫困|监测|户口|老家|本地|农民|村民|居民|市|县|区|镇|乡|村|人家|病人|残疾|司机|不愿|不想|不方便|"
    r"暂不|不提供|不说|保密|匿名|提供|不知道|改成|改为|称|反映|说|着火|车祸|生病|住院|孩子|老人|一家|家里|困难|申请|救助|"
    r"老汉|老太|老头|大爷|大娘|大妈|大叔|大婶|女士|先生|师傅|阿姨|大姐|大哥|奶奶|爷爷|同志)")
_COMPOUND = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "令狐", "慕容", "司徒", "夏侯", "宇文", "长孙"]
_POLITE = re.compile(rf"({_SURNAMES})(?:某+|女士|先生|大爷|大娘|阿姨|大姐|大哥|师傅|老汉|奶奶|爷爷)")
_REFUSAL = re.compile(r"(未提供|没提供|未留|不愿|不想|不肯|不方便|暂不|不提供|不透露|不留|不说|保密|匿名|不告诉)")
REFUSED = "未提供（本人不愿提供）"


@dataclass(frozen=True)
class FoundName:
    value: str
    span: tuple[int, int]
    surname_only: bool = False
    refused: bool = False


def is_surname(char: str) -> bool:
    return len(char) == 1 and bool(_SURNAME.match(char))


def is_name(text: str) -> bool:
    """2-4 Chinese characters (a · inside allowed) starting with a surname: no punctuation or blanks."""
    return (2 <= len(text) <= 4 and bool(re.fullmatch(r"[\u4e00-\u9fa5][\u4e00-\u9fa5·]*[\u4e00-\u9fa5]", text))
            and bool(_SURNAME.match(text)) and not _NOT_NAMES.search(text))


# 叫 also calls a car or a person (我妈叫车送医院, 叫人拉到卫生院): a name never holds the verb that follows.
_STOP = set("家的在是今住电手身户我现称说反来和与也就都还了呢吧啊呀年岁某老送拉去到把载往")


def _clean(candidate: str) -> str:
    """The name at the start of `candidate` (王小明家里… -> 王小明); "" when there is none."""
    candidate = _TRAILING.sub("", candidate)
    for length in (4, 3, 2):
        head = candidate[:length]
        if len(head) == length and is_name(head) and not (set(head[1:]) & _STOP):
            if length == 4 and not re.match(r"^(?:%s)" % "|".join(_COMPOUND), head):
                continue
            return head
    return ""


def find(text: str, *, as_answer: bool = False) -> FoundName | None:
    """The name stated in `text`; with `as_answer` (the reply to 「您怎么称呼」) a bare name,
    a surname alone or a refusal count too. A surname stated on its own (俺姓左, 冀某) gives way to
    a full name with that surname in the same message (俺姓左 左红旗)."""
    for match in _INTRO.finditer(text):
        name = _clean(match.group(1))
        if name:
            return FoundName(name, (match.start(1), match.start(1) + len(name)))
    surname = _SURNAME_ONLY.search(text) or _POLITE.search(text)
    if surname and _SURNAME.match(surname.group(1)):
        return _full_name_with(text, surname) or FoundName(surname.group(1), surname.span(1), surname_only=True)
    if not as_answer:
        return None
    if _REFUSAL.search(text) and not re.search(r"电话|身份证|号码", text):
        return FoundName(REFUSED, (0, len(text)), refused=True)
    for segment in _segments(text):   # 「俺是老杜，杜长海」, 「刘方，文刀刘，方向的方」
        found = _bare(text, segment)
        if found:
            return found
    return None


def _full_name_with(text: str, surname: re.Match) -> FoundName | None:
    """A full name starting with the stated surname elsewhere in the message."""
    for index in (m.start() for m in re.finditer(re.escape(surname.group(1)), text)):
        if surname.start(1) <= index < surname.end(0) or _POLITE.match(text, index):
            continue   # the surname statement itself, or the same person by title again (祁女士希望…)
        name = _clean(text[index:index + 6])
        if name and len(name) >= 2:
            return FoundName(name, (index, index + len(name)))
    return None


_PUNCT_EDGES = re.compile(r"^[\s\W_]+|[\s\W_]+$")   # 「张三，」「“张三”」: the punctuation and quotes around a reply


def _segments(text: str) -> list[str]:
    """The whole reply, then its parts between punctuation or blanks."""
    whole = _PUNCT_EDGES.sub("", text)
    whole = re.sub(r"(?<=[\u4e00-\u9fa5])\s+(?=[\u4e00-\u9fa5])", "", whole) if len(whole) <= 9 else whole   # 「张 三」
    parts = [p for p in re.split(r"[，,。.;；、\s]+", whole) if p]
    return [whole] + (parts if len(parts) > 1 else [])


def _bare(text: str, segment: str) -> FoundName | None:
    bare = re.sub(r"^(我是|我叫|俺是|俺叫|叫|是|姓名|名字)[:：]?", "", segment)
    bare = _TRAILING.sub("", bare)
    start = text.find(bare)
    span = (start, start + len(bare)) if start >= 0 else (0, len(text))   # 「张 三」 read as 张三
    if is_name(bare):
        return FoundName(bare, span)
    if len(bare) == 1 and _SURNAME.match(bare) and segment == _segments(text)[0]:
        return FoundName(bare, (start, start + 1), surname_only=True)
    if re.fullmatch(r"[A-Za-z][A-Za-z .'-]{1,38}[A-Za-z]", bare) and not re.fullmatch(r"(?i)(no|yes|ok|hi|hello)", bare) \
            and not is_pinyin(bare):   # 「xie xie」「wo jia zhao huo le」 are words in pinyin, not a name
        return FoundName(bare, (start, start + len(bare)))
    return None
