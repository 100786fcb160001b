"""Login, logout and who am I."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from bot.services import accounts
from bot.web.deps import Services
from bot.web.errors import error
from bot.web.schemas import LoginBody
from bot.web.security import COOKIE, Caller, token_of

router = APIRouter(tags=["accounts"])


def staff_json(staff) -> dict[str, Any]:
    return {"username": staff.username, "name": staff.name, "role": staff.role.value, "role_label": staff.role.label,
            "county_code": staff.county_code, "township": staff.township}


@router.post("/api/login")
def login(body: LoginBody, request: Request, deps=Services):
    client = request.client.host if request.client else None
    try:
        result = accounts.login(deps, body.username, body.password, body.kind, client=client)
    except accounts.LoginFailed as exc:
        response = error(429 if exc.locked else 401, "login_failed", exc.message, retry_after=exc.retry_after)
        if exc.retry_after:
            response.headers["Retry-After"] = str(exc.retry_after)
        return response
    staff = staff_json(result.staff)
    if body.kind == "token":
        return {"token": result.token, "staff": staff}
    response = JSONResponse({"staff": staff, "csrf_token": result.csrf_token})
    response.set_cookie(COOKIE, result.token, httponly=True, samesite="strict", secure=deps.settings.cookie_secure, path="/",
                        max_age=int(deps.settings.session_max_hours * 3600))
    return response


@router.post("/api/logout")
def logout(request: Request, who=Caller, deps=Services):
    accounts.logout(deps, token_of(request)[0])
    response = JSONResponse({"status": "logged_out"})
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/api/me")
def me(who=Caller):
    return {"staff": staff_json(who.staff), "csrf_token": who.csrf_token}
