"""Rows keyed by a timestamp, a date, a decimal or bytes are planned, journalled and erased exactly (SQLite,
PostgreSQL, MariaDB): the keys go through the run journal with their types, and the statements match the rows."""

from __future__ import annotations

import os

from sqlalchemy import select

from hogo import bootstrap
from hogo.datasets.models import DatasetRunStep
from hogo.datasets.operations import Operation
from hogo.datasets.policy import Identity
from hogo.identity.policy import Actor
from shop_support import AIKO, changed, rows

AIKOS_EVENTS = {
    (10, "2024-05-01 10:00:00"),
    (10, "2024-05-01 10:00:00.123456"),
    (11, "2024-06-01 09:30:00.500000"),
}


def test_rows_keyed_by_time_date_decimal_and_bytes_are_planned_journalled_and_erased_exactly(
    shop: bootstrap.Container, admin: Actor
) -> None:
    url = os.environ["HOGO_SHOP_URL"]
    before = rows(url)
    plan = shop.datasets.plan_erasure([Identity("email", AIKO)], "REQ-K", admin)  # a dry run stops here
    assert rows(url) == before
    sql = " ".join(s.sql for s in plan.steps[0].statements)
    assert '"order_events"' in sql and "2024-05-01 10:00:00.123456" in sql and '"vouchers"' in sql
    with shop.uow(read_only=True) as uow:  # the journal gives back the keys the database gave
        [step] = uow.session.execute(select(DatasetRunStep).where(DatasetRunStep.run_id == plan.id)).scalars()
        journalled = {o["table"]: Operation.from_json(o).keys for o in step.operations}
    assert {(k[0], str(k[1])) for k in journalled["order_events"]} == AIKOS_EVENTS
    assert {(k[0], str(k[1]), str(k[2])) for k in journalled["payments"]} == {
        (10, "2024-05-01", "12.50"),
        (11, "2024-06-01", "3.00"),
    }
    assert journalled["vouchers"] == ((b"\x00\xff",),)

    done = shop.datasets.execute(plan.id, admin)
    assert done.status == "completed"
    after = rows(url)
    touched = {(t, k) for t, k in changed(before, after) if t != "addresses"}
    assert touched == {
        ("customers", (1,)),
        ("orders", (10,)),
        ("orders", (11,)),
        *(("order_events", k) for k in AIKOS_EVENTS),
        ("payments", (10, "2024-05-01", "12.50")),
        ("payments", (11, "2024-06-01", "3.00")),
        ("vouchers", ("00ff",)),
    }
    assert all(after["order_events"][k]["note"] == "***" for k in AIKOS_EVENTS)
    assert after["order_events"][(20, "2024-05-01 10:00:00")]["note"] == "Ben placed it"  # same time, Ben's order
    assert after["payments"][(10, "2024-05-01", "12.50")]["card_holder"] is None
    assert after["payments"][(20, "2024-05-01", "12.50")]["card_holder"] == "BEN"
    assert ("00ff",) not in after["vouchers"] and ("01",) in after["vouchers"]

    again = shop.datasets.plan_erasure([Identity("shop_customer_id", "1")], "REQ-K2", admin)
    assert shop.datasets.execute(again.id, admin).rows_changed == 0  # the same rows, already erased
