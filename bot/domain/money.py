"""Money on the desk: amounts to the fen, payments (发放) and a township's reserve fund (备用金)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal


def money(value: float | Decimal | None) -> float:
    """An amount rounded to the fen, exactly (no float drift when payments add up)."""
    return float(Decimal(str(value or 0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Payment:
    """One payment (发放) of an approved case."""

    amount: float
    form: str
    paid_on: date
    recorded_by: str
    goods: str | None = None
    county_code: str | None = None
    township: str | None = None


@dataclass(frozen=True)
class ReserveFund:
    """A township's reserve fund for one year, as the county set it (JX-2.3, XC-3.3)."""

    county_code: str
    township: str
    year: int
    budget: float
    last_year_use: float
    set_by: str = ""
