"""Working days (工作日) with China's holidays and make-up workdays (调休).

chinese-calendar knows 2004-2026 and raises for later years; those come from the holiday list in
config/calendar/holidays.yml. Every result says which source it used.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import yaml


@dataclass(frozen=True)
class WorkingDayCalendar:
    extra_years: dict[int, dict]

    @classmethod
    def load(cls, path: Path) -> "WorkingDayCalendar":
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
        years = {}
        for year, block in (data or {}).items():
            years[int(year)] = {
                "status": block.get("status", "configured"),
                "holidays": {d if isinstance(d, date) else date.fromisoformat(str(d)) for d in block.get("holidays", [])},
                "workdays": {d if isinstance(d, date) else date.fromisoformat(str(d)) for d in block.get("workdays", [])},
            }
        return cls(years)

    def is_workday(self, day: date) -> tuple[bool, str]:
        try:
            return chinese_calendar.is_workday(day), "chinese-calendar"
        except NotImplementedError:
            block = self.extra_years.get(day.year)
            if block is None:
                return day.weekday() < 5, "weekends only (no holiday list for this year)"
            if day in block["workdays"]:
                return True, f"config ({block['status']})"
            return day.weekday() < 5 and day not in block["holidays"], f"config ({block['status']})"

    def add_working_days(self, start: date, days: int) -> tuple[date, list[str]]:
        """The date `days` working days after `start` (the day of acceptance itself not counted),
        and the calendar sources used."""
        day, counted, sources = start, 0, set()
        while counted < days:
            day += timedelta(days=1)
            workday, source = self.is_workday(day)
            sources.add(source)
            if workday:
                counted += 1
        return day, sorted(sources)
