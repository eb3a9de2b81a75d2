"""An in-memory connector: tables as lists of dicts, for tests of the walk and the operations.

It behaves like the SQLAlchemy connector where hogo relies on it: names resolved ignoring case and
underscores, e-mail compared ignoring case, writes that count only rows they change, and a
transaction that leaves nothing behind when its block raises.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from hogo.adapters.connectors import HASH_PREFIX, ColumnShape, Connector, ConnectorError, ForeignKey, Writer, norm


@dataclass
class MemoryTable:
    name: str
    key: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    not_null: set[str] = field(default_factory=set)


class MemoryConnector(Connector):
    def __init__(self, tables: Sequence[MemoryTable], foreign_keys: Sequence[ForeignKey] = ()) -> None:
        self.tables = {t.name: t for t in tables}
        self._fks = list(foreign_keys)

    def _table(self, name: str) -> MemoryTable:
        for actual, table in self.tables.items():
            if norm(actual) == norm(name):
                return table
        raise ConnectorError(f"table '{name}' does not exist")

    def _column(self, table: MemoryTable, name: str) -> str:
        for column in self._names(table):
            if norm(column) == norm(name):
                return column
        raise ConnectorError(f"column of {table.name} '{name}' does not exist")

    @staticmethod
    def _names(table: MemoryTable) -> list[str]:
        return list(table.rows[0]) if table.rows else list(table.key)

    def columns(self, table: str) -> list[ColumnShape]:
        t = self._table(table)
        return [ColumnShape(c, c not in t.not_null, True, None) for c in self._names(t)]

    def primary_key(self, table: str) -> list[str]:
        return list(self._table(table).key)

    def table_names(self) -> list[str]:
        return list(self.tables)

    def foreign_keys(self, tables: Sequence[str]) -> list[ForeignKey]:
        wanted = {norm(t) for t in tables}
        return [fk for fk in self._fks if norm(fk.table) in wanted]

    def find(self, table: str, column: str, values: Sequence[Any], *, casefold: bool = False) -> list[dict[str, Any]]:
        t = self._table(table)
        col = self._column(t, column)
        wanted = {str(v).lower() for v in values} if casefold else {str(v) for v in values}
        found = []
        for row in t.rows:
            value = row[col]
            if value is not None and (str(value).lower() if casefold else str(value)) in wanted:
                found.append(dict(row))
        return found

    def read_columns(self, table: str, columns: Sequence[str]) -> dict[str, list[Any]]:
        t = self._table(table)
        actual = [self._column(t, c) for c in columns]
        return {name: [row.get(col) for row in t.rows] for name, col in zip(columns, actual, strict=True)}

    @contextmanager
    def begin(self) -> Iterator[Writer]:
        saved = copy.deepcopy(self.tables)
        try:
            yield _MemoryWriter(self)
        except BaseException:
            self.tables = saved
            raise

    def quote(self, name: str) -> str:
        return '"' + name + '"'

    def close(self) -> None:
        pass


class _MemoryWriter(Writer):
    def __init__(self, connector: MemoryConnector) -> None:
        self._c = connector

    def _rows(self, table: str, key_columns: Sequence[str], keys: Sequence[tuple[Any, ...]]) -> list[dict[str, Any]]:
        t = self._c._table(table)
        cols = [self._c._column(t, k) for k in key_columns]
        wanted = {tuple(k) for k in keys}
        return [row for row in t.rows if tuple(row[c] for c in cols) in wanted]

    def set(
        self, table: str, key_columns: Sequence[str], keys: Sequence[tuple[Any, ...]], values: dict[str, Any]
    ) -> int:
        t = self._c._table(table)
        resolved = {self._c._column(t, c): v for c, v in values.items()}
        changed = 0
        for row in self._rows(table, key_columns, keys):
            if any(row[c] != v for c, v in resolved.items()):
                row.update(resolved)
                changed += 1
        return changed

    def rehash(
        self,
        table: str,
        key_columns: Sequence[str],
        keys: Sequence[tuple[Any, ...]],
        columns: Sequence[str],
        hasher: Callable[[str], str],
    ) -> int:
        t = self._c._table(table)
        cols = [self._c._column(t, c) for c in columns]
        changed = 0
        for row in self._rows(table, key_columns, keys):
            new = {c: HASH_PREFIX + hasher(str(row[c])) for c in cols if row[c] is not None}
            new = {c: v for c, v in new.items() if not str(row[c]).startswith(HASH_PREFIX)}
            if new:
                row.update(new)
                changed += 1
        return changed

    def delete(self, table: str, key_columns: Sequence[str], keys: Sequence[tuple[Any, ...]]) -> int:
        t = self._c._table(table)
        doomed = {id(r) for r in self._rows(table, key_columns, keys)}
        before = len(t.rows)
        t.rows = [r for r in t.rows if id(r) not in doomed]
        return before - len(t.rows)
