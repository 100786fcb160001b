"""What a caseworker may approve: the township's approval limit and the per-person cap of a region,
each with the rule it comes from, and the rule ids the desk's refusals cite, all read from the
region's policy documents (bot.policy.documents). Pure; the assessment and the desk share them.

A township limit is `figure x multiple` of the document's `township_approval` rule, where the county
delegated (`when: township_delegation`): 3 x the urban monthly 低保 standard in the 许昌 plan
(XC-2.2.2-township), the region's own amount under the 江西 notice (JX-2.3-levels). The cap is the
document's `cap` rule (6 x per person in the 许昌 plan, XC-2.3-cap; none in 江西).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from bot.policy.classify import Reason
from bot.policy.regions import Region

FIGURE_LABELS = {"urban_dibao_monthly": "城市月低保标准", "rural_dibao_monthly": "农村月低保标准",
                 "township_threshold_amount": "本地区乡镇审批额度", "disposable_income_prev_year": "上年度人均可支配收入"}


@dataclass(frozen=True)
class Limit:
    value: float | None
    rule: str | None
    text: str
    figure: str | None = None


def _times(region: Region, spec, size: int | None = None) -> float | None:
    figure = region.figures.get(spec["figure"]) if spec["figure"] else None
    if figure is None or (spec["per_person"] and not size):
        return None
    return figure.value * (spec["multiple"] or 1) * (size if spec["per_person"] else 1)


def township_limit(region: Region) -> Limit:
    """Up to how much a township approves, or None where the county did not delegate (worked
    out once per region)."""
    derived = region.policy.derived
    if "township_limit" not in derived:
        derived["township_limit"] = _township_limit(region)
    return derived["township_limit"]


def _township_limit(region: Region) -> Limit:
    policy = region.policy
    spec = policy.get("township_approval")
    if spec is None:
        return Limit(None, policy.rule("county_approval"), "县级未委托乡镇审批，由县级民政部门审批")
    value = _times(region, spec)
    label = FIGURE_LABELS.get(spec["figure"], spec["figure"])
    multiple = f"{spec['multiple']:g}倍" if spec["multiple"] else ""
    text = f"乡镇审批不超过{label}{multiple}（{value:,.0f}元）" if value is not None else f"缺少{label}，乡镇审批额度待核实"
    return Limit(value, spec.rule, text, spec["figure"])


def cap_limit(region: Region, household_size: int | None) -> Limit:
    """The per-household cap (per person x size), or None where the documents set none."""
    spec = region.policy.get("cap")
    if spec is None:
        return Limit(None, None, "文件未设救助上限")
    value = _times(region, spec, household_size)
    label = FIGURE_LABELS.get(spec["figure"], spec["figure"])
    per = "每人" if spec["per_person"] else "每户"
    text = f"原则上{per}不超过{label}{spec['multiple']:g}倍" + (f"，共{value:,.0f}元" if value is not None else "")
    return Limit(value, spec.rule, text, spec["figure"])


def casework_rules(region: Region) -> dict[str, str]:
    """The rule ids the desk's refusals cite in this region, by purpose (bot.domain.casework_rules)."""
    policy = region.policy
    first_aid = policy.get("first_aid")
    rules = {"township": policy.rule("township_approval") or policy.rule("county_approval"),
             "verification": policy.rule("full_procedure"), "major": policy.rule("major"),
             "staged": policy.rule("staged_payment"), "paperwork": first_aid["complete_rule"] if first_aid else None}
    return {purpose: rule for purpose, rule in rules.items() if rule}


def decision_working_days(region: Region, hardship_type: str | None, level: str | None) -> int | None:
    """Working days for the decision, where a document sets them for this type and level."""
    spec = region.policy.get("deadline")
    if spec is None or not spec["working_days"]:
        return None
    if hardship_type not in (spec["types"] or ("emergency", "expenditure")) or level not in (spec["levels"] or ("township", "county")):
        return None
    return spec["working_days"]


@dataclass(frozen=True)
class DecisionLimits:
    township_max: float | None       # None: townships may not approve at all
    cap: float | None                # per household (per person x size); None: no cap configured
    township_rule: str | None
    cap_rule: str | None
    reasons: tuple[Reason, ...]
    rules: dict[str, str] = field(default_factory=dict)   # purpose -> rule id, for the desk's refusals


def decision_limits(region: Region, household_size: int | None) -> DecisionLimits:
    township, cap = township_limit(region), cap_limit(region, household_size)
    reasons = [Reason(township.rule, township.text)] if township.rule else []
    if cap.value is not None:
        major = region.policy.rule("major")
        reasons.append(Reason(cap.rule, cap.text + (f"；超过须一事一议（{major}）" if major else "")))
    return DecisionLimits(township.value, cap.value, township.rule, cap.rule, tuple(reasons), casework_rules(region))
