"""The one place domain errors become HTTP responses (RFC 9457 problem details).

Request validation errors are reported by location and rule only: FastAPI's default body echoes the input,
which may be a personal value.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from hogo.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound, Unauthenticated

STATUS: list[tuple[type[DomainError], int]] = [
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


def install(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain_error(request: Request, exc: DomainError) -> JSONResponse:
        extra = {"problems": exc.details["problems"]} if "problems" in exc.details else {}
        return problem(status_of(exc), exc.code, exc.message, **extra)

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {
                "code": str(e.get("type", "invalid")),
                "at": ".".join(str(p) for p in e.get("loc", ())),
                "message": e.get("msg", ""),
            }
            for e in exc.errors()
        ]
        where = ", ".join(p["at"] for p in problems[:5])
        return problem(422, "invalid-request", f"the request is not valid at: {where}", problems=problems)
