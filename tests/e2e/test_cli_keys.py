"""`hogo keys` as an operator runs it: init, status, rotate --if-due (cron), rotate."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hogo.cli.main import app
from hogo.clock import FixedClock


@pytest.fixture
def key_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOGO_DATABASE_URL", f"sqlite:///{tmp_path / 'hogo.db'}")
    monkeypatch.setenv("HOGO_KEY_FILE", str(tmp_path / "keys.json"))
    monkeypatch.setenv("HOGO_MASTER_KEY_MAX_DAYS", "30")
    assert CliRunner().invoke(app, ["keys", "init"]).exit_code == 0
    return tmp_path / "keys.json"


def test_status_and_rotation_when_due(key_file: Path) -> None:
    run = CliRunner()
    first = json.loads(key_file.read_text())["active"]
    status = run.invoke(app, ["keys", "status"])
    assert status.exit_code == 0, status.output
    assert f"active master key {first}" in status.stdout and "due for rotation 20" in status.stdout

    not_due = run.invoke(app, ["keys", "rotate", "--if-due"])
    assert not_due.exit_code == 0 and not_due.stdout.startswith(f"not due: {first} is rotated from")

    doc = json.loads(key_file.read_text())
    doc["created"][first] = (dt.datetime.now(dt.UTC) - dt.timedelta(days=31)).isoformat()
    key_file.write_text(json.dumps(doc))
    due = run.invoke(app, ["keys", "rotate", "--if-due"])
    assert due.exit_code == 0, due.output
    second = json.loads(key_file.read_text())["active"]
    assert due.stdout.startswith(f"rotated: {second} is active") and f"destroyed {first}" in due.stdout

    now = run.invoke(app, ["keys", "rotate"])
    assert now.exit_code == 0 and f"destroyed {second}" in now.stdout
    assert list(json.loads(key_file.read_text())["master_keys"]) == [json.loads(key_file.read_text())["active"]]


def test_init_status_and_rotation_read_the_commands_clock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The key's creation time is the clock's the CLI runs on, not the wall clock: a key made at 10:00 JST on
    2026-11-20 by a fixed clock is due 30 days later by that clock, and rotates once the clock has moved there."""
    monkeypatch.setenv("HOGO_DATABASE_URL", f"sqlite:///{tmp_path / 'hogo.db'}")
    monkeypatch.setenv("HOGO_KEY_FILE", str(tmp_path / "keys.json"))
    monkeypatch.setenv("HOGO_MASTER_KEY_MAX_DAYS", "30")
    clock = FixedClock(dt.datetime(2026, 11, 20, 1, 0, tzinfo=dt.UTC))
    run = CliRunner()
    assert run.invoke(app, ["keys", "init"], obj=clock).exit_code == 0
    doc = json.loads((tmp_path / "keys.json").read_text())
    first = doc["active"]
    assert dt.datetime.fromisoformat(doc["created"][first]) == clock.now()

    status = run.invoke(app, ["keys", "status"], obj=clock)
    assert status.exit_code == 0, status.output
    assert f"active master key {first}, created 2026-11-20 10:00 JST" in status.stdout
    assert "due for rotation 2026-12-20 10:00 JST" in status.stdout

    clock.advance(dt.timedelta(days=29))
    assert run.invoke(app, ["keys", "rotate", "--if-due"], obj=clock).stdout.startswith(f"not due: {first}")
    clock.advance(dt.timedelta(days=1))
    due = run.invoke(app, ["keys", "rotate", "--if-due"], obj=clock)
    assert due.exit_code == 0 and f"destroyed {first}" in due.stdout
    doc = json.loads((tmp_path / "keys.json").read_text())
    assert dt.datetime.fromisoformat(doc["created"][doc["active"]]) == clock.now()
