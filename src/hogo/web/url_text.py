"""Text in the address is checked like text in bodies (`hogo.text`), before routing.

Path parameters (person ids, request ids, tokens) and query parameters reach the store as text; a NUL there
would be a 500 on PostgreSQL. An address with a NUL, a lone surrogate or a non-character is answered 422 naming
the part (`path`, or `query.<name>`), never the value: problem+json on the API, a page on the portal and console.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from hogo.text import MAX_TEXT, refusal
from hogo.web.errors import answer


def refused_part(path: str, query: bytes) -> tuple[str, str] | None:
    """(where, error type) of the first refused text in the path or the query string, or None: the text rules
    of bodies, and the same length limit (`MAX_TEXT` characters) for the path and for each query value."""
    kind = "text_too_long" if len(path) > MAX_TEXT else refusal(path)
    if kind is not None:
        return "path", kind
    for name, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True, encoding="utf-8"):
        kind = refusal(name) or refusal(value) or ("text_too_long" if max(len(name), len(value)) > MAX_TEXT else None)
        if kind is not None:
            return f"query.{name if refusal(name) is None and len(name) <= MAX_TEXT else '?'}", kind
    return None


class UrlText:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        refused = refused_part(scope["path"], scope.get("query_string", b"")) if scope["type"] == "http" else None
        if refused is None:
            await self.app(scope, receive, send)
            return
        where, kind = refused
        detail = f"the request is not valid at: {where}"
        problems = [{"code": kind, "at": where, "message": "the address contains text that is not accepted"}]
        await answer(Request(scope), 422, "invalid-request", detail, problems=problems)(scope, receive, send)
