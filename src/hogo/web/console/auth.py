"""Console sign-in state: the session cookie, the CSRF checks, and the redirect to the sign-in page."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from hogo.errors import Forbidden, Unauthenticated
from hogo.identity.operators import ConsoleUser
from hogo.web.deps import ContainerDep

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
        raise Forbidden("the form is stale or was not sent from the console: reload the page and try again")


def secure(request: Request) -> bool:
    setting: bool | None = request.app.state.container.settings.cookie_secure
    return setting if setting is not None else request.url.scheme == "https"


def set_cookie(response: Response, request: Request, name: str, value: str, max_age: int | None = None) -> None:
    response.set_cookie(
        name, value, max_age=max_age, httponly=True, samesite="strict", secure=secure(request), path="/console"
    )


def new_login_csrf() -> str:
    return secrets.token_urlsafe(32)


def install(app: FastAPI) -> None:
    @app.exception_handler(SignInRequired)
    async def _sign_in(request: Request, exc: SignInRequired) -> RedirectResponse:
        return RedirectResponse(f"/console/login?next={quote(exc.path)}", status_code=303)

    @app.middleware("http")
    async def _console_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        if request.url.path.startswith("/console"):
            response.headers["Cache-Control"] = "no-store"
            response.headers["X-Frame-Options"] = "DENY"
            response.headers["Content-Security-Policy"] = "default-src 'self'; style-src 'self' 'unsafe-inline'"
            response.headers["Referrer-Policy"] = "no-referrer"
        return response
