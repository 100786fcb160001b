"""Money: the monthly payment table (CSV, XLSX or JSON) and the township reserve funds."""
from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any, Optional

from fastapi import APIRouter, Query
from fastapi.responses import Response

from bot.services import money
from bot.web.deps import Services
from bot.web.schemas import ReserveFundBody
from bot.web.security import Caller

router = APIRouter(tags=["money"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cell(value: Any) -> Any:
    """Text a resident typed must not run as a spreadsheet formula (=, +, -, @ at the start)."""
    return "'" + value if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def xlsx(rows: list[list[Any]], title: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "发放表"
    sheet.append([title])
    sheet.append(money.PAYMENT_COLUMNS)
    for row in rows:
        sheet.append([cell(v) for v in row])
    total = money.PAYMENT_COLUMNS.index("金额（元）")
    sheet.append(["合计"] + [""] * (total - 1) + [round(sum(r[total] for r in rows), 2), ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@router.get("/api/exports/payments")
def payments(who=Caller, deps=Services, year: int = Query(..., ge=2000, le=2100), month: int = Query(..., ge=1, le=12),
             format: str = Query("csv", regex="^(csv|xlsx|json)$")):
    """每月发放表 for the caller's scope."""
    rows = money.payment_table(deps, who.staff, year, month)
    name = f"payments-{year}-{month:02d}"
    if format == "json":
        return {"columns": money.PAYMENT_COLUMNS, "rows": rows}
    if format == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(money.PAYMENT_COLUMNS)
        writer.writerows([[cell(v) for v in row] for row in rows])
        return Response("\ufeff" + out.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    return Response(xlsx(rows, f"{year}年{month}月临时救助发放表"), media_type=XLSX,
                    headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'})


@router.get("/api/reserve-fund")
def get_reserve_fund(who=Caller, deps=Services, year: int = Query(default_factory=lambda: date.today().year, ge=2000, le=2100),
                     county_code: Optional[str] = Query(None, max_length=12), township: Optional[str] = Query(None, max_length=64)):
    return money.reserve_fund(deps, who.staff, year, county_code, township).__dict__


@router.put("/api/reserve-fund")
def put_reserve_fund(body: ReserveFundBody, who=Caller, deps=Services):
    return money.set_reserve_fund(deps, who.staff, body.year, body.county_code, body.township,
                                  body.budget, body.last_year_use).__dict__
