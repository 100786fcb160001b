"""Which office handles a case (受理机构): the county and, where the place names one, the township.

Pure. The assessment has already chosen the region whose rules apply (户籍 place, or the place of
the emergency where the region relaxes residency, JX-2.2-residency / CN-2026-small-fast); the
township is the one of that region's list named in the matching place text. A case whose township
is unknown stays with the county, which dispatches it (分办, XC-2.4-onewindow).
"""
from __future__ import annotations

from dataclasses import dataclass

from bot.policy.regions import RegionBook


@dataclass(frozen=True)
class Office:
    county_code: str | None
    township: str | None


def office_for(regions: RegionBook, region_code: str | None, place_text: str | None) -> Office:
    """The office for a case assessed under `region_code`, handled where `place_text` says."""
    place_text = place_text or ""
    region = regions.find(region_code) if region_code else None
    if region is None or not region.townships:
        region = (regions.township_region(place_text) if place_text else None) or region
    if region is None:
        return Office(None, None)
    township = next((t for t in region.townships if t in place_text), None)
    return Office(region.code, township)


def townships_of(regions: RegionBook, county_code: str) -> tuple[str, ...]:
    region = regions.find(county_code)
    return region.townships if region and region.code == county_code else ()
