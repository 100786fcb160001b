"""Liveness and readiness (the database answers)."""
from __future__ import annotations

from fastapi import APIRouter

from bot.web.deps import Services
from bot.web.errors import error

router = APIRouter(tags=["health"])


@router.get("/health/live")
def live() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/health/ready")
def ready(deps=Services):
    try:
        with deps.uow() as uow:
            uow.ping()
    except Exception as exc:
        return error(503, "not_ready", "数据库不可用", detail=type(exc).__name__)
    return {"status": "ready"}
