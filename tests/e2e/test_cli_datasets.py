"""`hogo datasets` as a new user runs it on the Chinook example: list, access, dry run, erase, runs."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hogo.cli.main import app
from services import chinook_dir

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def chinook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "chinook.sqlite"
    shutil.copyfile(chinook_dir() / "Chinook_Sqlite.sqlite", copy)
    copy.chmod(0o644)
    monkeypatch.setenv("HOGO_DATABASE_URL", f"sqlite:///{tmp_path / 'hogo.db'}")
    monkeypatch.setenv("HOGO_KEY_FILE", str(tmp_path / "keys.json"))
    monkeypatch.setenv("HOGO_ACTOR", "officer")
    monkeypatch.setenv("HOGO_CHINOOK_URL", f"sqlite:///{copy}")
    runner = CliRunner()
    for args in (["keys", "init"], ["ledger", "apply", str(ROOT / "examples" / "chinook" / "ledger.yaml")]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    return copy


def first_name(db: Path, customer: int) -> str:
    with sqlite3.connect(db) as conn:
        value: str = conn.execute("SELECT FirstName FROM Customer WHERE CustomerId = ?", (customer,)).fetchone()[0]
    return value


def test_list_access_dry_run_erase_and_runs(chinook: Path) -> None:
    run = CliRunner()
    listed = run.invoke(app, ["datasets", "list"])
    assert listed.exit_code == 0 and "chinook" in listed.stdout and "connected" in listed.stdout

    shown = run.invoke(app, ["datasets", "access", "--email", "ftremblay@gmail.com"])
    assert shown.exit_code == 0, shown.output
    assert "chinook.Customer [CustomerId=3] (customer)" in shown.stdout
    assert ["FirstName", "name", "François"] in [line.split() for line in shown.stdout.splitlines()]

    dry = run.invoke(app, ["datasets", "erase", "--email", "ftremblay@gmail.com", "--dry-run", "--reference", "R-9"])
    assert dry.exit_code == 0, dry.output
    assert 'UPDATE "Customer" SET' in dry.stdout and "消費税法" in dry.stdout
    assert first_name(chinook, 3) == "François"

    done = run.invoke(app, ["datasets", "erase", "--id", "chinook_customer_id=3", "--reference", "R-9"])
    assert done.exit_code == 0, done.output
    assert "completed" in done.stdout and first_name(chinook, 3) == "***" and first_name(chinook, 4) == "Bjørn"

    listed_runs = run.invoke(app, ["datasets", "runs"])
    assert listed_runs.stdout.count("R-9") == 2 and "planned" in listed_runs.stdout


def test_a_missing_connection_names_the_variable_not_the_url(chinook: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HOGO_CHINOOK_URL")
    result = CliRunner().invoke(app, ["datasets", "access", "--email", "ftremblay@gmail.com"])
    assert result.exit_code == 1
    assert "error[dataset-unreachable]" in result.stderr and "HOGO_CHINOOK_URL" in result.stderr


@pytest.mark.parametrize(
    "url",
    ["postgresql+psycopg://app:s3cret@127.0.0.1:1/chinook", "not a url s3cret", "sqlite:////nonexistent/s3cret.db"],
)
def test_an_unreachable_database_is_reported_without_its_url_or_the_identifier(
    chinook: Path, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.setenv("HOGO_CHINOOK_URL", url)
    result = CliRunner().invoke(app, ["datasets", "erase", "--email", "ftremblay@gmail.com", "--reference", "R"])
    assert result.exit_code == 1
    assert "error[dataset-unreachable]" in result.stderr
    assert "s3cret" not in result.output and "ftremblay" not in result.output


def test_a_plan_the_schema_cannot_honour_is_refused_before_anything_is_stored(chinook: Path, tmp_path: Path) -> None:
    text = (ROOT / "examples" / "chinook" / "ledger.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        text.replace("{name: LastName, item: name, erasure: mask}", "{name: LastName, item: name, erasure: set_null}")
    )
    run = CliRunner()
    assert run.invoke(app, ["ledger", "apply", "--yes", str(bad)]).exit_code == 0
    result = run.invoke(app, ["datasets", "erase", "--email", "ftremblay@gmail.com", "--dry-run"])
    assert result.exit_code == 1
    assert "error[dataset-declaration-invalid]" in result.stderr and "Customer.LastName is NOT NULL" in result.stderr
    assert run.invoke(app, ["datasets", "runs"]).stdout == ""


def test_scan_reports_what_the_ledger_leaves_out(chinook: Path, tmp_path: Path) -> None:
    run = CliRunner()
    complete = run.invoke(app, ["datasets", "scan", "--lang", "en"])
    assert complete.exit_code == 0, complete.output
    assert "chinook: 64 column(s) sampled, 0 finding(s)" in complete.stdout
    ledger = (ROOT / "examples" / "chinook" / "ledger.yaml").read_text(encoding="utf-8")
    birth_date = "          - {name: BirthDate, item: birth-date, erasure: set_null, legal_hold: *labour}\n"
    assert birth_date in ledger
    edited = tmp_path / "ledger.yaml"
    edited.write_text(ledger.replace(birth_date, ""), encoding="utf-8")
    assert run.invoke(app, ["ledger", "apply", "--yes", str(edited)]).exit_code == 0
    drifted = run.invoke(app, ["datasets", "scan", "--lang", "en"])
    assert drifted.exit_code == 1
    assert "undeclared" in drifted.stdout and "Employee.BirthDate" in drifted.stdout
    assert "DATE_OF_BIRTH" in drifted.stdout and "1962" not in drifted.stdout  # the kind found, never a value


def test_access_prints_the_relations_it_did_not_follow_and_why(chinook: Path) -> None:
    shown = CliRunner().invoke(app, ["datasets", "access", "--id", "chinook_employee_id=2"])
    assert shown.exit_code == 0, shown.output
    assert "not followed: chinook: Customer.SupportRepId -> Employee.EmployeeId (schema)" in shown.stdout
    assert "Customer identifies persons by itself" in shown.stdout
