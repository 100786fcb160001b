"""How the API answers errors: a short JSON body with a code and a Chinese message, never a stack
trace; a case outside the caller's scope is a 404 like a case that does not exist."""
from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.domain.casework import Refusal
from bot.services.accounts import NotAuthenticated
from bot.services.errors import Conflict, Forbidden, NotFound
from bot.services.referrals import UnknownReferral
from bot.web.security import CsrfFailed

log = logging.getLogger(__name__)
HTTP_MESSAGES = {404: "没有这个地址", 405: "不支持这种请求方式"}


def error(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": code, "message": message, **extra}, status_code=status)


def _refused(_request, exc: Refusal) -> JSONResponse:
    bad_input = exc.code.startswith(("bad_", "missing_", "too_long_", "unknown_"))
    status = 413 if exc.code == "too_large" else 422 if bad_input else 409
    return error(status, exc.code, exc.message, rule_id=exc.rule_id)


def _invalid(_request, exc: RequestValidationError) -> JSONResponse:
    fields = [".".join(str(p) for p in e.get("loc", ())[1:]) for e in exc.errors()]
    return error(422, "bad_request", "请求格式不正确", fields=[f for f in fields if f][:10])


def _crashed(_request, exc: Exception) -> JSONResponse:  # pragma: no cover - the last resort, logged not shown
    log.exception("unhandled error: %s", type(exc).__name__)
    return error(500, "internal", "服务器内部错误，请稍后再试")


def install(app: FastAPI) -> None:
    handlers = {
        Refusal: _refused,
        UnknownReferral: lambda _r, _e: error(404, "unknown_referral", "没有这个转介编号"),
        NotFound: lambda _r, _e: error(404, "not_found", "没有找到该案件或办理机构"),
        Forbidden: lambda _r, exc: error(403, "forbidden", exc.message),
        Conflict: lambda _r, _e: error(409, "conflict", "案件刚被其他人更新，请刷新页面后再试"),
        NotAuthenticated: lambda _r, _e: error(401, "not_authenticated", "请先登录"),
        CsrfFailed: lambda _r, _e: error(403, "csrf", "页面已过期，请刷新后重试"),
        RequestValidationError: _invalid,
        StarletteHTTPException: lambda _r, exc: error(exc.status_code, f"http_{exc.status_code}",
                                                      HTTP_MESSAGES.get(exc.status_code, "请求有误")),
        Exception: _crashed,
    }
    for kind, handler in handlers.items():
        app.add_exception_handler(kind, handler)
