"""Actions per request kind on the shop database (SQLite, PostgreSQL, MariaDB): a suspension of use takes the action
the ledger allows it, the person's narrower ask (some items) touches only those, a named action must be allowed."""

from __future__ import annotations

import os

import pytest
from chinook_support import customer_in_vault, fulfilled_erasure

from hogo import bootstrap
from hogo.datasets.policy import Identity
from hogo.datasets.schemas import RunKind
from hogo.errors import InvalidInput
from hogo.identity.policy import Actor
from hogo.ledger.loader import load_ledger_text
from shop_support import AIKO, changed, rows, shop_ledger

PHONE = (
    "{name: phone, item: phone, erasure: set_null}",
    "{name: phone, item: phone, actions: {erasure: [set_null], suspension_of_use: [keep, mask]}}",
)
AIKO_ID = [Identity("email", AIKO)]


@pytest.fixture
def shop_actions(shop: bootstrap.Container) -> bootstrap.Container:
    shop.ledger.apply(load_ledger_text(shop_ledger(PHONE), source="shop.yaml"), actor="test")
    return shop


def test_a_suspension_of_use_keeps_the_phone_unless_the_person_asks_for_the_mask_it_allows(
    shop_actions: bootstrap.Container, admin: Actor
) -> None:
    url = os.environ["HOGO_SHOP_URL"]
    before = rows(url)
    kept = shop_actions.datasets.plan_suspension(AIKO_ID, "REQ-S1", admin)
    assert kept.steps[0].planned_rows == 0  # keep comes first, and the shop has no suspension flag
    masked = shop_actions.datasets.plan(RunKind.suspension, AIKO_ID, "REQ-S2", admin, actions={"phone": "mask"})
    assert [s.sql for s in masked.steps[0].statements] == [
        """UPDATE "customers" SET "phone" = '***' WHERE "id" IN (1)"""
    ]
    shop_actions.datasets.execute(masked.id, admin)
    after = rows(url)
    assert list(changed(before, after)) == [("customers", (1,))]
    assert after["customers"][(1,)] == {**before["customers"][(1,)], "phone": "***"}
    [event] = shop_actions.audit.events(action_prefix="dataset_run.planned", limit=1)
    assert event.data["actions"] == {"phone": "mask"}


def test_an_erasure_of_only_the_phone_leaves_everything_else(shop_actions: bootstrap.Container, admin: Actor) -> None:
    url = os.environ["HOGO_SHOP_URL"]
    before = rows(url)
    plan = shop_actions.datasets.plan(RunKind.erasure, AIKO_ID, "REQ-E1", admin, items=["phone"])
    shop_actions.datasets.execute(plan.id, admin)
    after = rows(url)
    assert list(changed(before, after)) == [("customers", (1,))]
    assert after["customers"][(1,)] == {**before["customers"][(1,)], "phone": None}
    with pytest.raises(InvalidInput, match="phone: mask"):  # an erasure of the phone may only clear it
        shop_actions.datasets.plan(RunKind.erasure, AIKO_ID, "REQ-E2", admin, actions={"phone": "mask"})


@pytest.mark.parametrize("shop_url", ["sqlite"], indirect=True)
def test_an_erasure_request_for_some_items_erases_only_those_in_the_shop(
    shop_actions: bootstrap.Container, admin: Actor
) -> None:
    url = os.environ["HOGO_SHOP_URL"]
    before = rows(url)
    done = fulfilled_erasure(shop_actions, admin, customer_in_vault(shop_actions, admin, AIKO, "Aiko"), ["phone"])
    assert done.measures is not None and done.measures["dataset_rows_changed"] == {"shop": 1}
    after = rows(url)
    assert list(changed(before, after)) == [("customers", (1,))]
    assert after["customers"][(1,)]["phone"] is None and after["customers"][(1,)]["name"] == "Aiko"
