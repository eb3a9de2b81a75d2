"""Issue 6's "done when", as a new user tries it (Chinook on SQLite): `hogo demo --example chinook` records the
Chinook customers and connects the Chinook database; a customer files a disclosure and an erasure request on
the portal; the desk decides and carries them out with `hogo requests`; the customer downloads their rows and
sees why the invoices remain; the database is masked."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from live_server import live_server
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from hogo import bootstrap
from hogo.adapters.mail import MemoryMailer
from hogo.cli.main import app
from hogo.settings import Settings
from hogo.web.app import create_app
from services import chinook_dir

LUIS = "luisg@embraer.com.br"


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`hogo demo --example chinook` in a fresh folder; the environment the CLI then needs."""
    monkeypatch.setenv("HOGO_CHINOOK_DIR", str(chinook_dir()))
    monkeypatch.setenv("HOGO_CHINOOK_URL", "")  # unset: the demo points it at its own copy (restored after)
    folder = tmp_path / "demo"
    out = CliRunner().invoke(app, ["demo", "--example", "chinook", "--directory", str(folder), "--no-serve"])
    assert out.exit_code == 0, out.output
    assert "59 loaded now" in out.stdout and f"as {LUIS}" in out.stdout
    assert f"HOGO_CHINOOK_URL=sqlite:///{folder.resolve() / 'chinook.sqlite'}" in out.stdout
    monkeypatch.setenv("HOGO_DATABASE_URL", f"sqlite:///{folder.resolve() / 'hogo.db'}")
    monkeypatch.setenv("HOGO_KEY_FILE", str(folder.resolve() / "hogo-keys.json"))
    monkeypatch.setenv("HOGO_MAIL_LOG", str(folder.resolve() / "desk-mail.log"))
    return folder.resolve()


@pytest.fixture
def portal(demo: Path) -> Iterator[tuple[httpx.Client, MemoryMailer]]:
    container = bootstrap.build(Settings())
    outbox = MemoryMailer()
    container.outbox.mailer = outbox
    try:
        with live_server(create_app(container)) as url, httpx.Client(base_url=url, follow_redirects=True) as client:
            yield client, outbox
    finally:
        container.close()


def file_and_confirm(client: httpx.Client, outbox: MemoryMailer, kind: str, **extra: str) -> str:
    """The customer files on the portal and types the code mailed to them; the request id."""
    form = client.get("/portal/requests")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert csrf is not None
    page = client.post("/portal/requests", data={"csrf": csrf.group(1), "kind": kind, "email": LUIS, **extra})
    code = re.search(r"\b(\d{6})\b", outbox.outbox[-1].body)
    assert code is not None and outbox.outbox[-1].to == LUIS
    token = str(page.url).split("/status/")[1].split("?")[0]
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf is not None
    done = client.post(f"/portal/requests/status/{token}/code", data={"csrf": csrf.group(1), "code": code.group(1)})
    assert 'data-status="in_review"' in done.text
    return token


def desk(*args: str) -> str:
    out = CliRunner().invoke(app, ["requests", *args])
    assert out.exit_code == 0, out.output
    return out.stdout


def request_id(client: httpx.Client, token: str) -> str:
    page = client.get(f"/portal/requests/status/{token}")
    found = re.search(r"rq_[0-9a-f]{20}", page.text)
    assert found is not None
    return found.group(0)


def test_a_chinook_customer_sees_their_rows_then_has_them_erased_from_the_portal(
    demo: Path, portal: tuple[httpx.Client, MemoryMailer]
) -> None:
    client, outbox = portal
    token = file_and_confirm(client, outbox, "disclosure", disclosure_method="electronic")
    rid = request_id(client, token)
    desk("decide", rid, "--outcome", "full")
    assert "dataset_rows_disclosed" in desk("fulfil", rid)
    package = client.get(f"/portal/requests/status/{token}/download/json").json()
    tables = [r["table"] for r in package["datasets"]["rows"]]
    assert tables.count("Customer") == 1 and tables.count("Invoice") == 7 and tables.count("InvoiceLine") == 38
    assert "Employee" not in tables
    csv = client.get(f"/portal/requests/status/{token}/download/csv").content.decode("utf-8-sig")
    assert "dataset_row,name,氏名,Name,Gonçalves" in csv

    token = file_and_confirm(client, outbox, "erasure", claimed_ground="harm_to_rights")
    rid = request_id(client, token)
    desk("decide", rid, "--outcome", "full")
    assert "'erased': True" in desk("fulfil", rid)
    mail = (demo / "desk-mail.log").read_text(encoding="utf-8")
    assert "消費税法第30条" in mail and "購入履歴（Invoice, InvoiceLine）" in mail
    page = client.get(f"/portal/requests/status/{token}", params={"lang": "en"})
    assert 'id="kept"' in page.text and "Consumption Tax Act Art. 30" in page.text
    answer = client.get(f"/portal/requests/status/{token}/download/json").json()
    assert {h["table"] for h in answer["holds"]} == {"Invoice", "InvoiceLine"}
    engine = create_engine(f"sqlite:///{demo / 'chinook.sqlite'}")
    with engine.connect() as conn:
        customer = conn.execute(text("SELECT FirstName, Email FROM Customer WHERE CustomerId = 1")).one()
        billing = conn.execute(text("SELECT DISTINCT BillingAddress FROM Invoice WHERE CustomerId = 1")).all()
        totals = conn.execute(text("SELECT SUM(Total) FROM Invoice WHERE CustomerId = 1")).scalar()
        other = conn.execute(text("SELECT FirstName FROM Customer WHERE CustomerId = 2")).scalar()
    engine.dispose()
    assert customer[0] == "***" and str(customer[1]).startswith("hk:") and billing == [("***",)]
    assert float(totals) == 39.62 and other == "Leonie"
    assert answer["dataset_run"].startswith("dr_")
