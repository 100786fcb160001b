"""Who is calling (session cookie or bearer token), CSRF for cookie sessions, and the security
headers every response carries."""
from __future__ import annotations

import secrets

from fastapi import Depends, Request
from starlette.middleware.base import BaseHTTPMiddleware

from bot.services.accounts import NotAuthenticated, Principal, authenticate

COOKIE = "ls_session"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response


class CsrfFailed(Exception):
    pass


def token_of(request: Request) -> tuple[str, bool]:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip(), False
    return request.cookies.get(COOKIE, ""), True


def principal(request: Request) -> Principal:
    """The caller; a cookie session changing anything must send the CSRF token in X-CSRF-Token."""
    token, from_cookie = token_of(request)
    if not token:
        raise NotAuthenticated()
    who = authenticate(request.app.state.deps, token)
    if from_cookie and request.method in UNSAFE:
        sent = request.headers.get("x-csrf-token", "")
        if not who.csrf_token or not secrets.compare_digest(sent, who.csrf_token):
            raise CsrfFailed()
    return who


Caller = Depends(principal)
