"""SQLite's single writer: a write that cannot get the lock within its budget is answered 503 with Retry-After
(problem+json on the API, a page on the portal), and nothing is written; a lock released within the budget is
waited for."""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hogo import bootstrap
from hogo.clock import FixedClock
from hogo.db import migrate
from hogo.identity.policy import Role, system_actor
from hogo.ledger.loader import load_ledger_text
from hogo.settings import Settings
from hogo.web.app import create_app

PERSON = {"subject_kind": "customer", "channel": "web-order", "values": {"name": "山田 花子"}}


@pytest.fixture
def store(tmp_path: Path, clock: FixedClock, key_file: Path, vault_yaml: str) -> Iterator[bootstrap.Container]:
    url = f"sqlite:///{tmp_path / 'hogo.db'}"
    settings = Settings(database_url=url, key_file=key_file, decision_flush_seconds=3600, sqlite_busy_seconds=0.5)
    built = bootstrap.build(settings, clock)
    migrate.upgrade(built.engine)
    built.ledger.apply(load_ledger_text(vault_yaml, source="vault.yaml"), actor="test")
    try:
        yield built
    finally:
        built.close()


def hold_write_lock(store: bootstrap.Container) -> sqlite3.Connection:
    """Another process's writer: a connection of its own on the file, inside BEGIN IMMEDIATE."""
    other = sqlite3.connect(str(store.engine.url.database), isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    return other


def api(store: bootstrap.Container) -> TestClient:
    token = store.identity.create_key("app", Role.application, None, system_actor("t")).token
    return TestClient(create_app(store), headers={"Authorization": f"Bearer {token}"})


def test_a_write_that_cannot_get_the_lock_is_a_503_with_retry_after(store: bootstrap.Container) -> None:
    client = api(store)
    other = hold_write_lock(store)
    try:
        started = time.monotonic()
        response = client.post("/api/v1/persons", json=PERSON)
        waited = time.monotonic() - started
    finally:
        other.rollback()
        other.close()
    assert response.status_code == 503 and response.headers["retry-after"] == "2"
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "busy" and 0.4 < waited < 5
    assert store.subjects.count() == 0 and store.audit.events(action_prefix="person.") == []
    assert client.post("/api/v1/persons", json=PERSON).status_code == 201  # the lock is free again


def test_the_portal_says_busy_on_a_page(store: bootstrap.Container) -> None:
    client = TestClient(create_app(store))
    form = client.get("/portal/requests?lang=en").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', form)
    assert csrf is not None
    other = hold_write_lock(store)
    try:
        response = client.post(
            "/portal/requests?lang=en", data={"csrf": csrf[1], "kind": "disclosure", "email": "a@example.jp"}
        )
    finally:
        other.rollback()
        other.close()
    assert response.status_code == 503 and response.headers["retry-after"] == "2"
    assert response.headers["content-type"].startswith("text/html") and "try again" in response.text


def test_a_lock_released_within_the_budget_is_waited_for(store: bootstrap.Container) -> None:
    client = api(store)
    other = hold_write_lock(store)
    releaser = threading.Timer(0.3, lambda: (other.rollback(), other.close()))
    releaser.start()
    response = client.post("/api/v1/persons", json=PERSON)
    releaser.join()
    assert response.status_code == 201 and store.subjects.count() == 1
