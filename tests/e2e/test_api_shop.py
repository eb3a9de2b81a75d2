"""/api/v1/datasets on the shop database (tests/shop_support.py, SQLite): a plan whose keys are timestamps and
bytes, and whose shared delivery address is held, read back over HTTP."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hogo.bootstrap import Container
from hogo.identity.policy import Role, system_actor
from hogo.ledger.loader import load_ledger_text
from hogo.web.app import create_app
from shop_support import AIKO, create_shop, shop_ledger


@pytest.fixture
def client(container: Container, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    url = f"sqlite:///{tmp_path / 'shop.sqlite'}"
    create_shop(url)
    monkeypatch.setenv("HOGO_SHOP_URL", url)
    container.ledger.apply(load_ledger_text(shop_ledger(), source="shop.yaml"), actor="test")
    return TestClient(create_app(container))


def test_a_plan_with_typed_keys_and_a_shared_row_over_http(client: TestClient, container: Container) -> None:
    token = container.identity.create_key("test officer", Role.officer, None, system_actor("test")).token
    officer = {"Authorization": f"Bearer {token}"}
    aiko = {"identities": [{"kind": "email", "value": AIKO}]}
    found = client.post("/api/v1/datasets/access", json=aiko, headers=officer)
    assert found.status_code == 200, found.text
    assert {"serial": "00ff"} in [r["key"] for r in found.json()["rows"] if r["table"] == "vouchers"]
    planned = client.post("/api/v1/datasets/plans", json={**aiko, "kind": "erasure", "reference": "R"}, headers=officer)
    assert planned.status_code == 201, planned.text
    assert planned.json()["shared"] == [
        {
            "dataset": "shop",
            "table": "addresses",
            "key_columns": ["id"],
            "keys": [[100]],
            "others": ["customers"],
            "where": '"id" IN (100)',
        }
    ]
    run = client.get(f"/api/v1/datasets/runs/{planned.json()['id']}", headers=officer).json()
    assert any("2024-05-01 10:00:00.123456" in s["sql"] for s in run["steps"][0]["statements"])


def test_a_plan_for_some_items_and_a_named_action_over_http(client: TestClient, container: Container) -> None:
    token = container.identity.create_key("test officer", Role.officer, None, system_actor("test")).token
    officer = {"Authorization": f"Bearer {token}"}
    aiko = {"identities": [{"kind": "email", "value": AIKO}], "kind": "erasure", "reference": "R"}
    planned = client.post("/api/v1/datasets/plans", json={**aiko, "items": ["phone"]}, headers=officer)
    assert planned.status_code == 201, planned.text
    assert [s["sql"] for s in planned.json()["steps"][0]["statements"]] == [
        'UPDATE "customers" SET "phone" = NULL WHERE "id" IN (1)'
    ]
    refused = client.post("/api/v1/datasets/plans", json={**aiko, "actions": {"phone": "mask"}}, headers=officer)
    assert refused.status_code == 422 and "phone: mask" in refused.text
