"""The console's pages of dataset runs: each dataset's step and outcome, and the holds, after an erasure."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from hogo import bootstrap
from hogo.datasets.policy import Identity
from hogo.identity.policy import Actor, Role
from hogo.web.app import create_app

PASSWORD = "a long officer password"


@pytest.mark.parametrize("chinook_url", ["sqlite"], indirect=True)
def test_the_console_shows_each_datasets_step_and_the_holds(store: bootstrap.Container, admin: Actor) -> None:
    plan = store.datasets.plan_erasure([Identity("email", "luisg@embraer.com.br")], "REQ-9", admin)
    done = store.datasets.execute(plan.id, admin)
    store.operators.create("kimura", "木村 管理者", Role.officer, None, PASSWORD, admin)
    with TestClient(create_app(store)) as client:
        login = client.get("/console/login")
        csrf = login.text.split('name="csrf" value="')[1].split('"')[0]
        signed = client.post(
            "/console/login", data={"login": "kimura", "password": PASSWORD, "csrf": csrf}, follow_redirects=False
        )
        assert signed.status_code == 303
        listing = client.get("/console/datasets/runs")
        assert listing.status_code == 200 and plan.id in listing.text and "REQ-9" in listing.text
        assert "connected" in listing.text
        page = client.get(f"/console/datasets/runs/{plan.id}")
    assert page.status_code == 200
    assert 'id="run-status">completed<' in page.text
    for step in done.steps:
        assert f'data-dataset="{step.dataset}"' in page.text
    assert "消費税法" in page.text and "Invoice.Total" in page.text
    assert "luisg" not in page.text.lower()  # places and counts, never the person's values
