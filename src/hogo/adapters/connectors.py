"""Connectors to the company's own databases: a small ABC and one SQLAlchemy implementation.

SQLite, PostgreSQL and MariaDB/MySQL (through PyMySQL) are reached through the same SQLAlchemy code;
the registry picks the implementation by the URL's scheme. Names declared in the ledger are matched
to the live schema ignoring case and underscores ("CustomerId" finds `customer_id`), so one
declaration serves a database whatever its naming convention; an ambiguous name is an error.
Writes happen only inside `begin()`: one transaction per database, committed on a clean exit.
"""

from __future__ import annotations

import threading
import warnings
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    DateTime,
    MetaData,
    Table,
    Time,
    TypeDecorator,
    create_engine,
    func,
    inspect,
    or_,
    select,
    tuple_,
    union,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SAWarning, SQLAlchemyError
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import NullType

CHUNK = 500
HASH_PREFIX = "hk:"
MASK = "***"


class ConnectorError(Exception):
    """The database cannot be read as declared (a table or column is missing or ambiguous)."""


@contextmanager
def _guarded(what: str) -> Iterator[None]:
    """Database errors as a ConnectorError naming only their class: a driver's message can carry the
    statement's parameters (the person's identifiers) or the URL."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise ConnectorError(f"{what} failed ({type(exc).__name__})") from None


def norm(name: str) -> str:
    """How a declared name is compared with the schema: case and underscores do not matter."""
    return name.replace("_", "").lower()


@dataclass(frozen=True)
class ForeignKey:
    table: str
    column: str
    references_table: str
    references_column: str


@dataclass(frozen=True)
class RowPath:
    """From the rows of `start` that hold a value in one of `columns`, up `hops` (child → parent) to a person table;
    `time` (table, column) dates the rows, where one is declared."""

    start: str
    hops: tuple[ForeignKey, ...]
    columns: tuple[str, ...]
    time: tuple[str, str] | None = None


@dataclass(frozen=True)
class ColumnShape:
    name: str
    nullable: bool
    text: bool
    length: int | None


class Writer(ABC):
    """The writes of one transaction. Each returns how many rows it changed (not merely matched)."""

    @abstractmethod
    def set(
        self, table: str, key_columns: Sequence[str], keys: Sequence[tuple[Any, ...]], values: dict[str, Any]
    ) -> int:
        """Set columns to constant values on the keyed rows that do not hold them already."""

    @abstractmethod
    def rehash(
        self,
        table: str,
        key_columns: Sequence[str],
        keys: Sequence[tuple[Any, ...]],
        columns: Sequence[str],
        hasher: Callable[[str], str],
    ) -> int:
        """Replace each value by its keyed hash (prefixed `hk:`); a value already hashed is left alone."""

    @abstractmethod
    def delete(self, table: str, key_columns: Sequence[str], keys: Sequence[tuple[Any, ...]]) -> int: ...


class Connector(ABC):
    """One connected database, read and written with declared (unresolved) names."""

    @abstractmethod
    def columns(self, table: str) -> list[ColumnShape]:
        """The table's columns as the database defines them."""

    @abstractmethod
    def primary_key(self, table: str) -> list[str]: ...

    @abstractmethod
    def table_names(self) -> list[str]: ...

    @abstractmethod
    def foreign_keys(self, tables: Sequence[str]) -> list[ForeignKey]: ...

    @abstractmethod
    def find(self, table: str, column: str, values: Sequence[Any], *, casefold: bool = False) -> list[dict[str, Any]]:
        """Rows whose `column` holds one of `values`, as {actual column name: value}."""

    @abstractmethod
    def read_columns(self, table: str, columns: Sequence[str]) -> dict[str, list[Any]]:
        """Every row's values of `columns` (declared names), column by column (for processing jobs)."""

    def owners(
        self, paths: Sequence[RowPath], person_columns: Sequence[str], first: Any = None, last: Any = None
    ) -> Iterator[tuple[Any, ...]]:
        """The distinct `person_columns` of the person rows every path reaches (one person table), each row once:
        from the rows of the path's start holding a value in one of its columns (dated from `first` up to, not
        including, `last` where the path has a date column), up its relations."""
        raise ConnectorError("this connector cannot count the owners of rows")

    @abstractmethod
    def begin(self) -> Any:
        """A context manager yielding a `Writer`; commits when the block ends without an exception."""

    @abstractmethod
    def quote(self, name: str) -> str: ...

    @abstractmethod
    def close(self) -> None: ...


