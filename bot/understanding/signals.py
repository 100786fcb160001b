"""Signs of hardship in a message that is not a request for help (主动发现): a fire mentioned in a
complaint, workers owed wages who cannot get home, an old person alone without heating, a child
left without carers. Each sign with the words that showed it, for a person to look at; nothing is
decided here. Pure."""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.understanding import lexicon

_CUES = (
    ("老人独居、生活无着", re.compile(r"(一个人住|独居|孤寡|无儿无女|老两口).{0,16}(没有?暖气|没(有)?人照顾|不能自理|吃不上饭|冻得|没钱买药|没人管)")),
    ("儿童无人照料", re.compile(r"(孩子|娃|小孩|孙子|孙女).{0,12}(没人管|无人照料|没人照顾|没人带|没人养)")),
    ("欠薪、滞留", re.compile(r"((拖)?欠|不给|拿不到|讨不到|结不了).{0,6}(工资|工钱|血汗钱)")),
    ("无处居住", re.compile(r"(露宿|睡(在)?(大街|街上|桥(洞|下)|车站|地下通道)|无家可归|没(有)?地方住|房子塌了)")),
)


@dataclass(frozen=True)
class Signal:
    label: str
    words: str


def signals(text: str) -> list[Signal]:
    """The signs of hardship in `text`, each with the words that showed it (none: an empty list)."""
    found = [Signal(label, m.group(0)) for label, pattern in _CUES if (m := pattern.search(text or ""))]
    for hit in lexicon.find_causes(text or ""):
        if not hit.background:
            found.append(Signal(hit.value.label, text[hit.span[0]:hit.span[1]]))
    seen, unique = set(), []
    for signal in found:
        if signal.label not in seen:
            seen.add(signal.label)
            unique.append(signal)
    return unique
