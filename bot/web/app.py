"""The desk's JSON API (with its OpenAPI description at /api/openapi.json) and its pages.

Endpoints only translate HTTP to `bot.services` calls and their errors to short 4xx answers:
a case outside the caller's scope is a 404 like a case that does not exist; nothing returns a
stack trace.
"""
from __future__ import annotations

import csv
import io
import logging
from datetime import date
from pathlib import Path
from typing import Any, Optional

from fastapi import Body, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.domain.casework import Refusal
from bot.referrals import signing
from bot.services import accounts, console, desk, referrals
from bot.services.bootstrap import unit_of_work
from bot.services.errors import Forbidden, NotFound
from bot.settings import get_settings
from bot.web.security import COOKIE, Caller, CsrfFailed, SecurityHeaders, token_of

log = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"
MAX_BODY = 64 * 1024


class LoginBody(BaseModel):
    username: str = Field(..., max_length=64)
    password: str = Field(..., max_length=256)
    kind: str = Field("cookie", regex="^(cookie|token)$", description="cookie: browser session; token: API bearer token")


class RelatedBody(BaseModel):
    other: str = Field(..., max_length=32, description="the other case's number")
    kind: str = Field(..., regex="^(duplicate|same_incident|dismiss)$")
    note: str = Field("", max_length=500)


class RevealBody(BaseModel):
    field: str = Field(..., regex="^(phone|id_number)$")


class ReferralBody(BaseModel):
    partner_id: str = Field(..., max_length=64)


class ConsentBody(BaseModel):
    consent: bool


class PartnerAnswerBody(BaseModel):
    reference: str = Field(..., max_length=64)
    status: str = Field(..., max_length=16, description="received, accepted, declined or helped")
    amount: Optional[float] = Field(None, ge=0, le=1e9)
    goods: Optional[str] = Field(None, max_length=500)
    note: Optional[str] = Field(None, max_length=500)


class UtteranceBody(BaseModel):
    text: str = Field(..., max_length=5000)
    speaker: str = Field("caller", regex="^(caller|operator|note)$", description="caller: what the caller said; operator: "
                                                                               "what the operator said (recorded only); note")


class FactBody(BaseModel):
    value: Any = Field(..., description="the corrected value")


class ReserveFundBody(BaseModel):
    year: int = Field(..., ge=2000, le=2100)
    county_code: str = Field(..., max_length=12)
    township: str = Field(..., max_length=64)
    budget: float = Field(..., ge=0, le=1e10)
    last_year_use: float = Field(..., ge=0, le=1e10)


