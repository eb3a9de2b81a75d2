"""Requests carried out in Chinook on SQLite, PostgreSQL and MariaDB: access, erasure, holds, resume."""

from __future__ import annotations

import os

import pytest
from chinook_support import column, crashing, interrupting, service_with, snapshot, support_rep_relation
from sqlalchemy import create_engine

from hogo import bootstrap
from hogo.datasets.execution import DatasetRunFailed
from hogo.datasets.policy import Identity
from hogo.errors import InvalidInput
from hogo.identity.policy import Actor
from hogo.ledger.loader import load_ledger_text

LUIS = [Identity("email", "LuisG@Embraer.com.br")]  # case differs from the stored address
NANCY = [Identity("email", "nancy@chinookcorp.com")]


def events(store: bootstrap.Container, prefix: str) -> list[str]:
    return [e.action for e in store.audit.events(action_prefix=prefix, limit=50)]


def test_access_finds_the_customer_and_their_invoices_but_not_their_support_employee(
    store: bootstrap.Container, admin: Actor
) -> None:
    result = store.datasets.access(LUIS, admin)
    assert result.datasets == ["chinook", "mailing"]
    assert {(r.dataset, r.table, r.subject_kind) for r in result.rows} == {
        ("chinook", "Customer", "customer"),
        ("chinook", "Invoice", "customer"),
        ("chinook", "InvoiceLine", "customer"),
        ("mailing", "subscribers", "customer"),
    }
    assert result.count("Customer") == 1 and result.count("Invoice") == 7 and result.count("InvoiceLine") == 38
    assert result.count("Employee") == 0  # Jane Peacock supports Luís; she is not his data
    customer = next(r for r in result.rows if r.table == "Customer")
    assert customer.key == {next(iter(customer.key)): 1}
    mapped = {(v.column, v.item): v.value for v in customer.values}
    assert mapped[("Email", "email")] == "luisg@embraer.com.br"
    assert mapped[("LastName", "name")] == "Gonçalves"
    invoice = next(r for r in result.rows if r.table == "Invoice")
    assert {v.item for v in invoice.values} == {"purchase-history", "address", "postal-code"}
    assert events(store, "datasets.") == ["datasets.accessed"]


def test_access_says_which_relation_into_a_person_table_it_did_not_follow_and_why(
    store: bootstrap.Container, admin: Actor
) -> None:
    store.ledger.apply(load_ledger_text(support_rep_relation(), source="chinook.yaml"), actor="test")
    result = store.datasets.access(LUIS, admin)
    assert result.count("Employee") == 0 and result.count("Invoice") == 7  # the walk is as before
    [skipped] = result.not_followed
    assert (skipped.dataset, skipped.table, skipped.column, skipped.references_table, skipped.source) == (
        "chinook",
        "Employee",
        "EmployeeId",
        "Customer",
        "ledger",
    )
    assert skipped.reason == "person-table" and "Employee" in skipped.why["en"] and skipped.article == "Art. 33(2)(i)"
    [event] = store.audit.events(action_prefix="datasets.accessed")
    assert event.data["not_followed"] == ["chinook: Employee.EmployeeId -> Customer.SupportRepId"]


def test_an_employee_is_found_as_an_employee_without_their_reports_or_customers(
    store: bootstrap.Container, admin: Actor
) -> None:
    result = store.datasets.access(NANCY, admin)
    assert [(r.table, r.subject_kind) for r in result.rows] == [("Employee", "employee")]
    skipped = {(n.table, n.column.replace("_", "").lower(), n.source) for n in result.not_followed}
    assert skipped == {("Customer", "supportrepid", "schema"), ("Employee", "reportsto", "schema")}  # foreign keys
    assert {v.item for v in result.rows[0].values} >= {"name", "birth-date", "job", "email"}


def test_dry_run_plans_every_statement_and_changes_nothing(store: bootstrap.Container, admin: Actor) -> None:
    url = os.environ["HOGO_CHINOOK_URL"]
    before = snapshot(url)
    plan = store.datasets.plan_erasure(LUIS, "REQ-1", admin)
    assert plan.status == "planned"
    chinook, mailing = plan.steps
    assert (chinook.dataset, chinook.planned_rows, mailing.planned_rows) == ("chinook", 8, 1)
    sql = [s.sql for s in chinook.statements]
    assert any(s.startswith('UPDATE "Customer" SET') and "'***'" in s and "IN (1)" in s for s in sql)
    assert any(s.startswith('UPDATE "Invoice" SET') for s in sql)
    assert not any("InvoiceLine" in s for s in sql)  # nothing to change there: every column is held
    assert mailing.statements[0].sql == 'DELETE FROM "subscribers" WHERE "id" IN (1)'
    assert snapshot(url) == before
    assert events(store, "dataset_") == ["dataset_run.planned"]


