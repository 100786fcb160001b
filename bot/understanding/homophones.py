"""Homophone and input-method slips in the words that matter most: a cause word typed with a
character that reads the same (着活 for 着火, 车货 for 车祸) and a place suffix or township typed by
sound (鄢陵线 for 鄢陵县, 马兰镇 for 鄢陵县's 马栏镇). Readings are jionlp's character table without
tones. A window is put right only when exactly one character differs and reads like the right one,
the window is not itself a word (期货 is no 起火, 事业 no 失业), the changed character does not form a
word with its neighbour (去市里 is no 去世) nor does an unchanged end with its own (30号是火化 is no
失火: 火化 is a word), and, for places, only against names of the gazetteer (a county's own suffix, a
township of the same county): no place is invented. Fixes keep the length, so spans stay true to
what was written."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jieba
from jionlp.dictionary.dictionary_loader import pinyin_char_loader

from bot.understanding import gazetteer as gz

CAUSE_WORDS = ("着火", "起火", "失火", "火灾", "车祸", "住院", "白血病", "尿毒症", "脑梗", "癌症", "学费", "失业", "下岗",
               "低保", "特困", "五保", "去世", "医药费", "骨折", "瘫痪")
_ASPECT = re.compile(r"[干忙做靠过找揽接拉等跟顺沿看听说唱写]$")   # 干着活: 着 after a verb is the aspect particle
_SUFFIXES = "县镇乡"   # spelled by sound after a short county or township name; 市/区 read like 是/去 too often


@lru_cache(maxsize=1)
def _readings() -> dict[str, frozenset[str]]:
    table = {}
    for char, readings in pinyin_char_loader().items():
        table[char] = frozenset("".join(c for c in unicodedata.normalize("NFD", r) if not unicodedata.combining(c)).lower()
                                for r in readings)
    return table


def reads_alike(a: str, b: str) -> bool:
    """Two characters share a reading, tones aside (线/县, 活/火, 兰/栏)."""
    table = _readings()
    return a == b or bool(table.get(a, frozenset()) & table.get(b, frozenset()))


@lru_cache(maxsize=1)
def _words() -> None:
    jieba.initialize()


def is_word(text: str) -> bool:
    _words()
    return bool(jieba.get_FREQ(text))


def _slip_at(text: str, start: int, word: str) -> bool:
    """text[start:start+len(word)] is `word` with one character typed by sound."""
    window = text[start:start + len(word)]
    if len(window) != len(word) or window == word:
        return False
    diff = [i for i in range(len(word)) if window[i] != word[i]]
    if len(diff) != 1 or not reads_alike(window[diff[0]], word[diff[0]]) or is_word(window):
        return False
    at = start + diff[0]
    neighbours = ([text[at - 1:at + 1]] if diff[0] == 0 and at > 0 else []) + \
                 ([text[at:at + 2]] if diff[0] == len(word) - 1 and at + 2 <= len(text) else [])
    if any(is_word(pair) for pair in neighbours) or _edge_in_word(text, start, word, diff[0]):
        return False
    return not (word[0] == "着" and _ASPECT.search(text[:start]))


def _edge_in_word(text: str, start: int, word: str, changed: int) -> bool:
    """An unchanged end of the window forms an ordinary word with the character beside it (30号是火化:
    火化, 是火车站: 火车), and the right word does not take that character too (医药费用 stays open)."""
    end = start + len(word)
    if changed != 0 and start > 0 and is_word(text[start - 1] + word[0]) and not is_word(text[start - 1] + word):
        return True
    return changed != len(word) - 1 and end < len(text) and is_word(word[-1] + text[end]) and not is_word(word + text[end])


def fix_cause_words(text: str) -> str:
    """Cause words typed by sound, put right (我家着活了 -> 我家着火了)."""
    for word in CAUSE_WORDS:
        starts = {p - k for k, char in enumerate(word) for p in _positions(text, char) if p - k >= 0}
        for start in sorted(starts):
            if _slip_at(text, start, word):
                text = text[:start] + word + text[start + len(word):]
    return text


def _positions(text: str, char: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(char), text)]


def fix_place_slips(text: str, gazetteer: gz.Gazetteer) -> str:
    """A known short name followed by its own suffix typed by sound (鄢陵线 -> 鄢陵县), and a township
    typed by sound after its county (鄢陵县马兰镇 -> 鄢陵县马栏镇)."""
    for match in list(gazetteer.pattern.finditer(text)):
        end = match.end()
        if end >= len(text) or text[end] in _SUFFIXES:
            continue
        for unit in gazetteer.units(match.group(0)):
            suffix = unit.full_name[len(unit.name):]
            if unit.is_short and len(suffix) == 1 and suffix in _SUFFIXES and text[end] != suffix \
                    and reads_alike(text[end], suffix) and not is_word(text[end:end + 2]):
                text = text[:end] + suffix + text[end + 1:]
                break
    return _fix_townships(text, gazetteer)


def _fix_townships(text: str, gazetteer: gz.Gazetteer) -> str:
    for match in list(gazetteer.pattern.finditer(text)):
        counties = [u for u in gazetteer.units(match.group(0)) if u.level == "county" and not u.is_short]
        if not counties:
            continue
        tail = re.match(r"[\u4e00-\u9fa5]{1,4}?(?:镇|乡)", text[match.end():])
        if not tail or gazetteer.units(tail.group(0)):
            continue
        for town in gazetteer.townships_of(counties[0].code):
            if len(town) == len(tail.group(0)) and all(reads_alike(a, b) for a, b in zip(tail.group(0), town)):
                text = text[:match.end()] + town + text[match.end() + len(town):]
                break
    return text

