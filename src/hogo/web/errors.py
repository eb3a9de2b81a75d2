"""The one place domain errors become HTTP responses (RFC 9457 problem details).

Request validation errors are reported by location and rule only: FastAPI's default body echoes the input,
which may be a personal value.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response

from hogo.errors import Conflict, DomainError, Forbidden, Gone, InvalidInput, NotFound, Unauthenticated
from hogo.web.templating import templates

STATUS: list[tuple[type[DomainError], int]] = [
    (Gone, 410),
    (NotFound, 404),
    (InvalidInput, 422),
    (Conflict, 409),
    (Unauthenticated, 401),
    (Forbidden, 403),
]


def status_of(error: DomainError) -> int:
    for kind, status in STATUS:
        if isinstance(error, kind):
            return status
    return 400


def problem(status: int, code: str, detail: str, **extra: Any) -> JSONResponse:
    body = {"type": f"urn:hogo:error:{code}", "title": code, "status": status, "detail": detail, **extra}
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, media_type="application/problem+json", headers=headers)


TITLES = {
    401: ("サインインが必要です", "Sign-in needed"),
    403: ("この操作は許可されていません", "Not allowed"),
    404: ("見つかりません", "Not found"),
    409: ("現在の状態ではできません", "Conflict"),
    422: ("入力を確認してください", "Check what was entered"),
}
HTML_AREAS = ("/console", "/portal")


def page(request: Request, status: int, detail: str) -> HTMLResponse:
    """The HTML form of a problem, for the console and the portal (people, not programs, read those)."""
    title_ja, title_en = TITLES.get(status, ("エラー", "Error"))
    back = "/console/" if request.url.path.startswith("/console") else "/portal/privacy"
    context = {"status": status, "title_ja": title_ja, "title_en": title_en, "detail": detail, "back": back}
    return templates.TemplateResponse(request, "error.html", context, status_code=status)


def install(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain_error(request: Request, exc: DomainError) -> Response:
        if request.url.path.startswith(HTML_AREAS):
            return page(request, status_of(exc), exc.message)
        extra = {"problems": exc.details["problems"]} if "problems" in exc.details else {}
        return problem(status_of(exc), exc.code, exc.message, **extra)

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
