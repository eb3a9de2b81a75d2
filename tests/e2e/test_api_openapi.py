"""The OpenAPI document is honest: every API operation declares the problem+json errors it can answer (and
the 503's Retry-After), downloads declare their content types; 405 lists every method of the path; a numeric
path id beyond 64 bits is a 422, not a server error. `schemathesis run --checks all` against `hogo serve`
checks the same from outside (docs/web.md)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from hogo.bootstrap import Container
from hogo.identity.policy import Role, system_actor
from hogo.web.app import create_app

PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


def operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, op) for path, ops in doc["paths"].items() for method, op in ops.items()]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_every_api_operation_declares_its_problems(container: Container) -> None:
    doc = create_app(container).openapi()
    missing = []
    for path, method, op in operations(doc):
        if not path.startswith("/api/"):
            continue
        expected = {400, 404, 409, 422, 503}
        expected |= {401, 403} if op.get("security") else set()
        expected |= {413} if "requestBody" in op else set()
        expected |= {429} if (path, method) == ("/api/v1/person-requests", "post") else set()
        declared = {int(code) for code, answer in op["responses"].items() if answer.get("content") == PROBLEM}
        if expected - declared:
            missing.append(f"{method.upper()} {path}: {sorted(expected - declared)}")
        assert "Retry-After" in op["responses"]["503"]["headers"]
    assert missing == []
    assert "HTTPValidationError" not in str(doc["paths"])
    assert set(doc["components"]["schemas"]["Problem"]["required"]) == {"type", "title", "status", "detail"}


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_downloads_and_pages_declare_their_content_types(container: Container) -> None:
    paths = create_app(container).openapi()["paths"]
    download = paths["/api/v1/person-requests/{token}/download"]["get"]["responses"]["200"]["content"]
    assert set(download) == {"application/json", "text/csv", "application/pdf"}
    assert set(paths["/api/v1/requests/{request_id}/letter"]["get"]["responses"]["200"]["content"]) == {
        "application/pdf"
    }
    assert set(paths["/api/v1/notice"]["get"]["responses"]["200"]["content"]) == {"text/html", "text/markdown"}
    assert set(paths["/portal/privacy"]["get"]["responses"]["404"]["content"]) == {"text/html"}


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_405_lists_every_method_and_huge_ids_are_422(vault: Container) -> None:
    token = vault.identity.create_key("admin", Role.admin, None, system_actor("t")).token
    client = TestClient(create_app(vault), headers={"Authorization": f"Bearer {token}"})
    refused = client.options("/api/v1/requests")
    assert refused.status_code == 405 and refused.headers["content-type"] == "application/problem+json"
    assert refused.headers["allow"] == "GET, POST"
    assert client.options("/api/v1/persons/lookup").headers["allow"] == "POST"  # not the GET of /persons/{id}
    for url in ("/api/v1/ledger/versions/99999999999999999999999", "/api/v1/persons/p_1/suspensions/1" + "0" * 30):
        answer = client.request("GET" if "ledger" in url else "DELETE", url)
        assert answer.status_code == 422, answer.text
