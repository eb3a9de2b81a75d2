"""A row two people reach (the delivery address of an order of Aiko's and of one of Ben's) is held, not erased, and
reported for the desk to decide: in the plan, the run journal, the audit trail and the console (SQLite, PostgreSQL,
MariaDB). Aiko's own rows are erased as before."""

from __future__ import annotations

import os

import pytest
from chinook_support import customer_in_vault, fulfilled_erasure
from fastapi.testclient import TestClient
from sqlalchemy import select

from hogo import bootstrap
from hogo.datasets.models import DatasetRun
from hogo.datasets.policy import Identity
from hogo.identity.policy import Actor, Role
from hogo.web.app import create_app
from shop_support import AIKO, BEN, changed, rows

AIKOS_OWN = {
    ("customers", (1,)),
    ("addresses", (101,)),
    ("orders", (10,)),
    ("orders", (11,)),
    ("order_events", (10, "2024-05-01 10:00:00")),
    ("order_events", (10, "2024-05-01 10:00:00.123456")),
    ("order_events", (11, "2024-06-01 09:30:00.500000")),
    ("payments", (10, "2024-05-01", "12.50")),
    ("payments", (11, "2024-06-01", "3.00")),
    ("vouchers", ("00ff",)),
}


def test_erasing_aiko_keeps_the_address_she_shares_with_ben_and_reports_it(
    shop: bootstrap.Container, admin: Actor
) -> None:
    url = os.environ["HOGO_SHOP_URL"]
    before = rows(url)
    plan = shop.datasets.plan_erasure([Identity("email", AIKO)], "REQ-S", admin)
    done = shop.datasets.execute(plan.id, admin)
    after = rows(url)
    assert set(changed(before, after)) == AIKOS_OWN  # nothing of Ben's, and not the shared address
    assert after["addresses"][(100,)] == before["addresses"][(100,)]
    assert after["addresses"][(101,)]["street"] == "***"

    [shared] = plan.shared
    assert (shared.dataset, shared.table, shared.key_columns, shared.keys, shared.others) == (
        "shop",
        "addresses",
        ["id"],
        [(100,)],
        ["customers"],
    )
    addresses = [s.sql for s in plan.steps[0].statements if '"addresses"' in s.sql]
    assert addresses == ["""UPDATE "addresses" SET "city" = NULL, "street" = '***' WHERE "id" IN (101)"""]
    [planned] = shop.audit.events(action_prefix="dataset_run.planned")
    assert planned.data["shared"] == {"shop.addresses": 1}
    assert [(s.table, s.keys) for s in done.shared] == [("addresses", [(100,)])]
    with shop.uow(read_only=True) as uow:  # the journal keeps them with the run
        journal = uow.session.execute(select(DatasetRun.shared).where(DatasetRun.id == plan.id)).scalar_one()
    assert journal == [
        {"dataset": "shop", "table": "addresses", "key_columns": ["id"], "keys": [[100]], "others": ["customers"]}
    ]


def test_erasing_ben_afterwards_still_holds_the_address_aiko_used(shop: bootstrap.Container, admin: Actor) -> None:
    shop.datasets.execute(shop.datasets.plan_erasure([Identity("email", AIKO)], "REQ-A", admin).id, admin)
    plan = shop.datasets.plan_erasure([Identity("email", BEN)], "REQ-B", admin)
    assert [(s.table, s.keys) for s in plan.shared] == [("addresses", [(100,)])]  # her order still points there


@pytest.mark.parametrize("shop_url", ["sqlite"], indirect=True)
def test_the_console_shows_the_shared_rows_of_a_run(shop: bootstrap.Container, admin: Actor) -> None:
    plan = shop.datasets.plan_erasure([Identity("email", AIKO)], "REQ-C", admin)
    shop.operators.create("kimura", "木村 管理者", Role.officer, None, "a long officer password", admin)
    with TestClient(create_app(shop)) as client:
        login = client.get("/console/login")
        csrf = login.text.split('name="csrf" value="')[1].split('"')[0]
        form = {"login": "kimura", "password": "a long officer password", "csrf": csrf}
        assert client.post("/console/login", data=form, follow_redirects=False).status_code == 303
        page = client.get(f"/console/datasets/runs/{plan.id}")
    assert page.status_code == 200
    shared = page.text.split('id="shared"')[1].split("</table>")[0]
    assert "shop.addresses" in shared and "customers" in shared and "100" in shared


@pytest.mark.parametrize("shop_url", ["sqlite"], indirect=True)
def test_an_erasure_request_records_the_shared_rows_in_its_measures_for_the_desk(
    shop: bootstrap.Container, admin: Actor
) -> None:
    done = fulfilled_erasure(shop, admin, customer_in_vault(shop, admin, AIKO, "Aiko"))
    assert done.measures is not None
    assert done.measures["dataset_shared"] == [
        {"dataset": "shop", "table": "addresses", "rows": 1, "others": ["customers"]}
    ]
    assert rows(os.environ["HOGO_SHOP_URL"])["addresses"][(100,)]["street"] == "1-1 Shared Street"
