"""Work on one connected database through its connector: find the person's rows, apply an operation.

The rules (where the walk starts, which edges it follows, what an operation does) are in
`policy`; this module only carries them out with the connector. It raises `ConnectorError`
when the database does not match the declaration.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hogo.adapters.connectors import Connector, ConnectorError, Writer
from hogo.datasets import policy, sharing
from hogo.datasets.operations import Operation
from hogo.datasets.policy import MASK, Edge, FoundRow, Identity, Shape, norm
from hogo.datasets.sharing import RowId
from hogo.ledger.schemas.datasets import DataSet


class SchemaMismatch(ConnectorError):
    """The database exists but cannot carry out what the ledger declares for it."""


@dataclass(frozen=True)
class Walk:
    """What a walk found: the person's rows, each declared table's primary key columns, the relations it
    followed (child edges by `norm(parent table)`) and those it did not follow from the person's rows."""

    rows: list[FoundRow]
    keys: dict[str, tuple[str, ...]]
    children: dict[str, list[Edge]]
    not_followed: list[policy.Unfollowed]


def walk(dataset: DataSet, connector: Connector, identities: Sequence[Identity]) -> Walk:
    """The person's rows, from the identity columns along the relations, breadth first."""
    keys = {t.name: tuple(connector.primary_key(t.name)) for t in dataset.tables}
    for name, key_columns in keys.items():
        if not key_columns:
            raise ConnectorError(f"table '{name}' has no primary key")
    schema: list[Edge] = []
    if dataset.relations_from_schema:
        fks = connector.foreign_keys([t.name for t in dataset.tables])
        schema = [Edge(f.table, f.column, f.references_table, f.references_column) for f in fks]
    children = policy.edges(dataset, schema)
    found: dict[RowId, FoundRow] = {}
    frontier: list[FoundRow] = []
    for table, root in policy.roots(dataset, identities):
        kind = table.subject_kind or ""
        for raw in connector.find(table.name, root.column, root.values, casefold=root.casefold):
            _add(found, frontier, _row(table.name, kind, raw, keys[table.name], 0))
    while frontier:
        current, frontier = frontier, []
        groups: dict[tuple[str, str, int], list[FoundRow]] = {}
        for row in current:
            groups.setdefault((row.table, row.subject_kind, row.depth), []).append(row)
        for (table_name, kind, depth), rows in groups.items():
            for edge in children.get(norm(table_name), []):
                parents = sorted({r.values.get(norm(edge.references_column)) for r in rows} - {None}, key=str)
                for raw in connector.find(edge.table, edge.column, parents):
                    _add(found, frontier, _row(edge.table, kind, raw, keys[edge.table], depth + 1))
    reached = {norm(r.table) for r in found.values()}
    skipped = [u for u in policy.unfollowed(dataset, schema) if norm(u.edge.references_table) in reached]
    return Walk(list(found.values()), keys, children, skipped)


def shared_rows(dataset: DataSet, connector: Connector, found: Walk) -> dict[RowId, set[str]]:
    """The found rows another person reaches too, with the person tables they are reached from.

    Goes up the followed relations from every found row that is not a person's own row: the rows each
    belongs to, then the rows those belong to, until a person table (see `sharing.shared`). One query
    per relation and level, as the walk down."""
    persons = {t.name for t in policy.person_tables(dataset)}
    upward: dict[str, list[Edge]] = {}
    for edges in found.children.values():
        for edge in edges:
            upward.setdefault(norm(edge.table), []).append(edge)
    seen = {(r.table, r.key) for r in found.rows}
    parents: dict[RowId, set[RowId]] = {}
    frontier = [r for r in found.rows if r.table not in persons]
    while frontier:
        above: list[FoundRow] = []
        by_table: dict[str, list[FoundRow]] = {}
        for row in frontier:
            by_table.setdefault(row.table, []).append(row)
        for table, members in by_table.items():
            for edge in upward.get(norm(table), []):
                linked: dict[str, list[FoundRow]] = {}
                for member in members:
                    value = member.values.get(norm(edge.column))
                    if value is not None:
                        linked.setdefault(str(value), []).append(member)
                values = sorted({m.values[norm(edge.column)] for ms in linked.values() for m in ms}, key=str)
                for raw in connector.find(edge.references_table, edge.references_column, values):
                    parent = _row(edge.references_table, "", raw, found.keys[edge.references_table], 0)
                    for member in linked.get(str(parent.values.get(norm(edge.references_column))), []):
                        parents.setdefault((member.table, member.key), set()).add((parent.table, parent.key))
                    if (parent.table, parent.key) not in seen:
                        seen.add((parent.table, parent.key))
                        if parent.table not in persons:
                            above.append(parent)
        frontier = above
    return sharing.shared([(r.table, r.key) for r in found.rows], parents, persons)


def check(dataset: DataSet, connector: Connector) -> None:
    """Refuse a plan the schema cannot carry out (a missing column, NULL into NOT NULL, …)."""
    shapes = {
        t.name: {norm(c.name): Shape(c.nullable, c.text, c.length) for c in connector.columns(t.name)}
        for t in dataset.tables
    }
    problems = policy.schema_problems(dataset, shapes)
    if problems:
        raise SchemaMismatch("; ".join(problems))


def apply(writer: Writer, op: Operation, corrections: dict[str, str], hash_key: bytes) -> int:
    """Carry out one operation in the writer's transaction; the number of changes."""
    if op.delete:
        return writer.delete(op.table, op.key_columns, op.keys)
    values: dict[str, Any] = {c: None for c in op.set_null}
    values.update({c: MASK for c in op.mask})
    values.update({c: True for c in op.flag})
    values.update({c: corrections[item] for c, item in op.correct})
    changed = writer.set(op.table, op.key_columns, op.keys, values) if values else 0
    if op.keyed_hash:

        def keyed_hash(value: str) -> str:
            return hmac.new(hash_key, b"hogo-dataset\0" + value.encode(), hashlib.sha256).hexdigest()[:32]

        changed += writer.rehash(op.table, op.key_columns, op.keys, op.keyed_hash, keyed_hash)
    return changed


def _row(table: str, kind: str, raw: dict[str, Any], key_columns: tuple[str, ...], depth: int) -> FoundRow:
    return FoundRow(table, kind, tuple(raw[c] for c in key_columns), depth, {norm(k): v for k, v in raw.items()})


def _add(found: dict[RowId, FoundRow], frontier: list[FoundRow], row: FoundRow) -> None:
    if (row.table, row.key) not in found:
        found[(row.table, row.key)] = row
        frontier.append(row)
