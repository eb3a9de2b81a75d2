"""`hogo datasets` on the shop database (tests/shop_support.py, SQLite): keys that are not integers, rows that two
customers share."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hogo.cli.main import app
from shop_support import AIKO, FIXTURES, create_shop, rows


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'shop.sqlite'}"
    create_shop(url)
    monkeypatch.setenv("HOGO_DATABASE_URL", f"sqlite:///{tmp_path / 'hogo.db'}")
    monkeypatch.setenv("HOGO_KEY_FILE", str(tmp_path / "keys.json"))
    monkeypatch.setenv("HOGO_ACTOR", "officer")
    monkeypatch.setenv("HOGO_SHOP_URL", url)
    runner = CliRunner()
    for args in (["keys", "init"], ["ledger", "apply", str(FIXTURES / "shop.yaml")]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    return url


def test_a_dry_run_prints_statements_keyed_by_time_and_bytes_and_changes_nothing(shop: str) -> None:
    before = rows(shop)
    dry = CliRunner().invoke(app, ["datasets", "erase", "--email", AIKO, "--dry-run", "--reference", "R-1"])
    assert dry.exit_code == 0, dry.output
    assert """("order_id", "at") IN ((10, '2024-05-01 10:00:00'), (10, '2024-05-01 10:00:00.123456')""" in dry.stdout
    assert """DELETE FROM "vouchers" WHERE "serial" IN (X'00ff')""" in dry.stdout
    assert rows(shop) == before


def test_the_dry_run_and_the_run_report_the_address_two_customers_share_and_keep_it(shop: str) -> None:
    shared = (
        'shared, not changed: shop.addresses (1 row(s): "id" IN (100)) — also reached from another person in customers'
    )
    dry = CliRunner().invoke(app, ["datasets", "erase", "--email", AIKO, "--dry-run", "--reference", "R-2"])
    assert dry.exit_code == 0, dry.output
    assert (
        shared in dry.stdout
        and """UPDATE "addresses" SET "city" = NULL, "street" = '***' WHERE "id" IN (101)""" in dry.stdout
    )
    run_id = dry.stdout.split()[1]
    done = CliRunner().invoke(app, ["datasets", "resume", run_id])
    assert done.exit_code == 0, done.output
    assert shared in done.stdout and f"run {run_id}: completed" in done.stdout
    after = rows(shop)["addresses"]
    assert after[(100,)]["street"] == "1-1 Shared Street" and after[(101,)]["street"] == "***"


def test_an_erasure_names_the_shared_address_once(shop: str) -> None:
    done = CliRunner().invoke(app, ["datasets", "erase", "--email", AIKO, "--reference", "R-3"])
    assert done.exit_code == 0, done.output
    assert done.stdout.count("shared, not changed: shop.addresses") == 1 and "completed" in done.stdout


def test_a_run_killed_between_the_shops_commit_and_hogos_bookkeeping_reports_its_changes_on_resume(
    shop: str, tmp_path: Path
) -> None:
    """A real `hogo datasets resume` process, killed (SIGKILL) when the shop's transaction has committed and
    before hogo's store has booked the step: the test holds the shop's write lock until the process has booked
    its attempt, then holds hogo's store and lets the shop go, and kills the process once the change is there."""
    dry = CliRunner().invoke(app, ["datasets", "erase", "--email", AIKO, "--dry-run", "--reference", "R-4"])
    run_id = dry.stdout.split()[1]
    hogo_db, shop_db = tmp_path / "hogo.db", tmp_path / "shop.sqlite"
    company = sqlite3.connect(shop_db, isolation_level=None)
    company.execute("BEGIN IMMEDIATE")
    hogo = Path(sys.executable).with_name("hogo")
    process = subprocess.Popen([hogo, "datasets", "resume", run_id], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    store = sqlite3.connect(hogo_db, isolation_level=None)
    try:
        attempted = "SELECT attempts FROM dataset_run_steps WHERE run_id = ?"
        _wait(lambda: store.execute(attempted, (run_id,)).fetchone()[0] == 1, process)
        store.execute("BEGIN IMMEDIATE")  # hogo's store now waits: the process cannot book what it does next
        company.execute("ROLLBACK")  # the shop is free: the run writes there and commits
        _wait(lambda: _name(shop_db) == "***", process)
        process.kill()
        process.wait(10)
        store.execute("ROLLBACK")
    finally:
        process.kill()
        company.close()
        store.close()
    assert "running" in CliRunner().invoke(app, ["datasets", "runs"]).stdout  # never booked

    resumed = CliRunner().invoke(app, ["datasets", "resume", run_id])
    assert resumed.exit_code == 0, resumed.output
    assert "shop: completed, 11 change(s) (confirmed on resume), attempt 2" in resumed.stdout


def _name(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        name: str = conn.execute("SELECT name FROM customers WHERE id = 1").fetchone()[0]
    return name


def _wait(done: Callable[[], bool], process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while not done():
        if process.poll() is not None or time.monotonic() > deadline:
            output = process.stdout.read().decode() if process.stdout and process.poll() is not None else ""
            raise AssertionError(f"the run did not get there (exit {process.poll()}): {output}")
        time.sleep(0.02)


def test_an_erasure_of_only_the_phone_and_an_action_the_ledger_does_not_allow(shop: str) -> None:
    before = rows(shop)
    refused = CliRunner().invoke(
        app, ["datasets", "erase", "--email", AIKO, "--action", "phone=mask", "--reference", "R"]
    )
    assert refused.exit_code == 1 and "phone: mask" in refused.stderr
    done = CliRunner().invoke(app, ["datasets", "erase", "--email", AIKO, "--item", "phone", "--reference", "R-5"])
    assert done.exit_code == 0, done.output
    assert """UPDATE "customers" SET "phone" = NULL WHERE "id" IN (1)""" in done.stdout
    after = rows(shop)
    assert after["customers"][(1,)] == {**before["customers"][(1,)], "phone": None}
    assert {t: r for t, r in after.items() if t != "customers"} == {t: r for t, r in before.items() if t != "customers"}
