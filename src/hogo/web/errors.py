"""The one place errors become HTTP responses: RFC 9457 problem details for the API, an HTML page for the portal
and the console.

Request validation errors are reported by location and rule only: FastAPI's default body echoes the input,
which may be a personal value. Starlette's own errors (unknown path, body too large, a body that cannot be
parsed) and a store too busy to take a write get the same two forms.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException

from hogo.db.busy import RETRY_AFTER_SECONDS, is_busy
from hogo.errors import Conflict, DomainError, Forbidden, Gone, InvalidInput, NotFound, RateLimited, Unauthenticated
from hogo.web.openapi import documented_methods
from hogo.web.templating import templates

STATUS: list[tuple[type[DomainError], int]] = [
    (Gone, 410),
    (NotFound, 404),
    (InvalidInput, 422),
    (Conflict, 409),
    (Unauthenticated, 401),
    (Forbidden, 403),
    (RateLimited, 429),
]
CODES = {
    400: "bad-request",
    404: "not-found",
    405: "method-not-allowed",
    413: "content-too-large",
    415: "unsupported-media-type",
    503: "busy",
}
"""The problem code of an HTTP error raised by Starlette or the web layer itself, by status."""


def status_of(error: DomainError) -> int:
    for kind, status in STATUS:
        if isinstance(error, kind):
            return status
    return 400


def problem(
    status: int, code: str, detail: str, *, headers: Mapping[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body = {"type": f"urn:hogo:error:{code}", "title": code, "status": status, "detail": detail, **extra}
    sent = {**(headers or {}), **({"WWW-Authenticate": "Bearer"} if status == 401 else {})}
    return JSONResponse(body, status_code=status, media_type="application/problem+json", headers=sent or None)


TITLES = {
    401: ("サインインが必要です", "Sign-in needed"),
    403: ("この操作は許可されていません", "Not allowed"),
    404: ("見つかりません", "Not found"),
    409: ("現在の状態ではできません", "Conflict"),
    413: ("送信された内容が大きすぎます", "Too much was sent"),
    422: ("入力を確認してください", "Check what was entered"),
    503: ("混み合っています。少し待ってからもう一度お試しください", "Busy: try again in a moment"),
}
HTML_AREAS = ("/console", "/portal")


def page(request: Request, status: int, detail: str, headers: Mapping[str, str] | None = None) -> HTMLResponse:
    """The HTML form of a problem, for the console and the portal (people, not programs, read those)."""
    title_ja, title_en = TITLES.get(status, ("エラー", "Error"))
    back = "/console/" if request.url.path.startswith("/console") else "/portal/privacy"
    context = {"status": status, "title_ja": title_ja, "title_en": title_en, "detail": detail, "back": back}
    response = templates.TemplateResponse(request, "error.html", context, status_code=status)
    response.headers.update(headers or {})
    return response


def answer(
    request: Request, status: int, code: str, detail: str, headers: Mapping[str, str] | None = None, **extra: Any
) -> Response:
    """A page where people read (portal, console), a problem+json document elsewhere."""
    if request.url.path.startswith(HTML_AREAS):
        return page(request, status, detail, headers)
    return problem(status, code, detail, headers=headers, **extra)


def busy(request: Request) -> Response:
    """The store could not take the write in time (SQLite's single writer): ask to come back shortly."""
    detail = "the store is busy with other writes; nothing was changed: try again in a moment"
    return answer(request, 503, CODES[503], detail, {"Retry-After": str(RETRY_AFTER_SECONDS)})


def install(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain_error(request: Request, exc: DomainError) -> Response:
        extra = {"problems": exc.details["problems"]} if "problems" in exc.details else {}
        html = request.url.path.startswith(HTML_AREAS)  # people read Japanese there; programs read `message`
        return answer(request, status_of(exc), exc.code, exc.text("ja") if html else exc.message, **extra)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        code = CODES.get(exc.status_code, "http-error")
        headers = dict(exc.headers or {})
        if exc.status_code == 405 and (documented := documented_methods(request.app, request.url.path)):
            headers["Allow"] = ", ".join(documented)  # Starlette's names only the first matching route's methods
        return answer(request, exc.status_code, code, str(exc.detail), headers)

    @app.exception_handler(OperationalError)
    async def _store_error(request: Request, exc: OperationalError) -> Response:
        if is_busy(exc):
            return busy(request)
        raise exc

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            {
                "code": str(e.get("type", "invalid")),
                "at": ".".join(str(p) for p in e.get("loc", ())),
                "message": e.get("msg", ""),
            }
            for e in exc.errors()
        ]
        where = ", ".join(p["at"] for p in problems[:5])
        if request.url.path.startswith(HTML_AREAS):
            return page(request, 422, f"the form is not valid at: {where}")
        return problem(422, "invalid-request", f"the request is not valid at: {where}", problems=problems)
