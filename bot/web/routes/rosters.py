"""Rosters (名册): a county imports its roster file (the raw CSV or XLSX body, its name in the
X-Filename header), and the monthly comparison's early-warning rows, each closed with a note."""
from __future__ import annotations

from datetime import date
from typing import Optional
from urllib.parse import unquote

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from bot.services import rosters
from bot.web.deps import Services
from bot.web.security import Caller

router = APIRouter(tags=["rosters"])
MAX_ROSTER = rosters.MAX_BYTES


class CloseBody(BaseModel):
    note: str = Field(..., max_length=2000)


@router.post("/api/rosters/{group}")
async def import_roster(group: str, request: Request, who=Caller, deps=Services,
                        roster_date: Optional[date] = Query(None, description="the roster's date (default today)")):
    """The roster file as the request body; the answer is the per-row report."""
    name = unquote(request.headers.get("x-filename", "roster.csv"))[:200]
    content = await request.body()
    from starlette.concurrency import run_in_threadpool

    report = await run_in_threadpool(rosters.import_roster, deps, who.staff, group[:16], name, content, roster_date)
    return report.as_dict()


@router.get("/api/rosters/comparison")
def comparison(who=Caller, deps=Services, year: int = Query(..., ge=2000, le=2100), month: int = Query(..., ge=1, le=12)):
    """信息比对: per township, the households to look at this month."""
    return {"rows": rosters.compare(deps, who.staff, year, month)}


@router.post("/api/rosters/warnings/{kind}/{number}/close")
def close(kind: str, number: str, body: CloseBody, who=Caller, deps=Services):
    rosters.close_warning(deps, who.staff, kind[:32], number[:32], body.note)
    return {"closed": True}
