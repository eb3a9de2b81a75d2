"""The developer's path over real HTTP: record a person, decide, consent, withdraw, read, audit — via the client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from live_server import live_server

from hogo.bootstrap import Container
from hogo.client import HogoClient, HogoError
from hogo.identity.policy import Role, system_actor
from hogo.web.app import create_app


@pytest.fixture
def server(vault: Container) -> Iterator[str]:
    with live_server(create_app(vault)) as url:
        yield url


def key(vault: Container, role: Role, categories: list[str] | None = None) -> str:
    return vault.identity.create_key(f"test {role.value}", role, categories, system_actor("test")).token


def test_record_decide_consent_withdraw_read_and_verify(vault: Container, server: str) -> None:
    with HogoClient(server, key(vault, Role.officer)) as hogo:
        person = hogo.record(
            "customer",
            channel="web-order",
            values={"name": "高橋 美咲", "email": "misaki@example.jp"},
            identifiers=[("email", "Misaki@Example.jp")],
        )
        pid = person["person_id"]
        assert person["created"] and {r["item"] for r in person["records"]} == {"name", "email"}
        assert hogo.find("email", "misaki@example.jp") == pid

        allowed = hogo.may_use(pid, ["name", "email"], "service")
        assert (allowed["allowed"], allowed["reason"], allowed["article"]) == (True, "notified-purpose", "Art. 18(1)")
        denied = hogo.may_use(pid, ["email"], "newsletter")
        assert (denied["allowed"], denied["reason"]) == (False, "purpose-not-notified")
        assert "同意" in denied["message"]["ja"]

        consent = hogo.consent(pid, "purpose", "newsletter", "web_checkbox", evidence="form newsletter-v3")
        assert hogo.may_use(pid, ["email"], "newsletter")["reason"] == "consented-purpose"
        receipt = hogo.receipt(consent["id"])
        assert receipt["piiPrincipalId"] == pid and receipt["jurisdiction"] == "JP"
        hogo.withdraw(consent["id"], "web_checkbox")
        assert hogo.may_use(pid, ["email"], "newsletter")["reason"] == "consent-withdrawn"

        read = hogo.read(pid, ["name"], "service")
        assert read["values"] == {"name": "高橋 美咲"}

        events = hogo.audit_events()
        actions = {e["action"] for e in events}
        assert {"person.created", "consent.given", "consent.withdrawn", "records.read", "usage.decided"} <= actions
        decided = sum(len(e["data"]["decisions"]) for e in events if e["action"] == "usage.decided")
        assert decided == 5  # four decisions and the read's
        assert hogo.verify_audit()["ok"]


def test_errors_are_problems_without_personal_data(vault: Container, server: str) -> None:
    with HogoClient(server, key(vault, Role.application, ["identity"])) as app:
        with pytest.raises(HogoError) as caught:
            app.record("customer", channel="web-order", values={"email": "not-an-email-7731"})
        assert caught.value.status == 422 and caught.value.code == "acquisition-rejected"
        assert "7731" not in str(caught.value) + str(caught.value.problems)
        with pytest.raises(HogoError) as caught:
            app._call(
                "POST", "/persons", {"subject_kind": "customer", "channel": "web-order", "values": {}, "x": "秘密7731"}
            )
        assert caught.value.status == 422 and "7731" not in str(caught.value) + str(caught.value.problems)
        pid = app.record("customer", channel="web-order", values={"name": "伊藤 蓮", "email": "ren@example.jp"})[
            "person_id"
        ]
        read = app.read(pid, ["name", "email"], "service")
        assert read["values"] == {} and read["decision"]["reason"] == "role-not-cleared"
        assert app.read(pid, ["name"], "service")["values"] == {"name": "伊藤 蓮"}
        for call in (app.audit_events, app.verify_audit):
            with pytest.raises(HogoError) as caught:
                call()
            assert caught.value.status == 403
    with HogoClient(server, "hogo_knope_wrong") as stranger, pytest.raises(HogoError) as caught:
        stranger.may_use("p_x", ["name"], "service")
    assert caught.value.status == 401


def test_a_tampered_event_is_named_with_its_kind(vault: Container, server: str) -> None:
    from sqlalchemy import text

    with HogoClient(server, key(vault, Role.auditor)) as auditor:
        assert auditor.verify_audit() == {"ok": True, "events": 2, "broken": None}  # ledger applied, key created
        with vault.engine.begin() as conn:
            conn.execute(text("UPDATE audit_events SET actor = 'someone-else' WHERE seq = 2"))
        broken = auditor.verify_audit()
    assert (broken["ok"], broken["broken"]["seq"], broken["broken"]["kind"]) == (False, 2, "altered")


def test_the_checkpoint_and_an_event_s_proof_over_http(vault: Container, server: str) -> None:
    import httpx

    from hogo.audit.checkpoints import verify_bundle
    from hogo.audit.keys import AuditKeyFile

    auditor = {"Authorization": f"Bearer {key(vault, Role.auditor)}"}
    desk = {"Authorization": f"Bearer {key(vault, Role.desk)}"}
    with httpx.Client(base_url=server, timeout=10) as http:
        none_yet = http.get("/api/v1/audit/checkpoint", headers=auditor)
        assert none_yet.status_code == 404 and "no checkpoint" in none_yet.json()["detail"]
        AuditKeyFile(vault.settings.key_file.with_name("hogo-audit.key")).create("api.example/audit")
        written = vault.checkpoints.write()
        got = http.get("/api/v1/audit/checkpoint", headers=auditor)
        assert got.status_code == 200 and got.text == written.note and got.headers["content-type"].startswith("text/")
        proof = http.get("/api/v1/audit/proofs/2", headers=auditor)
        assert proof.status_code == 200 and verify_bundle(proof.json(), vault.checkpoints.keys.verifiers()).size == 3
        beyond = http.get(f"/api/v1/audit/proofs/{written.size + 1}", headers=auditor)
        assert beyond.status_code == 404 and "no checkpoint holds event" in beyond.json()["detail"]
        assert http.get("/api/v1/audit/proofs/2", headers=desk).status_code == 403