class SqlAlchemyConnector(Connector):
    def __init__(self, url: str) -> None:
        self._engine = create_engine(_with_driver(url), pool_pre_ping=True)
        self._metadata = MetaData()
        self._names: list[str] | None = None
        self._lock = threading.Lock()

    # -- schema ----------------------------------------------------------------------------------
    def table_names(self) -> list[str]:
        if self._names is None:
            with _guarded("reading the schema"):
                self._names = inspect(self._engine).get_table_names()
        return self._names

    def table(self, name: str) -> Table:
        actual = _resolve(name, self.table_names(), "table")
        found = self._metadata.tables.get(actual)
        if found is None:
            listeners = [("column_reflect", _as_stored)] if self._engine.dialect.name == "sqlite" else []
            with self._lock, warnings.catch_warnings(), _guarded(f"reading table {actual}"):
                warnings.filterwarnings("ignore", "Skipped unsupported reflection", SAWarning)
                found = self._metadata.tables.get(actual) or Table(
                    actual, self._metadata, autoload_with=self._engine, listeners=listeners
                )
        return found

    def column(self, table: str, name: str) -> ColumnElement[Any]:
        t = self.table(table)
        return t.c[_resolve(name, list(t.c.keys()), f"column of {t.name}")]

    def columns(self, table: str) -> list[ColumnShape]:
        out = []
        for col in self.table(table).c:
            try:
                text = col.type.python_type is str
            except NotImplementedError:
                text = False
            out.append(ColumnShape(col.name, bool(col.nullable), text, getattr(col.type, "length", None)))
        return out

    def primary_key(self, table: str) -> list[str]:
        return [c.name for c in self.table(table).primary_key.columns]

    def foreign_keys(self, tables: Sequence[str]) -> list[ForeignKey]:
        found: list[ForeignKey] = []
        for name in tables:
            for fk in self.table(name).foreign_keys:
                found.append(ForeignKey(fk.parent.table.name, fk.parent.name, fk.column.table.name, fk.column.name))
        return found

    def quote(self, name: str) -> str:
        return self._engine.dialect.identifier_preparer.quote(name)

    # -- reads -----------------------------------------------------------------------------------
    def read_columns(self, table: str, columns: Sequence[str]) -> dict[str, list[Any]]:
        cols = [self.column(table, c) for c in columns]
        with _guarded(f"reading {table}"), self._engine.connect() as conn:
            rows = conn.execute(select(*cols)).all()
        return {name: [r[i] for r in rows] for i, name in enumerate(columns)}

    def find(self, table: str, column: str, values: Sequence[Any], *, casefold: bool = False) -> list[dict[str, Any]]:
        t = self.table(table)
        col = self.column(table, column)
        wanted = _coerce(col, values)
        rows: list[dict[str, Any]] = []
        with _guarded(f"reading {t.name}"), self._engine.connect() as conn:
            for start in range(0, len(wanted), CHUNK):
                chunk = wanted[start : start + CHUNK]
                where = func.lower(col).in_([str(v).lower() for v in chunk]) if casefold else col.in_(chunk)
                rows.extend(dict(r._mapping) for r in conn.execute(select(t).where(where)))
        return rows

    def owners(
        self, paths: Sequence[RowPath], person_columns: Sequence[str], first: Any = None, last: Any = None
    ) -> Iterator[tuple[Any, ...]]:
        selects = [self._owners_of(path, person_columns, first, last) for path in paths]
        if not selects:
            return
        query: Any = selects[0].distinct() if len(selects) == 1 else union(*selects)  # the database drops repeats
        with _guarded("counting the owners of rows"), self._engine.connect() as conn:
            for part in conn.execution_options(stream_results=True).execute(query).partitions(20_000):
                yield from (tuple(row) for row in part)

    def _owners_of(self, path: RowPath, person_columns: Sequence[str], first: Any, last: Any) -> Any:
        joined: Any = self.table(path.start)
        for hop in path.hops:
            parent = self.table(hop.references_table)
            joined = joined.join(
                parent, self.column(hop.table, hop.column) == self.column(parent.name, hop.references_column)
            )
        person = path.hops[-1].references_table if path.hops else path.start
        held = or_(*(self.column(path.start, c).is_not(None) for c in path.columns))
        query = select(*(self.column(person, c) for c in person_columns)).select_from(joined).where(held)
        if path.time is not None:
            when = self.column(*path.time)
            if first is not None:
                query = query.where(when >= _bound(when, first))
            if last is not None:
                query = query.where(when < _bound(when, last))
        return query

    @contextmanager
    def begin(self) -> Iterator[Writer]:
        with self._engine.begin() as conn:
            yield _SqlWriter(self, conn)

    def close(self) -> None:
        self._engine.dispose()


