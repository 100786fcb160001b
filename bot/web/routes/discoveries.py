"""The 「可能需要救助」 list (主动发现): messages that showed a hardship without asking for help; an
operator takes one as a console call, or anyone sets it aside with a note."""
from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from bot.services import discovery
from bot.web.deps import Services
from bot.web.security import Caller

router = APIRouter(tags=["console"])


class SetAsideBody(BaseModel):
    note: str = Field(..., max_length=500)


@router.get("/api/discoveries")
def listing(who=Caller, deps=Services):
    return {"discoveries": discovery.listing(deps, who.staff)}


@router.post("/api/discoveries/{call_id}/take")
def take(call_id: int, who=Caller, deps=Services):
    """The message becomes the operator's console call (the answer is the console view)."""
    return discovery.take(deps, who.staff, call_id)


@router.post("/api/discoveries/{call_id}/set-aside")
def set_aside(call_id: int, body: SetAsideBody, who=Caller, deps=Services):
    discovery.set_aside(deps, who.staff, call_id, body.note)
    return {"set_aside": True}
