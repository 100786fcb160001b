"""What an assessment concludes: one conclusion per topic with its reasons and rule ids (the
rule ids are those of RULES.md, in ../shared/policy/), and the assessment that holds them."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum
from typing import Any

from bot.domain.model import HardshipType
from bot.policy.classify import Reason


class ApprovalLevel(str, Enum):
    """Who approves (审批层级)."""

    TOWNSHIP = "township"
    COUNTY = "county"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {"township": "乡镇（街道）审批", "county": "县级民政部门审批", "unknown": "待核实"}[self.value]


@dataclass(frozen=True)
class Conclusion:
    topic: str
    verdict: str
    text: str
    reasons: tuple[Reason, ...]
    needs_checking: bool = False
    data: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"topic": self.topic, "verdict": self.verdict, "text": self.text, "needs_checking": self.needs_checking,
                "reasons": [r.as_dict() for r in self.reasons], "data": self.data}


@dataclass(frozen=True)
class Assessment:
    region_code: str
    region_name: str
    policy_text: str
    hardship_type: HardshipType
    approval_level: ApprovalLevel
    suggested_amount: float | None
    cap: float | None
    major_hardship: bool
    decision_due: date | None
    first_aid: bool
    conclusions: tuple[Conclusion, ...]
    figures_used: dict[str, Any]

    def conclusion(self, topic: str) -> Conclusion:
        return next(c for c in self.conclusions if c.topic == topic)

    def rule_ids(self) -> set[str]:
        return {r.rule_id for c in self.conclusions for r in c.reasons}

    def as_dict(self) -> dict[str, Any]:
        return {
            "region": {"code": self.region_code, "name": self.region_name, "policy_text": self.policy_text},
            "hardship_type": self.hardship_type.value,
            "approval_level": self.approval_level.value,
            "suggested_amount": self.suggested_amount,
            "cap": self.cap,
            "major_hardship": self.major_hardship,
            "decision_due": self.decision_due.isoformat() if self.decision_due else None,
            "first_aid": self.first_aid,
            "conclusions": [c.as_dict() for c in self.conclusions],
            "figures_used": self.figures_used,
        }

    def as_text(self) -> str:
        lines = [f"评估地区：{self.region_name}（{self.region_code}，适用{ {'XC': '许昌方案', 'JX': '江西通知'}[self.policy_text] }）"]
        for c in self.conclusions:
            mark = "【待核实】" if c.needs_checking else ""
            ids = "、".join(r.rule_id for r in c.reasons)
            lines.append(f"· {c.text}{mark}（依据：{ids}）")
        used = "；".join(f"{k}={v['value']:g}（{v['year']}年，{v['status']}）" for k, v in self.figures_used.items())
        lines.append(f"使用的地区数据：{used or '无'}")
        return "\n".join(lines)
