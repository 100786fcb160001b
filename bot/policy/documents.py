"""Policy documents as data: one YAML file per document under config/policies/ (the 许昌 plan, the
江西 notice, the national rules CN-*), naming its rules by id (RULES.md, ../shared/policy/) with
their parameters, under the topic the engine reads (`cap`, `township_approval`, `frequency` …).

A parameter is a literal, or `{setting: NAME}` where the text leaves the value to the region (the
tier table, the raise factor, the days for 先行救助 paperwork); `when: SETTING` (or a list) makes a
rule apply only where the region's setting of that name is true (a county that delegated, a
region that relaxed residency). Each region lists the documents that apply, most specific first;
for each topic the first document that has an applicable rule wins. Loading validates every file
and names the file and the field.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import yaml

GROUPS = {"dibao", "tekun", "jiandang", "jiance"}
TYPES = {"emergency", "expenditure"}
LEVELS = {"township", "county"}
CAUSES = {"fire", "traffic_accident", "natural_disaster", "sudden_illness", "accident_injury", "death", "stranded",
          "medical_cost", "education_cost", "income_loss", "housing", "collapse", "other"}
FIGURE_NAMES = {"urban_dibao_monthly", "rural_dibao_monthly", "disposable_income_prev_year", "township_threshold_amount"}
SETTING_REFS = {"tiers", "priority_raise_factor", "asset_rule", "paperwork_days_after_first_aid"}
CONDITIONS = {"township_delegation", "residency_relaxation", "small_fast_aid"}
RULE_ID = re.compile(r"^[A-Z]{2,}-[A-Za-z0-9.\-]+$")

# topic -> parameter -> kind of value (every topic also takes `rule` and `when`)
TOPICS: dict[str, dict[str, str]] = {
    "emergency_definition": {}, "expenditure_definition": {}, "housing_definition": {}, "local_scope": {},
    "both_kinds": {}, "open_access": {}, "hukou_acceptance": {},
    "event_place_acceptance": {"types": "types"},
    "simplified_check": {}, "recipients": {"groups": "groups"}, "high_costs": {"groups": "groups"},
    "skip_check": {"groups": "groups", "jiandang": "jiandang", "types": "types"},
    "income_test": {"line": "line", "asset_rule": "rule", "asset_text": "text"},
    "full_procedure": {}, "housing": {"groups": "groups"},
    "tiers": {"table": "table"}, "priority_raise": {"groups": "groups", "factor": "number"},
    "cap": {"figure": "figure", "multiple": "number", "per_person": "bool"}, "major": {},
    "township_approval": {"figure": "figure", "multiple": "number", "delegation_rule": "rule"},
    "county_approval": {},
    "deadline": {"working_days": "days", "types": "types", "levels": "levels"},
    "first_aid": {"complete_rule": "rule", "paperwork_days": "days"}, "staged_payment": {}, "fell_back": {},
    "small_fast_aid": {"figure": "figure", "max_months_of_dibao": "number", "days": "days"},
    "frequency": {"same_cause_per_year": "days", "receipts_per_year": "days", "window_days": "days"},
    "other_programmes": {"causes": "causes", "exempt_groups": "groups"},
}


class PolicyConfigError(ValueError):
    """A policy document is malformed; the message names the file and the field."""


class Provision(dict):
    """One rule of a document as it applies in one region: its id (`rule`), its document (short
    name) and its parameters, read as `provision["multiple"]` (None when the document omits one)."""

    __slots__ = ("topic", "rule", "document")

    def __init__(self, topic: str, rule: str, document: str, params: Mapping[str, Any]):
        super().__init__(params)
        self.topic, self.rule, self.document = topic, rule, document

    def __missing__(self, name: str) -> None:
        return None

    def __bool__(self) -> bool:          # a rule without parameters is still a rule
        return True

    @property
    def params(self) -> dict[str, Any]:
        return dict(self)

    def __repr__(self) -> str:
        return f"Provision({self.topic}: {self.rule} from {self.document}, {dict(self)})"


@dataclass(frozen=True)
class PolicyDocument:
    id: str
    title: str
    short: str
    issuer: str
    year: int | None
    source: str
    rules: Mapping[str, Mapping[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "short": self.short, "year": self.year, "source": self.source}


def _check_value(kind: str, value: Any) -> str | None:
    """Why `value` is not a valid `kind`, or None."""
    if isinstance(value, dict) and set(value) == {"setting"}:
        return None if value["setting"] in SETTING_REFS else f"unknown region setting (known: {', '.join(sorted(SETTING_REFS))})"
    listed = {"groups": GROUPS, "types": TYPES, "levels": LEVELS, "causes": CAUSES}.get(kind)
    if listed is not None:
        ok = isinstance(value, list) and set(value) <= listed
        return None if ok else f"expected a list drawn from {', '.join(sorted(listed))}"
    checks = {
        "rule": lambda v: isinstance(v, str) and RULE_ID.match(v), "text": lambda v: isinstance(v, str) and v,
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0,
        "days": lambda v: v is None or (isinstance(v, int) and not isinstance(v, bool) and v > 0),
        "bool": lambda v: isinstance(v, bool), "figure": lambda v: v in FIGURE_NAMES,
        "line": lambda v: v == "none" or v in FIGURE_NAMES, "jiandang": lambda v: v in ("any", "not_lifted"),
        "table": lambda v: False,
    }
    return None if checks[kind](value) else f"invalid value {value!r} ({kind})"


def _validate_rule(bad, topic: str, spec: Any) -> None:
    if topic not in TOPICS:
        raise bad(f"rules.{topic}", f"unknown topic (known: {', '.join(sorted(TOPICS))})")
    if not isinstance(spec, dict):
        raise bad(f"rules.{topic}", "expected a mapping with `rule` and its parameters")
    if not isinstance(spec.get("rule"), str) or not RULE_ID.match(spec["rule"]):
        raise bad(f"rules.{topic}.rule", "a rule id such as XC-2.3-cap is required")
    when = spec.get("when", [])
    for condition in when if isinstance(when, list) else [when]:
        if condition not in CONDITIONS:
            raise bad(f"rules.{topic}.when", f"must name a region setting among {', '.join(sorted(CONDITIONS))}")
    for name, value in spec.items():
        if name in ("rule", "when"):
            continue
        if name not in TOPICS[topic]:
            raise bad(f"rules.{topic}.{name}", "unknown parameter" + (f" (known: {', '.join(TOPICS[topic])})" if TOPICS[topic] else ""))
        why = _check_value(TOPICS[topic][name], value)
        if why:
            raise bad(f"rules.{topic}.{name}", why)


def _validate(path: Path, data: Any) -> PolicyDocument:
    def bad(where: str, why: str) -> PolicyConfigError:
        return PolicyConfigError(f"{path.name}: {where}: {why}")

    if not isinstance(data, dict):
        raise bad("(file)", "expected a mapping")
    for name in ("id", "title", "short", "source"):
        if not isinstance(data.get(name), str) or not data[name].strip():
            raise bad(name, "missing (every document names its id, title, short name and source)")
    if "year" in data and not isinstance(data["year"], int):
        raise bad("year", "must be a year")
    rules = data.get("rules")
    if not isinstance(rules, dict) or not rules:
        raise bad("rules", "expected a mapping of topics to rules")
    for topic, spec in rules.items():
        _validate_rule(bad, topic, spec)
    return PolicyDocument(data["id"], data["title"], data["short"], str(data.get("issuer") or ""), data.get("year"),
                          data["source"], rules)


def load_library(directory: Path) -> dict[str, PolicyDocument]:
    """Every document of `directory` by id; an absent directory is an empty library."""
    library: dict[str, PolicyDocument] = {}
    for path in sorted(Path(directory).glob("*.yml")) if Path(directory).is_dir() else ():
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise PolicyConfigError(f"{path.name}: not valid YAML: {exc}") from exc
        document = _validate(path, data)
        if document.id in library:
            raise PolicyConfigError(f"{path.name}: id: {document.id} is used by another document")
        library[document.id] = document
    return library


@dataclass(frozen=True)
class RegionPolicy:
    """The rules that apply in one region: per topic the first applicable rule of its documents."""

    documents: tuple[PolicyDocument, ...]
    provisions: Mapping[str, Provision]
    rule_documents: Mapping[str, str] = field(default_factory=dict)   # rule id -> short name of its document
    described: tuple[dict[str, Any], ...] = ()                       # the documents as the assessment records them
    derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)   # memo of what rules derive from it

    def get(self, topic: str) -> Provision | None:
        return self.provisions.get(topic)

    def rule(self, topic: str) -> str | None:
        provision = self.provisions.get(topic)
        return provision.rule if provision else None


def _applies(spec: Mapping[str, Any], settings: Mapping[str, Any]) -> bool:
    when = spec.get("when", [])
    return all(settings.get(c) is True for c in (when if isinstance(when, list) else [when]))


def _resolve(value: Any, settings: Mapping[str, Any]) -> Any:
    if isinstance(value, dict) and set(value) == {"setting"}:
        return settings.get(value["setting"])
    return value


def compile_policy(documents: tuple[PolicyDocument, ...], settings: Mapping[str, Any]) -> RegionPolicy:
    """Resolve, once per region, which rule each topic follows and with which parameters."""
    provisions: dict[str, Provision] = {}
    rule_documents: dict[str, str] = {}
    for document in documents:
        for topic, spec in document.rules.items():
            rule_documents.setdefault(spec["rule"], document.short)
            if topic in provisions or not _applies(spec, settings):
                continue
            params = {k: _resolve(v, settings) for k, v in spec.items() if k not in ("rule", "when")}
            provisions[topic] = Provision(topic, spec["rule"], document.short, params)
    for provision in provisions.values():
        for name in ("complete_rule", "delegation_rule", "asset_rule"):
            if provision[name]:
                rule_documents.setdefault(provision[name], provision.document)
    return RegionPolicy(documents, provisions, rule_documents, tuple(d.as_dict() for d in documents))
