"""Regions as data: one YAML file per region under config/regions/, each figure with its year and
source. A region missing a figure or setting takes its parent's; loading validates every file and
names the bad field; an unknown region is a clear error, never a crash.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

FIGURES = ("urban_dibao_monthly", "rural_dibao_monthly", "disposable_income_prev_year")
FIGURE_STATUSES = {"published", "floor", "inferred", "example", "unverified"}
SETTINGS = {
    "township_delegation": bool, "township_threshold_multiple": (int, float), "township_threshold_amount": (int, float),
    "cap_multiple": (int, float), "decision_working_days": int, "paperwork_days_after_first_aid": int,
    "residency_relaxation": bool, "frequency": dict, "priority_raise_factor": (int, float), "asset_rule": str,
    "small_fast_aid": dict, "tiers": dict, "reserve_fund_floor": (int, float),
}
POLICY_TEXTS = {"XC", "JX"}


class RegionConfigError(ValueError):
    """A region file is malformed; the message names the file and the field."""


class UnknownRegion(LookupError):
    pass


@dataclass(frozen=True)
class Figure:
    value: float
    year: int
    status: str
    source: str
    basis: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "year": self.year, "status": self.status, "source": self.source, "basis": self.basis}


@dataclass(frozen=True)
class Region:
    """A region with everything resolved through its parents (地区配置)."""

    code: str
    name: str
    chain: tuple[str, ...]                  # own code first, then the parents
    policy_text: str
    figures: dict[str, Figure]
    settings: dict[str, Any]
    townships: tuple[str, ...] = ()
    figure_origin: dict[str, str] = field(default_factory=dict)  # figure -> region code it came from

    def figure(self, name: str) -> Figure | None:
        return self.figures.get(name)

    def setting(self, name: str, default: Any = None) -> Any:
        value = self.settings.get(name, default)
        return default if value is None else value


def _validate(path: Path, data: Any) -> dict:
    def bad(where: str, why: str) -> RegionConfigError:
        return RegionConfigError(f"{path.name}: {where}: {why}")

    if not isinstance(data, dict):
        raise bad("(file)", "expected a mapping")
    if not str(data.get("code", "")).isdigit():
        raise bad("code", "must be a string of digits (统计用区划代码)")
    if not data.get("name"):
        raise bad("name", "missing")
    if "policy_text" in data and data["policy_text"] not in POLICY_TEXTS:
        raise bad("policy_text", f"must be one of {sorted(POLICY_TEXTS)}")
    for name, figure in (data.get("figures") or {}).items():
        if name not in FIGURES:
            raise bad(f"figures.{name}", f"unknown figure (known: {', '.join(FIGURES)})")
        if not isinstance(figure, dict):
            raise bad(f"figures.{name}", "expected value, year, status and source")
        if not isinstance(figure.get("value"), (int, float)) or figure["value"] <= 0:
            raise bad(f"figures.{name}.value", "must be a positive number")
        if not isinstance(figure.get("year"), int):
            raise bad(f"figures.{name}.year", "must be a year")
        if figure.get("status") not in FIGURE_STATUSES:
            raise bad(f"figures.{name}.status", f"must be one of {sorted(FIGURE_STATUSES)}")
        if not figure.get("source"):
            raise bad(f"figures.{name}.source", "every figure needs its source")
    for name, value in (data.get("settings") or {}).items():
        if name not in SETTINGS:
            raise bad(f"settings.{name}", "unknown setting")
        if value is not None and not isinstance(value, SETTINGS[name]):
            raise bad(f"settings.{name}", f"wrong type {type(value).__name__}")
    if not isinstance(data.get("townships", []), list):
        raise bad("townships", "expected a list")
    return data


class RegionBook:
    """All regions, loaded once from a directory."""

    def __init__(self, raw: dict[str, dict]):
        self._raw = raw
        for code, data in raw.items():
            parent = data.get("parent")
            if parent is not None and str(parent) not in raw:
                raise RegionConfigError(f"region {code}: parent: unknown region {parent}")

    @classmethod
    def load(cls, directory: Path) -> "RegionBook":
        raw: dict[str, dict] = {}
        for path in sorted(Path(directory).glob("*.yml")):
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
            except yaml.YAMLError as exc:
                raise RegionConfigError(f"{path.name}: not valid YAML: {exc}") from exc
            data = _validate(path, data)
            raw[str(data["code"])] = data
        return cls(raw)

    def codes(self) -> list[str]:
        return sorted(self._raw)

    def find(self, *codes: str | None) -> Region | None:
        """The most specific known region among `codes` (e.g. a county code, then its city)."""
        for code in codes:
            if not code:
                continue
            for candidate in (code, code[:4] + "00", code[:2] + "0000"):
                if candidate in self._raw:
                    return self.get(candidate)
        return None

    def township_region(self, place: str) -> Region | None:
        """The county whose township list names a township inside `place` (马栏镇张村 -> 鄢陵县)."""
        for code, data in self._raw.items():
            if any(township in place for township in data.get("townships") or []):
                return self.get(code)
        return None

    def get(self, code: str) -> Region:
        if code not in self._raw:
            raise UnknownRegion(f"没有地区 {code} 的配置")
        chain, current = [], code
        while current is not None:
            if current in chain:
                raise RegionConfigError(f"region {code}: parent chain loops at {current}")
            chain.append(current)
            parent = self._raw[current].get("parent")
            current = str(parent) if parent is not None else None
        figures, origin, settings, policy_text = {}, {}, {}, None
        for link in reversed(chain):  # parents first, children override
            data = self._raw[link]
            policy_text = data.get("policy_text", policy_text)
            for name, figure in (data.get("figures") or {}).items():
                figures[name] = Figure(float(figure["value"]), figure["year"], figure["status"], figure["source"], figure.get("basis"))
                origin[name] = link
            settings.update({k: v for k, v in (data.get("settings") or {}).items()})
        if policy_text is None:
            raise RegionConfigError(f"region {code}: policy_text: not set on it or any parent")
        return Region(code=code, name=self._raw[code]["name"], chain=tuple(chain), policy_text=policy_text,
                      figures=figures, settings=settings, townships=tuple(self._raw[code].get("townships") or ()),
                      figure_origin=origin)
