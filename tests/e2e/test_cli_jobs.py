"""`hogo jobs list|run NAME|run-due` on SQLite and PostgreSQL, as an operator or cron runs them."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from hogo.bootstrap import Container
from hogo.cli.main import app

JOBS = [
    "audit-checkpoints",
    "change-journal-pruning",
    "incident-clocks",
    "key-rotation",
    "outbox-delivery",
    "periodic-checks-overdue",
    "pms-due-reminder",
    "provision-record-retention",
    "rate-limit-pruning",
    "request-reminders",
    "retention-sweep",
    "unverified-request-lapse",
]


@pytest.fixture
def cli(container: Container, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("HOGO_DATABASE_URL", container.settings.database_url)
    monkeypatch.setenv("HOGO_KEY_FILE", str(container.settings.key_file))
    return CliRunner()


def test_list_run_due_and_run_by_hand(cli: CliRunner, container: Container) -> None:
    listed = cli.invoke(app, ["jobs", "list"])
    assert listed.exit_code == 0, listed.output
    lines = listed.stdout.splitlines()
    assert lines[0].split()[:3] == ["JOB", "EVERY", "LAST"]
    assert [line.split()[:4] for line in lines[1:]] == [
        ["audit-checkpoints", "1m", "—", "never"],
        ["change-journal-pruning", "1h", "—", "never"],
        ["incident-clocks", "1h", "—", "never"],
        ["key-rotation", "1d", "—", "never"],
        ["outbox-delivery", "30s", "—", "never"],
        ["periodic-checks-overdue", "1d", "—", "never"],
        ["pms-due-reminder", "30d", "—", "never"],
        ["provision-record-retention", "1d", "—", "never"],
        ["rate-limit-pruning", "1h", "—", "never"],
        ["request-reminders", "1d", "—", "never"],
        ["retention-sweep", "1d", "—", "never"],
        ["unverified-request-lapse", "1d", "—", "never"],
    ]
    due = cli.invoke(app, ["jobs", "run-due"])
    assert due.exit_code == 0, due.output
    assert [line.split(":")[0] for line in due.stdout.splitlines()] == JOBS
    assert "provision-record-retention: nothing (due " in due.stdout and "records_deleted=0" in due.stdout
    again = cli.invoke(app, ["jobs", "run-due"])
    assert again.exit_code == 0 and again.stdout == "" and "nothing due" in again.stderr
    by_hand = cli.invoke(app, ["jobs", "run", "change-journal-pruning"])
    assert by_hand.exit_code == 0 and by_hand.stdout.startswith("change-journal-pruning: nothing (by hand)")
    listed = cli.invoke(app, ["jobs", "list"])
    rows = {line.split()[0]: line.split() for line in listed.stdout.splitlines()[1:]}
    _, every, _, _, outcome, _, _, runs = rows["change-journal-pruning"]  # last run and next due: date, time
    assert (every, outcome, runs) == ("1h", "nothing", "2")
    assert "JST" in listed.stdout.splitlines()[0]
    assert {j.name: j.run_count for j in container.schedule.jobs()} == dict(
        zip(JOBS, [1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], strict=True)
    )


def test_an_unknown_job_is_a_usage_error(cli: CliRunner, container: Container) -> None:
    result = cli.invoke(app, ["jobs", "run", "purge-everything"])
    assert result.exit_code == 2
    assert "no job named 'purge-everything'" in result.output and "provision-record-retention" in result.output
    assert container.schedule.jobs() == []  # nothing registered, nothing run
