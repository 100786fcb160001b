"""The hotline operator console: calls, utterances, corrections, and the case made from a call."""
from __future__ import annotations

from fastapi import APIRouter

from bot.services import console
from bot.web.deps import Services
from bot.web.schemas import FactBody, UtteranceBody
from bot.web.security import Caller

router = APIRouter(tags=["console"])


@router.post("/api/console/calls")
def open_call(who=Caller, deps=Services):
    return console.open_call(deps, who.staff)


@router.get("/api/console/calls")
def my_calls(who=Caller, deps=Services):
    return {"calls": console.open_calls(deps, who.staff)}


@router.get("/api/console/calls/{call_id}")
def get_call(call_id: int, who=Caller, deps=Services):
    return console.call_view(deps, who.staff, call_id)


@router.post("/api/console/calls/{call_id}/utterances")
def utterance(call_id: int, body: UtteranceBody, who=Caller, deps=Services):
    """What was said; the answer is the updated console: facts, classification, missing facts,
    the next question, policy hints with rule ids and earlier cases."""
    return console.hear(deps, who.staff, call_id, body.text, body.speaker)


@router.put("/api/console/calls/{call_id}/facts/{name}")
def correct_fact(call_id: int, name: str, body: FactBody, who=Caller, deps=Services):
    return console.correct(deps, who.staff, call_id, name[:32], body.value)


@router.post("/api/console/calls/{call_id}/case")
def create_case_from_call(call_id: int, who=Caller, deps=Services):
    return console.create_case(deps, who.staff, call_id)
