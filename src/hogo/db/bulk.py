"""Many rows into one table through the driver, inside the caller's transaction (ADR 0027).

SQLAlchemy's Core insert of a list of dicts processes every parameter of every row on its way to the driver
(`construct_params`, then each column type's bind processor): for the vault's records that was a third of an
acquisition. `BulkInsert` keeps SQLAlchemy's rendering and drops its per-row bookkeeping: each column's value is
rendered by the very bind processor SQLAlchemy would call for the dialect (`bind`, which a caller memoises for the
few values that repeat: a batch's instant, its purpose lists), and the rows go to the driver as tuples, with the
DBAPI's `executemany` (`insert`) or as multi-row `INSERT … VALUES (…), (…) RETURNING` pages (`insert_returning`).
One code path for every store: only the placeholder differs (`?` for SQLite, `%s` for psycopg).

The rows are sent on the session's connection, so they belong to the unit of work's transaction like any other
statement of the use case.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import chain
from typing import Any

from sqlalchemy import Connection, Dialect, Table

_MARKS = {"qmark": "?", "format": "%s", "pyformat": "%s"}
PAGE_PARAMETERS = 30_000
"""Parameters per multi-row statement: below SQLite's 32,766 and PostgreSQL's 65,535."""


class BulkInsert:
    """`INSERT INTO table (columns…)` for one dialect; rows are tuples in `columns` order, values already `bind`-ed."""

    def __init__(
        self,
        table: Table,
        columns: Sequence[str],
        dialect: Dialect,
        *,
        returning: Sequence[str] = (),
        page: int = 1_000,
    ) -> None:
        mark = _MARKS.get(dialect.paramstyle)
        if mark is None:
            raise ValueError(f"paramstyle {dialect.paramstyle!r} is not supported for bulk inserts")
        quote = dialect.identifier_preparer.quote
        self.table = table
        self.columns = tuple(columns)
        self._processors: dict[str, Callable[[Any], Any] | None] = {
            name: table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in self.columns
        }
        head = f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({', '.join(map(quote, self.columns))})"
        self._row = "(" + ", ".join([mark] * len(self.columns)) + ")"
        self._single = f"{head} VALUES {self._row}"
        self._head = f"{head} VALUES "
        self._tail = f" RETURNING {', '.join(map(quote, returning))}" if returning else ""
        self._page = max(1, min(page, PAGE_PARAMETERS // len(self.columns)))
        self._full_page = self._statement(self._page)

    def bind(self, column: str, value: Any) -> Any:
        """`value` as SQLAlchemy hands it to the driver for this column (e.g. a datetime as SQLite's text)."""
        process = self._processors[column]
        return value if process is None else process(value)

    def binder(self, column: str) -> Callable[[Any], Any]:
        """`bind` for one column, as a function (identity where the dialect sends the value as it is)."""
        process = self._processors[column]
        return process if process is not None else _same

    def insert(self, connection: Connection, rows: Sequence[Sequence[Any]]) -> None:
        """All rows with the driver's `executemany` (psycopg pipelines it)."""
        if rows:
            connection.exec_driver_sql(self._single, list(rows))

    def insert_returning(self, connection: Connection, rows: Sequence[Sequence[Any]]) -> list[Sequence[Any]]:
        """All rows, in pages of multi-row VALUES; the `returning` columns of every row, in no particular order."""
        out: list[Sequence[Any]] = []
        for start in range(0, len(rows), self._page):
            page = rows[start : start + self._page]
            sql = self._full_page if len(page) == self._page else self._statement(len(page))
            out.extend(connection.exec_driver_sql(sql, tuple(chain.from_iterable(page))).all())
        return out

    def _statement(self, rows: int) -> str:
        return self._head + ", ".join([self._row] * rows) + self._tail


def _same(value: Any) -> Any:
    return value
