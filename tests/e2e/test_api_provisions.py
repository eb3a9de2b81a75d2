"""The provision gate over HTTP: provide (allowed and refused), records, suspensions, checks, receipts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from hogo.bootstrap import Container
from hogo.identity.policy import Role, system_actor
from hogo.web.app import create_app


@pytest.fixture
def api(provisioning: Container) -> Iterator[TestClient]:
    with TestClient(create_app(provisioning)) as client:
        yield client


def headers(c: Container, role: Role) -> dict[str, str]:
    token = c.identity.create_key(f"test {role.value}", role, None, system_actor("test")).token
    return {"Authorization": f"Bearer {token}"}


def post(api: TestClient, auth: dict[str, str], path: str, body: dict[str, Any], code: int = 200) -> Any:
    response = api.post(f"/api/v1{path}", json=body, headers=auth)
    assert response.status_code == code, response.text
    return response.json()


def test_provide_refuse_consent_record_and_disclose_over_http(provisioning: Container, api: TestClient) -> None:
    auth = headers(provisioning, Role.officer)
    values = {"name": "高橋 美咲", "email": "misaki@example.jp", "phone": "090-1111-2222"}
    pid = post(api, auth, "/persons", {"subject_kind": "customer", "channel": "web-order", "values": values}, 201)[
        "person_id"
    ]
    delivery = post(
        api,
        auth,
        "/provisions",
        {
            "person_ids": [pid],
            "items": ["name", "phone"],
            "recipient": "delivery",
            "basis": "entrustment",
            "purpose": "service",
        },
    )
    [outcome] = delivery["outcomes"]
    assert (delivery["provided"], outcome["decision"]["reason"], outcome["record_id"]) == (1, "entrusted", None)
    assert outcome["values"]["name"] == "高橋 美咲"
    body = {"person_ids": [pid], "items": ["name", "email"], "recipient": "partner-shop", "basis": "consent"}
    refused = post(api, auth, "/provisions", body)
    decision = refused["outcomes"][0]["decision"]
    assert (refused["refused"], decision["allowed"], decision["reason"], decision["article"]) == (
        1,
        False,
        "consent-missing",
        "Art. 27(1)",
    )
    assert "同意" in decision["message"]["ja"] and refused["outcomes"][0]["values"] == {}
    post(
        api,
        auth,
        f"/persons/{pid}/consents",
        {"kind": "provision", "target": "partner-shop", "method": "web_checkbox"},
        201,
    )
    allowed = post(api, auth, "/provisions", body)["outcomes"][0]
    assert allowed["decision"]["record"] == "consent" and allowed["values"]["email"] == "misaki@example.jp"
    records = api.get(f"/api/v1/persons/{pid}/provision-records", headers=auth).json()
    assert [r["id"] for r in records] == [allowed["record_id"]]
    assert set(records[0]["fields"]) == {"consent_obtained", "recipient", "person", "items"}
    listed = api.get("/api/v1/provisions/records", params={"counterpart": "partner-shop"}, headers=auth).json()
    assert [r["id"] for r in listed] == [allowed["record_id"]]

    suspension = post(api, auth, f"/persons/{pid}/provision-suspensions", {"reference": "REQ-2026-0100"}, 201)
    assert post(api, auth, "/provisions", body)["outcomes"][0]["decision"]["reason"] == "provision-suspended"
    lifted = api.delete(f"/api/v1/persons/{pid}/provision-suspensions/{suspension['id']}", headers=auth)
    assert lifted.status_code == 200 and lifted.json()["lifted_at"] is not None
    assert post(api, auth, "/provisions", body)["outcomes"][0]["decision"]["allowed"]


def test_checks_receipts_and_errors_over_http(provisioning: Container, api: TestClient) -> None:
    auth = headers(provisioning, Role.officer)
    check = {"kind": "foreign", "recipient": "us-cloud", "checked_on": "2026-11-01", "passed": False, "findings": "F-1"}
    post(api, auth, "/provisions/checks", check, 201)
    state = api.get("/api/v1/provisions/checks/foreign/us-cloud", headers=auth).json()
    assert state["state"]["status"] == "failed" and [c["passed"] for c in state["checks"]] == [False]
    assert api.get("/api/v1/provisions/checks/foreign/nobody", headers=auth).status_code == 404

    pid = post(
        api, auth, "/persons", {"subject_kind": "customer", "channel": "web-order", "values": {"name": "X"}}, 201
    )["person_id"]
    receipt = {
        "person_id": pid,
        "items": ["name"],
        "route": "non_business",
        "provider": {"id": "neighbour", "name": "個人", "acquisition_history": "本人から直接", "business": False},
    }
    record = post(api, auth, "/provisions/receipts", receipt, 201)
    assert (record["direction"], record["route"]) == ("in", "non_business")
    bad = post(api, auth, "/provisions/receipts", {**receipt, "route": "consent"}, 422)
    assert bad["title"] == "invalid-input"
    none = {"person_ids": ["p_nobody"], "items": ["name"], "recipient": "partner-shop", "basis": "consent"}
    assert post(api, auth, "/provisions", none, 404)["title"] == "not-found"
    desk = headers(provisioning, Role.desk)
    body = {"person_ids": [pid], "items": ["name"], "recipient": "partner-shop", "basis": "consent"}
    assert post(api, desk, "/provisions", body, 403)["title"] == "forbidden"
    assert post(api, auth, "/provisions", {**body, "basis": "friendship"}, 422)["title"] == "invalid-request"


def test_the_gate_hands_out_only_items_of_the_categories_the_key_is_cleared_for(
    provisioning: Container, api: TestClient
) -> None:
    officer = headers(provisioning, Role.officer)
    values = {"name": "高橋 美咲", "email": "misaki@example.jp", "phone": "090-1111-2222"}
    body = {"subject_kind": "customer", "channel": "web-order", "values": values}
    pid = post(api, officer, "/persons", body, 201)["person_id"]
    shop = provisioning.identity.create_key(
        "shop", Role.application, ["identity", "transaction"], system_actor("test")
    ).token
    auth = {"Authorization": f"Bearer {shop}"}
    ask = {"person_ids": [pid], "items": ["name", "phone"], "recipient": "delivery", "basis": "entrustment"}
    refused = post(api, auth, "/provisions", {**ask, "purpose": "service"}, 403)
    assert refused["title"] == "forbidden" and "phone" in refused["detail"] and "090" not in str(refused)
    assert provisioning.audit.events(action_prefix="provision.") == []
    allowed = post(api, auth, "/provisions", {**ask, "items": ["name"], "purpose": "service"})
    assert allowed["outcomes"][0]["values"] == {"name": "高橋 美咲"}
