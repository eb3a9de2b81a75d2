"""`hogo pms …` on SQLite and PostgreSQL, as the officer keeps the yearly cycle from the shell."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hogo.bootstrap import Container
from hogo.cli.main import app
from hogo.clock import JST
from hogo.identity.policy import Role, system_actor


@pytest.fixture
def cli(vault: Container, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    monkeypatch.setenv("HOGO_DATABASE_URL", vault.settings.database_url)
    monkeypatch.setenv("HOGO_KEY_FILE", str(vault.settings.key_file))
    monkeypatch.setenv("HOGO_MAIL_LOG", str(tmp_path / "mail.log"))
    for login, role in {"sato": Role.officer, "suzuki": Role.desk, "kato": Role.auditor}.items():
        vault.operators.create(login, f"{login} san", role, None, "a long password 123", system_actor("test"))
    return CliRunner()


def _ok(cli: CliRunner, *args: str) -> str:
    done = cli.invoke(app, ["pms", *args])
    assert done.exit_code == 0, done.output
    return done.stdout


def test_the_cycle_from_the_shell(cli: CliRunner, tmp_path: Path) -> None:
    today = dt.datetime.now(JST).date()  # the CLI runs on the system clock
    last_month, yesterday = (today - dt.timedelta(days=20)).isoformat(), (today - dt.timedelta(days=1)).isoformat()
    out = _ok(cli, "review", "record", "--section", "items", "--reviewer", "sato", "--findings", "変更なし")
    next_year = (
        today.replace(year=today.year + 1) if (today.month, today.day) != (2, 29) else dt.date(today.year + 1, 2, 28)
    )
    assert re.search(rf"rv_\w+  items  reviewed {today} by sato  ledger v1  next {next_year}", out)
    refused = cli.invoke(app, ["pms", "review", "record", "--section", "all", "--reviewer", "suzuki"])
    assert refused.exit_code == 1
    assert "error[pms-reviewer-not-officer]: the reviewer 'suzuki' has the role desk" in refused.stderr
    assert _ok(cli, "review", "list").count("rv_") == 1  # nothing stored by the refusal

    course = re.search(r"^(cr_\w+)", _ok(cli, "training", "add-course", "--title", "年次研修"), re.M)
    assert course is not None
    _ok(cli, "training", "record", "--course", course.group(1), "--operator", "sato", "--on", last_month)
    unknown = cli.invoke(
        app, ["pms", "training", "record", "--course", course.group(1), "--operator", "nobody", "--on", last_month]
    )
    assert unknown.exit_code == 1 and "error[pms-unknown-operator]" in unknown.stderr
    listing = _ok(cli, "training", "list")
    assert "OVERDUE  kato — 年次研修" in listing and "OVERDUE  suzuki — 年次研修" in listing
    assert "OVERDUE  sato" not in listing

    planned = _ok(cli, "audit", "plan", "--title", "=HYPERLINK(1)", "--on", last_month, "--auditor", "kato")
    audit_id = planned.split()[0]
    finding = _ok(cli, "audit", "finding", audit_id, "--text", "鍵の管理簿がない", "--severity", "major").split()[0]
    early = cli.invoke(app, ["pms", "audit", "close-finding", finding, "--completion", "済"])
    assert early.exit_code == 1 and "has no corrective action recorded" in early.stderr
    _ok(cli, "audit", "action", finding, "--action", "管理簿を作る", "--owner", "suzuki", "--due", yesterday)
    assert finding in _ok(cli, "audit", "list", "--overdue")

    exported = tmp_path / "audits.csv"
    _ok(cli, "audit", "export", "-o", str(exported))
    rows = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8-sig"))))
    assert [(r["finding_id"], r["severity"], r["owner"], r["overdue"]) for r in rows] == [
        (finding, "major", "suzuki", "yes")
    ]
    assert rows[0]["title"] == "'=HYPERLINK(1)"  # a formula stays text
    trainings = list(csv.reader(io.StringIO(_ok(cli, "training", "export"))))
    assert trainings == [
        ["attended_on", "course_id", "course", "operator", "operator_name"],
        [last_month, course.group(1), "年次研修", "sato", "sato san"],
    ]
    due = _ok(cli, "due")
    assert "corrective_action: 1" in due and "training: 2" in due


def test_the_register_of_responsible_persons_from_the_shell(cli: CliRunner) -> None:
    made = _ok(cli, "people", "appoint", "--role", "manager", "--operator", "sato", "--since", "2026-04-01")
    appointment = made.split()[0]
    _ok(cli, "people", "appoint", "--role", "desk", "--name", "山田花子", "--title", "総務部", "--since", "2026-04-01")
    clash = cli.invoke(
        app, ["pms", "people", "appoint", "--role", "audit_lead", "--operator", "sato", "--since", "2026-05-01"]
    )
    assert clash.exit_code == 1 and "already manager" in clash.stderr
    _ok(cli, "people", "end", appointment, "--until", "2026-04-30")
    _ok(cli, "people", "appoint", "--role", "audit_lead", "--operator", "sato", "--since", "2026-05-01")
    listing = _ok(cli, "people", "list")
    assert "manager  sato  sato san" in listing and "2026-04-01–2026-04-30  past" in listing
    assert "desk  -  山田花子  総務部" in listing and "audit_lead  sato" in listing
