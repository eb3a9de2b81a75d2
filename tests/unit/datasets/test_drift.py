"""Ledger drift from a hand-made scan report: undeclared personal columns and vanished declared columns."""

from __future__ import annotations

from pathlib import Path

from hogo.datasets.drift import ColumnReport, DriftKind, ScanReport, drift
from hogo.ledger.loader import load_ledger_file

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "chinook" / "ledger.yaml"


def test_drift_reports_undeclared_pii_and_missing_columns() -> None:
    ledger = load_ledger_file(EXAMPLE).ledger
    assert ledger is not None
    declared = [(t.name, c.name) for t in ledger.datasets[0].tables for c in t.columns]
    columns = [ColumnReport(t, c, frozenset({"email"}) if c == "Email" else frozenset()) for t, c in declared]
    columns = [c for c in columns if (c.table, c.column) != ("Invoice", "BillingPostalCode")]  # dropped from the db
    columns.append(ColumnReport("playlist", "name", frozenset({"person_name"})))  # undeclared table and column
    columns.append(ColumnReport("customer", "support_rep_id", frozenset({"phone"})))  # declared as holding no item
    found = drift(ScanReport("chinook", tuple(columns)), ledger)
    assert [(d.kind, d.table, d.column) for d in found] == [
        (DriftKind.undeclared, "playlist", "name"),
        (DriftKind.declared_not_personal, "customer", "support_rep_id"),
        (DriftKind.missing, "Invoice", "BillingPostalCode"),
    ]
    assert "person_name" in found[0].message("en") and "台帳に記載のない" in found[0].message("ja")


def test_a_dataset_the_ledger_does_not_declare_is_all_drift() -> None:
    ledger = load_ledger_file(EXAMPLE).ledger
    assert ledger is not None
    found = drift(ScanReport("crm", (ColumnReport("t", "mail", frozenset({"email"})), ColumnReport("t", "id"))), ledger)
    assert [(d.kind, d.column) for d in found] == [(DriftKind.undeclared, "mail")]
