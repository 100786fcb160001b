"""FastAPI dependency: the services' `Deps` the app was built with (the caller is bot.web.security.Caller)."""
from __future__ import annotations

from fastapi import Depends, Request

from bot.services.bootstrap import Deps


def deps_of(request: Request) -> Deps:
    return request.app.state.deps


Services = Depends(deps_of)
