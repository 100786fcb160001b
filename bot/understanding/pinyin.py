"""Messages typed in pinyin instead of characters (「wo jia zhao huo le」, 「xie xie」): recognised so
that they are never stored as a name or a place and the resident is asked to write in characters.
The syllables are the toneless readings of jionlp's character table."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from jionlp.dictionary.dictionary_loader import pinyin_char_loader

_LATIN = re.compile(r"[A-Za-z][A-Za-z\s,.!?'~-]*")
_LONGEST = 6   # zhuang, chuang, shuang


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (zhao, huo, ü as v and u)."""
    found: set[str] = set()
    for readings in pinyin_char_loader().values():
        for reading in readings:
            plain = "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))
            plain = plain.lower().replace("ü", "v")
            if plain.isalpha():
                found.add(plain)
                found.add(plain.replace("v", "u"))
    return frozenset(found)


def _splits(word: str) -> bool:
    """The word is a run of pinyin syllables (zhaohuo, xiexie)."""
    known = syllables()
    ends = {0}
    for end in range(1, len(word) + 1):
        if any(start in ends and word[start:end] in known for start in range(max(0, end - _LONGEST), end)):
            ends.add(end)
    return len(word) in ends


def is_pinyin(text: str) -> bool:
    """The whole message is pinyin: Latin letters only, every word a run of syllables, and at
    least two syllables' worth of letters (「ok」「no」 are not pinyin)."""
    text = (text or "").strip()
    if not _LATIN.fullmatch(text):
        return False
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", text)]
    return sum(map(len, words)) >= 4 and all(_splits(w) for w in words)
