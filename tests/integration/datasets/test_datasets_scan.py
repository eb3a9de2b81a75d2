"""`hogo datasets scan` on Chinook in SQLite, PostgreSQL and MariaDB: the columns the ledger leaves out."""

from __future__ import annotations

from pathlib import Path

import pytest

from hogo.bootstrap import Container
from hogo.datasets.drift import DriftKind
from hogo.identity.policy import Actor
from hogo.ledger.loader import load_ledger_text

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
BIRTH_DATE = "          - {name: BirthDate, item: birth-date, erasure: set_null, legal_hold: *labour}\n"
PHONE = "          - {name: Phone, item: phone, erasure: set_null}\n"
FAX = "          - {name: Fax, item: phone, erasure: set_null}\n"
NICKNAME = "          - {name: Nickname, item: name, erasure: mask}\n"
EMPLOYEE_TAIL = "          - {name: Email, item: email, erasure: keyed_hash}\n  - id: mailing"


def test_a_complete_ledger_drifts_nowhere(store: Container, admin: Actor) -> None:
    results = {r.dataset: r for r in store.discovery.scan(admin, sample=100)}
    # Track.Composer holds names: declared by the catalogue data set on the same database, it is no drift of chinook's
    assert {k: (r.drifts, r.error) for k, r in results.items()} == {
        "chinook": ([], None),
        "mailing": ([], None),
        "catalogue": ([], None),
    }
    assert results["chinook"].scanned_columns > 60
    [event] = store.audit.events(action_prefix="datasets.scanned")
    assert event.data["chinook"] == {"columns": results["chinook"].scanned_columns, "drift": [], "error": None}


def test_the_scan_names_what_the_ledger_leaves_out(store: Container, admin: Actor) -> None:
    text = (FIXTURES / "chinook.yaml").read_text(encoding="utf-8")
    # the employee's birth date and phone left out; a column declared that the database does not have
    edited = text.replace(BIRTH_DATE, "").replace(PHONE + FAX + EMPLOYEE_TAIL, FAX + NICKNAME + EMPLOYEE_TAIL)
    assert edited.count("Nickname") == 1 and "BirthDate" not in edited
    store.ledger.apply(load_ledger_text(edited, source="chinook-edited.yaml"), actor="test")
    [chinook] = [r for r in store.discovery.scan(admin) if r.dataset == "chinook"]
    found = {(d.kind, d.table.lower(), d.column.lower().replace("_", "")): d.entities for d in chinook.drifts}
    assert ("missing", "employee", "nickname") in {(k.value, t, c) for k, t, c in found}
    undeclared = {(t, c): e for (k, t, c), e in found.items() if k is DriftKind.undeclared}
    assert {("employee", "birthdate"), ("employee", "phone")} <= set(undeclared)
    assert undeclared[("employee", "birthdate")] == {"DATE_OF_BIRTH"}
    assert undeclared[("employee", "phone")] == {"PHONE_NUMBER"}
    assert all("@" not in str(d.entities) for d in chinook.drifts)  # kinds of information, never values


def test_a_dataset_that_cannot_be_scanned_is_reported_not_fatal(
    store: Container, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HOGO_MAILING_URL")
    monkeypatch.setenv("HOGO_CHINOOK_URL", "sqlite:////nonexistent/dir/chinook.sqlite")
    results = {r.dataset: r for r in store.discovery.scan(admin)}
    assert results["mailing"].error == "HOGO_MAILING_URL is not set"
    assert results["chinook"].error is not None and "nonexistent" not in results["chinook"].error  # no URL echoed
    assert results["chinook"].drifts == [] and results["chinook"].scanned_columns == 0
    [event] = store.audit.events(action_prefix="datasets.scanned")
    assert event.data["mailing"]["error"] == "HOGO_MAILING_URL is not set"
