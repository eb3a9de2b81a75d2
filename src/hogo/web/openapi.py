"""The OpenAPI document says what each operation can answer: the problem+json errors, and the content types
of downloads.

FastAPI documents the success response and a 422 in its own shape (application/json, `HTTPValidationError`),
while hogo answers every error as an RFC 9457 problem (`web/errors.py`). `install` rewrites the document once:
every API operation declares the problems it can give, by what it takes — 401/403 where it needs an API key,
413 where it takes a body; 400, 404, 409 (not in the resource's current state: also a letter not yet written),
422 and 503 everywhere — plus those a route declares itself (429 on filing). The HTML pages of the portal
declare their errors as text/html.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from hogo.db.busy import RETRY_AFTER_SECONDS

PROBLEM = "application/problem+json"
PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details; `problems` lists each invalid field (code, at, message)",
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "problems": {"type": "array", "items": {"type": "object"}},
    },
}
WHY = {
    400: "the body cannot be read (not UTF-8 or not the declared type), or the request cannot be carried out",
    401: "no valid API key (`Authorization: Bearer hogo_…`)",
    403: "the key's role or item categories do not allow this",
    404: "no such resource, or no ledger applied yet",
    405: "method not allowed",
    409: "not possible in the resource's current state",
    413: "the body is larger than this route accepts (docs/web.md)",
    422: "invalid input: each problem names the field and the rule, never the value",
    429: "too many requests from this address; try again later",
    503: "the store is busy with other writes; nothing was changed; try again after Retry-After seconds",
}


def errors_of(path: str, operation: dict[str, Any]) -> set[int]:
    """The problem statuses an operation can answer, by what it takes."""
    if not path.startswith("/api/"):
        return {404, 422}
    statuses = {400, 404, 409, 422, 503}
    if operation.get("security"):
        statuses |= {401, 403}
    if "requestBody" in operation:
        statuses.add(413)
    return statuses


def declare_errors(document: dict[str, Any]) -> dict[str, Any]:
    document.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    problem = {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    page = {"text/html": {"schema": {"type": "string"}}}
    for path, operations in document.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            declared = {int(code) for code in responses if code.isdigit() and int(code) >= 400}
            for status in sorted(errors_of(path, operation) | declared):
                answer: dict[str, Any] = {
                    "description": WHY.get(status, "error"),
                    "content": problem if path.startswith("/api/") else page,
                }
                if status == 503:
                    retry = {"schema": {"type": "integer", "example": RETRY_AFTER_SECONDS}}
                    answer["headers"] = {"Retry-After": {"description": "seconds to wait", **retry}}
                responses[str(status)] = answer
    return document


def documented_methods(app: FastAPI, path: str) -> list[str]:
    """The methods the document lists for the resource at `path` (for a 405's Allow): those of the most specific
    template that matches, so `/persons/lookup` is POST only, not also the GET of `/persons/{person_id}`."""
    found: dict[int, set[str]] = {}
    for template, operations in app.openapi()["paths"].items():
        parts = re.split(r"(\{[^}]+\})", template)
        pattern = "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts)
        if re.fullmatch(pattern, path):
            found.setdefault(template.count("{"), set()).update(m.upper() for m in operations)
    return sorted(found[min(found)]) if found else []


def install(app: FastAPI) -> None:
    generate: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = declare_errors(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
