"""Retention from the shell and over HTTP (SQLite and PostgreSQL): an application records that a contract ended,
the officer previews and runs the sweep as of a later day, reverses a mistaken event, sets a litigation hold; the
desk may record events but not run the sweep."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader
from typer.testing import CliRunner

from hogo.bootstrap import Container
from hogo.cli.main import app
from hogo.identity.policy import Role, system_actor
from hogo.ledger.loader import load_ledger_text
from hogo.web.app import create_app
from retention_support import applicant, customer, retention_ledger


@pytest.fixture
def kept(container: Container, monkeypatch: pytest.MonkeyPatch) -> Container:
    container.ledger.apply(load_ledger_text(retention_ledger(), source="vault.yaml"), actor="test")
    monkeypatch.setenv("HOGO_DATABASE_URL", container.settings.database_url)
    monkeypatch.setenv("HOGO_KEY_FILE", str(container.settings.key_file))
    return container


def _key(c: Container, role: Role) -> dict[str, str]:
    token = c.identity.create_key(f"test {role.value}", role, None, system_actor("test")).token
    return {"Authorization": f"Bearer {token}"}


def test_the_cli_records_previews_runs_and_does_nothing_the_second_time(kept: Container, tmp_path: object) -> None:
    admin = system_actor("test")
    person = customer(kept, admin, 1)
    cli = CliRunner()
    made = cli.invoke(
        app,
        [
            "retention",
            "events",
            "record",
            "--event",
            "contract-ended",
            "--email",
            "customer1@example.jp",
            "--at",
            "2026-12-01",
        ],
    )
    assert made.exit_code == 0, made.output
    assert f"contract-ended of {person} at 2026-12-01 00:00 JST" in made.stdout
    listed = cli.invoke(app, ["retention", "events", "list"])
    assert person in listed.stdout and "contract-ended" in listed.stdout
    before = cli.invoke(app, ["retention", "preview", "--as-of", "2027-11-30"])
    assert "customer-data" in before.stdout and "due 0 person(s)" in before.stdout
    after = cli.invoke(app, ["retention", "preview", "--as-of", "2027-12-02"])
    assert "due 1 person(s), 2 vault record(s)" in after.stdout
    run = cli.invoke(app, ["retention", "run", "--as-of", "2027-12-02"])
    assert run.exit_code == 0, run.output
    assert "completed" in run.stdout and "disposed 1 (vault records 2)" in run.stdout
    again = cli.invoke(app, ["retention", "run", "--as-of", "2027-12-02"])
    assert again.stdout.startswith("nothing due")
    sweep = kept.retention.service.sweeps(admin)[0].id
    out = tmp_path / "cert.pdf"  # type: ignore[operator]
    cert = cli.invoke(app, ["retention", "certificate", sweep, "--out", str(out)])
    assert cert.exit_code == 0, cert.output
    assert "廃棄証明書" in PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()
    bad = cli.invoke(app, ["retention", "events", "record", "--event", "went-away", "--person", person])
    assert bad.exit_code == 1 and "error[invalid-input]: unknown event" in bad.stderr


def test_the_api_records_reverses_holds_previews_and_runs(kept: Container) -> None:
    admin = system_actor("test")
    person, other = customer(kept, admin, 1), applicant(kept, admin, 2)
    app_key, desk, officer = _key(kept, Role.application), _key(kept, Role.desk), _key(kept, Role.officer)
    with TestClient(create_app(kept)) as client:
        made = client.post(
            "/api/v1/retention/events",
            json={"email": "customer1@example.jp", "event": "contract-ended", "reference": "C-1"},
            headers=app_key,
        )
        assert made.status_code == 201, made.text
        event = made.json()
        assert event["person_id"] == person and event["trigger"] == "contract_end"
        reversed_ = client.post(
            f"/api/v1/retention/events/{event['id']}/reversal", json={"reason": "別人"}, headers=desk
        )
        assert reversed_.status_code == 200 and reversed_.json()["reversed_at"]
        again = client.post(f"/api/v1/retention/events/{event['id']}/reversal", json={"reason": "x"}, headers=desk)
        assert again.status_code == 409
        hold = client.post(
            "/api/v1/retention/holds",
            json={"kind": "litigation", "person_id": other, "reason": "訴訟"},
            headers=desk,
        )
        assert hold.status_code == 403
        hold = client.post(
            "/api/v1/retention/holds",
            json={"kind": "litigation", "person_id": other, "reason": "訴訟"},
            headers=officer,
        )
        assert hold.status_code == 201 and hold.json()["kind"] == "litigation"
        preview = client.get("/api/v1/retention/preview", params={"as_of": "2027-02-01T00:00:00+09:00"}, headers=desk)
        rules = {r["rule"]: r for r in preview.json()["rules"]}
        assert rules["applicant-data"]["held_persons"] == 1 and rules["customer-data"]["due_persons"] == 0
        assert client.post("/api/v1/retention/sweeps", json={}, headers=desk).status_code == 403
        ran = client.post("/api/v1/retention/sweeps", json={"as_of": "2027-02-01T00:00:00+09:00"}, headers=officer)
        assert ran.status_code == 200 and ran.json() == {"sweeps": [], "held": 1, "pending": 0}
        bad = client.post("/api/v1/retention/events", json={"person_id": person, "event": "nope"}, headers=app_key)
        assert bad.status_code == 422 and "unknown event" in bad.text


def test_an_entrustees_disposal_gets_its_certificate(
    provisioning: Container, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOGO_DATABASE_URL", provisioning.settings.database_url)
    monkeypatch.setenv("HOGO_KEY_FILE", str(provisioning.settings.key_file))
    out = tmp_path / "entrustee.pdf"
    cli = CliRunner()
    made = cli.invoke(
        app,
        [
            "retention",
            "entrustee-certificate",
            "delivery",
            "--out",
            str(out),
            "--count",
            "1200",
            "--method",
            "overwrite",
            "--on",
            "2026-11-30",
            "--item",
            "name",
            "--reference",
            "DEL-2026-77",
        ],
    )
    assert made.exit_code == 0, made.output
    text = PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()
    assert "委託先における個人データ廃棄証明書" in text and "配送株式会社" in text and "1200" in text
    assert "DEL-2026-77" in text and "上書き消去" in text
    [event] = provisioning.audit.events(action_prefix="retention.entrustee_disposal_recorded")
    assert event.entity_id == "delivery" and event.data["count"] == 1200 and "DEL-2026" not in str(event.data)
    wrong = cli.invoke(
        app,
        [
            "retention",
            "entrustee-certificate",
            "delivery",
            "--out",
            str(out),
            "--count",
            "1",
            "--method",
            "overwrite",
            "--on",
            "2026-11-30",
            "--item",
            "my-number",
        ],
    )
    assert wrong.exit_code == 1 and "does not hold: my-number" in wrong.stderr


def test_the_console_refuses_a_bad_hold_with_the_reason_and_stores_nothing(kept: Container) -> None:
    """A date the form cannot read and a hold of no known kind: each is the page again with the reason (in the
    console's words), a 4xx status, and no hold stored; a good one is then set."""
    actor = system_actor("test")
    kept.operators.create("kimura", "木村 管理者", Role.officer, None, "a long officer password", actor)
    with TestClient(create_app(kept)) as client:
        login = client.get("/console/login")
        csrf = login.text.split('name="csrf" value="')[1].split('"')[0]
        page = client.post(
            "/console/login", data={"login": "kimura", "password": "a long officer password", "csrf": csrf}
        )
        token = page.text.split('name="csrf" value="')[1].split('"')[0]
        form = {"csrf": token, "kind": "litigation", "reason": "case 2026-ワ-1", "ends": "2026-13-40"}
        bad_date = client.post("/console/retention/holds", data=form, follow_redirects=False)
        unknown = client.post(
            "/console/retention/holds", data={**form, "kind": "forever", "ends": ""}, follow_redirects=False
        )
        held_after_refusals = kept.retention.service.holds(actor)
        good = client.post("/console/retention/holds", data={**form, "ends": "2027-03-31"}, follow_redirects=False)
    assert bad_date.status_code == 422 and "日付の形式" in bad_date.text
    assert 400 <= unknown.status_code < 500 and "a hold is one of" in unknown.text
    assert held_after_refusals == []
    assert good.status_code == 303 and good.headers["location"] == "/console/retention?done=hold"
    assert [h.kind for h in kept.retention.service.holds(actor)] == ["litigation"]
