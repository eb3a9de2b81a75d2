"""`hogo datasets` on the shop database (tests/shop_support.py, SQLite): keys that are not integers, rows that two
customers share."""

from __future__ import annotations

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
