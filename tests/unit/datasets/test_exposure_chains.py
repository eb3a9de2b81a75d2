"""The chains an incident's count follows in a connected database: from each table holding an item up the
relations to the person table (never through another person table), each dated by the first date column on the way."""

from __future__ import annotations

from pathlib import Path

from hogo.datasets.exposure import chains
from hogo.ledger.loader import load_ledger_text
from hogo.ledger.schemas.datasets import DataSet

SHOP = Path(__file__).resolve().parents[2] / "fixtures" / "shop.yaml"


def _shop(*edits: tuple[str, str]) -> DataSet:
    text = SHOP.read_text(encoding="utf-8")
    for old, new in edits:
        text = text.replace(old, new, 1)
    return load_ledger_text(text, source="shop.yaml").ledger.datasets[0]


def test_each_table_holding_the_item_reaches_the_customers() -> None:
    found = {(c.start, tuple(h.references_table for h in c.hops)) for c in chains(_shop(), ["purchase-history"])}
    assert found == {("orders", ("customers",)), ("order_events", ("orders", "customers"))}


def test_a_person_table_holding_the_item_is_its_own_chain_and_kinds_filter() -> None:
    names = chains(_shop(), ["name"])
    assert {c.start for c in names} == {"customers", "payments", "vouchers"}
    assert next(c for c in names if c.start == "customers").hops == ()
    assert chains(_shop(), ["name"], ["employee"]) == []  # the shop's person table holds customers only


def test_rows_are_dated_by_their_own_column_or_the_first_one_up_the_chain() -> None:
    dated = _shop(
        (
            "      - name: orders\n        columns:",
            "      - name: orders\n        time_column: placed\n        columns:",
        )
    )
    by_start = {c.start: c.time for c in chains(dated, ["purchase-history"])}
    assert by_start == {"orders": ("orders", "placed"), "order_events": ("orders", "placed")}
