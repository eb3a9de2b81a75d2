"""Requests from a Chinook customer carried out where the data lives (Chinook on SQLite, PostgreSQL, MariaDB):
the disclosure package holds their rows, an erasure masks them and names the tax-law hold, a crash in the
dataset step keeps the vault step and a retry finishes without doing anything twice."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest
from chinook_support import column, crashing, customer_in_vault, service_with, snapshot, support_rep_relation
from sqlalchemy import create_engine

from hogo import bootstrap
from hogo.adapters.mail import MemoryMailer
from hogo.datasets.connections import DatasetUnreachable
from hogo.datasets.execution import DatasetRunFailed
from hogo.errors import NotFound
from hogo.identity.policy import Actor
from hogo.ledger.loader import load_ledger_text
from hogo.ledger.schemas.procedures import IdentityDocument, RequestChannel
from hogo.ledger.schemas.procedures import RequestKind as K
from hogo.requests.dataset_link import DatasetLink
from hogo.requests.policy import ClaimedGround, Outcome
from hogo.requests.schemas import ContactIn, DecisionIn, FulfilIn, IdentityCheckIn, RequestIn
from hogo.requests.workflow import Status
from hogo.subjects.schemas import IdentifierIn

LUIS = "luisg@embraer.com.br"


@dataclass
class Shop:
    c: bootstrap.Container
    outbox: MemoryMailer
    luis: str


@pytest.fixture
def shop(store: bootstrap.Container, admin: Actor) -> Shop:
    """The Chinook store with Luís (customer 1) in the vault as the shop's web form recorded him."""
    outbox = MemoryMailer()
    store.outbox.mailer = outbox
    return Shop(store, outbox, customer_in_vault(store, admin, LUIS, "Luís Gonçalves"))


def decided(shop: Shop, kind: K, admin: Actor, lang: str = "ja") -> tuple[str, str]:
    """A request from Luís, filed at the desk, identity checked, decided in full: (request id, status token)."""
    filed = shop.c.requests.file(
        RequestIn(
            kind=kind,
            channel=RequestChannel.post,
            identifier=IdentifierIn(kind="email", value=LUIS),
            contact=ContactIn(name="Luís Gonçalves", email=LUIS),
            language="en" if lang == "en" else "ja",
            claimed_ground=ClaimedGround.harm_to_rights if kind in (K.erasure, K.suspension_of_use) else None,
        ),
        admin,
    )
    request_id = filed.request.id
    shop.c.requests.check_identity(request_id, IdentityCheckIn(document=IdentityDocument.passport), admin)
    shop.c.requests.decide(request_id, DecisionIn(outcome=Outcome.full), admin)
    return request_id, filed.token


def letter_text(shop: Shop, request_id: str) -> str:
    with shop.c.uow(read_only=True) as uow:
        letter = shop.c.requests.book.answer_letter(shop.c.requests.book.load(uow.session, request_id, lock=False))
    return "\n".join(letter.paragraphs + [f"{label} {value}" for label, value in letter.table])


def actions(shop: Shop, entity_id: str) -> list[str]:
    return [e.action for e in reversed(shop.c.audit.events(limit=10_000)) if e.entity_id == entity_id]


def test_a_disclosure_holds_the_customer_invoice_and_line_rows_but_not_the_support_employee(
    shop: Shop, admin: Actor
) -> None:
    request_id, token = decided(shop, K.disclosure, admin)
    done = shop.c.requests.fulfil(request_id, FulfilIn(), admin)
    assert done.status is Status.fulfilled
    assert done.measures is not None and done.measures["dataset_rows_disclosed"] == 1 + 7 + 38 + 1
    found = shop.c.requests.person.package(token)["datasets"]
    assert isinstance(found, dict) and found["searched"] == ["chinook", "mailing"]
    tables = [(r["dataset"], r["table"]) for r in found["rows"]]
    assert tables.count(("chinook", "Customer")) == 1 and tables.count(("chinook", "Invoice")) == 7
    assert tables.count(("chinook", "InvoiceLine")) == 38 and ("mailing", "subscribers") in tables
    assert not any(t == "Employee" for _, t in tables)  # Jane Peacock supports Luís; she is not his data
    customer = next(r for r in found["rows"] if r["table"] == "Customer")
    values = {(v["column"], v["item"]): v["value"] for v in customer["values"]}
    assert values[("LastName", "name")] == "Gonçalves" and values[("Email", "email")] == LUIS
    assert next(v for v in customer["values"] if v["item"] == "email")["label"]["en"] == "E-mail address"
    invoice = next(r for r in found["rows"] if r["table"] == "Invoice")
    assert {v["column"] for v in invoice["values"]} >= {"BillingAddress", "Total", "InvoiceDate"}
    trail = actions(shop, shop.luis)
    assert "records.read" in trail  # the e-mail opened to search the databases, and the disclosed values
    assert "氏名 (Customer.LastName) Gonçalves" in letter_text(shop, request_id)


