"""A small shop database, created the same way on SQLite, PostgreSQL and MariaDB, for what Chinook lacks.

Two customers, Aiko (1) and Ben (2). Their orders point at delivery addresses, and one address (100) is
used by an order of each: that row is both people's. The order events are keyed by the order and a
timestamp (to the microsecond, and once without fractional seconds, as SQLite's text holds it), the
payments by the order, a date and a decimal amount, the vouchers by bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, create_engine, select, text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
AIKO = "aiko@shop.example.jp"
BEN = "ben@shop.example.jp"

_TYPES = {
    "sqlite": {"ts": "TIMESTAMP", "bytes": "BLOB"},
    "postgresql": {"ts": "TIMESTAMP(6)", "bytes": "BYTEA"},
    "mysql": {"ts": "DATETIME(6)", "bytes": "VARBINARY(16)"},
}


def _ddl(ts: str, blob: str) -> list[str]:
    return [
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, email VARCHAR(200) NOT NULL, name VARCHAR(100), "
        "phone VARCHAR(40))",
        "CREATE TABLE addresses (id INTEGER PRIMARY KEY, street VARCHAR(200), city VARCHAR(100))",
        "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id), "
        "address_id INTEGER REFERENCES addresses (id), note VARCHAR(200))",
        f"CREATE TABLE order_events (order_id INTEGER NOT NULL REFERENCES orders (id), at {ts} NOT NULL, "
        "note VARCHAR(200), PRIMARY KEY (order_id, at))",
        "CREATE TABLE payments (order_id INTEGER NOT NULL REFERENCES orders (id), paid_on DATE NOT NULL, "
        "amount NUMERIC(10, 2) NOT NULL, card_holder VARCHAR(100), PRIMARY KEY (order_id, paid_on, amount))",
        f"CREATE TABLE vouchers (serial {blob} NOT NULL PRIMARY KEY, order_id INTEGER REFERENCES orders (id), "
        "holder VARCHAR(100))",
    ]


ROWS: list[tuple[str, dict[str, Any]]] = [
    ("customers", {"id": 1, "email": AIKO, "name": "Aiko", "phone": "090-1111-1111"}),
    ("customers", {"id": 2, "email": BEN, "name": "Ben", "phone": "090-2222-2222"}),
    ("addresses", {"id": 100, "street": "1-1 Shared Street", "city": "Tokyo"}),
    ("addresses", {"id": 101, "street": "2-2 Aiko Street", "city": "Osaka"}),
    ("addresses", {"id": 200, "street": "3-3 Ben Street", "city": "Kyoto"}),
    ("orders", {"id": 10, "customer_id": 1, "address_id": 100, "note": "ring twice"}),
    ("orders", {"id": 11, "customer_id": 1, "address_id": 101, "note": "leave at the door"}),
    ("orders", {"id": 20, "customer_id": 2, "address_id": 100, "note": "call first"}),
    ("orders", {"id": 21, "customer_id": 2, "address_id": 200, "note": None}),
    ("order_events", {"order_id": 10, "at": "2024-05-01 10:00:00", "note": "Aiko placed it"}),
    ("order_events", {"order_id": 10, "at": "2024-05-01 10:00:00.123456", "note": "Aiko paid"}),
    ("order_events", {"order_id": 11, "at": "2024-06-01 09:30:00.500000", "note": "Aiko placed it"}),
    ("order_events", {"order_id": 20, "at": "2024-05-01 10:00:00", "note": "Ben placed it"}),
    ("payments", {"order_id": 10, "paid_on": "2024-05-01", "amount": "12.50", "card_holder": "AIKO"}),
    ("payments", {"order_id": 11, "paid_on": "2024-06-01", "amount": "3.00", "card_holder": "AIKO"}),
    ("payments", {"order_id": 20, "paid_on": "2024-05-01", "amount": "12.50", "card_holder": "BEN"}),
    ("vouchers", {"serial": b"\x00\xff", "order_id": 10, "holder": "Aiko"}),
    ("vouchers", {"serial": b"\x01", "order_id": 20, "holder": "Ben"}),
]


def create_shop(url: str) -> None:
    """Create and fill the shop's tables in an empty database."""
    engine = create_engine(url)
    types = _TYPES["mysql" if engine.dialect.name in ("mysql", "mariadb") else engine.dialect.name]
    with engine.begin() as conn:
        for statement in _ddl(types["ts"], types["bytes"]):
            conn.execute(text(statement))
        for table, row in ROWS:
            columns = ", ".join(row)
            conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({', '.join(':' + c for c in row)})"), row)
    engine.dispose()


def shop_ledger(*edits: tuple[str, str]) -> str:
    """The shop's ledger (tests/fixtures/shop.yaml), with each (old, new) text replaced once."""
    body = (FIXTURES / "shop.yaml").read_text(encoding="utf-8")
    for old, new in edits:
        assert old in body
        body = body.replace(old, new, 1)
    return body


def rows(url: str) -> dict[str, dict[tuple[Any, ...], dict[str, Any]]]:
    """Every row of every table, by table and primary key, values as text (the same on every database)."""
    engine = create_engine(url)
    metadata = MetaData()
    metadata.reflect(engine)
    out: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {}
    with engine.connect() as conn:
        for table in metadata.tables.values():
            pk = [c.name for c in table.primary_key.columns]
            out[table.name] = {
                tuple(_text(r._mapping[c]) for c in pk): {k: _text(v) for k, v in r._mapping.items()}
                for r in conn.execute(select(table))
            }
    engine.dispose()
    return out


def changed(
    before: dict[str, dict[tuple[Any, ...], dict[str, Any]]], after: dict[str, dict[tuple[Any, ...], dict[str, Any]]]
) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """(table, key) of every row that differs or is gone."""
    for table, found in before.items():
        for key, row in found.items():
            if after[table].get(key) != row:
                yield table, key


def _text(value: Any) -> Any:
    if value is None or isinstance(value, int | str):
        return value
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
