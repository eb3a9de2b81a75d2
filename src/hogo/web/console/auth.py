"""Console sign-in state: the session cookie, the CSRF checks, and the redirect to the sign-in page."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hogo.errors import Forbidden, Unauthenticated
from hogo.identity.operators import ConsoleUser
from hogo.web.deps import ContainerDep
from hogo.web.https import secure_cookies

SESSION_COOKIE = "hogo_console"
LOGIN_CSRF_COOKIE = "hogo_login_csrf"


class SignInRequired(Exception):
    """Raised by the console's dependency when nobody (or an ended session) is signed in."""

    def __init__(self, path: str) -> None:
        self.path = path


async def console_user(request: Request, container: ContainerDep) -> ConsoleUser:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        raise SignInRequired(request.url.path)
    try:
        return container.operators.user(token)
    except Unauthenticated:
        raise SignInRequired(request.url.path) from None


ConsoleUserDep = Annotated[ConsoleUser, Depends(console_user)]


def check_csrf(expected: str, given: str | None) -> None:
    if not given or not hmac.compare_digest(expected, given):
        raise Forbidden.keyed("error.forbidden.stale-form")


def set_cookie(response: Response, request: Request, name: str, value: str, max_age: int | None = None) -> None:
    response.set_cookie(
        name, value, max_age=max_age, httponly=True, samesite="strict", secure=secure_cookies(request), path="/console"
    )


def new_login_csrf() -> str:
    return secrets.token_urlsafe(32)


def install(app: FastAPI) -> None:
    @app.exception_handler(SignInRequired)
    async def _sign_in(request: Request, exc: SignInRequired) -> RedirectResponse:
        return RedirectResponse(f"/console/login?next={quote(exc.path)}", status_code=303)

    app.add_middleware(ConsoleHeaders)


CONSOLE_HEADERS = [
    (b"cache-control", b"no-store"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"default-src 'self'; style-src 'self' 'unsafe-inline'"),
    (b"referrer-policy", b"no-referrer"),
]


class ConsoleHeaders:
    """Security headers on every /console response. Plain ASGI: Starlette's BaseHTTPMiddleware would cost
    every request of the API (the decision endpoint included) a task group and a stream."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/console"):
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in CONSOLE_HEADERS}
                kept = [(n, v) for n, v in message.get("headers", []) if n.lower() not in names]
                message = {**message, "headers": kept + CONSOLE_HEADERS}
            await send(message)

        await self.app(scope, receive, send_with_headers)
