"""Requests over real HTTP: the desk with an API key, the person with their link and a one-time code."""

from __future__ import annotations

import csv
import io
import re

import httpx
import pytest
from fastapi.testclient import TestClient

from hogo import bootstrap
from hogo.adapters.mail import MemoryMailer
from hogo.bootstrap import Container
from hogo.identity.policy import Role, system_actor
from hogo.web.app import create_app


@pytest.fixture
def base(live_url: str) -> str:
    return f"{live_url}/api/v1"


def bearer(vault: Container, role: Role) -> dict[str, str]:
    return {"Authorization": f"Bearer {vault.identity.create_key('t', role, None, system_actor('t')).token}"}


def test_the_person_files_verifies_and_downloads_over_http(vault: Container, outbox: MemoryMailer, base: str) -> None:
    desk = bearer(vault, Role.officer)
    with httpx.Client(base_url=base, timeout=10) as http:
        filed = http.post("/person-requests", json={"kind": "disclosure", "email": "hanako@example.jp"})
        assert filed.status_code == 201, filed.text
        token, request_id = filed.json()["token"], filed.json()["request"]["id"]
        assert filed.json()["status_url"].endswith(f"/portal/requests/status/{token}")
        code = re.search(r"\b(\d{6})\b", outbox.outbox[-1].body)
        assert code is not None
        wrong = http.post(
            f"/person-requests/{token}/code", json={"code": "000000" if code.group(1) != "000000" else "1"}
        )
        assert wrong.status_code == 422 and wrong.json()["title"] == "request-not-accepted"
        ok = http.post(f"/person-requests/{token}/code", json={"code": code.group(1)})
        assert ok.json()["status"] == "fee_pending" and ok.json()["fee_jpy"] == 500
        assert http.get(f"/requests/{request_id}").status_code == 401
        steps = [
            ("fee", {"method": "postal_money_order", "amount_jpy": 500}),
            ("decision", {"outcome": "full"}),
            ("fulfilment", {}),
        ]
        for step, body in steps:
            response = http.post(f"/requests/{request_id}/{step}", json=body, headers=desk)
            assert response.status_code == 200, response.text
        assert response.json()["status"] == "fulfilled"
        again = http.post(f"/requests/{request_id}/decision", json={"outcome": "full"}, headers=desk)
        assert again.status_code == 409 and again.json()["title"] == "request-transition-not-allowed"
        package = http.get(f"/person-requests/{token}/download").json()
        assert {r["item"]: r["value"] for r in package["records"]}["name"] == "山田 花子"
        table = http.get(f"/person-requests/{token}/download", params={"format": "csv"})
        rows = list(csv.reader(io.StringIO(table.content.decode("utf-8-sig"))))
        assert rows[1][:3] == ["record", "name", "氏名"]
        pdf = http.get(f"/person-requests/{token}/download", params={"format": "pdf"})
        assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
        tampered = token[:-2] + ("xx" if not token.endswith("xx") else "yy")
        assert http.get(f"/person-requests/{tampered}").status_code == 404
        assert http.get(f"/person-requests/{tampered}/download").status_code == 404


def test_the_desk_records_a_letter_and_answers_on_paper(vault: Container, outbox: MemoryMailer, base: str) -> None:
    desk = bearer(vault, Role.desk)
    with httpx.Client(base_url=base, timeout=10, headers=desk) as http:
        filed = http.post(
            "/requests",
            json={
                "kind": "correction",
                "channel": "post",
                "identifier": {"kind": "email", "value": "hanako@example.jp"},
                "contact": {
                    "name": "山田 花子",
                    "postal_code": "100-0005",
                    "postal_address": "東京都千代田区丸の内2-2-2",
                },
            },
        )
        assert filed.status_code == 201, filed.text
        request_id = filed.json()["request"]["id"]
        bad = http.post(f"/requests/{request_id}/identity", json={"document": "passport", "reference": "123456789012"})
        assert bad.status_code == 422
        ok = http.post(f"/requests/{request_id}/identity", json={"document": "drivers_licence"})
        assert ok.json()["status"] == "in_review" and ok.json()["fee_jpy"] == 0
        refused = {"outcome": "refused", "ground": "content_not_untrue", "reason": "登録内容は正確でした"}
        assert http.post(f"/requests/{request_id}/decision", json=refused).json()["article"] == "Art. 34(1)"
        answered = http.post(f"/requests/{request_id}/fulfilment", json={}).json()
        assert (answered["status"], answered["measures"]["notified_by"]) == ("answered", "letter")
        letter = http.get(f"/requests/{request_id}/letter")
        assert letter.status_code == 200 and letter.content.startswith(b"%PDF")
        queue = http.get("/requests", params={"all": "true"}).json()
        assert [r["id"] for r in queue] == [request_id]
        app_key = bearer(vault, Role.application)
        assert http.get("/requests", headers=app_key).status_code == 403


def test_anonymous_filing_over_the_api_is_rate_limited(outbox: MemoryMailer, base: str) -> None:
    with httpx.Client(base_url=base, timeout=10) as http:
        codes = [
            http.post("/person-requests", json={"kind": "disclosure", "email": "x@example.jp"}).status_code
            for _ in range(6)
        ]
        assert codes == [201] * 5 + [429]


def test_two_servers_on_one_store_count_filings_together(vault: Container, outbox: MemoryMailer) -> None:
    """Two processes behind a load balancer are two containers on one store: the sixth filing from one address is
    refused whichever of them it reaches (the counts live in the store, not in either process)."""
    other = bootstrap.build(vault.settings, vault.clock)
    other.outbox.mailer = outbox
    try:
        first, second = TestClient(create_app(vault)), TestClient(create_app(other))
        body = {"kind": "disclosure", "email": "x@example.jp"}
        codes = [(first if i % 2 else second).post("/api/v1/person-requests", json=body).status_code for i in range(6)]
        assert codes == [201] * 5 + [429]
        assert first.post("/api/v1/person-requests", json=body).status_code == 429
    finally:
        other.close()


def test_the_status_link_goes_only_to_a_filer_cleared_for_every_item(vault: Container, outbox: MemoryMailer) -> None:
    """The link opens the person's whole disclosure: a key cleared for some categories gets no token (the person
    gets the link by the acknowledgement mail); a key cleared for all gets it to hand on."""
    client = TestClient(create_app(vault))
    actor = system_actor("test")
    narrow = vault.identity.create_key("desk-narrow", Role.desk, ["identity"], actor).token
    wide = vault.identity.create_key("desk-wide", Role.desk, None, actor).token
    body = {
        "kind": "disclosure",
        "channel": "post",
        "identifier": {"kind": "email", "value": "hanako@example.jp"},
        "contact": {"email": "hanako@example.jp"},
    }
    refused = client.post("/api/v1/requests", json=body, headers={"Authorization": f"Bearer {narrow}"}).json()
    assert (refused["token"], refused["status_url"]) == (None, None)
    assert "/portal/requests/status/" in outbox.outbox[-1].body  # the person still gets it
    given = client.post("/api/v1/requests", json=body, headers={"Authorization": f"Bearer {wide}"}).json()
    assert given["token"] and given["status_url"].endswith(given["token"])
