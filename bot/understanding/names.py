"""The applicant's name from 「我叫王小明」「姓名：李芳」「来电人张某」 or a bare reply to the question."""
from __future__ import annotations

import re

_INTRO = re.compile(r"(?:我叫|我姓名是|我的名字是|名字是|名字叫|姓名是|姓名[:：]?|来电人(?!称)|申请人(?:是|叫)?|本人叫?)\s*([\u4e00-\u9fa5·]{2,5})")
_TRAILING = re.compile(r"(家里|家|的|啊|呀|呢|吧|在|今年|住|电话|手机|身份证|户口|是|我|现在)+$")
_NOT_NAMES = re.compile(r"(低保|特困|贫困|监测|户口|老家|本地|农民|村民|居民|市|县|区|镇|乡|村|人家|病人|残疾|司机)")
_BARE = re.compile(r"^[\u4e00-\u9fa5·]{2,5}$|^[A-Za-z][A-Za-z .'-]{1,38}[A-Za-z]$")


def find_name(text: str, *, as_answer: bool = False) -> tuple[str, tuple[int, int]] | None:
    match = _INTRO.search(text)
    if match:
        name = _TRAILING.sub("", match.group(1))
        if len(name) >= 2 and not _NOT_NAMES.search(name):
            return name, (match.start(1), match.start(1) + len(name))
    if as_answer:
        bare = re.sub(r"^(我是|我叫|叫|是)", "", text.strip().rstrip("。.!！"))
        if _BARE.match(bare) and not _NOT_NAMES.search(bare):
            start = text.find(bare)
            return bare, (start, start + len(bare))
    return None
