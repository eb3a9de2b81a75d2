"""The body limit is enforced before the body is read: a declared length over the limit never reaches the
application, and a streamed body is cut off at the limit."""

from __future__ import annotations

import asyncio
from typing import Any

from hogo.web.body_limit import KIB, BodyLimit, limit_for


def test_limits_per_route() -> None:
    assert limit_for("/api/v1/person-requests") == 64 * KIB
    assert limit_for("/api/v1/person-requests/tok/code") == 64 * KIB
    assert limit_for("/portal/requests") == 64 * KIB
    assert limit_for("/console/requests/new") == 256 * KIB
    assert limit_for("/api/v1/persons") == 1024 * KIB
    assert limit_for("/elsewhere") == 64 * KIB


class Probe:
    """An ASGI app that reads the whole body, and a client that would send `chunks` of 16 KiB forever."""

    def __init__(self) -> None:
        self.called = False
        self.chunks_sent = 0
        self.sent: list[dict[str, Any]] = []

    async def app(self, scope: Any, receive: Any, send: Any) -> None:
        self.called = True
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    async def receive(self) -> dict[str, Any]:
        self.chunks_sent += 1
        return {"type": "http.request", "body": b"x" * (16 * KIB), "more_body": True}

    async def send(self, message: dict[str, Any]) -> None:
        self.sent.append(message)


def scope(path: str, headers: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    return {"type": "http", "method": "POST", "path": path, "headers": headers, "query_string": b""}


def status_and_type(probe: Probe) -> tuple[int, str]:
    start = next(m for m in probe.sent if m["type"] == "http.response.start")
    headers = dict(start["headers"])
    return start["status"], headers[b"content-type"].decode()


def test_a_declared_length_over_the_limit_is_refused_without_reading() -> None:
    probe = Probe()
    headers = [(b"content-length", b"104857600"), (b"content-type", b"application/json")]
    asyncio.run(BodyLimit(probe.app)(scope("/api/v1/person-requests", headers), probe.receive, probe.send))
    assert not probe.called and probe.chunks_sent == 0
    assert status_and_type(probe) == (413, "application/problem+json")


def test_a_streamed_body_is_cut_off_at_the_limit() -> None:
    probe = Probe()
    asyncio.run(BodyLimit(probe.app)(scope("/api/v1/person-requests", []), probe.receive, probe.send))
    assert probe.called and probe.chunks_sent == 64 // 16 + 1  # the chunk that passed the limit, and no more
    assert status_and_type(probe)[0] == 413
