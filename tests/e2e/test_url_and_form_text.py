"""Text in addresses and in the portal's and console's forms is checked like text in API bodies: a NUL, a lone
surrogate or U+FFFF is a 422 (problem+json on the API, a page on the portal and console), never a 500, on
SQLite and PostgreSQL; nothing is changed."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from hogo.bootstrap import Container
from hogo.identity.policy import Role, system_actor
from hogo.requests.workflow import Status
from hogo.web.app import create_app

PASSWORD = "a long desk password"


@pytest.mark.parametrize(
    ("url", "where"),
    [
        ("/api/v1/persons/p_%00", "path"),
        ("/api/v1/persons/p_%EF%BF%BF/consents", "path"),
        ("/api/v1/requests/rq_%00", "path"),
        ("/api/v1/audit/events?action=consent%00", "query.action"),
        ("/api/v1/provisions/records?person_id=p_%00", "query.person_id"),
        ("/api/v1/provisions/records?counterpart=%EF%BF%BE", "query.counterpart"),
        ("/api/v1/audit/events?action=" + "x" * 60_000, "query.action"),  # SQLite's LIKE refuses over 50,000
        ("/api/v1/requests/rq_" + "a" * 10_001, "path"),
    ],
)
def test_refused_text_in_the_address_is_a_422_naming_the_part(vault: Container, url: str, where: str) -> None:
    token = vault.identity.create_key("admin", Role.admin, None, system_actor("t")).token
    response = TestClient(create_app(vault)).get(url, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json"
    assert [p["at"] for p in response.json()["problems"]] == [where]


def test_the_portal_answers_a_page(vault: Container) -> None:
    client = TestClient(create_app(vault))
    status = client.get("/portal/requests/status/tok%00en")
    assert status.status_code == 422 and status.headers["content-type"].startswith("text/html")
    form = client.get("/portal/requests?lang=en")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert csrf is not None
    for bad in ("a\x00b", "a\uffffb"):
        data = {"csrf": csrf[1], "kind": "disclosure", "email": "a@example.jp", "details": bad}
        filed = client.post("/portal/requests?lang=en", data=data, follow_redirects=False)
        assert filed.status_code == 422 and filed.headers["content-type"].startswith("text/html")
    assert vault.requests.queue(system_actor("t"), open_only=False, overdue_only=False) == []


def test_the_console_answers_a_page_and_changes_nothing(vault: Container) -> None:
    actor = system_actor("test")
    vault.operators.create("sato", "佐藤 窓口", Role.desk, None, PASSWORD, actor)
    client = TestClient(create_app(vault))
    login = re.search(r'name="csrf" value="([^"]+)"', client.get("/console/login").text)
    assert login is not None
    home = client.post("/console/login", data={"login": "sato", "password": PASSWORD, "csrf": login[1]})
    csrf = re.search(r'name="csrf" value="([^"]+)"', home.text)
    assert csrf is not None
    form = {"csrf": csrf[1], "kind": "disclosure", "channel": "post", "name": "山田", "details": "a\x00b"}
    intake = client.post("/console/requests/new", data=form)
    assert intake.status_code == 422 and intake.headers["content-type"].startswith("text/html")
    assert vault.requests.queue(actor, open_only=False, overdue_only=False) == []
    filed = client.post("/console/requests/new", data=form | {"details": "ok"})
    request_id = re.search(r'id="request-id">(rq_[0-9a-f]+)<', filed.text)
    assert filed.status_code == 201 and request_id is not None
    rejected = client.post(f"/console/requests/{request_id[1]}/rejection", data={"csrf": csrf[1], "reason": "a\x00"})
    assert rejected.status_code == 422 and rejected.headers["content-type"].startswith("text/html")
    assert vault.requests.get(request_id[1], actor).status is not Status.rejected
