"""The resident's answer to the referral question: consent is only an explicit yes to it.

「同意」, 「同意转介」, 「我同意转给…」 or 「愿意」 are consent; 「不同意」, 「不用」, 「不需要」 are a no; anything
else — a bare 「对」, 「好的」, 「可以吧」, 「嗯」 — is neither, and the question is asked again. When the
yes names some of the partners offered, it covers only those.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_NO = re.compile(r"不同意|不愿意|不用|不要|不需要|不必|拒绝|别转|不转|算了|不想|不行|不可以")
_YES = re.compile(r"同意|愿意|可以转|转给他们吧|转介吧|请转介|帮我转")


@dataclass(frozen=True)
class ConsentAnswer:
    answer: bool | None                  # True: consent; False: refusal; None: not an answer to the question
    partners: tuple[str, ...] | None     # the partners a yes names (None: every partner offered)
    wording: str


def read_consent(text: str, partner_names: dict[str, str] | None = None) -> ConsentAnswer:
    """`partner_names`: partner id -> the name the question used."""
    text = (text or "").strip()
    if _NO.search(text):
        return ConsentAnswer(False, None, text)
    if not _YES.search(text):
        return ConsentAnswer(None, None, text)
    named = tuple(pid for pid, name in (partner_names or {}).items() if name and name in text)
    return ConsentAnswer(True, named or None, text)
