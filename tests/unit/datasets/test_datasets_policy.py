"""Planning over declarations, without a database: the walk's edges, erasure operations and holds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from declared import declared

from hogo.datasets.operations import (
    Ask,
    Operation,
    correction_operations,
    erasure_operations,
    suspension_operations,
)
from hogo.datasets.policy import MASK, Edge, FoundRow, Identity, Shape, edges, norm, roots, schema_problems
from hogo.datasets.views import statements
from hogo.ledger.loader import load_ledger_file
from hogo.ledger.schemas.datasets import ActionKind, DataSet, ErasureAction

TODAY = dt.date(2026, 11, 20)
EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "chinook" / "ledger.yaml"
KEYS = {
    "Customer": ("CustomerId",),
    "Invoice": ("InvoiceId",),
    "InvoiceLine": ("InvoiceLineId",),
    "Employee": ("EmployeeId",),
}


@pytest.fixture(scope="module")
def chinook() -> DataSet:
    ledger = load_ledger_file(EXAMPLE).ledger
    assert ledger is not None
    return ledger.datasets[0]


def customer(values: dict[str, object] | None = None) -> FoundRow:
    return FoundRow("Customer", "customer", (1,), 0, {norm(k): v for k, v in (values or {}).items()})


def invoice(key: int, date: str) -> FoundRow:
    return FoundRow("Invoice", "customer", (key,), 1, {"invoicedate": date, "total": "3.96"})


def test_names_match_ignoring_case_and_underscores() -> None:
    assert norm("CustomerId") == norm("customer_id") == "customerid"


def test_the_walk_starts_at_identity_columns_of_the_given_kinds(chinook: DataSet) -> None:
    found = roots(chinook, [Identity("email", " a@b.jp "), Identity("phone", "03")])
    assert [(t.name, r.column, r.values, r.casefold) for t, r in found] == [
        ("Customer", "Email", ("a@b.jp",), True),
        ("Employee", "Email", ("a@b.jp",), True),
    ]


def test_edges_never_enter_a_person_table(chinook: DataSet) -> None:
    schema = [
        Edge("customer", "support_rep_id", "employee", "employee_id"),  # the support employee
        Edge("employee", "reports_to", "employee", "employee_id"),  # a manager's reports
        Edge("invoice", "customer_id", "customer", "customer_id"),
        Edge("invoice_line", "track_id", "track", "track_id"),  # an undeclared table
    ]
    children = edges(chinook, schema)
    assert set(children) == {"customer", "invoice"}
    assert [(e.table, e.column) for e in children["customer"]] == [("Invoice", "CustomerId")]
    assert [(e.table, e.column) for e in children["invoice"]] == [("InvoiceLine", "InvoiceId")]


def test_erasure_masks_nulls_hashes_and_keeps_held_columns(chinook: DataSet) -> None:
    rows = [customer(), invoice(98, "2021-01-11 00:00:00"), invoice(121, "2025-06-01")]
    operations, holds = erasure_operations(chinook, rows, KEYS, TODAY)
    by_table = {op.table: op for op in operations}
    assert by_table["Customer"].mask == ("FirstName", "LastName", "Address")
    assert by_table["Customer"].keyed_hash == ("Email",)
    assert "Phone" in by_table["Customer"].set_null
    assert by_table["Invoice"].keys == ((98,), (121,))
    assert by_table["Invoice"].mask == ("BillingAddress",)
    total = next(h for h in holds if h.column == "Total")
    assert (total.rows, total.until) == (2, dt.date(2032, 5, 30))  # 7 years (of 365 days) after the latest invoice
    assert "消費税法" in total.statute_ja


def test_a_row_whose_hold_ended_is_handled_by_its_erasure_action(chinook: DataSet) -> None:
    employee = FoundRow("Employee", "employee", (2,), 0, {})
    _, holds = erasure_operations(chinook, [employee], KEYS, TODAY)
    assert {h.column for h in holds} >= {"LastName", "BirthDate"}
    assert all(h.until == TODAY + dt.timedelta(days=5 * 365) for h in holds)


def test_deletes_run_children_first_and_a_held_row_is_not_deleted() -> None:
    dataset = declared(
        [
            {
                "name": "member",
                "subject_kind": "customer",
                "identities": [{"column": "mail", "kind": "email"}],
                "columns": [{"name": "mail", "item": "name", "erasure": "delete_row"}],
            },
            {
                "name": "order",
                "columns": [
                    {"name": "note", "item": "name", "erasure": "delete_row"},
                    {"name": "paid", "legal_hold": {"statute": "law", "until": "2026-12-31"}},
                ],
            },
            {"name": "line", "columns": [{"name": "x", "item": "name", "erasure": "delete_row"}]},
        ]
    )
    keys = {"member": ("id",), "order": ("id",), "line": ("id",)}
    rows = [
        FoundRow("member", "customer", (1,), 0, {}),
        FoundRow("order", "customer", (7,), 1, {}),
        FoundRow("line", "customer", (70,), 2, {}),
    ]
    operations, holds = erasure_operations(dataset, rows, keys, TODAY)
    assert [(op.table, op.delete) for op in operations] == [("line", True), ("member", True)]
    assert [(h.table, h.column, h.until) for h in holds] == [("order", "paid", dt.date(2026, 12, 31))]
    later, _ = erasure_operations(dataset, rows, keys, dt.date(2027, 1, 1))
    assert [op.table for op in later] == ["line", "order", "member"]


def test_correction_and_suspension_touch_only_the_person_rows(chinook: DataSet) -> None:
    rows = [customer(), invoice(98, "2024-01-01"), invoice(12, "2015-01-01")]
    corrected, holds = correction_operations(chinook, rows, KEYS, ["address"], TODAY)
    assert [(op.table, op.keys, [c for c, _ in op.correct]) for op in corrected] == [
        ("Customer", ((1,),), ["Address", "City", "State", "Country"]),
        ("Invoice", ((12,),), ["BillingAddress", "BillingCity", "BillingState", "BillingCountry"]),
    ]  # invoice 98 is still kept as issued (tax hold); invoice 12's hold has ended
    assert {(h.table, h.rows) for h in holds} == {("Invoice", 1)}
    assert suspension_operations(chinook, [customer()], KEYS, TODAY) == ([], [])  # no flag, nothing declared


def test_the_example_keeps_the_phone_on_a_suspension_unless_the_person_asks_to_clear_it(chinook: DataSet) -> None:
    assert suspension_operations(chinook, [customer({"Phone": "03"})], KEYS, TODAY) == ([], [])
    asked = Ask(ActionKind.suspension_of_use, chosen=(("phone", ErasureAction.set_null),))
    operations, _ = suspension_operations(chinook, [customer({"Phone": "03"})], KEYS, TODAY, asked)
    assert [(op.table, op.set_null, op.expected) for op in operations] == [("Customer", ("Phone",), 1)]  # not Fax


def test_statements_show_keys_and_constants_never_values() -> None:
    op = Operation(
        "Customer", ("CustomerId",), ((1,), (2,)), set_null=("Phone",), mask=("FirstName",), keyed_hash=("Email",)
    )
    sql = [s.sql for s in statements(op)]
    assert sql[0] == f'UPDATE "Customer" SET "Phone" = NULL, "FirstName" = \'{MASK}\' WHERE "CustomerId" IN (1, 2)'
    assert sql[1].startswith('UPDATE "Customer" SET "Email" = \'hk:\' || hmac_sha256("Email")')
    assert Operation.from_json(op.as_json()) == op


def test_declarations_the_schema_cannot_honour_are_found_before_anything_changes(chinook: DataSet) -> None:
    text = Shape(nullable=True, text=True, length=40)
    shapes = {t.name: {norm(c.name): text for c in t.columns} for t in chinook.tables}
    assert schema_problems(chinook, shapes) == []
    shapes["Customer"][norm("Phone")] = Shape(nullable=False, text=True, length=24)
    shapes["Customer"][norm("Email")] = Shape(nullable=False, text=True, length=10)
    shapes["Employee"][norm("Address")] = Shape(nullable=True, text=False, length=None)
    del shapes["Invoice"][norm("BillingCity")]
    assert schema_problems(chinook, shapes) == [
        "Customer.Phone is NOT NULL: it cannot be set to NULL (use mask)",
        "Customer.Email holds 10 characters: too short for a keyed hash",
        "Invoice.BillingCity does not exist",
        "Employee.Address is not a text column: it cannot be masked (use set_null)",
    ]
