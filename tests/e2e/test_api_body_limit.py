"""Bodies over a route's limit are refused with 413 before they are read: problem+json on the API, an HTML page
on the portal and the console; routes that need more (recording a person) accept more."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient
from live_server import live_server

from hogo.bootstrap import Container
from hogo.identity.policy import Role, system_actor
from hogo.web.app import create_app


def test_person_request_over_64_kib_is_refused(vault: Container) -> None:
    client = TestClient(create_app(vault))
    body = {"kind": "disclosure", "email": "a@example.jp", "details": "x" * (70 * 1024)}
    response = client.post("/api/v1/person-requests", json=body)
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "content-too-large"
    assert vault.requests.queue(system_actor("t"), open_only=False, overdue_only=False) == []


def test_portal_form_over_64_kib_gets_a_page(vault: Container) -> None:
    client = TestClient(create_app(vault))
    response = client.post("/portal/requests", data={"details": "x" * (70 * 1024)})
    assert response.status_code == 413 and response.headers["content-type"].startswith("text/html")
    assert "Too much was sent" in response.text


def test_recording_a_person_may_be_larger(vault: Container) -> None:
    token = vault.identity.create_key("app", Role.application, None, system_actor("t")).token
    client = TestClient(create_app(vault), headers={"Authorization": f"Bearer {token}"})
    body = {"subject_kind": "customer", "channel": "web-order", "values": {"name": "山田 花子"}, "pad": "x" * 100_000}
    response = client.post("/api/v1/persons", json=body)
    assert response.status_code == 422  # read and validated (`pad` is not a field), not refused for its size


@pytest.mark.parametrize("chunked", [False, True])
def test_a_large_upload_to_a_real_server_is_answered_413(vault: Container, chunked: bool) -> None:
    """Over HTTP: 8 MiB announced (or streamed without a length) get 413 and the connection is closed."""
    payload = b"{" + b" " * (8 * 1024 * 1024)

    def stream() -> object:
        for start in range(0, len(payload), 65536):
            yield payload[start : start + 65536]

    with live_server(create_app(vault)) as url, httpx.Client(base_url=url, timeout=30) as http:
        content = stream() if chunked else payload
        try:
            response = http.post(
                "/api/v1/person-requests", content=content, headers={"content-type": "application/json"}
            )
        except httpx.TransportError:
            pytest.fail("the server should answer 413, not drop the connection")
    assert response.status_code == 413 and response.json()["status"] == 413
