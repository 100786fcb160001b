"""急难型 / 支出型 / neither: which kind of temporary-assistance hardship a request describes.

XC-2.1.1 defines 急难型 (fire, traffic accident, other accidents, a member's sudden serious illness,
other special hardship needing immediate help); XC-2.1.2 defines 支出型 (income falling sharply for
objective reasons, or necessary spending such as education and medical care rising sharply).
CN-2014-649 is the national frame both texts implement. Both kinds may apply to one request.
The rule ids cited come from the region's documents (`rules`, by topic: the 江西 notice does not
define the kinds, so there the national CN-2018-23 is cited); without them, the 许昌 plan's.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping

from bot.domain.model import Cause, HardshipType

DEFAULT_RULES = {"emergency": "XC-2.1.1", "expenditure": "XC-2.1.2", "housing": "XC-2.1.2-housing",
                 "unknown": "XC-2.1-local", "both": "CN-2014-649"}

@dataclass(frozen=True)
class Reason:
    """One step of a decision: the rule applied and why, in Chinese for the caseworker."""

    rule_id: str
    text: str

    def as_dict(self) -> dict[str, str]:
        return {"rule_id": self.rule_id, "text": self.text}


@dataclass(frozen=True)
class Classification:
    hardship_type: HardshipType
    cause: Cause | None
    also: tuple[HardshipType, ...] = ()
    reasons: tuple[Reason, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict:
        return {
            "hardship_type": self.hardship_type.value,
            "hardship_type_label": self.hardship_type.label,
            "cause": self.cause.value if self.cause else None,
            "cause_label": self.cause.label if self.cause else None,
            "also": [kind.value for kind in self.also],
            "reasons": [reason.as_dict() for reason in self.reasons],
        }


def _as_cause(value: str | Cause | None) -> Cause | None:
    if value is None or isinstance(value, Cause):
        return value
    try:
        return Cause(value)
    except ValueError:
        return None


def classify(cause: str | Cause | None, other_causes: tuple[str, ...] | list[str] = (),
             rules: Mapping[str, str] | None = None) -> Classification:
    """Classify from the primary cause and any further causes mentioned in the same request,
    citing the rule ids of `rules` (emergency, expenditure, housing, unknown, both)."""
    rules = rules or DEFAULT_RULES
    try:
        return _classify_cached(cause, tuple(other_causes), tuple(rules[k] for k in RULE_KEYS))
    except TypeError:                 # an unhashable value: classify without the cache
        return _classify(cause, other_causes, rules)


RULE_KEYS = ("emergency", "expenditure", "housing", "unknown", "both")


@lru_cache(maxsize=4096)
def _classify_cached(cause, other_causes: tuple, rules: tuple[str, ...]) -> Classification:
    return _classify(cause, other_causes, dict(zip(RULE_KEYS, rules)))


def _classify(cause, other_causes, rules: Mapping[str, str]) -> Classification:
    emergency_rule, expenditure_rule = rules["emergency"], rules["expenditure"]
    primary = _as_cause(cause)
    if primary is None:
        return Classification(HardshipType.UNKNOWN, None, reasons=(
            Reason(rules["unknown"], "尚未了解困难原因，需工作人员核实后认定类型。"),
        ))
    causes = [primary] + [c for c in (_as_cause(x) for x in other_causes) if c and c != primary]
    kinds: list[HardshipType] = []
    reasons: list[Reason] = []
    for item in causes:
        kind = item.kind
        if kind == HardshipType.EMERGENCY:
            reasons.append(Reason(emergency_rule, f"“{item.label}”属于突发事件、意外或突发重大疾病，按急难型认定。"))
        elif item == Cause.HOUSING:
            if HardshipType.EMERGENCY in kinds:
                continue  # losing the home follows from the emergency already named
            reasons.append(Reason(rules["housing"] or expenditure_rule, f"“{item.label}”：解决住房问题过程中基本生活遇到困难的，通过临时救助保障基本生活，按支出型认定，需核实家庭经济状况。"))
        elif kind == HardshipType.EXPENDITURE:
            reasons.append(Reason(expenditure_rule, f"“{item.label}”属于收入骤减或必需支出突增，按支出型认定，需核实家庭经济状况与必需支出。"))
        else:
            continue
        if kind not in kinds:
            kinds.append(kind)
    if not kinds:
        return Classification(HardshipType.UNKNOWN, primary, reasons=(
            Reason(rules["unknown"], "所述困难不在急难型、支出型的列举情形中，需工作人员按本地细化范围核实。"),
        ))
    if len(kinds) > 1 and rules["both"]:
        reasons.append(Reason(rules["both"], "同时具有急难型和支出型情形：先按急难型简化程序办理，支出部分一并核实。"))
    return Classification(kinds[0], primary, also=tuple(kinds[1:]), reasons=tuple(reasons))
