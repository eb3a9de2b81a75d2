"""`hogo provisions …` as an officer runs it: provide (refused, then allowed), records, suspensions, checks, purge."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hogo import bootstrap
from hogo.adapters.keyring import FileKeyring
from hogo.cli.main import app
from hogo.clock import SystemClock
from hogo.consent.schemas import ConsentIn, ConsentKind, ConsentMethod
from hogo.identity.policy import system_actor
from hogo.ledger.loader import load_ledger_text
from hogo.settings import Settings
from hogo.subjects.schemas import AcquisitionIn

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def person(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A store with the provision ledger and one customer, made through the services as an application would."""
    monkeypatch.chdir(tmp_path)  # files a command writes land here
    keys = tmp_path / "keys.json"
    FileKeyring.create(keys, SystemClock().now())  # the CLI below runs on the system clock
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("HOGO_DATABASE_URL", url)
    monkeypatch.setenv("HOGO_KEY_FILE", str(keys))
    monkeypatch.setenv("HOGO_ACTOR", "officer")
    c = bootstrap.build(Settings(database_url=url, key_file=keys))
    try:
        bootstrap.ensure_schema(c)
        text = (FIXTURES / "provision.yaml").read_text(encoding="utf-8")
        c.ledger.apply(load_ledger_text(text, source="provision.yaml"), actor="officer")
        actor = system_actor("app")
        values = {"name": "伊藤 健", "email": "ken@example.jp"}
        pid = c.subjects.acquire(AcquisitionIn(subject_kind="customer", values=values, channel="web-order"), actor)
        consent = ConsentIn(kind=ConsentKind.foreign_transfer, target="us-cloud", method=ConsentMethod.web_checkbox)
        c.consents.give(pid.person_id, consent, actor)
        return pid.person_id
    finally:
        c.close()


def test_provide_refused_then_allowed_and_the_records(person: str) -> None:
    run = CliRunner()
    refused = run.invoke(
        app, ["provisions", "provide", person, "--items", "name,email", "--to", "partner-shop", "--basis", "consent"]
    )
    assert refused.exit_code == 1
    assert "REFUSED" in refused.stdout and "consent-missing" in refused.stdout and "Art. 27(1)" in refused.stdout
    assert "同意" in refused.stderr
    assert run.invoke(app, ["provisions", "check", "us-cloud"]).exit_code == 0  # checked today: not overdue
    allowed = run.invoke(
        app,
        [
            "provisions",
            "provide",
            person,
            "--items",
            "name,email",
            "--to",
            "us-cloud",
            "--basis",
            "consent",
            "--values",
        ],
    )
    assert allowed.exit_code == 0, allowed.output
    lines = allowed.stdout.splitlines()
    assert "provided" in lines[0] and "consent-given" in lines[0]
    assert json.loads(lines[1]) == {"person_id": person, "values": {"name": "伊藤 健", "email": "ken@example.jp"}}
    records = run.invoke(app, ["provisions", "records", "--person", person])
    [record] = [json.loads(line) for line in records.stdout.splitlines()]
    assert (record["counterpart"], record["route"], record["fields"]["person"]) == ("us-cloud", "consent", person)
    made = dt.date.fromisoformat(record["made_at"][:10])
    assert record["retention_until"].startswith(f"{made.year + 3}-")  # three years (Rule 21)

    exported = run.invoke(app, ["provisions", "records", "--csv", "records.csv"])
    assert exported.exit_code == 0 and "wrote records.csv: 1 record(s)" in exported.stdout
    with open("records.csv", encoding="utf-8-sig", newline="") as f:
        header, row = list(csv.reader(f))
    line = dict(zip(header, row, strict=True))
    assert (line["id"], line["counterpart"], line["person_id"]) == (record["id"], "us-cloud", person)
    assert line["items"] == "name email" and line["retention_until"] == record["retention_until"]
    assert json.loads(line["fields"])["person"] == person


def test_suspend_lift_check_and_purge(person: str) -> None:
    run = CliRunner()
    suspended = run.invoke(app, ["provisions", "suspend", person, "--reference", "REQ-1", "--to", "us-cloud"])
    assert suspended.exit_code == 0 and "suspension 1: request for us-cloud" in suspended.stdout
    blocked = run.invoke(
        app, ["provisions", "provide", person, "--items", "name", "--to", "us-cloud", "--basis", "consent"]
    )
    assert blocked.exit_code == 1 and "provision-suspended" in blocked.stdout
    assert "active" in run.invoke(app, ["provisions", "suspensions", person]).stdout
    assert run.invoke(app, ["provisions", "lift", person, "1"]).exit_code == 0
    failed = run.invoke(app, ["provisions", "check", "us-cloud", "--failed", "--findings", "F-7"])
    assert failed.exit_code == 0 and "us-cloud: failed" in failed.stdout
    stopped = run.invoke(
        app, ["provisions", "provide", person, "--items", "name", "--to", "us-cloud", "--basis", "consent"]
    )
    assert "foreign-check-failed" in stopped.stdout
    assert "FAILED" in run.invoke(app, ["provisions", "checks", "us-cloud"]).stdout
    unknown = run.invoke(app, ["provisions", "check", "nobody"])
    assert unknown.exit_code == 1 and "error[invalid-input]" in unknown.stderr
    purged = run.invoke(app, ["provisions", "purge"])
    assert purged.exit_code == 0 and "0 record(s)" in purged.stderr


def test_consent_given_at_the_desk_opens_the_gate_until_withdrawn(person: str) -> None:
    run = CliRunner()
    provide = ["provisions", "provide", person, "--items", "name", "--to", "partner-shop", "--basis", "consent"]
    assert run.invoke(app, provide).exit_code == 1
    given = run.invoke(
        app,
        ["consents", "give", person, "--kind", "provision", "--target", "partner-shop", "--method", "paper_form"],
    )
    assert given.exit_code == 0, given.output
    consent_id, kind, target, article = given.stdout.strip().split("  ")
    assert (kind, target, article) == ("provision", "partner-shop", "Art. 27(1)") and consent_id.startswith("c_")
    assert run.invoke(app, provide).exit_code == 0
    listed = run.invoke(app, ["consents", "list", person]).stdout
    assert consent_id in listed and "active" in listed
    receipt = json.loads(run.invoke(app, ["consents", "receipt", consent_id]).stdout)
    assert receipt["consentReceiptID"] == consent_id
    assert run.invoke(app, ["consents", "withdraw", consent_id, "--method", "oral"]).exit_code == 0
    assert run.invoke(app, provide).exit_code == 1
    bad = run.invoke(app, ["consents", "give", person, "--kind", "purpose", "--target", "nope", "--method", "oral"])
    assert bad.exit_code == 1 and "nope" in bad.stderr
