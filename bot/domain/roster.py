"""Rosters (名册) for information comparison (信息比对): the households the 民政 and 乡村振兴 systems
list as 低保, 特困, 建档立卡/脱贫 or 防返贫监测, as a county imports them; what a claimed priority group
looks like against them. Pure."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from bot.domain.model import PriorityGroup


class RosterCheck(str, Enum):
    VERIFIED = "verified"
    NOT_FOUND = "not_found"
    NO_ID = "no_id"
    NO_ROSTER = "no_roster"

    @property
    def label(self) -> str:
        return {"verified": "名册已核实", "not_found": "名册中未找到", "no_id": "未提供身份证号，无法比对",
                "no_roster": "本县尚未导入该名册"}[self.value]


@dataclass(frozen=True)
class RosterEntry:
    group: str                  # PriorityGroup value
    id_number: str
    name: str
    county_code: str
    township: str | None = None
    lifted: bool | None = None  # 建档立卡: 已脱贫 (True) or 未脱贫 (False); None where the roster does not say


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


@dataclass(frozen=True)
class Verification:
    """A claimed group against the county's roster of that group, with the roster's date."""

    group: str
    check: RosterCheck
    roster_date: date | None = None
    lifted: bool | None = None

    def as_dict(self) -> dict:
        return {"group": self.group, "group_label": PriorityGroup(self.group).label, "check": self.check.value,
                "label": self.check.label, "roster_date": self.roster_date.isoformat() if self.roster_date else None}
