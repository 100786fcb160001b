"""What the assessment reads: an application for temporary assistance (临时救助申请) and the
household's earlier assistance."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PastAssistance:
    """An earlier case of the same household (以往救助记录)."""

    case_number: str
    cause: str | None
    applied_on: date
    received: bool = True


@dataclass(frozen=True)
class Application:
    cause: str | None
    other_causes: tuple[str, ...] = ()
    household_size: int | None = None
    priority_groups: tuple[str, ...] = ()        # PriorityGroup values: dibao, tekun, jiandang, jiance
    jiandang_lifted: bool | None = None          # 建档立卡 household registered as 已脱贫
    fell_back_into_poverty: bool = False         # 返贫
    hukou_region: str | None = None              # region code of the 户籍 place
    hukou_township: str | None = None
    event_region: str | None = None              # region code of the place of the hardship
    event_township: str | None = None
    event_date: date | None = None
    accepted_on: date | None = None
    monthly_income: float | None = None          # household, per month
    assets_within_rule: bool | None = None
    expense_amount: float | None = None
    requested_amount: float | None = None
    past: tuple[PastAssistance, ...] = ()
