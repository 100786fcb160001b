"""Place names to structured places (province / city / county / township / village).

Counties, cities and provinces come from jionlp's administrative-division table (with short names
such as 鄢陵 for 鄢陵县); townships and villages are recognised by their suffix (镇, 乡, 街道, 村,
社区). Whether a place is where the hardship happened or the 户籍 place is read from the words in
front of it (户口在…, 老家是…).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import jionlp

# A township/village name: CJK characters other than function words, then its suffix.
_NAME_CHAR = r"(?:(?![在到于从去住是的了我你他她和与及也就都还又很把被给让向往对时里家说称打工出个们这那本咱俺各每])[\u4e00-\u9fa5])"
_LOCAL_UNIT = rf"{_NAME_CHAR}{{1,6}}?(?:街道|镇|乡|村|社区|居委会|小区|路|街)"
_NOT_A_NAME = re.compile(r"^(我|你|他|她|咱|这|那|本|哪|该|同|隔壁|邻|老|俺|每|全|各|外|城里|农)")
_HUKOU_CUES = re.compile(r"(户口|户籍|老家|籍贯|户口本|本地人|是.{0,2}人)[^，。,.；;]{0,6}$")


@dataclass(frozen=True)
class Place:
    """A place as written, with the administrative levels jionlp resolves and the role it plays."""

    text: str
    span: tuple[int, int]
    province: str | None
    city: str | None
    county: str | None
    detail: str | None
    admin_code: str | None
    role: str  # "hukou" or "event"

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "province": self.province,
            "city": self.city,
            "county": self.county,
            "detail": self.detail,
            "admin_code": self.admin_code,
        }


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[re.Pattern, dict[str, str]]:
    """A regex of every province, city and county name (full and short) and their admin codes."""
    codes: dict[str, str] = {}
    for province, cities in jionlp.china_location_loader().items():
        codes[province] = cities["_admin_code"]
        for city, counties in cities.items():
            if city.startswith("_"):
                continue
            codes[city] = counties["_admin_code"]
            for county, info in counties.items():
                if county.startswith("_"):
                    continue
                codes[county] = info["_admin_code"]
                alias = info.get("_alias")
                if isinstance(alias, str) and len(alias) >= 2:
                    codes.setdefault(alias, info["_admin_code"])
            for alias in counties.get("_alias") or []:
                if len(alias) >= 2:
                    codes.setdefault(alias, counties["_admin_code"])
    names = sorted(codes, key=len, reverse=True)
    unit = "(?:" + "|".join(map(re.escape, names)) + ")"
    chain = re.compile(rf"(?:{unit})+(?:{_LOCAL_UNIT})*|(?:{_LOCAL_UNIT})+")
    return chain, codes


def find_places(text: str) -> list[Place]:
    chain, codes = _gazetteer()
    places: list[Place] = []
    for match in chain.finditer(text):
        raw = match.group(0)
        if raw not in codes and _NOT_A_NAME.match(raw):
            continue
        if len(raw) < 2:
            continue
        parsed = jionlp.parse_location(raw) if any(name in raw for name in _known_prefixes(raw, codes)) else {}
        province, city, county = parsed.get("province"), parsed.get("city"), parsed.get("county")
        code = None
        for level in (county, city, province):
            if level and level in codes:
                code = codes[level]
                break
        before = text[max(0, match.start() - 10):match.start()]
        role = "hukou" if _HUKOU_CUES.search(before) else "event"
        places.append(
            Place(
                text=raw,
                span=match.span(),
                province=province,
                city=city,
                county=county,
                detail=(parsed.get("detail") or None) if parsed else raw,
                admin_code=code,
                role=role,
            )
        )
    return places


def _known_prefixes(raw: str, codes: dict[str, str]) -> list[str]:
    return [name for name in (raw[:k] for k in range(2, min(len(raw), 9) + 1)) if name in codes]
