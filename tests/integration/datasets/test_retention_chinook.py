"""Retention reaching the company's database (Chinook): a customer's contract ends, the clock passes the ledger's
period, and the sweep disposes of them in the vault and, through a dataset run, in Chinook — the invoices' dates
and amounts stay under their tax-law hold. An unreachable database leaves the person pending, not counted done."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from chinook_support import FIXTURES, column, customer_in_vault
from fastapi.testclient import TestClient
from pypdf import PdfReader

from hogo import bootstrap
from hogo.clock import FixedClock
from hogo.identity.policy import Actor, Role
from hogo.web.app import create_app

LUIS = "luisg@embraer.com.br"
RULE = """  - id: customer-data
    items: [name, company, address, postal-code, phone, email, purchase-history]
    subject_kinds: [customer]
    period: 1y
    starts: contract_end
    disposal: crypto_shred
"""
PASSWORD = "a long officer password"


@pytest.fixture
def kept(
    chinook_url: str,
    mailing_url: str,
    monkeypatch: pytest.MonkeyPatch,
    make_store: Callable[[str, str], bootstrap.Container],
) -> bootstrap.Container:
    monkeypatch.setenv("HOGO_CHINOOK_URL", chinook_url)
    monkeypatch.setenv("HOGO_MAILING_URL", mailing_url)
    text = (FIXTURES / "chinook.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: customer-data")
    end = text.index("  - id: employee-data")
    return make_store(chinook_url, text[:start] + RULE + text[end:])


def test_the_sweep_disposes_in_the_vault_and_in_chinook_and_keeps_the_invoices(
    kept: bootstrap.Container, chinook_url: str, clock: FixedClock, admin: Actor
) -> None:
    luis = customer_in_vault(kept, admin, LUIS, "Luís Gonçalves")
    other = customer_in_vault(kept, admin, "leonekohler@surfeu.de", "Leonie Köhler")
    total = column(chinook_url, "Invoice", 98, "Total")
    kept.retention.service.record_event(luis, "contract-ended", admin)
    clock.advance(dt.timedelta(days=366))
    assert kept.retention.service.preview(admin).datasets == ["catalogue", "chinook", "mailing"]

    [sweep] = kept.retention.sweeps.run(admin).sweeps
    assert sweep.status == "completed" and sweep.counts["done"] == 1
    [unit] = kept.retention.service.disposals(admin, sweep_id=sweep.id)
    assert unit.shredded and unit.dataset_run_id and unit.dataset_rows > 0
    assert column(chinook_url, "Customer", 1, "FirstName") == "***"
    assert column(chinook_url, "Customer", 1, "Phone") is None
    assert column(chinook_url, "Customer", 2, "FirstName") == "Leonie"  # another customer untouched
    assert column(chinook_url, "Invoice", 98, "BillingAddress") == "***"
    assert column(chinook_url, "Invoice", 98, "Total") == total  # kept under the tax-law hold
    kept_totals = [h for h in unit.holds if h.get("table") == "Invoice" and h["column"] == "Total"]
    assert kept_totals and "法人税法" in kept_totals[0]["statute"]["ja"] and kept_totals[0]["until"] > "2030"
    with kept.uow(read_only=True) as uow:
        assert kept.subjects.person_ref(uow.session, luis).erased
        assert not kept.subjects.person_ref(uow.session, other).erased
    run = kept.datasets.run(unit.dataset_run_id, admin)
    assert run.reference == f"retention {sweep.id} customer-data" and run.status == "completed"
    assert kept.retention.sweeps.run(admin).sweeps == []  # a second run does nothing

    text = "".join(p.extract_text() for p in PdfReader_bytes(kept.retention.certificates.pdf(sweep.id, admin)))
    assert "廃棄証明書" in text and "Invoice.Total" in text and "Gon" not in text and "luisg" not in text
    audit = [e.action for e in kept.audit.events(limit=50)]
    assert "retention.certificate_issued" in audit and "dataset_run.completed" in audit


def PdfReader_bytes(data: bytes) -> list[object]:
    import io

    return list(PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("chinook_url", ["sqlite"], indirect=True)
def test_an_unreachable_database_leaves_the_person_pending_and_the_next_run_finishes(
    kept: bootstrap.Container,
    chinook_url: str,
    clock: FixedClock,
    admin: Actor,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: object,
) -> None:
    luis = customer_in_vault(kept, admin, LUIS, "Luís Gonçalves")
    kept.retention.service.record_event(luis, "contract-ended", admin)
    clock.advance(dt.timedelta(days=366))
    monkeypatch.setenv("HOGO_CHINOOK_URL", "sqlite:////nonexistent/dir/chinook.sqlite")
    kept.datasets.close()
    [sweep] = kept.retention.sweeps.run(admin).sweeps
    assert sweep.status == "incomplete" and sweep.counts["pending"] == 1 and sweep.counts["done"] == 0
    [unit] = kept.retention.service.disposals(admin)
    assert unit.status == "pending" and "could not be searched" in (unit.reason or "")
    with kept.uow(read_only=True) as uow:
        assert not kept.subjects.person_ref(uow.session, luis).erased  # the vault still finds the rows later
    assert column(chinook_url, "Customer", 1, "FirstName") == "Luís"

    monkeypatch.setenv("HOGO_CHINOOK_URL", chinook_url)
    kept.datasets.close()
    [resumed] = kept.retention.sweeps.run(admin).sweeps
    assert resumed.id == sweep.id and resumed.status == "completed" and resumed.counts["done"] == 1
    assert column(chinook_url, "Customer", 1, "FirstName") == "***"

    kept.operators.create("kimura", "木村 管理者", Role.officer, None, PASSWORD, admin)
    with TestClient(create_app(kept)) as client:
        login = client.get("/console/login")
        csrf = login.text.split('name="csrf" value="')[1].split('"')[0]
        client.post("/console/login", data={"login": "kimura", "password": PASSWORD, "csrf": csrf})
        page = client.get("/console/retention")
        certificate = client.get(f"/console/retention/sweeps/{sweep.id}/certificate")
    assert page.status_code == 200 and f'data-sweep="{sweep.id}"' in page.text
    assert "Invoice.Total" in page.text and "法人税法" in page.text
    assert "luisg" not in page.text.lower() and "Gonçalves" not in page.text
    assert certificate.status_code == 200 and certificate.content.startswith(b"%PDF")
