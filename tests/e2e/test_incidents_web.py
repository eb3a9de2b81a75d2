"""Incidents over HTTP on SQLite and PostgreSQL: the API (status codes and bodies, the PDF read back), the console
pages (register, one incident, a report, the dashboard's red overdue line), and the portal (the announcement, the
person's status saying they are affected)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader
from test_console_request_pages import PASSWORD, signed_in

from hogo.adapters.mail import MemoryMailer
from hogo.audit.checkpoints import verify_bundle
from hogo.audit.keys import AuditKeyFile
from hogo.bootstrap import Container
from hogo.clock import FixedClock
from hogo.identity.policy import Role, system_actor
from hogo.web.app import create_app

LEAK = {
    "kind": "misdirected_mail",
    "aware_at": "2026-11-20T09:00:00+09:00",
    "occurred_at": "2026-11-19T18:00:00+09:00",
    "description": "顧客名簿を取引先に誤送信した",
    "items": ["name", "email"],
    "subject_kinds": ["customer"],
    "wrongful_purpose": True,
}


@pytest.fixture
def officer_key(vault: Container, outbox: MemoryMailer) -> str:
    return vault.identity.create_key("officer app", Role.officer, None, system_actor("test")).token


@pytest.fixture
def client(vault: Container, outbox: MemoryMailer) -> Iterator[TestClient]:
    vault.operators.create("tanaka", "田中 管理者", Role.officer, None, PASSWORD, system_actor("test"))
    vault.operators.create("sato", "佐藤 窓口", Role.desk, None, PASSWORD, system_actor("test"))
    with TestClient(create_app(vault)) as test_client:
        yield test_client


def test_the_api_records_assesses_reports_files_once_and_notifies(
    client: TestClient, officer_key: str, outbox: MemoryMailer
) -> None:
    auth = {"Authorization": f"Bearer {officer_key}"}
    made = client.post("/api/v1/incidents", json=LEAK, headers=auth)
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["status"] == "assessed" and body["assessment"]["decision"]["outcome"] == "reportable"
    assert {(r["kind"], r["due_on"]) for r in body["reports"]} == {
        ("preliminary", "2026-11-24"),
        ("final", "2027-01-18"),  # Rule 7(3): 60 days
    }
    incident = body["id"]
    preliminary = next(r["id"] for r in body["reports"] if r["kind"] == "preliminary")
    report = client.get(f"/api/v1/incidents/{incident}/reports/{preliminary}", headers=auth).json()
    assert report["items"]["3"].startswith("1人") and "Rule 7(3)" in report["items"]["1"]
    pdf = client.get(f"/api/v1/incidents/{incident}/reports/{preliminary}/pdf", headers=auth)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "個人データの漏えい等事案に関する報告（速報）" in text and "■速報" in text
    filed = client.post(
        f"/api/v1/incidents/{incident}/reports/{preliminary}/filing", json={"reference": "R-1"}, headers=auth
    )
    assert filed.status_code == 200 and filed.json()["state"] == "filed"
    twice = client.post(
        f"/api/v1/incidents/{incident}/reports/{preliminary}/filing", json={"reference": "R-2"}, headers=auth
    )
    assert twice.status_code == 409 and twice.json()["title"] == "incident-report-already-filed"
    told = client.post(f"/api/v1/incidents/{incident}/notices", headers=auth)
    assert told.status_code == 200 and told.json()["mailed"] == 1
    assert outbox.outbox[-1].to == "hanako@example.jp" and "個人情報の漏えい等" in outbox.outbox[-1].subject
    late = dict(LEAK, aware_at="2026-11-21T09:00:00+09:00")
    refused = client.post("/api/v1/incidents", json=late, headers=auth)
    assert refused.status_code == 422 and refused.json()["title"] == "incident-aware-in-future"
    assert client.get("/api/v1/incidents", headers=auth).json()[0]["id"] == incident  # nothing else stored


def test_the_desk_key_may_not_handle_incidents(client: TestClient, vault: Container) -> None:
    desk = vault.identity.create_key("desk app", Role.desk, None, system_actor("test")).token
    refused = client.post("/api/v1/incidents", json=LEAK, headers={"Authorization": f"Bearer {desk}"})
    assert refused.status_code == 403


def test_the_console_walks_an_incident_and_the_dashboard_turns_red(
    client: TestClient, vault: Container, outbox: MemoryMailer
) -> None:
    csrf = signed_in(client, "tanaka")
    assert 'href="/console/incidents"' in client.get("/console/").text
    form = {
        "csrf": csrf,
        "kind": "stolen_device",
        "aware_at": "2026-11-20T08:30",
        "occurred_at": "2026-11-19T22:00",
        "found_by": "staff",
        "description": "営業のノートPCが盗まれた",
        "items": ["name", "email", "phone"],
        "subject_kinds": ["customer"],
    }
    made = client.post("/console/incidents/new", data=form)
    assert made.status_code == 200, made.text  # followed the 303 to the incident's page
    incident = re.search(r'id="incident-id">(inc_[0-9a-f]+)<', made.text)
    assert incident is not None
    iid = incident.group(1)
    assert 'data-outcome="reportable"' in made.text and "規則第7条第3号" in made.text
    assert "2026-11-24" in made.text and "2027-01-18" in made.text
    assert 'data-action="reported"' in made.text and 'data-action="assessed"' in made.text
    report = re.search(rf'href="/console/incidents/{iid}/reports/(ir_[0-9a-f]+)">速報', made.text)
    assert report is not None
    page = client.get(f"/console/incidents/{iid}/reports/{report.group(1)}")
    assert page.status_code == 200 and "1．概要" in page.text and "営業のノートPCが盗まれた" in page.text
    saved = client.post(
        f"/console/incidents/{iid}/reports/{report.group(1)}", data={"csrf": csrf, "item_4": "車上荒らし"}
    )
    assert saved.status_code == 200 and 'id="version">1<' in saved.text and "車上荒らし" in saved.text
    told = client.post(f"/console/incidents/{iid}/notices", data={"csrf": csrf})
    assert "送信済み" in told.text and len(outbox.outbox) == 1
    clock = vault.clock
    assert isinstance(clock, FixedClock)
    clock.advance(dt.timedelta(days=5))  # 11-25: the 速報 is overdue
    csrf = signed_in(client, "tanaka")  # the session of five days ago has ended
    home = client.get("/console/")
    assert 'class="incident-overdue"' in home.text and "期限超過" in home.text
    filed = client.post(
        f"/console/incidents/{iid}/reports/{report.group(1)}/filing", data={"csrf": csrf, "reference": "PPC-0001"}
    )
    assert filed.status_code == 200 and 'data-state="filed"' in filed.text
    again = client.post(
        f"/console/incidents/{iid}/reports/{report.group(1)}/filing", data={"csrf": csrf, "reference": "PPC-0002"}
    )
    assert again.status_code == 409 and "already filed" in again.text
    assert 'class="incident-overdue"' not in client.get("/console/").text


def test_the_portal_announces_and_the_person_sees_they_are_affected(
    client: TestClient, vault: Container, officer_key: str, outbox: MemoryMailer
) -> None:
    auth = {"Authorization": f"Bearer {officer_key}"}
    incident = client.post("/api/v1/incidents", json=LEAK, headers=auth).json()["id"]
    assert client.get(f"/portal/incidents/{incident}").status_code == 404  # not announced yet
    client.post(f"/api/v1/incidents/{incident}/announcement", json={"text": "誤送信についてのお詫び"}, headers=auth)
    page = client.get(f"/portal/incidents/{incident}")
    assert page.status_code == 200 and "誤送信についてのお詫び" in page.text and "個人情報お問い合わせ窓口" in page.text
    filed = client.post("/api/v1/person-requests", json={"kind": "disclosure", "email": "hanako@example.jp"})
    token = filed.json()["token"]
    code = re.search(r"\b(\d{6})\b", outbox.outbox[-1].body)
    assert code is not None
    status = client.post(f"/api/v1/person-requests/{token}/code", json={"code": code.group(1)})
    assert status.json()["incidents"] == [incident]
    html = client.get(f"/portal/requests/status/{token}").text
    assert f"/portal/incidents/{incident}" in html and "漏えい等" in html
    proof_path = f"/portal/requests/status/{token}/incidents/{incident}/audit-proof"
    assert f'href="{proof_path}"' in html
    assert client.get(proof_path).status_code == 404  # no notice delivered to her yet
    AuditKeyFile(vault.settings.key_file.with_name("hogo-audit.key")).create("portal.example/audit")
    client.post(f"/api/v1/incidents/{incident}/notices", headers=auth)
    assert client.get(proof_path).json()["inclusion"] is None  # delivered, not yet in a checkpoint
    vault.checkpoints.write()
    proof = client.get(proof_path).json()
    assert json.loads(proof["inclusion"]["body"])["action"] == "incident.notice_delivered"
    assert verify_bundle(proof["inclusion"], vault.checkpoints.keys.verifiers()).origin == "portal.example/audit/1"
    assert client.get(f"/portal/requests/status/{token}/incidents/inc_other/audit-proof").status_code == 404
