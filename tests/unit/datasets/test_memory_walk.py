"""The walk and the operations over the in-memory connector: no database, the same outcomes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hogo.adapters.connectors import ForeignKey
from hogo.adapters.connectors_memory import MemoryConnector, MemoryTable
from hogo.datasets.connected import apply, walk
from hogo.datasets.operations import erasure_operations
from hogo.datasets.policy import Identity
from hogo.ledger.loader import load_ledger_file
from hogo.ledger.schemas.datasets import DataSet

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "chinook" / "ledger.yaml"
TODAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def chinook() -> DataSet:
    ledger = load_ledger_file(EXAMPLE).ledger
    assert ledger is not None
    return ledger.datasets[0]


def person(key: int, email: str, rep: int | None = None) -> dict[str, object]:
    row: dict[str, object] = {c: None for c in ("Company", "City", "State", "Country", "PostalCode", "Phone", "Fax")}
    return {
        "customer_id": key,
        "FirstName": f"F{key}",
        "LastName": f"L{key}",
        "Address": "a",
        "Email": email,
        "SupportRepId": rep,
        **row,
    }


@pytest.fixture
def db() -> MemoryConnector:
    employee = {
        c: None
        for c in (
            "Title",
            "ReportsTo",
            "BirthDate",
            "HireDate",
            "Address",
            "City",
            "State",
            "Country",
            "PostalCode",
            "Phone",
            "Fax",
        )
    }
    return MemoryConnector(
        [
            MemoryTable("customer", ["customer_id"], [person(1, "a@x.jp", 3), person(2, "b@x.jp", 3)]),
            MemoryTable(
                "employee",
                ["EmployeeId"],
                [{"EmployeeId": 3, "FirstName": "J", "LastName": "P", "Email": "j@corp.jp", **employee}],
            ),
            MemoryTable(
                "Invoice",
                ["InvoiceId"],
                [
                    {
                        "InvoiceId": 10,
                        "CustomerId": 1,
                        "InvoiceDate": "2025-01-01",
                        "BillingAddress": "a",
                        "BillingCity": "c",
                        "BillingState": None,
                        "BillingCountry": "JP",
                        "BillingPostalCode": "1",
                        "Total": 9,
                    },
                    {
                        "InvoiceId": 11,
                        "CustomerId": 2,
                        "InvoiceDate": "2025-01-01",
                        "BillingAddress": "b",
                        "BillingCity": "c",
                        "BillingState": None,
                        "BillingCountry": "JP",
                        "BillingPostalCode": "1",
                        "Total": 5,
                    },
                ],
            ),
            MemoryTable(
                "InvoiceLine",
                ["InvoiceLineId"],
                [
                    {"InvoiceLineId": 100, "InvoiceId": 10, "TrackId": 1, "UnitPrice": 1, "Quantity": 1},
                ],
            ),
        ],
        [ForeignKey("customer", "SupportRepId", "employee", "EmployeeId")],
    )


def test_the_walk_finds_the_customer_their_invoice_and_its_lines_only(chinook: DataSet, db: MemoryConnector) -> None:
    found = walk(chinook, db, [Identity("email", "A@X.JP")])
    assert sorted((r.table, r.key) for r in found.rows) == [
        ("Customer", (1,)),
        ("Invoice", (10,)),
        ("InvoiceLine", (100,)),
    ]
    assert found.keys["Customer"] == ("customer_id",)


def test_erasure_applied_twice_changes_nothing_the_second_time(chinook: DataSet, db: MemoryConnector) -> None:
    found = walk(chinook, db, [Identity("email", "a@x.jp")])
    operations, _ = erasure_operations(chinook, found.rows, found.keys, TODAY)
    with db.begin() as writer:
        first = sum(apply(writer, op, {}, b"k" * 32) for op in operations)
    with db.begin() as writer:
        second = sum(apply(writer, op, {}, b"k" * 32) for op in operations)
    assert (first, second) == (3, 0)
    customers = {r["customer_id"]: r for r in db.tables["customer"].rows}
    assert customers[1]["FirstName"] == "***" and str(customers[1]["Email"]).startswith("hk:")
    assert customers[2]["FirstName"] == "F2"  # someone else
    assert db.tables["Invoice"].rows[0]["Total"] == 9 and db.tables["Invoice"].rows[0]["BillingAddress"] == "***"


def test_a_failing_block_leaves_nothing_behind(chinook: DataSet, db: MemoryConnector) -> None:
    found = walk(chinook, db, [Identity("email", "a@x.jp")])
    operations, _ = erasure_operations(chinook, found.rows, found.keys, TODAY)
    with pytest.raises(RuntimeError), db.begin() as writer:
        apply(writer, operations[0], {}, b"k" * 32)
        raise RuntimeError("crash")
    assert db.tables["customer"].rows[0]["FirstName"] == "F1"