def _error(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": code, "message": message, **extra}, status_code=status)


def create_app() -> FastAPI:
    app = FastAPI(title="临时救助 desk API", version="1", docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json")
    app.add_middleware(SecurityHeaders)

    @app.on_event("startup")
    def warm_up() -> None:
        """Load the understanding's dictionaries (jieba, jionlp) before the first call, not during it."""
        from datetime import datetime

        from bot.services.bootstrap import gazetteer
        from bot.understanding import extract_facts

        extract_facts("昨天在鄢陵县马栏镇着火了，一家三口，花了三千五，电话13800000000", now=datetime(2026, 1, 1),
                      gazetteer=gazetteer())

    @app.on_event("startup")
    def start_worker() -> None:
        if get_settings().referral_worker_in_web:
            from bot.referrals.worker import start_in_background

            app.state.worker_stop = start_in_background(unit_of_work)

    @app.on_event("shutdown")
    def stop_worker() -> None:
        if getattr(app.state, "worker_stop", None):
            app.state.worker_stop.set()

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        length = request.headers.get("content-length")
        if length and (not length.isdigit() or int(length) > MAX_BODY):
            return _error(413, "too_large", "请求内容太大")
        return await call_next(request)

    @app.exception_handler(Refusal)
    async def refused(_request, exc: Refusal):
        bad_input = exc.code.startswith(("bad_", "missing_", "too_long_", "unknown_"))
        return _error(422 if bad_input else 409, exc.code, exc.message, rule_id=exc.rule_id)

    @app.exception_handler(referrals.UnknownReferral)
    async def unknown_referral(_request, _exc):
        return _error(404, "unknown_referral", "没有这个转介编号")

    @app.exception_handler(NotFound)
    async def not_found(_request, _exc):
        return _error(404, "not_found", "没有找到该案件或办理机构")

    @app.exception_handler(Forbidden)
    async def forbidden(_request, exc: Forbidden):
        return _error(403, "forbidden", exc.message)

    @app.exception_handler(accounts.NotAuthenticated)
    async def unauthenticated(_request, _exc):
        return _error(401, "not_authenticated", "请先登录")

    @app.exception_handler(CsrfFailed)
    async def csrf_failed(_request, _exc):
        return _error(403, "csrf", "页面已过期，请刷新后重试")

    @app.exception_handler(RequestValidationError)
    async def invalid(_request, exc: RequestValidationError):
        fields = [".".join(str(p) for p in e.get("loc", ())[1:]) for e in exc.errors()]
        return _error(422, "bad_request", "请求格式不正确", fields=[f for f in fields if f][:10])

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request, exc: StarletteHTTPException):
        return _error(exc.status_code, "http_" + str(exc.status_code), {404: "没有这个地址", 405: "不支持这种请求方式"}.get(exc.status_code, "请求有误"))

    @app.exception_handler(Exception)
    async def crashed(_request, exc: Exception):  # pragma: no cover - the last resort, logged not shown
        log.exception("unhandled error: %s", type(exc).__name__)
        return _error(500, "internal", "服务器内部错误，请稍后再试")

    # Health -------------------------------------------------------------------------------------
    @app.get("/health/live", tags=["health"])
    def live() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/health/ready", tags=["health"])
    def ready():
        try:
            with unit_of_work() as uow:
                uow.ping()
        except Exception as exc:
            return _error(503, "not_ready", "数据库不可用", detail=type(exc).__name__)
        return {"status": "ready"}

    # Accounts -----------------------------------------------------------------------------------
    @app.post("/api/login", tags=["accounts"])
    def login(body: LoginBody):
        try:
            result = accounts.login(unit_of_work(), body.username, body.password, body.kind)
        except accounts.LoginFailed as exc:
            status = 429 if exc.locked else 401
            response = _error(status, "login_failed", exc.message, retry_after=exc.retry_after)
            if exc.retry_after:
                response.headers["Retry-After"] = str(exc.retry_after)
            return response
        staff = _staff_json(result.staff)
        if body.kind == "token":
            return {"token": result.token, "staff": staff}
        response = JSONResponse({"staff": staff, "csrf_token": result.csrf_token})
        response.set_cookie(COOKIE, result.token, httponly=True, samesite="strict", secure=get_settings().cookie_secure,
                            path="/")
        return response

    @app.post("/api/logout", tags=["accounts"])
    def logout(request: Request, who=Caller):
        accounts.logout(unit_of_work(), token_of(request)[0])
        response = JSONResponse({"status": "logged_out"})
        response.delete_cookie(COOKIE, path="/")
        return response

    @app.get("/api/me", tags=["accounts"])
    def me(who=Caller):
        return {"staff": _staff_json(who.staff), "csrf_token": who.csrf_token}

    # Cases --------------------------------------------------------------------------------------
    @app.get("/api/cases", tags=["cases"])
    def list_cases(who=Caller, status: Optional[str] = Query(None, max_length=20), type: Optional[str] = Query(None, max_length=20),
                   cause: Optional[str] = Query(None, max_length=32), due: Optional[str] = Query(None, regex="^(overdue|soon|paperwork)$"),
                   q: Optional[str] = Query(None, max_length=64), limit: int = Query(50, ge=1, le=200),
                   offset: int = Query(0, ge=0, le=1_000_000)):
        """The caller's inbox: emergencies first, then by deadline."""
        return desk.inbox(unit_of_work(), who.staff, status, type, cause, due, q, limit, offset)

    @app.get("/api/cases/{number}", tags=["cases"])
    def get_case(number: str, who=Caller):
        return desk.case_page(unit_of_work(), who.staff, number[:32])

    @app.post("/api/cases/{number}/actions/{action}", tags=["cases"])
    def case_action(number: str, action: str, who=Caller, params: dict = Body(default_factory=dict)):
        """accept, request_info {question}, verify {note}, approve {amount, form, reason, major_record},
        reject {reason}, pay {amount, form, goods}, transfer {reason, to_township, to_county},
        complete_paperwork {note}, close {note}."""
        return desk.act(unit_of_work(), who.staff, number[:32], action[:32], params)

    @app.post("/api/cases/{number}/related", tags=["cases"])
    def related(number: str, body: RelatedBody, who=Caller):
        return desk.decide_related(unit_of_work(), who.staff, number[:32], body.other, body.kind, body.note)

    @app.post("/api/cases/{number}/reveal", tags=["cases"])
    def reveal(number: str, body: RevealBody, who=Caller):
        return {"field": body.field, "value": desk.reveal(unit_of_work(), who.staff, number[:32], body.field)}

    # Referrals ----------------------------------------------------------------------------------
    @app.post("/api/cases/{number}/consent", tags=["referrals"])
    def consent(number: str, body: ConsentBody, who=Caller):
        """Record the consent the resident gave the caseworker to share data with partners."""
        referrals.record_consent_on_desk(unit_of_work(), who.staff, number[:32], body.consent)
        return {"consent": body.consent}

    @app.post("/api/cases/{number}/referrals", tags=["referrals"])
    def add_referral(number: str, body: ReferralBody, who=Caller):
        return referrals.add_referral(unit_of_work(), who.staff, number[:32], body.partner_id)

    @app.delete("/api/cases/{number}/referrals/{partner_id}", tags=["referrals"])
    def cancel_referral(number: str, partner_id: str, who=Caller):
        return referrals.cancel_referral(unit_of_work(), who.staff, number[:32], partner_id[:64])

    @app.post("/api/partners/{partner_id}/callback", tags=["referrals"])
    async def partner_callback(partner_id: str, request: Request):
        """A partner's answer, signed like our deliveries (X-Timestamp, X-Signature: HMAC-SHA256 of
        "timestamp.body" with the shared secret). A repeated answer changes nothing."""
        partner = referrals.catalogue().get(partner_id[:64])
        body = await request.body()
        if partner is None:
            return _error(404, "unknown_partner", "没有这个转介机构")
        if not signing.verify(get_settings().secret(partner.secret_env), request.headers.get("x-timestamp"),
                              request.headers.get("x-signature"), body):
            return _error(401, "bad_signature", "签名无效或已过期")
        try:
            answer = PartnerAnswerBody.parse_raw(body)
        except ValueError:
            return _error(422, "bad_request", "请求格式不正确")
        view, changed = await run_in_threadpool(referrals.record_partner_answer, unit_of_work(), partner.id, answer.reference,
                                                answer.status, answer.amount, answer.goods, answer.note)
        return {"changed": changed, "referral": view}

    # Operator console ---------------------------------------------------------------------------
    @app.post("/api/console/calls", tags=["console"])
    def open_call(who=Caller):
        return console.open_call(unit_of_work(), who.staff)

    @app.get("/api/console/calls", tags=["console"])
    def my_calls(who=Caller):
        return {"calls": console.open_calls(unit_of_work(), who.staff)}

    @app.get("/api/console/calls/{call_id}", tags=["console"])
    def get_call(call_id: int, who=Caller):
        return console.call_view(unit_of_work(), who.staff, call_id)

    @app.post("/api/console/calls/{call_id}/utterances", tags=["console"])
    def utterance(call_id: int, body: UtteranceBody, who=Caller):
        """What was said; the answer is the updated console: facts, classification, missing facts,
        the next question, policy hints with rule ids and earlier cases."""
        return console.hear(unit_of_work(), who.staff, call_id, body.text, body.speaker)

    @app.put("/api/console/calls/{call_id}/facts/{name}", tags=["console"])
    def correct_fact(call_id: int, name: str, body: FactBody, who=Caller):
        return console.correct(unit_of_work(), who.staff, call_id, name[:32], body.value)

    @app.post("/api/console/calls/{call_id}/case", tags=["console"])
    def create_case_from_call(call_id: int, who=Caller):
        return console.create_case(unit_of_work(), who.staff, call_id)

    # Money --------------------------------------------------------------------------------------
    @app.get("/api/exports/payments", tags=["money"])
    def payments(who=Caller, year: int = Query(..., ge=2000, le=2100), month: int = Query(..., ge=1, le=12),
                 format: str = Query("csv", regex="^(csv|xlsx|json)$")):
        """每月发放表 for the caller's scope."""
        rows = desk.payment_table(unit_of_work(), who.staff, year, month)
        name = f"payments-{year}-{month:02d}"
        if format == "json":
            return {"columns": desk.PAYMENT_COLUMNS, "rows": rows}
        if format == "csv":
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(desk.PAYMENT_COLUMNS)
            writer.writerows([[_cell(v) for v in row] for row in rows])
            return Response("\ufeff" + out.getvalue(), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
        return Response(_xlsx(rows, f"{year}年{month}月临时救助发放表"),
                        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'})

    @app.get("/api/reserve-fund", tags=["money"])
    def get_reserve_fund(who=Caller, year: int = Query(default_factory=lambda: date.today().year, ge=2000, le=2100),
                         county_code: Optional[str] = Query(None, max_length=12), township: Optional[str] = Query(None, max_length=64)):
        return desk.reserve_fund(unit_of_work(), who.staff, year, county_code, township).__dict__

    @app.put("/api/reserve-fund", tags=["money"])
    def put_reserve_fund(body: ReserveFundBody, who=Caller):
        return desk.set_reserve_fund(unit_of_work(), who.staff, body.year, body.county_code, body.township,
                                     body.budget, body.last_year_use).__dict__

    @app.get("/api/offices", tags=["cases"])
    def offices(who=Caller):
        return desk.offices(who.staff)

    # Pages --------------------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def root():
        return RedirectResponse("/desk/")

    for page, file in (("/desk/", "inbox.html"), ("/desk/login", "login.html"), ("/desk/case", "case.html"),
                       ("/desk/money", "money.html"), ("/console", "console.html")):
        app.add_api_route(page, _page(file), methods=["GET"], include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _page(file: str):
    def serve():
        return FileResponse(STATIC / file, media_type="text/html; charset=utf-8")
    return serve


def _staff_json(staff) -> dict[str, Any]:
    return {"username": staff.username, "name": staff.name, "role": staff.role.value, "role_label": staff.role.label,
            "county_code": staff.county_code, "township": staff.township}


def _cell(value: Any) -> Any:
    """Text a resident typed must not run as a spreadsheet formula (=, +, -, @ at the start)."""
    return "'" + value if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _xlsx(rows: list[list[Any]], title: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "发放表"
    sheet.append([title])
    sheet.append(desk.PAYMENT_COLUMNS)
    for row in rows:
        sheet.append([_cell(v) for v in row])
    sheet.append(["合计", "", "", "", "", "", "", "", "", "", "", round(sum(r[11] for r in rows), 2), ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
