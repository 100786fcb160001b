"""Regions as data: one YAML file per region under config/regions/, each figure with its year and
source, the region's own choices (settings) and the policy documents that apply there, most
specific first (`documents`, config/policies/, see bot.policy.documents). A region missing a
figure, setting or document list takes its parent's; loading validates every file and names the
bad field; an unknown region is a clear error, never a crash.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.policy.documents import PolicyDocument, RegionPolicy, compile_policy, load_library

FIGURES = ("urban_dibao_monthly", "rural_dibao_monthly", "disposable_income_prev_year", "township_threshold_amount")
FIELDS = ("code", "name", "parent", "documents", "figures", "settings", "townships")
FIGURE_STATUSES = {"published", "floor", "inferred", "example", "unverified"}
SETTINGS = {
    "township_delegation": bool, "paperwork_days_after_first_aid": int, "residency_relaxation": bool,
    "priority_raise_factor": (int, float), "asset_rule": str, "small_fast_aid": bool, "tiers": dict,
    "reserve_fund_floor": (int, float),
}


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
    documents: tuple[str, ...]              # policy documents that apply, most specific first
    policy: RegionPolicy
    figures: dict[str, Figure]
    settings: dict[str, Any]
    townships: tuple[str, ...] = ()
    figure_origin: dict[str, str] = field(default_factory=dict)  # figure -> region code it came from

    def figure(self, name: str) -> Figure | None:
        return self.figures.get(name)

    def setting(self, name: str, default: Any = None) -> Any:
        value = self.settings.get(name, default)
        return default if value is None else value


def _validate(path: Path, data: Any, library: dict[str, PolicyDocument]) -> dict:
    def bad(where: str, why: str) -> RegionConfigError:
        return RegionConfigError(f"{path.name}: {where}: {why}")

    if not isinstance(data, dict):
        raise bad("(file)", "expected a mapping")
    if not str(data.get("code", "")).isdigit():
        raise bad("code", "must be a string of digits (统计用区划代码)")
    if not data.get("name"):
        raise bad("name", "missing")
    for key in data:
        if key not in FIELDS:
            raise bad(str(key), f"unknown field (known: {', '.join(FIELDS)})")
    documents = data.get("documents")
    if documents is not None and (not isinstance(documents, list) or not all(isinstance(d, str) for d in documents)):
        raise bad("documents", "expected a list of document ids (config/policies/)")
    for document in documents or ():
        if document not in library:
            raise bad("documents", f"unknown policy document {document} (known: {', '.join(sorted(library)) or 'none'})")
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
        if value is not None and (not isinstance(value, SETTINGS[name]) or isinstance(value, bool) != (SETTINGS[name] is bool)):
            raise bad(f"settings.{name}", f"wrong type {type(value).__name__}")
    _validate_tiers(bad, (data.get("settings") or {}).get("tiers"))
    if not isinstance(data.get("townships", []), list):
        raise bad("townships", "expected a list")
    return data


def _validate_tiers(bad, tiers: dict | None) -> None:
    """分类分档: {status, emergency: {months_of_dibao_per_person}, expenditure: {…}}."""
    if tiers is None:
        return
    if tiers.get("status") not in FIGURE_STATUSES:
        raise bad("settings.tiers.status", f"must be one of {sorted(FIGURE_STATUSES)}")
    for kind in ("emergency", "expenditure"):
        months = (tiers.get(kind) or {}).get("months_of_dibao_per_person")
        if kind in tiers and (isinstance(months, bool) or not isinstance(months, (int, float)) or months <= 0):
            raise bad(f"settings.tiers.{kind}.months_of_dibao_per_person", "must be a positive number")


REQUIRED_TOPICS = ("emergency_definition", "expenditure_definition", "local_scope")


class RegionBook:
    """All regions, loaded once from a directory."""

    def __init__(self, raw: dict[str, dict], library: dict[str, PolicyDocument] | None = None):
        self._raw = raw
        self.library = library or {}
        self._cache: dict[str, Region] = {}
        for code, data in raw.items():
            parent = data.get("parent")
            if parent is not None and str(parent) not in raw:
                raise RegionConfigError(f"region {code}: parent: unknown region {parent}")

    @classmethod
    def load(cls, directory: Path, library: dict[str, PolicyDocument] | None = None) -> "RegionBook":
        """The regions of `directory`; the documents come from `library`, by default from the
        sibling folder `policies`."""
        library = load_library(Path(directory).parent / "policies") if library is None else library
        raw: dict[str, dict] = {}
        for path in sorted(Path(directory).glob("*.yml")):
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
            except yaml.YAMLError as exc:
                raise RegionConfigError(f"{path.name}: not valid YAML: {exc}") from exc
            data = _validate(path, data, library)
            raw[str(data["code"])] = data
        book = cls(raw, library)
        for code in raw:
            book.get(code)      # every chain resolves to documents now, not at the first assessment
        return book

    def codes(self) -> list[str]:
        return sorted(self._raw)

    def find(self, *codes: str | None) -> Region | None:
        """The most specific known region among `codes` (e.g. a county code, then its city)."""
        for code in codes:
            if not code or len(code) not in (6, 9, 12) or not code.isdigit():
                continue
            for candidate in (code, code[:6], code[:4] + "00", code[:2] + "0000"):
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
        cached = self._cache.get(code)
        if cached is not None:
            return cached
        if code not in self._raw:
            raise UnknownRegion(f"没有地区 {code} 的配置")
        chain, current = [], code
        while current is not None:
            if current in chain:
                raise RegionConfigError(f"region {code}: parent chain loops at {current}")
            chain.append(current)
            parent = self._raw[current].get("parent")
            current = str(parent) if parent is not None else None
        figures, origin, settings, documents = {}, {}, {}, None
        for link in reversed(chain):  # parents first, children override
            data = self._raw[link]
            documents = data.get("documents", documents)
            for name, figure in (data.get("figures") or {}).items():
                figures[name] = Figure(float(figure["value"]), figure["year"], figure["status"], figure["source"], figure.get("basis"))
                origin[name] = link
            settings.update({k: v for k, v in (data.get("settings") or {}).items()})
        if not documents:
            raise RegionConfigError(f"region {code}: documents: not set on it or any parent")
        policy = compile_policy(tuple(self.library[d] for d in documents), settings)
        missing = [topic for topic in REQUIRED_TOPICS if policy.get(topic) is None]
        if missing:
            raise RegionConfigError(f"region {code}: documents: none of {', '.join(documents)} defines {', '.join(missing)}")
        region = Region(code=code, name=self._raw[code]["name"], chain=tuple(chain), documents=tuple(documents),
                        policy=policy, figures=figures, settings=settings,
                        townships=tuple(self._raw[code].get("townships") or ()), figure_origin=origin)
        self._cache[code] = region
        return region
