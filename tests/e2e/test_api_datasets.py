"""/api/v1/datasets: access, plan, execute and read runs over HTTP, on hogo's store on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hogo.bootstrap import Container
from hogo.identity.policy import Role, system_actor
from hogo.ledger.loader import load_ledger_file
from hogo.web.app import create_app
from services import chinook_dir

ROOT = Path(__file__).resolve().parents[2]
LUIS = {"identities": [{"kind": "email", "value": "luisg@embraer.com.br"}]}


@pytest.fixture
def client(container: Container, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    copy = tmp_path / "chinook.sqlite"
    shutil.copyfile(chinook_dir() / "Chinook_Sqlite.sqlite", copy)
    copy.chmod(0o644)
    monkeypatch.setenv("HOGO_CHINOOK_URL", f"sqlite:///{copy}")
    container.ledger.apply(load_ledger_file(ROOT / "examples" / "chinook" / "ledger.yaml"), actor="test")
    return TestClient(create_app(container))


def auth(container: Container, role: Role) -> dict[str, str]:
    token = container.identity.create_key(f"test {role.value}", role, None, system_actor("test")).token
    return {"Authorization": f"Bearer {token}"}


def test_access_plan_execute_and_runs(client: TestClient, container: Container) -> None:
    officer = auth(container, Role.officer)
    listed = client.get("/api/v1/datasets", headers=officer)
    assert listed.status_code == 200 and listed.json()[0]["connected"] is True

    found = client.post("/api/v1/datasets/access", json=LUIS, headers=officer)
    assert found.status_code == 200
    tables = [r["table"] for r in found.json()["rows"]]
    assert tables.count("Customer") == 1 and tables.count("Invoice") == 7 and "Employee" not in tables

    planned = client.post(
        "/api/v1/datasets/plans", json={**LUIS, "kind": "erasure", "reference": "REQ-7"}, headers=officer
    )
    assert planned.status_code == 201, planned.text
    run = planned.json()
    assert run["status"] == "planned" and any(h["column"] == "Total" for h in run["holds"])

    done = client.post(f"/api/v1/datasets/runs/{run['id']}/execute", json={}, headers=officer)
    assert done.status_code == 200 and done.json()["status"] == "completed"
    assert client.get(f"/api/v1/datasets/runs/{run['id']}", headers=officer).json()["status"] == "completed"
    assert [r["id"] for r in client.get("/api/v1/datasets/runs", headers=officer).json()] == [run["id"]]
    assert client.post("/api/v1/datasets/access", json=LUIS, headers=officer).json()["rows"] == []


def test_the_desk_may_not_erase_and_an_unknown_run_is_404(client: TestClient, container: Container) -> None:
    desk = auth(container, Role.desk)
    refused = client.post("/api/v1/datasets/plans", json={**LUIS, "kind": "erasure", "reference": "R"}, headers=desk)
    assert refused.status_code == 403 and refused.json()["title"] == "forbidden"
    assert client.get("/api/v1/datasets/runs/dr_nope", headers=desk).status_code == 404
    assert client.post("/api/v1/datasets/access", json={"identities": []}, headers=desk).status_code == 422


def test_a_key_limited_to_contact_items_sees_only_contact_values(client: TestClient, container: Container) -> None:
    token = container.identity.create_key("crm", Role.application, ["contact"], system_actor("test")).token
    found = client.post("/api/v1/datasets/access", json=LUIS, headers={"Authorization": f"Bearer {token}"})
    assert found.status_code == 200
    customer = next(r for r in found.json()["rows"] if r["table"] == "Customer")
    assert {v["item"] for v in customer["values"]} == {"address", "postal-code", "phone", "email"}
