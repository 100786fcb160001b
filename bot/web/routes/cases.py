"""The inbox, the case page, casework actions, related cases, revealing a number, offices, and the
domain's labels for the pages."""
from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Body, Query

from bot.services import casework, related, views
from bot.services.labels import labels
from bot.web.deps import Services
from bot.web.schemas import RelatedBody, RevealBody
from bot.web.security import Caller

router = APIRouter(tags=["cases"])


@router.get("/api/cases")
def list_cases(who=Caller, deps=Services, status: Optional[str] = Query(None, max_length=20),
               type: Optional[str] = Query(None, max_length=20), cause: Optional[str] = Query(None, max_length=32),
               due: Optional[str] = Query(None, regex="^(overdue|soon|paperwork)$"), q: Optional[str] = Query(None, max_length=64),
               limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0, le=1_000_000),
               view: str = Query("all", regex="^(mine|unassigned|all)$", description="我的 / 未分配 / 全部")):
    """The caller's inbox: emergencies first, then by deadline."""
    return views.inbox(deps, who.staff, status, type, cause, due, q, limit, offset, who=view)


@router.get("/api/cases/{number}")
def get_case(number: str, who=Caller, deps=Services):
    return views.case_page(deps, who.staff, number[:32])


@router.post("/api/cases/{number}/actions/{action}")
def case_action(number: str, action: str, who=Caller, deps=Services, params: dict = Body(default_factory=dict)):
    """accept, request_info {question}, verify {note}, approve {amount, form, reason, major_record},
    reject {reason}, pay {amount, form, goods}, transfer {reason, to_township, to_county},
    complete_paperwork {note}, close {note}."""
    return casework.act(deps, who.staff, number[:32], action[:32], params)


@router.post("/api/cases/{number}/related")
def decide_related(number: str, body: RelatedBody, who=Caller, deps=Services):
    return related.decide_related(deps, who.staff, number[:32], body.other, body.kind, body.note)


@router.post("/api/cases/{number}/reveal")
def reveal(number: str, body: RevealBody, who=Caller, deps=Services):
    return {"field": body.field, "value": casework.reveal(deps, who.staff, number[:32], body.field)}


@router.get("/api/offices")
def offices(who=Caller, deps=Services):
    return views.offices(deps, who.staff)


@router.get("/api/labels")
def all_labels(who=Caller):
    """The Chinese label of every code the API returns (statuses, causes, facts, actions …): the
    pages show these, never codes."""
    return labels()
