"""Pure rules over declared datasets: where the walk starts, which relations it follows (and which it does
not, and why), and whether the live schema can carry out what the ledger declares.

No database here. The service walks the database with a connector, following `edges`, and hands the
rows it found to `operations`, which says what a request does to them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from hogo.ledger.schemas.datasets import ActionKind, DataSet, DataTable, ErasureAction

MASK = "***"


def norm(name: str) -> str:
    """Declared names match the schema ignoring case and underscores ("CustomerId" ~ customer_id)."""
    return name.replace("_", "").lower()


@dataclass(frozen=True)
class Identity:
    """An identifier the person gave (e-mail, customer number, …): the start of every walk."""

    kind: str
    value: str


@dataclass(frozen=True)
class Edge:
    """Rows of `table` whose `column` equals `references_column` of a parent row belong to the same person."""

    table: str
    column: str
    references_table: str
    references_column: str


@dataclass(frozen=True)
class Root:
    table: str
    column: str
    values: tuple[str, ...]
    casefold: bool


@dataclass(frozen=True)
class FoundRow:
    """One row that belongs to the person: its table (as declared), key, depth in the walk and values."""

    table: str
    subject_kind: str
    key: tuple[Any, ...]
    depth: int
    values: dict[str, Any] = field(hash=False, compare=False)
    """Keyed by `norm(column)`."""


# -- the walk ---------------------------------------------------------------------------------------
def person_tables(dataset: DataSet) -> list[DataTable]:
    return [t for t in dataset.tables if t.identities]


def roots(dataset: DataSet, identities: Sequence[Identity]) -> list[tuple[DataTable, Root]]:
    """Where the walk starts: each identity column whose kind the person gave an identifier of."""
    out: list[tuple[DataTable, Root]] = []
    for table in person_tables(dataset):
        for column in table.identities:
            values = tuple(sorted({i.value.strip() for i in identities if i.kind == column.kind}))
            if values:
                out.append((table, Root(table.name, column.column, values, casefold=column.kind == "email")))
    return out


def edges(dataset: DataSet, schema: Iterable[Edge] = ()) -> dict[str, list[Edge]]:
    """Child edges by `norm(parent table)`: declared relations, plus the schema's foreign keys if asked for.

    An edge never enters a table that finds persons by itself (Customer, Employee): the employee
    who supports a customer, or a manager's reports, are not the person's data (see `unfollowed`).
    """
    persons = {norm(t.name) for t in person_tables(dataset)}
    out: dict[str, list[Edge]] = {}
    for edge, _ in _relations(dataset, schema):
        if norm(edge.table) not in persons:
            out.setdefault(norm(edge.references_table), []).append(edge)
    return out


@dataclass(frozen=True)
class Unfollowed:
    """A relation the walk does not follow, where it was declared ("ledger" or "schema"), and why."""

    edge: Edge
    source: str
    reason: str = "person-table"


WHY = {
    "person-table": (
        "Art. 33(2)(i)",
        "「{table}」は単独で本人を識別する表です。その行は他の本人のデータであるため、この関係はたどっていません。",
        "{table} identifies persons by itself: its rows are other persons' data, so this relation was not followed.",
    )
}
"""reason → (article, Japanese, English), with {table} the table not entered."""


def unfollowed(dataset: DataSet, schema: Iterable[Edge] = ()) -> list[Unfollowed]:
    """The relations into a table that finds persons by itself: the walk does not follow them, and says so."""
    persons = {norm(t.name) for t in person_tables(dataset)}
    return [Unfollowed(edge, source) for edge, source in _relations(dataset, schema) if norm(edge.table) in persons]


def _relations(dataset: DataSet, schema: Iterable[Edge]) -> list[tuple[Edge, str]]:
    """Declared relations, then the schema's foreign keys if asked for, between declared tables, each once,
    named as declared, with where it came from."""
    declared = {norm(t.name): t.name for t in dataset.tables}
    candidates = [
        (Edge(r.table, r.column, r.references_table, r.references_column), "ledger") for r in dataset.relations
    ]
    if dataset.relations_from_schema:
        candidates.extend((edge, "schema") for edge in schema)
    out: list[tuple[Edge, str]] = []
    seen: set[tuple[str, str, str, str]] = set()
    for edge, source in candidates:
        child, parent = norm(edge.table), norm(edge.references_table)
        signature = (child, norm(edge.column), parent, norm(edge.references_column))
        if child not in declared or parent not in declared or signature in seen:
            continue
        seen.add(signature)
        out.append((Edge(declared[child], edge.column, declared[parent], edge.references_column), source))
    return out


@dataclass(frozen=True)
class Shape:
    """What the database says about a column: enough to know whether an erasure action fits it."""

    nullable: bool
    text: bool
    length: int | None


def schema_problems(dataset: DataSet, shapes: dict[str, dict[str, Shape]]) -> list[str]:
    """Declarations the live schema cannot honour, found before anything is changed.

    `shapes` maps each declared table's name to {norm(column): Shape}. A declared column that does
    not exist, NULL into a NOT NULL column, a mask or keyed hash into a non-text or too short column,
    for any action any request kind may take there.
    """
    problems: list[str] = []
    for table in dataset.tables:
        columns = shapes.get(table.name, {})
        for column in table.columns:
            shape = columns.get(norm(column.name))
            where = f"{table.name}.{column.name}"
            if shape is None:
                problems.append(f"{where} does not exist")
                continue
            for action in dict.fromkeys(a for kind in ActionKind for a in column.allowed(kind)):
                problem = _unfit(action, shape)
                if problem:
                    problems.append(f"{where} {problem}")
    return problems


def _unfit(action: ErasureAction, shape: Shape) -> str | None:
    if action is ErasureAction.set_null and not shape.nullable:
        return "is NOT NULL: it cannot be set to NULL (use mask)"
    if action in (ErasureAction.mask, ErasureAction.keyed_hash) and not shape.text:
        verb = "masked" if action is ErasureAction.mask else "hashed"
        return f"is not a text column: it cannot be {verb} (use set_null)"
    if action is ErasureAction.keyed_hash and shape.length is not None and shape.length < 16:
        return f"holds {shape.length} characters: too short for a keyed hash"
    if action is ErasureAction.mask and shape.length is not None and shape.length < len(MASK):
        return f"holds {shape.length} characters: too short for the mask"
    return None


def disclosed_columns(dataset: DataSet, table: str) -> list[tuple[str, str]]:
    """(column, item) of the columns of `table` that hold a ledger item: what access discloses."""
    for t in dataset.tables:
        if norm(t.name) == norm(table):
            return [(c.name, c.item) for c in t.columns if c.item is not None]
    return []
