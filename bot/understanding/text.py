"""Cleaning of incoming text before anything reads it (NFKC, control characters, length)."""
from __future__ import annotations

import re
import unicodedata

MAX_CHARS = 2000
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\ufeff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean(text: str | None) -> str:
    """NFKC-normalise (full-width digits and punctuation become ASCII), drop control characters
    and lone surrogates, collapse blank runs, and cut to MAX_CHARS."""
    if not text:
        return ""
    text = _SURROGATE.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROL.sub("", text)
    text = re.sub(r"[ \t\r\n]+", " ", text).strip()
    return text[:MAX_CHARS]


def is_substantive(text: str) -> bool:
    """True when the text holds at least one letter, digit or CJK character."""
    return any(ch.isalnum() for ch in text)


CORRECTION = re.compile(r"改成|改为|改一下|更正|写错|说错|填错|记错|搞错|弄错|错了|不对|不是[^，。,.]{0,12}是|应该是|其实是|"
                        r"实际是|重新说|换成|变成")


def says_correction(text: str) -> bool:
    """The message says it corrects something said before (改成, 写错了, 不是…是)."""
    return bool(CORRECTION.search(text or ""))