def test_erasure_masks_the_customer_and_billing_address_keeps_amounts_and_reports_the_hold(
    store: bootstrap.Container, admin: Actor
) -> None:
    url = os.environ["HOGO_CHINOOK_URL"]
    before = snapshot(url)
    plan = store.datasets.plan_erasure(LUIS, "REQ-2", admin)
    done = store.datasets.execute(plan.id, admin)
    assert done.status == "completed" and [s.status for s in done.steps] == ["completed", "completed"]
    assert column(url, "Customer", 1, "FirstName") == "***"
    assert column(url, "Customer", 1, "Phone") is None
    assert str(column(url, "Customer", 1, "Email")).startswith("hk:")
    after = snapshot(url)
    invoices = {k: v for k, v in after["invoice"].items() if before["invoice"][k] != v}
    assert len(invoices) == 7
    for key, row in invoices.items():
        old = before["invoice"][key]
        assert "***" in row and old[-1] == row[-1]  # billing address masked; the total is kept
    assert after["invoiceline"] == before["invoiceline"]
    assert after["employee"] == before["employee"]
    others = {k: v for k, v in before["customer"].items() if k != (1,)}
    assert {k: v for k, v in after["customer"].items() if k != (1,)} == others
    assert store.datasets.access(LUIS, admin).rows == []  # the e-mail no longer finds anyone
    total = next(h for h in done.holds if h.table == "Invoice" and h.column == "Total")
    assert "消費税法" in total.statute["ja"] and total.rows == 7 and total.until.year >= 2028
    assert events(store, "dataset_")[:3] == [
        "dataset_run.completed",
        "dataset_step.completed",
        "dataset_step.completed",
    ]


def test_erasing_again_changes_nothing_already_done(store: bootstrap.Container, admin: Actor) -> None:
    first = store.datasets.execute(store.datasets.plan_erasure(LUIS, "REQ-3", admin).id, admin)
    assert first.rows_changed > 0
    again = store.datasets.plan_erasure([Identity("chinook_customer_id", "1")], "REQ-3b", admin)
    assert again.steps[0].planned_rows == 8  # the same rows, found by customer number
    assert store.datasets.execute(again.id, admin).rows_changed == 0


def test_an_employee_is_erased_as_an_employee_with_the_register_kept(store: bootstrap.Container, admin: Actor) -> None:
    url = os.environ["HOGO_CHINOOK_URL"]
    before = snapshot(url)
    done = store.datasets.execute(store.datasets.plan_erasure(NANCY, "REQ-4", admin).id, admin)
    assert column(url, "Employee", 2, "LastName") == "Edwards"  # the register of workers is kept
    assert column(url, "Employee", 2, "Address") == "***"
    assert {h.column for h in done.holds} == {"LastName", "FirstName", "Title", "BirthDate", "HireDate"}
    after = snapshot(url)
    assert after["customer"] == before["customer"]
    assert {k: v for k, v in after["employee"].items() if k != (2,)} == {
        k: v for k, v in before["employee"].items() if k != (2,)
    }


def test_a_crash_mid_run_rolls_back_that_database_and_a_resume_finishes_without_double_work(
    store: bootstrap.Container, admin: Actor
) -> None:
    url = os.environ["HOGO_CHINOOK_URL"]
    before = snapshot(url)
    plan = store.datasets.plan_erasure(LUIS, "REQ-5", admin)
    with pytest.raises(DatasetRunFailed):  # chinook has 3 writes: the third one crashes
        service_with(store, crashing([2])).execute(plan.id, admin)
    assert snapshot(url) == before  # one transaction per database: nothing half-done
    failed = store.datasets.run(plan.id, admin)
    assert failed.status == "failed" and failed.steps[0].error == "RuntimeError"

    with pytest.raises(DatasetRunFailed):  # now chinook completes and the mailing list crashes
        service_with(store, crashing([3])).execute(plan.id, admin)
    middle = store.datasets.run(plan.id, admin)
    assert [s.status for s in middle.steps] == ["completed", "failed"]
    chinook_changed = middle.steps[0].rows_changed

    resumed = store.datasets.execute(plan.id, admin)
    assert resumed.status == "completed"
    assert [s.attempts for s in resumed.steps] == [2, 2]  # chinook was not run a third time
    assert resumed.steps[0].rows_changed == chinook_changed and resumed.steps[1].rows_changed == 1
    assert column(url, "Customer", 1, "FirstName") == "***"
    assert "dataset_step.failed" in events(store, "dataset_step.")


