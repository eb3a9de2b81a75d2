"""Which persons of a connected database hold some items: the chains from the tables holding them up the
relations to the person tables (pure), for an incident's count of the persons concerned.

A table that holds an item reaches its owners by going up the relations the access walk follows down
(invoice line → invoice → customer); it stops at the first person table, as the walk never enters one. A person
table that holds the item is its own chain. The connector then reads the distinct owners of each chain in one
statement (`Connector.owners`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hogo.datasets.policy import Edge, edges, norm, person_tables
from hogo.ledger.schemas.datasets import DataSet, DataTable

MAX_HOPS = 6


@dataclass(frozen=True)
class Chain:
    """Rows of `start` holding one of `columns` belong to the `person` table's rows reached along `hops`."""

    start: str
    columns: tuple[str, ...]
    time: tuple[str, str] | None
    """(table, column) dating the rows: the start table's `time_column`, else the first table up the chain that
    declares one (an invoice line is as old as its invoice)."""
    hops: tuple[Edge, ...]
    person: DataTable

    @property
    def identity_columns(self) -> tuple[str, ...]:
        return tuple(c.column for c in self.person.identities)


@dataclass(frozen=True)
class Window:
    """The days (JST, both included) the data concerned was written in; None: open."""

    first: dt.date | None = None
    last: dt.date | None = None

    @property
    def open(self) -> bool:
        return self.first is None and self.last is None


OPEN = Window()


def chains(
    dataset: DataSet, items: Iterable[str], subject_kinds: Sequence[str] = (), schema: Iterable[Edge] = ()
) -> list[Chain]:
    """Every way from a table holding one of `items` to a person table of one of `subject_kinds` (all if none)."""
    wanted = set(items)
    persons = {norm(t.name): t for t in person_tables(dataset)}
    tables = {norm(t.name): t for t in dataset.tables}
    upward: dict[str, list[Edge]] = {}
    for children in edges(dataset, schema).values():
        for edge in children:
            upward.setdefault(norm(edge.table), []).append(edge)
    out: list[Chain] = []
    for table in dataset.tables:
        columns = tuple(c.name for c in table.columns if c.item in wanted)
        if not columns:
            continue
        paths: list[tuple[Edge, ...]] = [()]
        while paths:
            path = paths.pop()
            at = norm(path[-1].references_table) if path else norm(table.name)
            if at in persons:
                person = persons[at]
                if not subject_kinds or person.subject_kind in subject_kinds:
                    out.append(Chain(table.name, columns, _dated(table, path, tables), path, person))
                continue
            if len(path) >= MAX_HOPS:
                continue
            seen = {norm(table.name), *(norm(e.references_table) for e in path)}
            for edge in upward.get(at, []):
                if norm(edge.references_table) not in seen and norm(edge.references_table) in tables:
                    paths.append((*path, edge))
    return out


def _dated(table: DataTable, path: tuple[Edge, ...], tables: dict[str, DataTable]) -> tuple[str, str] | None:
    for candidate in (table, *(tables[norm(e.references_table)] for e in path)):
        if candidate.time_column:
            return candidate.name, candidate.time_column
    return None


def holds_items(dataset: DataSet, items: Iterable[str]) -> bool:
    wanted = set(items)
    return bool(wanted & set(dataset.items)) or any(c.item in wanted for t in dataset.tables for c in t.columns)


@dataclass(frozen=True)
class Owner:
    """One person row of a connected database: its table and key, and the identifiers it holds by kind."""

    table: str
    key: tuple[str, ...]
    identities: dict[str, str]


@dataclass(frozen=True)
class DatasetHolders:
    """The persons a dataset holds the items of, or why it could not be counted (and the most it may hold)."""

    dataset: str
    owners: list[Owner]
    error: str | None = None
    bound: int = 0
    """Where it could not be counted: its declared record count (the ledger's `record_count`), an upper bound."""
    window_ignored: tuple[str, ...] = ()
    """Tables with no declared `time_column`: counted whatever the window (the count is then a maximum)."""