class _SqlWriter(Writer):
    def __init__(self, connector: SqlAlchemyConnector, conn: Connection) -> None:
        self._c = connector
        self._conn = conn

    def _where(self, table: str, key_columns: Sequence[str], keys: Sequence[tuple[Any, ...]]) -> ColumnElement[bool]:
        cols = [self._c.column(table, k) for k in key_columns]
        if len(cols) == 1:
            return cols[0].in_([k[0] for k in keys])
        return tuple_(*cols).in_(list(keys))

    def set(
        self, table: str, key_columns: Sequence[str], keys: Sequence[tuple[Any, ...]], values: dict[str, Any]
    ) -> int:
        t = self._c.table(table)
        cols = {self._c.column(table, name).name: value for name, value in values.items()}
        differs = or_(*(t.c[name].is_distinct_from(value) for name, value in cols.items()))
        changed = 0
        for start in range(0, len(keys), CHUNK):
            where = self._where(table, key_columns, keys[start : start + CHUNK])
            changed += self._conn.execute(t.update().where(where, differs).values(cols)).rowcount
        return changed

    def rehash(
        self,
        table: str,
        key_columns: Sequence[str],
        keys: Sequence[tuple[Any, ...]],
        columns: Sequence[str],
        hasher: Callable[[str], str],
    ) -> int:
        t = self._c.table(table)
        cols = [self._c.column(table, c) for c in columns]
        pk = [self._c.column(table, k) for k in key_columns]
        changed = 0
        for start in range(0, len(keys), CHUNK):
            where = self._where(table, key_columns, keys[start : start + CHUNK])
            for row in self._conn.execute(select(*pk, *cols).where(where)).all():
                new: dict[str, Any] = {}
                for position, col in enumerate(cols):
                    value = row[len(pk) + position]
                    if value is None or str(value).startswith(HASH_PREFIX):
                        continue
                    length = getattr(col.type, "length", None) or 64
                    new[col.name] = (HASH_PREFIX + hasher(str(value)))[:length]
                if new:
                    match = [c == row[i] for i, c in enumerate(pk)]
                    changed += self._conn.execute(t.update().where(*match).values(new)).rowcount
        return changed

    def delete(self, table: str, key_columns: Sequence[str], keys: Sequence[tuple[Any, ...]]) -> int:
        t = self._c.table(table)
        changed = 0
        for start in range(0, len(keys), CHUNK):
            changed += self._conn.execute(
                t.delete().where(self._where(table, key_columns, keys[start : start + CHUNK]))
            ).rowcount
        return changed


class StoredTemporal(TypeDecorator[Any]):
    """A SQLite date or time column, read and compared as the value it stores.

    SQLite has no date type: the row holds text such as '2009-01-01 00:00:00'. SQLAlchemy's DateTime
    would read it as a datetime and bind it back as '2009-01-01 00:00:00.000000', which is not the
    same text, so a statement keyed by it would match no row. Kept as stored, a key matches its row.
    """

    impl = NullType
    cache_ok = True


def _as_stored(inspector: Any, table: Table, column: dict[str, Any]) -> None:
    if isinstance(column["type"], Date | DateTime | Time):
        column["type"] = StoredTemporal()


def _bound(column: ColumnElement[Any], day: Any) -> Any:
    """A day as the column compares it: a date for a typed column, ISO text for one that stores text (SQLite)."""
    try:
        kind = column.type.python_type
    except NotImplementedError:
        kind = str
    return day if kind is not str else day.isoformat()


def _resolve(name: str, actual: Sequence[str], what: str) -> str:
    if name in actual:
        return name
    for fold in (str.lower, norm):
        matches = [a for a in actual if fold(a) == fold(name)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise ConnectorError(f"{what} '{name}' is ambiguous: {', '.join(sorted(matches))}")
    raise ConnectorError(f"{what} '{name}' does not exist")


def _coerce(col: ColumnElement[Any], values: Sequence[Any]) -> list[Any]:
    try:
        kind = col.type.python_type
    except NotImplementedError:
        return list(values)
    if kind is int:
        out = []
        for v in values:
            try:
                out.append(int(v))
            except (TypeError, ValueError):
                continue
        return out
    if kind is str:
        return [str(v) for v in values]
    return list(values)


def _with_driver(url: str) -> str:
    """`mysql://` and `mariadb://` go through PyMySQL (pure Python) unless the URL names a driver."""
    parsed = make_url(url)
    if parsed.drivername in ("mysql", "mariadb"):
        return parsed.set(drivername=f"{parsed.drivername}+pymysql").render_as_string(hide_password=False)
    return url


CONNECTORS: dict[str, Callable[[str], Connector]] = {
    "sqlite": SqlAlchemyConnector,
    "postgresql": SqlAlchemyConnector,
    "mysql": SqlAlchemyConnector,
    "mariadb": SqlAlchemyConnector,
}


def connect(url: str) -> Connector:
    """The connector for a SQLAlchemy URL, chosen by its backend (the scheme before any '+driver')."""
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError:
        raise ConnectorError("the connection is not a SQLAlchemy URL") from None
    factory = CONNECTORS.get(backend)
    if factory is None:
        raise ConnectorError(f"no connector for databases of kind '{backend}'")
    try:
        return factory(url)
    except (ArgumentError, ImportError) as exc:
        raise ConnectorError(f"cannot open the database ({type(exc).__name__})") from None