def test_the_changes_a_plan_expects_are_those_an_uninterrupted_run_reports(
    store: bootstrap.Container, admin: Actor
) -> None:
    plan = store.datasets.plan_erasure(LUIS, "REQ-E", admin)
    assert [s.expected_changes for s in plan.steps] == [9, 1]  # customer set + hashed, 7 invoices; 1 subscriber
    done = store.datasets.execute(plan.id, admin)
    assert [s.rows_changed for s in done.steps] == [9, 1] and not any(s.confirmed_on_resume for s in done.steps)


def test_a_run_interrupted_after_the_database_committed_reports_on_resume_what_it_changed(
    store: bootstrap.Container, admin: Actor
) -> None:
    url = os.environ["HOGO_CHINOOK_URL"]
    plan = store.datasets.plan_erasure(LUIS, "REQ-8", admin)
    with pytest.raises(KeyboardInterrupt):
        service_with(store, interrupting(True)).execute(plan.id, admin)
    assert column(url, "Customer", 1, "FirstName") == "***"  # Chinook committed: the change is there
    stopped = store.datasets.run(plan.id, admin)
    assert (stopped.steps[0].rows_changed, stopped.steps[0].attempts) == (None, 1)
    assert "dataset_step.completed" not in events(store, "dataset_step.")  # hogo never booked it

    resumed = store.datasets.execute(plan.id, admin)
    chinook, mailing = resumed.steps
    assert chinook.rows_changed == 9  # what the interrupted attempt changed, not the 0 of the re-run
    assert (chinook.status, chinook.confirmed_on_resume) == ("completed", True)
    assert (mailing.rows_changed, mailing.confirmed_on_resume) == (1, False)  # it had not started: done now
    assert resumed.rows_changed == 10
    booked = store.audit.events(action_prefix="dataset_step.completed", limit=10)
    assert {(e.data["dataset"], e.data["rows_changed"], e.data.get("confirmed_on_resume")) for e in booked} == {
        ("chinook", 9, True),
        ("mailing", 1, None),
    }
    assert stopped.steps[0].status == "running"  # the journal shows the step was under way, its outcome unknown


def test_a_run_interrupted_before_the_database_committed_changes_the_rows_on_resume(
    store: bootstrap.Container, admin: Actor
) -> None:
    url = os.environ["HOGO_CHINOOK_URL"]
    before = snapshot(url)
    plan = store.datasets.plan_erasure(LUIS, "REQ-9", admin)
    with pytest.raises(KeyboardInterrupt):
        service_with(store, interrupting(False)).execute(plan.id, admin)
    assert snapshot(url) == before  # rolled back
    resumed = store.datasets.execute(plan.id, admin)
    assert (resumed.steps[0].rows_changed, resumed.steps[0].confirmed_on_resume) == (9, False)  # changed now


def test_correction_rewrites_the_customer_but_not_invoices_kept_as_issued(
    store: bootstrap.Container, admin: Actor
) -> None:
    url = os.environ["HOGO_CHINOOK_URL"]
    before = snapshot(url)
    plan = store.datasets.plan_correction(LUIS, ["address"], "REQ-6", admin)
    assert [s.planned_rows for s in plan.steps] == [1, 0]  # the customer row; invoices are held as issued
    assert {h.table for h in plan.holds} == {"Invoice"}
    with pytest.raises(InvalidInput, match="address"):
        store.datasets.execute(plan.id, admin)  # the new value must be given
    done = store.datasets.execute(plan.id, admin, corrections={"address": "東京都渋谷区神南1-2-3"})
    assert done.rows_changed == 1
    assert column(url, "Customer", 1, "Address") == "東京都渋谷区神南1-2-3"
    assert column(url, "Customer", 1, "City") == "東京都渋谷区神南1-2-3"  # every column of the item
    after = snapshot(url)
    assert after["invoice"] == before["invoice"]
    assert {k: v for k, v in after["customer"].items() if k != (1,)} == {
        k: v for k, v in before["customer"].items() if k != (1,)
    }


def test_suspension_sets_the_declared_flag_on_the_person_rows_only(store: bootstrap.Container, admin: Actor) -> None:
    plan = store.datasets.plan_suspension(LUIS, "REQ-7", admin)
    assert [(s.dataset, s.planned_rows) for s in plan.steps] == [("chinook", 0), ("mailing", 1)]
    assert store.datasets.execute(plan.id, admin).rows_changed == 1
    engine = create_engine(os.environ["HOGO_MAILING_URL"])
    with engine.connect() as conn:
        rows = dict(conn.exec_driver_sql("SELECT id, paused FROM subscribers").all())
    engine.dispose()
    assert rows == {1: 1, 2: 0}
