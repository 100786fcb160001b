"""Loads the policy documents, the regions and the calendar once and assesses an application
under the rules and figures of the place that accepts it (`rules_case.residency`)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from bot.domain.application import Application
from bot.policy.assess import Assessment, assess
from bot.policy.calendar import WorkingDayCalendar
from bot.policy.context import Placement
from bot.policy.documents import load_library
from bot.policy.regions import Region, RegionBook, UnknownRegion
from bot.policy.rules_case import residency


@dataclass(frozen=True)
class PolicyEngine:
    regions: RegionBook
    calendar: WorkingDayCalendar

    @classmethod
    def load(cls, config_dir: Path) -> "PolicyEngine":
        regions = RegionBook.load(config_dir / "regions", load_library(config_dir / "policies"))
        return cls(regions, WorkingDayCalendar.load(config_dir / "calendar" / "holidays.yml"))

    def _region(self, code: str | None, township: str | None) -> Region | None:
        return self.regions.find(code) or (self.regions.township_region(township) if township else None)

    def placement(self, app: Application, default_region: str | None = None) -> Placement:
        """Who accepts, and so whose rules and figures apply: the place of the emergency where its
        region helps non-residents, otherwise the 户籍 place; township names are looked up too."""
        event, hukou = self._region(app.event_region, app.event_township), self._region(app.hukou_region, app.hukou_township)
        placed = residency(app, hukou, event, self.regions.find(default_region) if default_region else None)
        if placed is None:
            raise UnknownRegion("无法确定适用地区：户籍地和事发地都不在已配置的地区中")
        return placed

    def region_for(self, app: Application, default_region: str | None = None) -> Region:
        return self.placement(app, default_region).region

    def assess(self, app: Application, today: date, default_region: str | None = None) -> Assessment:
        return assess(app, self.placement(app, default_region), self.calendar, today)


@lru_cache(maxsize=4)
def engine_for(config_dir: str) -> PolicyEngine:
    return PolicyEngine.load(Path(config_dir))
