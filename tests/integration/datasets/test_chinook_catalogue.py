"""The catalogue's composers are a data set of their own: a customer's access and erasure never reach Track.

Track.Composer holds composers' names (the name lists find them). The ledger declares Track in a `catalogue` data
set (subject kind `artist`, the same connection) and not in the sales data set, so the walk from a customer
(Customer → Invoice → InvoiceLine) has no Track table to enter, neither down nor "above" (shared rows).
"""

from __future__ import annotations

import json
import os

from sqlalchemy import Column, MetaData, Table, create_engine, select

from hogo import bootstrap
from hogo.datasets.policy import Identity
from hogo.identity.policy import Actor

LUIS = [Identity("email", "LuisG@Embraer.com.br")]


def composers_on_luis_invoices() -> set[str]:
    """Read with SQLAlchemy's reflection: the PostgreSQL load spells names in snake case (`invoice_line`)."""
    engine = create_engine(os.environ["HOGO_CHINOOK_URL"])
    try:
        meta = MetaData()
        meta.reflect(engine)
        tables = {name.lower().replace("_", ""): table for name, table in meta.tables.items()}
        track, line, invoice = tables["track"], tables["invoiceline"], tables["invoice"]

        def col(table: Table, name: str) -> Column[object]:
            return next(c for c in table.columns if c.name.lower().replace("_", "") == name)

        query = (
            select(col(track, "composer"))
            .join(line, col(line, "trackid") == col(track, "trackid"))
            .join(invoice, col(invoice, "invoiceid") == col(line, "invoiceid"))
            .where(col(invoice, "customerid") == 1, col(track, "composer").is_not(None))
            .distinct()
        )
        with engine.connect() as conn:
            return {str(r[0]) for r in conn.execute(query)}
    finally:
        engine.dispose()


def test_a_customers_access_holds_no_track_row_and_no_composer(store: bootstrap.Container, admin: Actor) -> None:
    composers = composers_on_luis_invoices()
    assert len(composers) >= 5  # Luís bought tracks with credited composers: the test could fail
    result = store.datasets.access(LUIS, admin)
    assert result.count("InvoiceLine") == 38
    assert {r.table for r in result.rows if r.dataset == "chinook"} == {"Customer", "Invoice", "InvoiceLine"}
    assert not [r for r in result.rows if r.dataset == "catalogue" or r.table == "Track"]
    disclosed = json.dumps([[v.value for v in r.values] for r in result.rows], default=str, ensure_ascii=False)
    assert not [c for c in composers if c in disclosed]


def test_a_customers_erasure_plan_touches_no_track_row(store: bootstrap.Container, admin: Actor) -> None:
    plan = store.datasets.plan_erasure(LUIS, "REQ-CAT", admin)
    assert {s.dataset for s in plan.steps} == {"chinook", "mailing"}
    sql = [s.sql for step in plan.steps for s in step.statements]
    assert sql and not [s for s in sql if "Track" in s.replace("TrackId", "")]
    assert not [s for s in plan.shared if s.table == "Track"]
    assert not [h for h in plan.holds if h.table == "Track"]


def test_a_composer_is_found_in_the_catalogue_only(store: bootstrap.Container, admin: Actor) -> None:
    result = store.datasets.access([Identity("composer_credit", "AC/DC")], admin)
    assert {(r.dataset, r.table, r.subject_kind) for r in result.rows} == {("catalogue", "Track", "artist")}
    assert result.count("Track") >= 8
