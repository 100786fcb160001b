"""Loads the regions and the calendar once and assesses an application for the right region."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from bot.domain.application import Application
from bot.policy.assess import Assessment, assess
from bot.policy.calendar import WorkingDayCalendar
from bot.policy.regions import Region, RegionBook, UnknownRegion


@dataclass(frozen=True)
class PolicyEngine:
    regions: RegionBook
    calendar: WorkingDayCalendar

    @classmethod
    def load(cls, config_dir: Path) -> "PolicyEngine":
        return cls(RegionBook.load(config_dir / "regions"), WorkingDayCalendar.load(config_dir / "calendar" / "holidays.yml"))

    def region_for(self, app: Application, default_region: str | None = None) -> Region:
        """The region whose rules apply: the place of the emergency when that region relaxes
        residency, otherwise the 户籍 place; township names are looked up too."""
        candidates = []
        for code, township in ((app.event_region, app.event_township), (app.hukou_region, app.hukou_township)):
            region = self.regions.find(code) or (self.regions.township_region(township) if township else None)
            candidates.append(region)
        event, hukou = candidates
        if event and event.setting("residency_relaxation", False) and event.code != (hukou.code if hukou else None):
            return event
        region = hukou or event or (self.regions.find(default_region) if default_region else None)
        if region is None:
            raise UnknownRegion("无法确定适用地区：户籍地和事发地都不在已配置的地区中")
        return region

    def assess(self, app: Application, today: date, default_region: str | None = None) -> Assessment:
        return assess(app, self.region_for(app, default_region), self.calendar, today)


@lru_cache(maxsize=4)
def engine_for(config_dir: str) -> PolicyEngine:
    return PolicyEngine.load(Path(config_dir))
