"""Lint rules about connected datasets, located by line in the Chinook example ledger."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hogo.ledger.loader import load_ledger_text
from hogo.ledger.policy import lint
from hogo.ledger.rules import rules_in_force

TODAY = dt.date(2026, 11, 20)
CHINOOK = Path(__file__).resolve().parents[3] / "examples" / "chinook" / "ledger.yaml"
LINES = "      - {table: InvoiceLine, column: InvoiceId,"
SUPPORT_REP = (
    "      - {table: Employee, column: EmployeeId, references_table: Customer, references_column: SupportRepId}"
)


def findings(text: str) -> dict[str, int]:
    loaded = load_ledger_text(text)
    assert loaded.ledger is not None, [p.format() for p in loaded.problems]
    return {f.code: loaded.lines.line_of(f.path) for f in lint(loaded.ledger, TODAY, rules_in_force(TODAY))}


@pytest.fixture
def chinook() -> str:
    return CHINOOK.read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_the_chinook_example_is_clean(chinook: str) -> None:
    assert findings(chinook) == {}


@pytest.mark.parametrize(
    ("before", "after", "code", "at"),
    [
        (
            "{name: Company, item: company,",
            "{name: Company, item: employer,",
            "dataset-dangling-item",
            "item: employer",
        ),
        (
            "references_table: Customer, references_column: CustomerId}",
            "references_table: Client, references_column: CustomerId}",
            "dataset-dangling-table",
            "references_table: Client",
        ),
        ("from_column: InvoiceDate", "from_column: IssuedOn", "dataset-hold-column-undeclared", "legal_hold: &tax"),
        (
            "        subject_kind: employee\n",
            "        subject_kind: staff\n",
            "dataset-dangling-subject-kind",
            "subject_kind: staff",
        ),
        (
            "              period: 5y\n",
            "              until: null\n",
            "dataset-hold-endless",
            "legal_hold: &labour",
        ),
        (LINES, f"{SUPPORT_REP}\n{LINES}", "dataset-relation-into-person-table", SUPPORT_REP),
        (
            "{name: Phone, item: phone, erasure: set_null}",
            "{name: Phone, item: phone, erasure: mask, actions: {erasure: [set_null]}}",
            "dataset-action-conflict",
            "actions: {erasure: [set_null]}",
        ),
    ],
)
def test_each_mistake_is_reported_on_its_line(chinook: str, before: str, after: str, code: str, at: str) -> None:
    assert before in chinook
    broken = chinook.replace(before, after, 1)
    found = findings(broken)
    assert found.get(code) == line_of(broken, at)


def test_an_item_the_dataset_does_not_list_is_a_warning(chinook: str) -> None:
    broken = chinook.replace(
        "items: [name, company, address, postal-code, phone, email, purchase-history, birth-date, job]",
        "items: [name, address, postal-code, phone, email, purchase-history, birth-date, job]",
    )
    assert "dataset-item-unlisted" in findings(broken)


@pytest.mark.parametrize(
    "actions",
    ["erasure: delete_row", "actions: {erasure: [mask], suspension_of_use: [keep, delete_row]}"],
    ids=["on-erasure", "on-suspension"],
)
def test_a_held_column_in_a_table_that_may_delete_rows_is_a_warning(chinook: str, actions: str) -> None:
    broken = chinook.replace(
        "{name: BillingAddress, item: address, erasure: mask}", f"{{name: BillingAddress, item: address, {actions}}}"
    )
    assert "dataset-hold-deletes-row" in findings(broken)


def test_actions_per_request_kind_that_agree_with_the_single_form_are_clean(chinook: str) -> None:
    edited = chinook.replace(
        "{name: BillingAddress, item: address, erasure: mask}",
        "{name: BillingAddress, item: address, erasure: mask, actions: {erasure: [mask, set_null]}}",
    )
    assert findings(edited) == {}


def test_a_connected_dataset_without_identities_is_a_warning(chinook: str) -> None:
    broken = (
        chinook.replace(
            "          - {column: Email, kind: email}\n          - {column: CustomerId, kind: chinook_customer_id}\n",
            "",
        )
        .replace(
            "          - {column: Email, kind: email}\n          - {column: EmployeeId, kind: chinook_employee_id}\n",
            "",
        )
        .replace("        identities:\n", "")
    )
    assert "dataset-no-identity" in findings(broken)


def test_an_unknown_erasure_action_is_a_schema_error_with_its_line(chinook: str) -> None:
    broken = chinook.replace(
        "{name: Phone, item: phone, erasure: set_null}", "{name: Phone, item: phone, erasure: shred}", 1
    )
    loaded = load_ledger_text(broken)
    assert loaded.ledger is None
    problem = next(p for p in loaded.problems if p.code == "invalid-value")
    assert problem.line == line_of(broken, "erasure: shred")


def test_a_relation_into_a_person_table_says_why_it_is_not_followed(chinook: str) -> None:
    broken = chinook.replace(LINES, f"{SUPPORT_REP}\n{LINES}")
    loaded = load_ledger_text(broken)
    assert loaded.ledger is not None
    [finding] = [f for f in lint(loaded.ledger, TODAY, rules_in_force(TODAY)) if f.code.startswith("dataset-")]
    assert (finding.severity, finding.article) == ("warning", "Art. 33(2)(i)")
    assert "finds persons by itself" in finding.message and "not followed" in finding.message
