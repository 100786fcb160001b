"""What an assessment concludes: one conclusion per topic with its reasons and rule ids (the
rule ids are those of RULES.md, in ../shared/policy/), the figures it rests on, and the assessment
that holds them with the documents whose rules were applied."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum
from typing import Any, Mapping

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
    figures: tuple[str, ...] = ()          # the region figures this conclusion rests on

    def as_dict(self, rule_documents: Mapping[str, str] | None = None) -> dict[str, Any]:
        documents = list(dict.fromkeys(rule_documents[r.rule_id] for r in self.reasons if r.rule_id in rule_documents)) \
            if rule_documents else []
        return {"topic": self.topic, "verdict": self.verdict, "text": self.text, "needs_checking": self.needs_checking,
                "reasons": [r.as_dict() for r in self.reasons], "data": self.data, "documents": documents,
                "figures": list(self.figures)}


@dataclass(frozen=True)
class Assessment:
    region_code: str
    region_name: str
    documents: tuple[dict[str, Any], ...]      # the region's policy documents, most specific first
    hardship_type: HardshipType
    approval_level: ApprovalLevel
    suggested_amount: float | None
    cap: float | None
    major_hardship: bool
    decision_due: date | None
    first_aid: bool
    conclusions: tuple[Conclusion, ...]
    figures_used: dict[str, Any]
    rule_documents: Mapping[str, str] = field(default_factory=dict)   # rule id -> document (short name)

    def conclusion(self, topic: str) -> Conclusion:
        return next(c for c in self.conclusions if c.topic == topic)

    def rule_ids(self) -> set[str]:
        return {r.rule_id for c in self.conclusions for r in c.reasons}

    def as_dict(self) -> dict[str, Any]:
        return {
            "region": {"code": self.region_code, "name": self.region_name, "documents": [d["id"] for d in self.documents]},
            "documents": list(self.documents),
            "hardship_type": self.hardship_type.value,
            "approval_level": self.approval_level.value,
            "suggested_amount": self.suggested_amount,
            "cap": self.cap,
            "major_hardship": self.major_hardship,
            "decision_due": self.decision_due.isoformat() if self.decision_due else None,
            "first_aid": self.first_aid,
            "conclusions": [c.as_dict(self.rule_documents) for c in self.conclusions],
            "figures_used": {name: dict(used) for name, used in self.figures_used.items()},
        }

    def _figure_text(self, name: str) -> str:
        v = self.figures_used.get(name)
        return f"{name}={v['value']:g}（{v['year']}年，{v['status']}，来自{v['from_region']}）" if v else name

    def as_text(self) -> str:
        """Readable Chinese: each conclusion with its rule ids, their documents and the figures used."""
        lines = [f"评估地区：{self.region_name}（{self.region_code}，适用：{'、'.join(d['short'] for d in self.documents)}）"]
        for c in self.conclusions:
            mark = "【待核实】" if c.needs_checking else ""
            ids = "、".join(f"{r.rule_id}〔{self.rule_documents.get(r.rule_id, '—')}〕" for r in c.reasons)
            used = f"；数据：{'、'.join(self._figure_text(f) for f in c.figures)}" if c.figures else ""
            lines.append(f"· {c.text}{mark}（依据：{ids}{used}）")
        used = "；".join(self._figure_text(k) for k in self.figures_used)
        lines.append(f"使用的地区数据：{used or '无'}")
        return "\n".join(lines)
