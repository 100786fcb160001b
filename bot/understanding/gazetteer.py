"""The place names the assistant recognises, from jionlp's national division table.

Provinces, cities and counties come from the whole table (full names and short names such as 鄢陵);
townships and streets (乡镇/街道) come only for the configured regions (the townships listed in a
county's region file, else jionlp's townships of that county), so a bare 「方山镇」 resolves to the
configured 禹州市 and not to a county of the same name elsewhere. Every other township name of the
national table is known only as a name (to accept 「X镇」 as a place), without a code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import jionlp


@dataclass(frozen=True)
class Unit:
    """One administrative unit: its name as written, level and the codes and names above it."""

    name: str
    level: str            # province | city | county | township
    code: str | None      # the unit's own code (the county's code for a township)
    province: str | None
    city: str | None
    county: str | None
    full_name: str        # the unit's official name (鄢陵县 for the short name 鄢陵)

    @property
    def is_short(self) -> bool:
        """A short name written without its suffix (鄢陵, 建华, 尚集), which needs a place context."""
        return self.name != self.full_name


class Gazetteer:
    """Name look-ups and one regex over every known name, longest first."""

    def __init__(self, units: Iterable[Unit], town_names: set[str]):
        self.by_name: dict[str, list[Unit]] = {}
        for unit in units:
            self.by_name.setdefault(unit.name, []).append(unit)
        self.town_names = town_names
        names = sorted(self.by_name, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, names)))

    def units(self, name: str) -> list[Unit]:
        return self.by_name.get(name, [])

    def is_town_name(self, name: str) -> bool:
        return name in self.town_names

    def townships_of(self, county_code: str) -> list[str]:
        """The configured townships (official names) of a county."""
        if not hasattr(self, "_towns"):
            towns: dict[str, list[str]] = {}
            for units in self.by_name.values():
                for unit in units:
                    if unit.level == "township" and not unit.is_short and unit.name not in towns.get(unit.code, []):
                        towns.setdefault(unit.code, []).append(unit.name)
            self._towns = towns
        return self._towns.get(county_code, [])


def _national(table: dict) -> tuple[list[Unit], dict[str, dict[str, list[str]]]]:
    units: list[Unit] = []
    towns: dict[str, list[str]] = {}
    for province, cities in table.items():
        units += _named(province, cities, "province", cities["_admin_code"], province, None, None)
        for city, counties in cities.items():
            if city.startswith("_"):
                continue
            units += _named(city, counties, "city", counties["_admin_code"], province, city, None)
            for county, info in counties.items():
                if county.startswith("_"):
                    continue
                units += _named(county, info, "county", info["_admin_code"], province, city, county)
                towns[info["_admin_code"]] = [t for t in info if not t.startswith("_")]
    return units, towns


def _named(name: str, info: dict, level: str, code: str, province, city, county) -> list[Unit]:
    out = [Unit(name, level, code, province, city, county, name)]
    aliases = info.get("_alias") or []
    for alias in [aliases] if isinstance(aliases, str) else aliases:
        if isinstance(alias, str) and len(alias) >= 2 and alias != name:
            out.append(Unit(alias, level, code, province, city, county, name))
    return out


@lru_cache(maxsize=1)
def _table() -> dict:
    return jionlp.china_location_loader(detail=True)


def build(configured: dict[str, tuple[str, ...]] | None = None) -> Gazetteer:
    """`configured`: region code -> the townships its region file lists (may be empty). A county
    code without a list takes jionlp's townships; a city code takes those of every county beneath
    it; a province code adds none."""
    units, towns = _national(_table())
    counties = {u.code: u for u in units if u.level == "county" and not u.is_short}
    local: list[Unit] = []
    for code, listed in (configured or {}).items():
        for county_code, county in counties.items():
            if not _covers(code, county_code):
                continue
            names = listed if county_code == code and listed else towns.get(county_code, [])
            local += [Unit(t, "township", county_code, county.province, county.city, county.county, t) for t in names]
            local += [Unit(short, "township", county_code, county.province, county.city, county.county, t)
                      for t in names for short in [_short_town(t)] if short]
    all_towns = {t for names in towns.values() for t in names} | {u.name for u in local}
    return Gazetteer(units + local, all_towns)


def _short_town(name: str) -> str | None:
    """A township's name as people say it without the suffix (尚集镇 -> 尚集, 艾庄回族乡 -> 艾庄); none
    for streets (街道), which are named after roads, and for names that would be one character."""
    match = re.fullmatch(r"(.{2,}?)(?:回族)?(?:镇|乡)", name)
    return match.group(1) if match else None


def _covers(code: str, county_code: str) -> bool:
    """Whether the townships of county `county_code` count as local for configured region `code`."""
    if code.endswith("0000"):  # a province: its townships are too many and too alike to resolve
        return False
    if code.endswith("00"):
        return county_code[:4] == code[:4]
    return county_code == code
