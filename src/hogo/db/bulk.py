"""Many rows into one table through the driver, inside the caller's transaction (ADR 0027).

SQLAlchemy's Core insert of a list of dicts processes every parameter of every row on its way to the driver
(`construct_params`, then each column type's bind processor): for the vault's records that was a third of an
acquisition. `BulkInsert` keeps SQLAlchemy's rendering and drops its per-row bookkeeping: each column's value is
rendered by the bind processor SQLAlchemy would call for the dialect (`bind`, which a caller memoises for the few
values that repeat: a batch's instant, its purpose lists), JSON as the engine's serializer writes it, binary values
as bytes (which every DBAPI binds as binary, and which leave a row tuple of plain values the garbage collector
soon stops tracking), and the rows
go to the driver as tuples with the DBAPI's `executemany` (psycopg pipelines it). One code path for every store:
only the placeholder differs (`?` for SQLite, `%s` for psycopg, with the cast SQLAlchemy renders for JSON there).

Rows whose ids the caller needs get them up front (`reserve_ids`) rather than by `RETURNING`: a multi-row
`INSERT … RETURNING` is parsed anew by psycopg every time (too long for its query cache), and SQLite's
`executemany` returns no rows.

The rows are sent on the session's connection, so they belong to the unit of work's transaction like any other
statement of the use case.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import JSON, Connection, Dialect, LargeBinary, Table
from sqlalchemy.engine.interfaces import BindTyping

from hogo.db.session import json_dumps

_MARKS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def placeholder(dialect: Dialect) -> str:
    """The driver's positional placeholder (`?` or `%s`), for SQL sent with `exec_driver_sql`."""
    mark = _MARKS.get(dialect.paramstyle)
    if mark is None:
        raise ValueError(f"paramstyle {dialect.paramstyle!r} is not supported for statements sent to the driver")
    return mark


class BulkInsert:
    """`INSERT INTO table (columns…)` for one dialect; rows are sequences in `columns` order, values `bind`-ed."""

    def __init__(self, table: Table, columns: Sequence[str], dialect: Dialect) -> None:
        mark = placeholder(dialect)
        self.table = table
        self.columns = tuple(columns)
        self._dialect = dialect.name
        self._processors: dict[str, Callable[[Any], Any] | None] = {}
        marks: list[str] = []
        for name in self.columns:
            kind = table.c[name].type.dialect_impl(dialect)
            if isinstance(kind, JSON):  # the serializer's text (make_engine gives every engine `json_dumps`)
                self._processors[name] = json_dumps
                cast = dialect.bind_typing is BindTyping.RENDER_CASTS
                marks.append(f"CAST({mark} AS {dialect.type_compiler_instance.process(kind)})" if cast else mark)
            elif isinstance(kind, LargeBinary):  # bytes as they are: SQLAlchemy only wraps them in the DBAPI's Binary
                self._processors[name] = None
                marks.append(mark)
            else:
                self._processors[name] = kind.bind_processor(dialect)
                marks.append(mark)
        quote = dialect.identifier_preparer.quote
        self._sql = (
            f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({', '.join(map(quote, self.columns))}) "
            f"VALUES ({', '.join(marks)})"
        )

    def bind(self, column: str, value: Any) -> Any:
        """`value` as SQLAlchemy hands it to the driver for this column (e.g. a datetime as SQLite's text)."""
        process = self._processors[column]
        return value if process is None else process(value)

    def binder(self, column: str) -> Callable[[Any], Any]:
        """`bind` for one column, as a function (identity where the dialect sends the value as it is)."""
        process = self._processors[column]
        return process if process is not None else _same

    def insert(self, connection: Connection, rows: Sequence[Sequence[Any]]) -> None:
        """All rows with the driver's `executemany`."""
        if rows:
            connection.exec_driver_sql(self._sql, [row if type(row) is tuple else tuple(row) for row in rows])

    def reserve_ids(self, connection: Connection, count: int, column: str = "id") -> list[int]:
        """`count` new values of the table's integer key, for rows this transaction inserts with them.

        PostgreSQL: drawn from the column's sequence, as its default would. SQLite: the next ids after the largest,
        as SQLite itself picks a rowid; this holds because a writing transaction on SQLite holds the write lock from
        its start (ADR 0011), so no other writer can take them meanwhile."""
        if count <= 0:
            return []
        table = self.table.name
        if self._dialect == "postgresql":
            drawn = connection.exec_driver_sql(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", (table, column, count)
            )
            return [row[0] for row in drawn]
        if self._dialect == "sqlite":
            quote = connection.dialect.identifier_preparer.quote
            last = connection.exec_driver_sql(f"SELECT coalesce(max({quote(column)}), 0) FROM {quote(table)}").scalar()
            return list(range(int(last or 0) + 1, int(last or 0) + 1 + count))
        raise NotImplementedError(f"ids cannot be reserved on {self._dialect}")


def _same(value: Any) -> Any:
    return value
