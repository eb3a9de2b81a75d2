"""Request bodies are limited per route, before they are read into memory.

A plain ASGI middleware: a declared Content-Length over the route's limit is answered 413 at once, without
reading the body; a body without one (chunked) is counted as it streams and stops at the limit. The answer is
problem+json for the API and an HTML page for the portal and the console (`web/errors.py`).
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hogo.web.errors import answer

KIB = 1024
LIMITS: tuple[tuple[str, int], ...] = (
    ("/api/v1/person-requests", 64 * KIB),
    ("/api/v1/web-consent/", 4 * KIB),
    ("/portal/", 64 * KIB),
    ("/console/", 256 * KIB),
    ("/api/", 1024 * KIB),
)
"""The first prefix that starts the path sets its limit, in bytes: small where anyone may post (the portal, the
person's API, the website banner's consent posts: a few hundred bytes each), larger for the staff console's forms
and for applications recording persons."""
DEFAULT_LIMIT = 64 * KIB


def limit_for(path: str) -> int:
    return next((limit for prefix, limit in LIMITS if path.startswith(prefix)), DEFAULT_LIMIT)


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than this address accepts ({limit // KIB} KiB)")


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class BodyLimit:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope["path"])
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            await _refuse(scope, receive, send, limit)
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge:
            if started:
                raise
            await _refuse(scope, receive, send, limit)


async def _refuse(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
    error = BodyTooLarge(limit)
    response = answer(Request(scope), 413, "content-too-large", str(error.detail), {"Connection": "close"})
    await response(scope, receive, send)
