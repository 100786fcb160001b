"""Value objects of temporary assistance (临时救助): causes, hardship types, priority groups, facts.

Each enum carries the Chinese term shown to residents and caseworkers, so that no adapter has to
translate domain values on its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any


def label_of(enum: type[Enum], value: Any, missing: str = "") -> str:
    """The Chinese label of an enum value (`missing` when there is none; an unknown value as it is)."""
    if value in (None, ""):
        return missing
    try:
        return enum(value).label
    except ValueError:
        return str(value)


class HardshipType(str, Enum):
    """急难型 (sudden emergency) or 支出型 (crushing necessary expense / income drop)."""

    EMERGENCY = "emergency"
    EXPENDITURE = "expenditure"
    NEITHER = "neither"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {
            "emergency": "急难型",
            "expenditure": "支出型",
            "neither": "不属于临时救助情形",
            "unknown": "待核实",
        }[self.value]


class Cause(str, Enum):
    """What brought the household into hardship (困难原因)."""

    FIRE = "fire"
    TRAFFIC_ACCIDENT = "traffic_accident"
    NATURAL_DISASTER = "natural_disaster"
    SUDDEN_ILLNESS = "sudden_illness"
    ACCIDENT_INJURY = "accident_injury"
    DEATH = "death"
    STRANDED = "stranded"
    MEDICAL_COST = "medical_cost"
    EDUCATION_COST = "education_cost"
    INCOME_LOSS = "income_loss"
    HOUSING = "housing"
    COLLAPSE = "collapse"    # a house that fell in suddenly: an accident (XC-2.1.1), not a housing need
    OTHER = "other"

    @property
    def label(self) -> str:
        return _CAUSE_LABELS[self]

    @property
    def documents(self) -> str:
        """What a household with this cause is asked to bring, besides 身份证 and 户口本."""
        return _CAUSE_DOCUMENTS[self]

    @property
    def kind(self) -> "HardshipType":
        """The kind of hardship this cause makes: sudden events (a house that fell in among them) are
        急难型 (XC-2.1.1), costs, income loss and housing needs 支出型 (XC-2.1.2, XC-2.1.2-housing); 其他 is
        for the caseworker to decide."""
        if self in _EMERGENCY_CAUSES:
            return HardshipType.EMERGENCY
        if self == Cause.OTHER:
            return HardshipType.UNKNOWN
        return HardshipType.EXPENDITURE


_CAUSE_LABELS = {
    Cause.FIRE: "火灾",
    Cause.TRAFFIC_ACCIDENT: "交通事故",
    Cause.NATURAL_DISASTER: "自然灾害",
    Cause.SUDDEN_ILLNESS: "突发重大疾病",
    Cause.ACCIDENT_INJURY: "意外伤害",
    Cause.DEATH: "家庭成员死亡",
    Cause.STRANDED: "临时遇困（在外地无法返回等）",
    Cause.MEDICAL_COST: "医疗费用支出过大",
    Cause.EDUCATION_COST: "子女就学支出过大",
    Cause.INCOME_LOSS: "收入骤减（失业、停工等）",
    Cause.HOUSING: "住房困难（危房、无处居住）",
    Cause.COLLAPSE: "房屋突然倒塌（意外事故）",
    Cause.OTHER: "其他困难",
}
_CAUSE_DOCUMENTS = {
    Cause.FIRE: "火灾证明（消防部门或村（居）委会出具）和损失情况的照片",
    Cause.TRAFFIC_ACCIDENT: "交通事故认定书、医院诊断证明和费用票据",
    Cause.NATURAL_DISASTER: "村（居）委会出具的受灾情况证明和照片",
    Cause.SUDDEN_ILLNESS: "医院诊断证明、住院和医药费票据",
    Cause.ACCIDENT_INJURY: "医院诊断证明、医药费票据和事情经过的说明",
    Cause.DEATH: "死亡证明和丧葬费用票据",
    Cause.STRANDED: "能证明身份的任何材料（身份证丢失的可以先不带，到当地救助管理站或派出所说明情况）",
    Cause.MEDICAL_COST: "医院诊断证明、住院和医药费票据、医保报销结算单",
    Cause.EDUCATION_COST: "录取通知书或在读证明、学校的收费证明",
    Cause.INCOME_LOSS: "失业、停工或收入减少的证明（单位或村（居）委会出具）",
    Cause.HOUSING: "住房情况证明（危房鉴定或村（居）委会证明）和照片",
    Cause.COLLAPSE: "村（居）委会出具的房屋倒塌情况证明和现场照片（有人受伤的，带医院诊断证明）",
    Cause.OTHER: "能说明困难情况的材料",
}
_EMERGENCY_CAUSES = {
    Cause.FIRE, Cause.TRAFFIC_ACCIDENT, Cause.NATURAL_DISASTER, Cause.SUDDEN_ILLNESS,
    Cause.ACCIDENT_INJURY, Cause.DEATH, Cause.STRANDED, Cause.COLLAPSE,
}


class PriorityGroup(str, Enum):
    """Households the rules treat first: 低保, 特困, 建档立卡 and 监测户 (or none)."""

    DIBAO = "dibao"
    TEKUN = "tekun"
    JIANDANG = "jiandang"
    JIANCE = "jiance"
    NONE = "none"

    @property
    def label(self) -> str:
        return {
            "dibao": "低保家庭",
            "tekun": "特困人员",
            "jiandang": "建档立卡贫困户",
            "jiance": "防返贫监测户",
            "none": "不属于以上人群",
        }[self.value]


class CaseStatus(str, Enum):
    """Where a case stands (办理状态)."""

    SUBMITTED = "submitted"
    NEEDS_HUMAN = "needs_human"
    ACCEPTED = "accepted"
    INFO_REQUESTED = "info_requested"
    VERIFIED = "verified"
    APPROVED = "approved"
    REJECTED = "rejected"
    PAID = "paid"
    CLOSED = "closed"
    ESCALATED = "escalated"

    @property
    def is_open(self) -> bool:
        """Still waiting for a decision (the deadlines run)."""
        return self in OPEN_STATUSES

    @property
    def label(self) -> str:
        return {
            "submitted": "已提交，等待乡镇（街道）受理",
            "needs_human": "已转人工，工作人员会尽快联系您",
            "accepted": "已受理，正在调查核实",
            "info_requested": "需要您补充材料",
            "verified": "已核实，等待审批",
            "approved": "已审批同意，等待发放",
            "rejected": "未通过审批",
            "paid": "救助已发放",
            "closed": "已办结",
            "escalated": "已报县级审批，等待审批",
        }[self.value]


OPEN_STATUSES = frozenset({CaseStatus.SUBMITTED, CaseStatus.NEEDS_HUMAN, CaseStatus.ACCEPTED, CaseStatus.INFO_REQUESTED,
                           CaseStatus.VERIFIED, CaseStatus.ESCALATED})


class FactName(str, Enum):
    """The facts an intake collects, in the order the form asks for them."""

    CAUSE = "cause"
    EVENT_PLACE = "event_place"
    EVENT_DATE = "event_date"
    HUKOU_PLACE = "hukou_place"
    HOUSEHOLD_SIZE = "household_size"
    APPLICANT_NAME = "applicant_name"
    PHONE = "phone"
    ID_NUMBER = "id_number"
    PRIORITY_GROUP = "priority_group"
    EXPENSE_AMOUNT = "expense_amount"
    HOUSEHOLD_INCOME = "household_income"
    ILLNESS = "illness"
    LOSS_AMOUNT = "loss_amount"

    @property
    def label(self) -> str:
        return {
            "cause": "困难情况",
            "event_place": "事发地点",
            "event_date": "事发时间",
            "hukou_place": "户籍所在地",
            "household_size": "家庭人口",
            "applicant_name": "姓名",
            "phone": "联系电话",
            "id_number": "身份证号",
            "priority_group": "是否低保/特困/建档立卡/监测户",
            "expense_amount": "必需支出金额",
            "household_income": "家庭月收入",
            "illness": "疾病",
            "loss_amount": "损失金额",
        }[self.value]


# How a fact was obtained (its provenance `method`), as the desk and the console name it.
FACT_METHODS = {"nlu": "模型识别", "normaliser": "规则解析", "answer": "回答提问", "correction": "更正", "operator": "接线员修改"}


@dataclass(frozen=True)
class Fact:
    """One understood fact with where it came from (provenance), so a caseworker can check it.

    `method` says how it was obtained: "normaliser" (rule-based parser), "nlu" (model entity),
    "answer" (reply to the question for this fact), "correction" (a later change).
    """

    name: FactName
    value: Any
    source_text: str = ""
    span: tuple[int, int] | None = None
    method: str = "normaliser"
    confidence: float | None = None
    observed_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)
