"""The desk's web app: builds the FastAPI application from the routers of each area (accounts,
cases, referrals, console, money, rosters, health), the error answers, the body limit and the pages. The
OpenAPI description is at /api/openapi.json."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from bot.services.bootstrap import Deps, bootstrap
from bot.web import errors
from bot.web.routes import accounts, cases, console, discoveries, documents, health, money, referrals, rosters
from bot.web.security import BodyLimit, SecurityHeaders

STATIC = Path(__file__).resolve().parent / "static"
MAX_BODY = 64 * 1024
PAGES = (("/desk/", "inbox.html"), ("/desk/login", "login.html"), ("/desk/case", "case.html"),
         ("/desk/money", "money.html"), ("/desk/warnings", "warnings.html"), ("/console", "console.html"))


def _page(file: str):
    def serve():
        return FileResponse(STATIC / file, media_type="text/html; charset=utf-8")
    return serve


def _lifecycle(app: FastAPI, deps: Deps) -> None:
    @app.on_event("startup")
    def warm_up() -> None:
        """Load the understanding's dictionaries (jieba, jionlp) before the first call, not during it."""
        from bot.understanding import extract_facts

        extract_facts("昨天在鄢陵县马栏镇着火了，一家三口，花了三千五，电话13800000000", now=datetime(2026, 1, 1),
                      gazetteer=deps.places(), causes=deps.causes())

    @app.on_event("startup")
    def start_worker() -> None:
        if deps.settings.referral_worker_in_web:
            from bot.referrals.worker import start_in_background

            app.state.worker_stop = start_in_background(deps)

    @app.on_event("shutdown")
    def stop_worker() -> None:
        if getattr(app.state, "worker_stop", None):
            app.state.worker_stop.set()


def create_app(deps: Deps | None = None) -> FastAPI:
    app = FastAPI(title="临时救助 desk API", version="1", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.deps = deps = deps or bootstrap()
    app.add_middleware(SecurityHeaders)
    # outermost: caps every body; a document may be its configured size (the service says when it is larger)
    app.add_middleware(BodyLimit, limit=MAX_BODY, larger={"/api/rosters/": rosters.MAX_ROSTER,
                                                          documents.UPLOAD_PATH: deps.settings.document_max_bytes + 1024 * 1024})
    _lifecycle(app, deps)
    errors.install(app)
    for module in (health, accounts, cases, documents, referrals, console, discoveries, money, rosters):
        app.include_router(module.router)
    app.add_api_route("/", lambda: RedirectResponse("/desk/"), methods=["GET"], include_in_schema=False)
    for page, file in PAGES:
        app.add_api_route(page, _page(file), methods=["GET"], include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
