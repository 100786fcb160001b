"""Money on the desk: amounts to the fen, payments (发放) and a township's reserve fund (备用金)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal


FEN = Decimal("0.01")


def money(value: float | str | Decimal | None) -> Decimal:
    """An amount in yuan to the fen, exact: 0.1 + 0.2 is 0.30, never 0.30000000000000004. Floats are
    read through their shortest text (what a person typed), not their binary value."""
    return Decimal(str(value if value is not None else 0)).quantize(FEN, rounding=ROUND_HALF_UP)


def as_json(value: Decimal | None) -> float | None:
    """An exact amount for JSON (two decimals are kept exactly by the shortest float text)."""
    return None if value is None else float(value)


@dataclass(frozen=True)
class Payment:
    """One payment (发放) of an approved case."""

    amount: Decimal
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
    budget: Decimal
    last_year_use: Decimal
    set_by: str = ""
