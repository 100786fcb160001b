"""What a caseworker may approve: the township's approval limit and the per-person cap of a region,
each with the rule it comes from. Pure; the desk checks an approval against these.

XC: township approval up to `township_threshold_multiple` x the urban monthly 低保 standard where the
county delegated it (XC-2.2.2-township), county above (XC-2.2.2-county); the cap is `cap_multiple` x
that standard per person (XC-2.3-cap), above it only 一事一议 (XC-2.3-major).
JX: the township limit is the region's `township_threshold_amount` (JX-2.3-levels); no cap.
"""
from __future__ import annotations

from dataclasses import dataclass

from bot.policy.classify import Reason
from bot.policy.regions import Region


@dataclass(frozen=True)
class DecisionLimits:
    township_max: float | None       # None: townships may not approve at all
    cap: float | None                # per household (per person x size); None: no cap configured
    township_rule: str
    cap_rule: str | None
    reasons: tuple[Reason, ...]


def decision_limits(region: Region, household_size: int | None) -> DecisionLimits:
    xc = region.policy_text == "XC"
    dibao_figure = region.figure("urban_dibao_monthly")
    dibao = dibao_figure.value if dibao_figure else None
    reasons: list[Reason] = []
    if xc:
        multiple = region.setting("township_threshold_multiple")
        delegated = region.setting("township_delegation", False)
        township_max = multiple * dibao if delegated and multiple and dibao else None
        township_rule = "XC-2.2.2-township"
        reasons.append(Reason(township_rule, f"乡镇审批不超过城市月低保标准{multiple:g}倍（{township_max:g}元）"
                              if township_max is not None else "县级未委托乡镇审批，由县级民政部门审批"))
        cap_multiple = region.setting("cap_multiple")
        cap = cap_multiple * dibao * household_size if cap_multiple and dibao and household_size else None
        cap_rule = "XC-2.3-cap" if cap_multiple else None
        if cap is not None:
            reasons.append(Reason("XC-2.3-cap", f"原则上每人不超过城市月低保标准{cap_multiple:g}倍，{household_size}人共{cap:g}元；"
                                               "超过须一事一议（XC-2.3-major）"))
    else:
        township_max = region.setting("township_threshold_amount")
        township_rule = "JX-2.3-levels"
        reasons.append(Reason(township_rule, f"本地区乡镇审批额度{township_max:g}元" if township_max is not None
                              else "本地区未配置乡镇审批额度，由县级审批"))
        cap, cap_rule = None, None
    return DecisionLimits(township_max, cap, township_rule, cap_rule, tuple(reasons))