def test_the_disclosure_package_says_which_relation_was_not_followed_and_why(shop: Shop, admin: Actor) -> None:
    shop.c.ledger.apply(load_ledger_text(support_rep_relation(), source="chinook.yaml"), actor="test")
    request_id, token = decided(shop, K.disclosure, admin)
    shop.c.requests.fulfil(request_id, FulfilIn(), admin)
    found = shop.c.requests.person.package(token)["datasets"]
    assert isinstance(found, dict)
    [skipped] = found["not_followed"]
    assert (skipped["table"], skipped["column"], skipped["references_table"]) == ("Employee", "EmployeeId", "Customer")
    assert "Employee" in skipped["why"]["ja"] and skipped["reason"] == "person-table"
    assert not any(r["table"] == "Employee" for r in found["rows"])
    assert "「Employee」は単独で本人を識別する表です" in letter_text(shop, request_id)  # and in the letter


def test_an_erasure_masks_the_customer_and_billing_address_keeps_totals_and_names_the_tax_hold(
    shop: Shop, admin: Actor
) -> None:
    url = os.environ["HOGO_CHINOOK_URL"]
    before = snapshot(url)
    request_id, token = decided(shop, K.erasure, admin)
    done = shop.c.requests.fulfil(request_id, FulfilIn(), admin)
    assert done.status is Status.fulfilled and done.measures is not None
    assert done.measures["erased"] is True and done.measures["dataset_run"].startswith("dr_")
    assert done.measures["dataset_rows_changed"]["mailing"] == 1
    assert column(url, "Customer", 1, "FirstName") == "***"
    assert str(column(url, "Customer", 1, "Email")).startswith("hk:")
    after = snapshot(url)
    changed = {k: v for k, v in after["invoice"].items() if before["invoice"][k] != v}
    assert len(changed) == 7
    assert all("***" in row and row[-1] == before["invoice"][k][-1] for k, row in changed.items())
    assert after["invoiceline"] == before["invoiceline"] and after["employee"] == before["employee"]
    assert {k: v for k, v in after["customer"].items() if k != (1,)} == {
        k: v for k, v in before["customer"].items() if k != (1,)
    }
    with pytest.raises(NotFound):  # the vault step: the person is erased there too
        shop.c.subjects.find("email", LUIS, admin)
    answer = shop.c.requests.person.package(token)
    holds = answer["holds"]
    assert isinstance(holds, list)
    total = next(h for h in holds if h["table"] == "Invoice" and h["column"] == "Total")
    assert "消費税法" in total["statute"]["ja"] and total["label"]["ja"] == "購入履歴"
    mail = shop.outbox.outbox[-1].body
    assert "消費税法第30条" in mail and "購入履歴（Invoice, InvoiceLine）" in mail
    last = max(h["until"] for h in holds if h["item"] == "purchase-history")
    assert f"{int(last[:4])}年{int(last[5:7])}月{int(last[8:])}日まで" in mail
    letter = letter_text(shop, request_id)
    assert "法令により保存する義務" in letter and "消費税法第30条" in letter


