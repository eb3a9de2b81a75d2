"""`scan_database`: sample every column of every table of a database and classify it with the recognizers.

Read-only by construction: the session is put in read-only mode before the first query (SQLite
`PRAGMA query_only`, PostgreSQL `default_transaction_read_only`, MariaDB/MySQL `SESSION TRANSACTION READ
ONLY`) and the transaction is rolled back at the end. Identifiers are never pasted into SQL: each query is
built with SQLAlchemy constructs, which quote names as the dialect requires (`"Customer"`, `` `order` ``).
The report holds entities and shares only, never a sampled value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, column, create_engine, inspect, select, table, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql.expression import ColumnClause
from sqlalchemy.types import LargeBinary, TypeEngine

from hogo.adapters.recognizers.registry import Registry
from hogo.adapters.recognizers.scan import COLUMN_THRESHOLD, ColumnEntity, classify_column
from hogo.errors import DomainError

_READ_ONLY = {
    "sqlite": "PRAGMA query_only = ON",
    "postgresql": "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY",
    "mysql": "SET SESSION TRANSACTION READ ONLY",
    "mariadb": "SET SESSION TRANSACTION READ ONLY",
}


class ScanFailed(DomainError):
    """The database could not be opened or read; the message names the driver error, not the URL."""

    code = "scan-failed"


@dataclass(frozen=True, slots=True)
class ColumnReport:
    table: str
    column: str
    type: str
    sampled: int
    entities: tuple[ColumnEntity, ...]


@dataclass(frozen=True, slots=True)
class DatabaseReport:
    """What `scan_database` found: one entry per column (columns with no entity included, `entities=()`)."""

    database: str
    dialect: str
    schema: str | None
    sample: int
    columns: tuple[ColumnReport, ...]
    skipped: tuple[str, ...] = ()
    """`table.column` not sampled: binary columns."""

    def with_entities(self) -> tuple[ColumnReport, ...]:
        return tuple(c for c in self.columns if c.entities)


def scan_database(
    url: str,
    sample: int = 200,
    *,
    schema: str | None = None,
    threshold: float = COLUMN_THRESHOLD,
    registry: Registry | None = None,
) -> DatabaseReport:
    """Sample up to `sample` non-null values of every column of every table (in `schema`, or the default
    one) and report the entities found in at least `threshold` of them."""
    parsed = make_url(url)
    engine = create_engine(parsed)
    try:
        with read_only(engine) as conn:
            columns, skipped = _scan(conn, sample, schema, threshold, registry)
    except SQLAlchemyError as exc:
        cause = getattr(exc, "orig", None) or exc
        raise ScanFailed(f"could not scan the database: {type(cause).__name__}") from None
    finally:
        engine.dispose()
    return DatabaseReport(
        database=parsed.render_as_string(hide_password=True),
        dialect=engine.dialect.name,
        schema=schema,
        sample=sample,
        columns=tuple(columns),
        skipped=tuple(skipped),
    )


@contextmanager
def read_only(engine: Engine) -> Iterator[Connection]:
    """A connection that the database itself keeps from writing; rolled back when done."""
    with engine.connect() as conn:
        statement = _READ_ONLY.get(engine.dialect.name)
        if statement:
            conn.execute(text(statement))
            conn.commit()
        try:
            yield conn
        finally:
            conn.rollback()


def _scan(
    conn: Connection, sample: int, schema: str | None, threshold: float, registry: Registry | None
) -> tuple[list[ColumnReport], list[str]]:
    inspector = inspect(conn)
    reports: list[ColumnReport] = []
    skipped: list[str] = []
    for table_name in sorted(inspector.get_table_names(schema=schema)):
        for info in inspector.get_columns(table_name, schema=schema):
            name = info["name"]
            kind: TypeEngine[object] = info["type"]
            if isinstance(kind, LargeBinary):
                skipped.append(f"{table_name}.{name}")
                continue
            col: ColumnClause[Any] = column(name)
            query = select(col).select_from(table(table_name, col, schema=schema)).where(col.is_not(None)).limit(sample)
            values = [_as_text(v) for v in conn.execute(query).scalars()]
            entities = classify_column(values, name, table=table_name, threshold=threshold, registry=registry)
            reports.append(ColumnReport(table_name, name, _type_name(kind, conn), len(values), tuple(entities)))
    return reports, skipped


def _type_name(kind: TypeEngine[object], conn: Connection) -> str:
    """The type as the database spells it (`INET`, `NVARCHAR(40)`); the class name if it cannot be compiled."""
    try:
        return str(kind.compile(dialect=conn.dialect))
    except SQLAlchemyError:
        return type(kind).__name__


def _as_text(value: object) -> str:
    if isinstance(value, bytes | bytearray | memoryview):
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    return str(value)
