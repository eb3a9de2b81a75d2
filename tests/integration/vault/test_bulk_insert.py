"""Rows sent through the driver (`db.bulk.BulkInsert`) are stored exactly as SQLAlchemy's Core insert stores them.

The same records rows go in twice, once by `insert(Record)` with a list of dicts (the way acquisition wrote them
before) and once through `BulkInsert` (ids reserved up front, then executemany); every column but the id
is then read back raw from the driver (no type processing; on PostgreSQL each column cast to its text form), and
the two sets must be equal value for value.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import Connection, Table, insert

from hogo.bootstrap import Container
from hogo.db.bulk import BulkInsert
from hogo.subjects.models import Person, Record
from hogo.subjects.rows import RECORD_COLUMNS

JST = dt.timezone(dt.timedelta(hours=9))
AT = dt.datetime(2026, 11, 20, 1, 0, 0, 123456, tzinfo=dt.UTC)
RECORDS = cast(Table, Record.__table__)


def _rows(person_id: str) -> list[dict[str, Any]]:
    variants: list[dict[str, Any]] = [
        {"purposes": ["service"], "consents": [], "basis": None, "retention_until": None, "superseded_at": None},
        {
            "purposes": ["service", "配送"],
            "consents": ["c_1", "c_2"],
            "basis": {"special_care": "law"},
            "retention_until": dt.datetime(2033, 11, 20, 10, 0, tzinfo=JST),
            "superseded_at": AT,
        },
        {"purposes": [], "consents": ["c_3"], "basis": {}, "retention_until": AT, "superseded_at": None},
    ]
    return [
        {
            "person_id": person_id,
            "item": f"item-{n}",
            "ciphertext": bytes([n % 256, 0, 255]) + f"値{n}".encode(),
            "channel": "web-order",
            "acquired_at": AT + dt.timedelta(microseconds=n),
            "ledger_version": 1 + n % 3,
            "retention_rule": None if n % 2 else "customer-data",
            "acquired_by": "test-admin",
            **variants[n % len(variants)],
        }
        for n in range(7)
    ]


def _stored(connection: Connection, ids: list[int]) -> list[tuple[Any, ...]]:
    """Every column but the id, as the store holds it."""
    pg = connection.dialect.name == "postgresql"
    columns = ", ".join(f"CAST({c} AS TEXT)" if pg else c for c in RECORD_COLUMNS if c != "id")
    marks = ", ".join(["?" if connection.dialect.paramstyle == "qmark" else "%s"] * len(ids))
    found = connection.exec_driver_sql(f"SELECT {columns} FROM records WHERE id IN ({marks}) ORDER BY id", tuple(ids))
    return [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in found]


def test_rows_through_the_driver_are_stored_as_sqlalchemy_stores_them(container: Container) -> None:
    with container.uow() as uow:
        connection = uow.session.connection()
        connection.execute(
            insert(Person), [{"id": "p_1", "subject_kind": "customer", "created_at": AT, "ledger_version": 1}]
        )
        rows = _rows("p_1")
        before = [r.id for r in connection.execute(insert(Record).returning(Record.id), rows)]
        bulk = BulkInsert(RECORDS, RECORD_COLUMNS, connection.dialect)
        after = bulk.reserve_ids(connection, len(rows))
        assert len(set(after)) == len(rows) and min(after) > max(before)
        given = [{"id": record_id, **row} for record_id, row in zip(after, rows, strict=True)]
        bulk.insert(connection, [[bulk.bind(c, row[c]) for c in RECORD_COLUMNS] for row in given])
        assert _stored(connection, after) == _stored(connection, before)
        assert len(set(_stored(connection, after))) == len(rows)  # every row stored as given, none collapsed
        # the store's own numbering goes on after the reserved ids
        (next_id,) = connection.execute(insert(Record).returning(Record.id), rows[:1]).one()
        assert next_id > max(after)