def test_a_crash_in_the_dataset_step_keeps_the_vault_step_and_a_retry_finishes_without_double_work(
    shop: Shop, admin: Actor
) -> None:
    url = os.environ["HOGO_CHINOOK_URL"]
    before = snapshot(url)
    request_id, _ = decided(shop, K.erasure, admin, lang="en")
    c = shop.c
    fragile = service_with(c, crashing([2]))
    c.requests.fulfilment.use_datasets(DatasetLink(fragile, c.ledger))
    with pytest.raises(DatasetRunFailed):
        c.requests.fulfil(request_id, FulfilIn(), admin)
    stopped = c.requests.get(request_id, admin)
    assert stopped.status is Status.decided and stopped.measures is not None
    assert stopped.measures["erased"] is True and stopped.measures["dataset_error"] == "dataset-run-failed"
    assert snapshot(url) == before  # the database's transaction was rolled back whole
    with pytest.raises(NotFound):
        c.subjects.find("email", LUIS, admin)  # the vault step stands

    c.requests.fulfilment.use_datasets(DatasetLink(c.datasets, c.ledger))
    done = c.requests.fulfil(request_id, FulfilIn(), admin)
    assert done.status is Status.fulfilled and done.measures is not None and "dataset_error" not in done.measures
    run = c.datasets.run(done.measures["dataset_run"], admin)
    assert run.status == "completed" and [s.attempts for s in run.steps] == [2, 1]
    assert column(url, "Customer", 1, "FirstName") == "***"
    trail = actions(shop, request_id)
    assert trail.count("request.dataset_failed") == 1 and trail[-3:] == [
        "request.fulfilled",
        "request.notified",
        "request.details_deleted",  # the person was erased: their request's details go once they were told
    ]
    assert actions(shop, shop.luis).count("person.erased") == 1
    assert len([e for e in c.audit.events(action_prefix="dataset_run.planned", limit=50)]) == 1
    assert "Consumption Tax Act Art. 30" in shop.outbox.outbox[-1].body


def test_a_correction_rewrites_the_customer_row_and_the_vault_but_not_invoices_as_issued(
    shop: Shop, admin: Actor
) -> None:
    url = os.environ["HOGO_CHINOOK_URL"]
    before = snapshot(url)
    request_id, _ = decided(shop, K.correction, admin)
    corrections = {"address": "東京都渋谷区神南1-2-3", "name": "Luis Goncalves"}
    done = shop.c.requests.fulfil(request_id, FulfilIn(corrections=corrections), admin)
    assert done.measures is not None and len(done.measures["corrected_records"]) == 1  # the vault holds the name
    assert column(url, "Customer", 1, "Address") == "東京都渋谷区神南1-2-3"  # the database holds the address
    assert column(url, "Customer", 1, "LastName") == "Luis Goncalves"
    after = snapshot(url)
    assert after["invoice"] == before["invoice"]
    assert {k: v for k, v in after["customer"].items() if k != (1,)} == {
        k: v for k, v in before["customer"].items() if k != (1,)
    }
    assert shop.c.usage.read(shop.luis, ["name"], "sales", admin).values == {"name": "Luis Goncalves"}
    assert any(h["table"] == "Invoice" for h in done.measures["holds"])  # invoices stay as issued


def test_a_suspension_of_use_pauses_the_newsletter_row_of_the_person_only(shop: Shop, admin: Actor) -> None:
    request_id, _ = decided(shop, K.suspension_of_use, admin)
    done = shop.c.requests.fulfil(request_id, FulfilIn(), admin)
    assert done.measures is not None and done.measures["dataset_rows_changed"] == {"chinook": 0, "mailing": 1}
    assert shop.c.subjects.person(shop.luis, admin).suspensions[0].reference == f"request {request_id}"
    engine = create_engine(os.environ["HOGO_MAILING_URL"])
    with engine.connect() as conn:
        rows = dict(conn.exec_driver_sql("SELECT id, paused FROM subscribers").all())
    engine.dispose()
    assert rows == {1: 1, 2: 0}


def test_an_unreachable_database_stops_the_erasure_before_anything_and_a_retry_carries_it_out(
    shop: Shop, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    request_id, _ = decided(shop, K.erasure, admin)
    mailing = os.environ["HOGO_MAILING_URL"]
    monkeypatch.setenv("HOGO_MAILING_URL", "")
    with pytest.raises(DatasetUnreachable):
        shop.c.requests.fulfil(request_id, FulfilIn(), admin)
    stopped = shop.c.requests.get(request_id, admin)
    assert stopped.status is Status.decided and stopped.measures == {"dataset_error": "dataset-unreachable"}
    assert shop.c.subjects.find("email", LUIS, admin) == shop.luis  # nothing done: the person can still be found
    assert [m.subject[:7] for m in shop.outbox.outbox] == ["ご請求の受付（"]  # no answer until it is done

    monkeypatch.setenv("HOGO_MAILING_URL", mailing)
    done = shop.c.requests.fulfil(request_id, FulfilIn(), admin)
    assert done.status is Status.fulfilled and done.measures is not None
    changed = done.measures["dataset_rows_changed"]
    assert changed["chinook"] > 0 and changed["mailing"] == 1
    assert actions(shop, request_id).count("request.dataset_failed") == 1
