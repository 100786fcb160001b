"""Who is calling (session cookie or bearer token), CSRF for cookie sessions, the security
headers every response carries (HSTS too when cookies are Secure, i.e. behind HTTPS), and the body
limit, enforced on the bytes received, so a chunked body without Content-Length is capped too."""
from __future__ import annotations

import secrets

from fastapi import Depends, Request
from fastapi.responses import JSONResponse
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


HSTS = "max-age=31536000; includeSubDomains"


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if request.app.state.deps.settings.cookie_secure:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        return response


class BodyLimit:
    """ASGI middleware: reads the request body as it arrives, up to `limit` bytes, before the app
    runs; more than that (by Content-Length or by the bytes of a chunked body) is answered 413."""

    def __init__(self, app, limit: int, larger: dict | None = None):
        """`larger`: a bigger limit for paths that start with a prefix (str) or match a pattern (re)."""
        self.app, self.limit, self.larger = app, limit, larger or {}

    def _limit(self, path: str) -> int:
        return next((size for where, size in self.larger.items()
                     if (path.startswith(where) if isinstance(where, str) else where.match(path))), self.limit)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self._limit(scope.get("path", ""))
        message = "请求内容太大" + (f"（上限 {limit // (1024 * 1024)} MB）" if limit >= 1024 * 1024 else "")
        too_large = JSONResponse({"error": "too_large", "message": message}, status_code=413)
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            return await too_large(scope, receive, send)
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return                                   # the client went away
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                return await too_large(scope, receive, send)
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        replayed = False

        async def body_then_receive():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, body_then_receive, send)


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
