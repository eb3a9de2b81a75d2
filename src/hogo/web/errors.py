"""The one place domain errors become HTTP responses (RFC 9457 problem details)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from hogo.errors import Conflict, DomainError, InvalidInput, NotFound

STATUS: list[tuple[type[DomainError], int]] = [(NotFound, 404), (InvalidInput, 422), (Conflict, 409)]


def status_of(error: DomainError) -> int:
    for kind, status in STATUS:
        if isinstance(error, kind):
            return status
    return 400


def install(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain_error(request: Request, exc: DomainError) -> JSONResponse:
        status = status_of(exc)
        body = {"type": f"urn:hogo:error:{exc.code}", "title": exc.code, "status": status, "detail": exc.message}
        return JSONResponse(body, status_code=status, media_type="application/problem+json")
