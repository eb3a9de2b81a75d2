"""Who is affected in the company's own database (the shop, on SQLite and PostgreSQL): the person rows reached up
the relations from the rows holding the item, counted once with the vault's persons, equal to a hand-written
query; the time window; and a database that cannot be reached making the count incomplete, never a zero."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from hogo.bootstrap import Container
from hogo.identity.policy import Actor
from hogo.incidents.schemas import IncidentIn
from hogo.ledger.loader import load_ledger_text
from hogo.subjects.schemas import AcquisitionIn, IdentifierIn
from shop_support import AIKO, create_shop, shop_ledger

PAYMENTS_DATED = (
    "      - name: payments\n        columns:",
    "      - name: payments\n        time_column: paid_on\n        columns:",
)
HOLDER_ONLY_THERE = ("{name: card_holder, item: name, erasure: set_null}", "{name: card_holder, item: company}")
"""The card holder's column as the one place an item is held, so that the window decides alone."""


@pytest.fixture
def shop(container: Container, empty_database_url: str, monkeypatch: pytest.MonkeyPatch, admin: Actor) -> Container:
    create_shop(empty_database_url)
    monkeypatch.setenv("HOGO_SHOP_URL", empty_database_url)
    ledger = shop_ledger(PAYMENTS_DATED, HOLDER_ONLY_THERE)
    container.ledger.apply(load_ledger_text(ledger, source="shop.yaml"), actor="test")
    aiko = AcquisitionIn(
        subject_kind="customer",
        identifiers=[IdentifierIn(kind="email", value=AIKO.upper())],  # the same address, written otherwise
        values={"name": "Aiko", "email": AIKO},
        channel="web-shop",
    )
    container.subjects.acquire(aiko, admin)
    return container


def _incident(c: Container, **changes: object) -> IncidentIn:
    return IncidentIn.model_validate(
        {"kind": "misdirected_mail", "aware_at": c.clock.now(), "items": ["address"], "datasets": ["shop"], **changes}
    )


def test_the_count_reaches_the_owners_up_the_relations_and_matches_hand_sql(
    shop: Container, empty_database_url: str, admin: Actor
) -> None:
    view = shop.incidents.service.record(_incident(shop), admin)
    count = view.assessment["headcount"]  # type: ignore[index]
    engine = sa.create_engine(empty_database_url)
    with engine.connect() as conn:
        by_hand = conn.execute(
            sa.text(
                "SELECT COUNT(DISTINCT c.id) FROM addresses a JOIN orders o ON o.address_id = a.id "
                "JOIN customers c ON c.id = o.customer_id WHERE a.street IS NOT NULL OR a.city IS NOT NULL"
            )
        ).scalar_one()
    engine.dispose()
    assert by_hand == 2
    assert count["persons"] == by_hand and count["complete"] is True
    assert count["datasets"]["shop"]["rows"] == 2 and count["datasets"]["shop"]["in_vault"] == 1  # Aiko, once
    assert count["vault"] == 1


def test_the_vault_and_the_database_count_a_person_once(shop: Container, admin: Actor) -> None:
    view = shop.incidents.service.record(_incident(shop, items=["name"]), admin)
    count = view.assessment["headcount"]  # type: ignore[index]
    assert count["persons"] == 2  # Aiko (vault and database: customers.name, vouchers.holder) and Ben
    assert count["vault"] == 1 and count["datasets"]["shop"]["in_vault"] == 1


@pytest.mark.parametrize(
    ("first", "last", "persons"),
    [
        (dt.date(2024, 5, 1), dt.date(2024, 5, 1), 2),
        (dt.date(2024, 6, 1), dt.date(2024, 6, 30), 1),
        (dt.date(2025, 1, 1), dt.date(2025, 1, 31), 0),
    ],
)
def test_the_time_window_is_applied_to_the_declared_date_column(
    shop: Container, admin: Actor, first: dt.date, last: dt.date, persons: int
) -> None:
    # payments.card_holder, dated by paid_on: 2024-05-01 Aiko's and Ben's orders, 2024-06-01 Aiko's
    incident = _incident(shop, items=["company"], window_from=first, window_to=last)
    count = shop.incidents.service.record(incident, admin).assessment["headcount"]  # type: ignore[index]
    assert count["persons"] == persons
    assert count["datasets"]["shop"]["window_ignored"] == []


def test_a_table_without_a_date_column_is_counted_whatever_the_window_and_says_so(
    shop: Container, admin: Actor
) -> None:
    incident = _incident(shop, items=["name"], window_from=dt.date(2030, 1, 1), window_to=dt.date(2030, 1, 2))
    count = shop.incidents.service.record(incident, admin).assessment["headcount"]  # type: ignore[index]
    assert count["persons"] == 2  # customers.name: no date column, so everyone it holds (the most there may be)
    assert count["datasets"]["shop"]["window_ignored"] == ["customers", "vouchers"]


def test_an_unreachable_database_makes_the_count_incomplete_not_zero(
    shop: Container, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HOGO_SHOP_URL")
    view = shop.incidents.service.record(_incident(shop), admin)
    count = view.assessment["headcount"]  # type: ignore[index]
    assert count["complete"] is False and "HOGO_SHOP_URL" in count["datasets"]["shop"]["error"]
    assert count["max_possible"] == count["persons"] + 2  # the ledger's record_count bounds what it may add
    assert view.assessment["decision"]["outcome"] == "not_reportable"  # type: ignore[index]  # at most 3: not 7(4)
    assert view.reports == []


def test_an_unreachable_large_database_leaves_the_decision_open_with_the_clocks_running(
    container: Container, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HOGO_SHOP_URL", raising=False)
    ledger = shop_ledger(("    record_count: 2", "    record_count: 50000"))
    container.ledger.apply(load_ledger_text(ledger, source="shop.yaml"), actor="test")
    view = container.incidents.service.record(_incident(container), admin)
    decision = view.assessment["decision"]  # type: ignore[index]
    assert decision["outcome"] == "undetermined"
    assert {(r.kind, r.due_on) for r in view.reports} == {
        ("preliminary", dt.date(2026, 11, 24)),
        ("final", dt.date(2026, 12, 21)),
    }
    possible = next(t for t in decision["triggers"] if t["code"] == "rule7-4")
    assert possible["possible"] and "最大50,002人" not in possible["ja"] and "50,000" in possible["ja"]
