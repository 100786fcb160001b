"""The same hardship reported twice (重复申报): how strongly two cases look related, and why.

Pure scoring over what both cases hold. The store finds the candidates (by keyed hash of ID number
and phone, or by place, cause and date); this decides whether each is a duplicate of the same
household or the same incident with another household (one fire, eight households), with the
facts that match as the reason.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

SAME_INCIDENT_DAYS = 3


@dataclass(frozen=True)
class CaseFacts:
    case_number: str
    id_hash: str | None
    phone_hash: str | None
    applicant_name: str | None
    cause: str | None
    event_place: str | None
    event_date: date | None


@dataclass(frozen=True)
class Match:
    case_number: str
    kind: str            # "same_household" or "same_incident"
    score: float
    reasons: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"case_number": self.case_number, "kind": self.kind, "score": self.score, "reasons": list(self.reasons)}


def normalise_place(place: str | None) -> str:
    if not place:
        return ""
    text = unicodedata.normalize("NFKC", place)
    return re.sub(r"[\s,，。.、]|河南省|江西省", "", text)


def _close(a: date | None, b: date | None) -> bool:
    return a is not None and b is not None and abs((a - b).days) <= SAME_INCIDENT_DAYS


def score(new: CaseFacts, other: CaseFacts) -> Match | None:
    reasons: list[str] = []
    household = 0.0
    if new.id_hash and new.id_hash == other.id_hash:
        household, reasons = 1.0, ["身份证号相同"]
    elif new.phone_hash and new.phone_hash == other.phone_hash:
        household = 0.8
        reasons.append("电话相同")
        if new.applicant_name and other.applicant_name and new.applicant_name[0] == other.applicant_name[0]:
            household = 0.9
            reasons.append("姓氏相同")
    same_place = bool(normalise_place(new.event_place)) and normalise_place(new.event_place) == normalise_place(other.event_place)
    same_event = same_place and new.cause is not None and new.cause == other.cause and _close(new.event_date, other.event_date)
    if household:
        if same_event:
            reasons.append("同一地点、同一原因、日期相近")
        elif new.cause and new.cause == other.cause:
            reasons.append("同一原因（注意频次规则 XC-2.3-frequency）")
        return Match(other.case_number, "same_household", household, tuple(reasons))
    if same_event:
        return Match(other.case_number, "same_incident", 0.6, ("同一地点、同一原因、日期相近，可能是同一事件的不同家庭",))
    return None


def related(new: CaseFacts, candidates: list[CaseFacts]) -> list[Match]:
    found = [m for m in (score(new, c) for c in candidates if c.case_number != new.case_number) if m]
    return sorted(found, key=lambda m: (-m.score, m.case_number))
