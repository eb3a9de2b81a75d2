"""`hogo processed` as a new user runs it on the Japanet example's demo shop database: an anonymised extract with
k = 5, a pseudonymised one with its key kept apart, statistics, and bad input refused with nothing written."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from hogo.adapters.sample_shop import make_shop
from hogo.cli.main import app

ROOT = Path(__file__).resolve().parents[2]
LEDGER = ROOT / "examples" / "japanet" / "ledger.yaml"


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "shop.sqlite"
    make_shop(db, 1500)
    monkeypatch.setenv("HOGO_DATABASE_URL", f"sqlite:///{tmp_path / 'hogo.db'}")
    monkeypatch.setenv("HOGO_KEY_FILE", str(tmp_path / "keys.json"))
    monkeypatch.setenv("HOGO_ACTOR", "officer")
    monkeypatch.setenv("HOGO_JAPANET_SHOP_URL", f"sqlite:///{db}")
    runner = CliRunner()
    for args in (["keys", "init"], ["ledger", "apply", str(LEDGER)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    return tmp_path


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_anonymised_extract_meets_k_and_reports_the_law(shop: Path) -> None:
    out = shop / "out"
    result = CliRunner().invoke(app, ["processed", "run", "customers-anonymised", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "k = 5 holds" in result.output
    assert "Rule 34(4)" in result.output
    released = rows(out / "customers-anonymised.csv")
    assert set(released[0]) == {"age", "gender", "prefecture", "purchase_month", "amount"}  # no id, name, contact, card
    classes = Counter((r["age"], r["gender"], r["prefecture"], r["purchase_month"]) for r in released)
    assert min(classes.values()) >= 5
    report = json.loads((out / "customers-anonymised.report.json").read_text())
    anon = report["anonymity"]
    assert report["k_holds"] is True
    assert anon["released_rows"] == len(released) == 1500 - anon["suppressed_rows"]
    assert anon["suppressed_rows"] <= 0.02 * 1500
    assert [c["rule"] for c in report["checks"]] == [f"Rule 34({i})" for i in range(1, 6)]
    assert "member_id" in next(c for c in report["checks"] if c["rule"] == "Rule 34(3)")["columns"]
    assert {"name", "phone"} <= set(next(c for c in report["checks"] if c["rule"] == "Rule 34(1)")["columns"])
    assert all(r["amount"].endswith("-") or float(r["amount"]) < 100000 for r in released)
    # the making is on the audit trail, without a personal value
    audit = CliRunner().invoke(app, ["audit", "events", "--action", "processed.made"])
    assert audit.exit_code == 0, audit.output
    assert "customers-anonymised" in audit.output


def test_pseudonymised_keeps_rows_and_its_key_apart(shop: Path) -> None:
    out = shop / "out"
    result = CliRunner().invoke(app, ["processed", "run", "customers-pseudonymised", "--out", str(out)])
    assert result.exit_code == 0, result.output
    released = rows(out / "customers-pseudonymised.csv")
    assert len(released) == 1500
    assert "name" not in released[0] and "card_number" not in released[0] and "email" not in released[0]
    ids = [r["member_id"] for r in released]
    assert len(set(ids)) == 1500 and not any(i.startswith("C0") for i in ids)
    key = (shop / "processed-keys" / "customers-pseudonymised.key").read_text()
    assert key not in (out / "customers-pseudonymised.csv").read_text()
    assert oct((shop / "processed-keys" / "customers-pseudonymised.key").stat().st_mode & 0o777) == "0o600"
    # the same key gives the same pseudonyms on the next run
    again = CliRunner().invoke(app, ["processed", "run", "customers-pseudonymised", "--out", str(shop / "again")])
    assert again.exit_code == 0, again.output
    assert [r["member_id"] for r in rows(shop / "again" / "customers-pseudonymised.csv")] == ids


def test_statistics_suppress_small_groups(shop: Path) -> None:
    out = shop / "out"
    result = CliRunner().invoke(app, ["processed", "run", "customers-by-prefecture", "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = rows(out / "customers-by-prefecture.csv")
    assert set(table[0]) == {"prefecture", "age", "count"}
    assert all(int(r["count"]) >= 5 for r in table)
    assert {r["age"] for r in table} <= {"20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-89", "90-"}


def _apply_changed(shop: Path, change: dict[str, object], job: str = "customers-anonymised") -> None:
    doc = yaml.safe_load(LEDGER.read_text())
    target = next(j for j in doc["processing"] if j["id"] == job)
    for col in target["columns"]:
        if col["name"] in change:
            col.update(change[col["name"]])  # type: ignore[call-overload]
    path = shop / "changed.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True))
    result = CliRunner().invoke(app, ["ledger", "apply", "--yes", str(path)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("change", "column", "words"),
    [
        ({"card_number": {"action": "keep"}}, "card_number", "delete rule"),
        ({"email": {"action": "keep"}}, "email", "Rule 34"),
        ({"name": {"action": "keep"}}, "name", "Rule 34(1)"),
        ({"member_id": {"action": "keep"}}, "member_id", "Rule 34(3)"),
        ({"prefecture": {"hierarchy": "age"}}, "prefecture", "does not cover"),
        ({"gender": {"hierarchy": "occupation"}}, "gender", "does not cover"),
    ],
)
def test_bad_input_names_the_column_and_writes_nothing(
    shop: Path, change: dict[str, object], column: str, words: str | None
) -> None:
    _apply_changed(shop, change)
    out = shop / "out"
    result = CliRunner().invoke(app, ["processed", "run", "customers-anonymised", "--out", str(out)])
    assert result.exit_code == 1
    assert column in result.output
    if words:
        assert words in result.output
    assert not out.exists() or not any(out.iterdir())


def test_k_larger_than_the_data_is_refused(shop: Path) -> None:
    doc = yaml.safe_load(LEDGER.read_text())
    next(j for j in doc["processing"] if j["id"] == "customers-anonymised")["model"]["k"] = 5000
    path = shop / "changed.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True))
    assert CliRunner().invoke(app, ["ledger", "apply", "--yes", str(path)]).exit_code == 0
    result = CliRunner().invoke(app, ["processed", "run", "customers-anonymised", "--out", str(shop / "out")])
    assert result.exit_code == 1
    assert "k = 5000 is larger than the data" in result.output
    assert not (shop / "out").exists()


def test_provision_gate_refuses_pseudonymised_to_a_third_party(shop: Path) -> None:
    runner = CliRunner()
    refused = runner.invoke(
        app, ["processed", "provide", "customers-pseudonymised", "--to", "other-companies-products"]
    )
    assert refused.exit_code == 1
    assert "refused (Art. 41(6))" in refused.output
    entrusted = runner.invoke(app, ["processed", "provide", "customers-pseudonymised", "--to", "delivery-companies"])
    assert entrusted.exit_code == 0, entrusted.output
    assert "allowed (Art. 41(6))" in entrusted.output
    anonymised = runner.invoke(
        app, ["processed", "provide", "customers-anonymised", "--to", "other-companies-products"]
    )
    assert anonymised.exit_code == 0, anonymised.output
    assert "Art. 43(4)" in anonymised.output
    audit = runner.invoke(app, ["audit", "events", "--action", "provision.processed"])
    assert audit.exit_code == 0
    assert audit.output.count("provision.processed.refused") == 1
    assert audit.output.count("provision.processed.provided") == 2


def test_a_vault_source_statistics_of_the_sample_customers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows from the vault: the Japanet demo's sample people, counted by the prefecture of their address."""
    from hogo import bootstrap
    from hogo.adapters.sample_people import sample_people
    from hogo.identity.policy import system_actor
    from hogo.ledger.loader import load_ledger_text
    from hogo.settings import Settings

    doc = yaml.safe_load(LEDGER.read_text())
    doc["processing"].append(
        {
            "id": "customers-by-area",
            "name": {"ja": "地域別の顧客数", "en": "Customers by area"},
            "kind": "statistics",
            "source": {"vault": {"subject_kinds": ["customer"]}},
            "columns": [
                {"name": "address", "item": "address", "action": "generalise", "hierarchy": "address", "level": 4}
            ],
            "model": {"k": 3},
        }
    )
    monkeypatch.setenv("HOGO_KEY_FILE", str(tmp_path / "keys.json"))
    assert CliRunner().invoke(app, ["keys", "init"]).exit_code == 0
    c = bootstrap.build(Settings(database_url=f"sqlite:///{tmp_path / 'hogo.db'}", key_file=tmp_path / "keys.json"))
    try:
        bootstrap.ensure_schema(c)
        c.ledger.apply(load_ledger_text(yaml.safe_dump(doc, allow_unicode=True), source="j.yaml"), actor="test")
        people = [p for p in sample_people(60) if p.subject_kind == "customer"]
        c.subjects.acquire_many(people, system_actor("test"))
        written = c.processed.run("customers-by-area", tmp_path / "out", "test")
    finally:
        c.close()
    table = rows(tmp_path / "out" / "customers-by-area.csv")
    regions = {"北海道", "東北", "関東", "中部", "近畿", "中国", "四国", "九州・沖縄"}
    assert {r["address"] for r in table} <= regions
    assert all(int(r["count"]) >= 3 for r in table)
    assert written.report["statistics"]["groups"] >= len(table)
    assert sum(int(r["count"]) for r in table) <= len(people)
