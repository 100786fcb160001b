"""One assessment in progress (`Context`): the application, the region whose rules and figures
apply with its compiled documents, what earlier rules concluded, and the figures used with a note
when a conclusion rests on a weak one (`inferred`, `example`, `unverified`, or older than the
previous year). Pure."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.domain.application import Application
from bot.policy.calendar import WorkingDayCalendar
from bot.policy.classify import Classification, Reason
from bot.policy.conclusions import ApprovalLevel, Conclusion
from bot.policy.documents import RegionPolicy
from bot.policy.regions import Region

WEAK_STATUSES = {"inferred": "推定", "example": "示例", "unverified": "未核实"}
# The figures' names as a caseworker reads them (the notes below are shown on the case page).
FIGURE_LABELS = {"urban_dibao_monthly": "城市低保月标准", "rural_dibao_monthly": "农村低保月标准",
                 "disposable_income_prev_year": "上年度居民人均可支配收入", "township_threshold_amount": "乡镇审批限额"}


def yuan(amount: float) -> str:
    return f"{amount:,.0f}元"


def _figure_entry(region: Region, name: str, year: int) -> tuple[dict[str, Any] | None, str]:
    value = region.figures.get(name)
    if value is None:
        return None, ""
    entry = {**value.as_dict(), "from_region": region.figure_origin.get(name)}
    status, old = WEAK_STATUSES.get(value.status), value.year < year - 1
    why = "、".join(filter(None, (f"{status}数据" if status else "", "早于上一年度" if old else "")))
    return entry, f"{FIGURE_LABELS.get(name, '所用标准')}为{value.year}年{why}" if why else ""


@dataclass(frozen=True)
class Placement:
    """Who accepts the application and so whose rules and figures apply (residency)."""

    region: Region
    verdict: str                      # event_place | hukou_place | unknown
    text: str
    reasons: tuple[Reason, ...]
    needs_checking: bool = False


@dataclass(slots=True)
class Context:
    app: Application
    region: Region
    calendar: WorkingDayCalendar
    accepted_on: date
    placement: Placement
    conclusions: list[Conclusion] = field(default_factory=list)
    figures_used: dict[str, Any] = field(default_factory=dict)
    kind: Classification | None = None
    emergency: bool = False
    expenditure: bool = False
    dibao: float | None = None
    suggested: float | None = None
    cap: float | None = None
    major: bool = False
    township_max: float | None = None
    amount_figures: tuple[str, ...] = ()
    amount_example: bool = False
    level: ApprovalLevel = ApprovalLevel.UNKNOWN
    due: date | None = None
    weak: dict[str, str] = field(default_factory=dict)
    rule: Any = field(default=None, init=False, repr=False)   # topic -> Provision | None

    def __post_init__(self) -> None:
        self.rule = self.region.policy.provisions.get

    @property
    def policy(self) -> RegionPolicy:
        return self.region.policy

    @property
    def groups(self) -> set[str]:
        return set(self.app.priority_groups)

    def figure(self, name: str) -> float | None:
        """A figure of the region, noted with its year, source and status for the record, and
        why it is weak for this application if it is (worked out once per region and year)."""
        if name in self.figures_used:
            return self.figures_used[name]["value"]
        key = ("figure", name, self.accepted_on.year)
        derived = self.region.policy.derived
        if key not in derived:
            derived[key] = _figure_entry(self.region, name, self.accepted_on.year)
        entry, weak = derived[key]
        if entry is None:
            return None
        self.figures_used[name] = entry          # shared, read-only: Assessment.as_dict copies it
        if weak:
            self.weak[name] = weak
        return entry["value"]

    def weakness(self, names: tuple[str, ...]) -> str:
        """Why the figures `names` need checking for this application (weak status, or older than
        the previous year), or ''."""
        notes = [self.weak[name] for name in names if name in self.weak]
        return f"（所依据的数据需核实：{'；'.join(notes)}）" if notes else ""

    def add(self, topic: str, verdict: str, text: str, reasons, needs_checking: bool = False,
            figures: tuple[str, ...] = (), data: dict[str, Any] | None = None) -> Conclusion:
        """Record a conclusion; one that rests on a weak figure says so and needs checking."""
        if figures and self.weak:
            note = self.weakness(figures)
            if note:
                text, needs_checking = text + note, True
        conclusion = Conclusion(topic, verdict, text, tuple(reasons), needs_checking, data or {}, figures)
        self.conclusions.append(conclusion)
        return conclusion
