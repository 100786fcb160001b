"""Which partners fit a case, ranked, each with the reason (XC-2.4-forms: 转介 is one of the forms
of assistance; XC-2.4-social: special funds take on government referrals; JX-2.1: a 低保/特困
application alongside). Pure: the catalogue is loaded from YAML by `load_catalogue`."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.domain.model import Cause, HardshipType, label_of
from bot.domain.referral import Partner, PartnerMatch

SHAREABLE = {"applicant_name", "phone", "id_number", "household_size", "cause", "event_place", "event_date",
             "hardship_type", "summary", "illness", "expense_amount", "household_income"}


class CatalogueError(ValueError):
    pass


def _partner(path: Path, data: dict[str, Any]) -> Partner:
    try:
        covers, reach = data["covers"], data["reach"]
        shares = tuple(data["shares"])
        if not set(shares) <= SHAREABLE:
            raise CatalogueError(f"{path.name}: shares: unknown fields {sorted(set(shares) - SHAREABLE)}")
        if reach["method"] not in ("http", "manual"):
            raise CatalogueError(f"{path.name}: reach.method must be http or manual")
        if reach["method"] == "http" and not (reach.get("url") and reach.get("secret_env")):
            raise CatalogueError(f"{path.name}: an http partner needs reach.url and reach.secret_env")
        return Partner(
            id=str(data["id"]), name=str(data["name"]), kind=str(data["kind"]),
            hardship_types=tuple(covers.get("hardship_types") or ()), causes=tuple(covers.get("causes") or ()),
            regions=tuple(str(r) for r in covers.get("regions") or ()), priority_groups=tuple(covers.get("priority_groups") or ()),
            max_amount=covers.get("max_amount"), waiting_days=covers.get("waiting_days"), method=reach["method"],
            shares=shares, url=reach.get("url"), url_env=reach.get("url_env"), secret_env=reach.get("secret_env"),
            contact=reach.get("contact"))
    except (KeyError, TypeError) as exc:
        raise CatalogueError(f"{path.name}: missing or malformed field {exc}") from exc


def load_catalogue(directory: Path) -> dict[str, Partner]:
    partners = {}
    for path in sorted(Path(directory).glob("*.yml")):
        partner = _partner(path, yaml.safe_load(path.read_text(encoding="utf-8")) or {})
        if partner.id in partners:
            raise CatalogueError(f"{path.name}: duplicate partner id {partner.id}")
        partners[partner.id] = partner
    return partners


@dataclass(frozen=True)
class CaseNeed:
    """What matching looks at: the case's type, cause, region chain, priority group and need."""

    hardship_type: str | None
    cause: str | None
    region_chain: tuple[str, ...]
    priority_group: str | None
    amount_needed: float | None = None


def match(partners: dict[str, Partner], need: CaseNeed) -> list[PartnerMatch]:
    """Partners whose cover fits, best first (cause, then region and type), each with reasons."""
    out = []
    for partner in partners.values():
        if partner.causes and need.cause not in partner.causes:
            continue
        if partner.hardship_types and need.hardship_type not in partner.hardship_types:
            continue
        if partner.regions and not set(partner.regions) & set(need.region_chain):
            continue
        group = need.priority_group or "none"
        if partner.priority_groups and group not in partner.priority_groups:
            continue
        reasons = [f"覆盖本案事由（{label_of(Cause, need.cause, '未知')}）", f"覆盖{label_of(HardshipType, need.hardship_type, '未知')}困难"]
        score = 0.6 + (0.2 if partner.regions else 0.0)
        if partner.regions:
            reasons.append("服务本地区")
        if partner.max_amount and need.amount_needed and need.amount_needed > partner.max_amount:
            reasons.append(f"单次帮扶上限{partner.max_amount:g}元，低于所需金额")
            score -= 0.2
        if partner.waiting_days is not None:
            reasons.append(f"一般{partner.waiting_days}天内答复")
            score += 0.1 if partner.waiting_days <= 7 else 0.0
        rules = ("JX-2.1",) if partner.id.startswith("dibao") else ("XC-2.4-forms", "XC-2.4-social")
        out.append(PartnerMatch(partner, round(score, 2), tuple(reasons), rules))
    return sorted(out, key=lambda m: (-m.score, m.partner.id))
