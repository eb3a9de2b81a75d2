"""`POST /api/v1/decisions/use` answered before FastAPI's router when the request is well formed (ADR 0028).

A decision costs the decision point a few microseconds (ADR 0004); FastAPI's route matching over every route of
the app and its dependency solving cost the request ~100 µs more on this endpoint, most of a worker's time. This
plain ASGI middleware answers the well-formed request itself: a Bearer key (`IdentityService.authenticate`, cached),
a JSON body validated by the route's own model (`UseDecisionRequest`, parsed by pydantic-core), `check_use`, and
the same cached JSON body as the route. Everything else — no key or a bad one, a body the model refuses, a domain
error (forbidden role, unknown person) — goes on to the route itself with the body replayed, so that the errors,
their rendering and the OpenAPI document stay in one place (the route raises the same error again; nothing was
decided or audited before it was raised). It sits inside the other middlewares (address text, body limits,
proxies), which see the request as before.
"""

from __future__ import annotations

from pydantic import ValidationError
from sqlalchemy.exc import OperationalError
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hogo.bootstrap import Container
from hogo.db.busy import is_busy
from hogo.errors import DomainError
from hogo.usage.policy import Decision
from hogo.web.api.v1.vault import UseDecisionRequest, decision_json
from hogo.web.errors import busy

PATH = "/api/v1/decisions/use"
JSON_TYPES = (b"application/json", b"application/json; charset=utf-8")


class DecisionsFastPath:
    def __init__(self, app: ASGIApp, container: Container) -> None:
        self.app = app
        self.container = container

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != scope.get("root_path", "") + PATH:
            await self.app(scope, receive, send)
            return
        body = b""
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away before sending the whole body
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
        try:
            decision = self._decide(scope["headers"], body)
        except OperationalError as exc:
            if not is_busy(exc):
                raise
            await busy(Request(scope))(scope, receive, send)
            return
        if decision is None:
            await self.app(scope, _replay(body, receive), send)
            return
        payload = decision_json(decision)
        headers = [(b"content-length", str(len(payload)).encode()), (b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": payload})

    def _decide(self, headers: list[tuple[bytes, bytes]], body: bytes) -> Decision | None:
        """The decision for a well-formed request; None for anything the route must answer itself."""
        authorization = content_type = None
        for name, value in headers:  # the first of each, as Starlette's `Headers.get` reads them
            if name == b"authorization" and authorization is None:
                authorization = value
            elif name == b"content-type" and content_type is None:
                content_type = value.lower()
        if authorization is None or content_type not in JSON_TYPES:
            return None
        scheme, _, credentials = authorization.partition(b" ")
        token = credentials.strip().decode("latin-1")
        if scheme.lower() != b"bearer" or not token:
            return None
        try:
            request = UseDecisionRequest.model_validate_json(body)
            actor = self.container.identity.authenticate(token)
            return self.container.usage.check_use(
                request.person_id, request.items, request.purpose, actor, request.exception
            )
        except (ValidationError, DomainError):
            return None


def _replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that gives the body already read, then whatever the client sends next (its disconnect)."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed
