"""Pure planning over declared datasets: which rows are the person's, and what a request does to them.

No database here. The service walks the database with a connector, following `edges`, and hands the
rows it found to `erasure_operations`, `correction_operations` or `suspension_operations`, which
return the operations to run and the legal holds to report to the person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from hogo.datasets.keys import decode_key, encode_key
from hogo.ledger.schemas.common import period_days
from hogo.ledger.schemas.datasets import DataColumn, DataSet, DataTable, ErasureAction, LegalHold

MASK = "***"
HASH_PREFIX = "hk:"


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


@dataclass(frozen=True)
class Operation:
    """One statement's worth of work on one table: the rows by key, and what happens to which columns."""

    table: str
    key_columns: tuple[str, ...]
    keys: tuple[tuple[Any, ...], ...]
    delete: bool = False
    set_null: tuple[str, ...] = ()
    mask: tuple[str, ...] = ()
    keyed_hash: tuple[str, ...] = ()
    correct: tuple[tuple[str, str], ...] = ()
    """(column, item): set to the corrected value of the item."""
    flag: tuple[str, ...] = ()
    """Columns set to true (suspension)."""
    expected: int | None = None
    """The changes its statements make on the rows as the walk read them (`pending`); None when unknown
    (a correction's values come at execution). A step confirmed on resume reports these."""

    def as_json(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "key_columns": list(self.key_columns),
            "keys": [encode_key(k) for k in self.keys],
            "delete": self.delete,
            "set_null": list(self.set_null),
            "mask": list(self.mask),
            "keyed_hash": list(self.keyed_hash),
            "correct": [list(c) for c in self.correct],
            "flag": list(self.flag),
            "expected": self.expected,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Operation:
        return cls(
            table=data["table"],
            key_columns=tuple(data["key_columns"]),
            keys=tuple(decode_key(k) for k in data["keys"]),
            delete=data["delete"],
            set_null=tuple(data["set_null"]),
            mask=tuple(data["mask"]),
            keyed_hash=tuple(data["keyed_hash"]),
            correct=tuple((c[0], c[1]) for c in data["correct"]),
            flag=tuple(data["flag"]),
            expected=data.get("expected"),
        )


@dataclass(frozen=True)
class Hold:
    """Data that stays despite the request, and why: reported to the person (Art. 35)."""

    dataset: str
    table: str
    column: str
    item: str | None
    statute_ja: str
    statute_en: str
    until: dt.date
    rows: int


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


# -- erasure ----------------------------------------------------------------------------------------
def hold_end(hold: LegalHold, row: FoundRow, today: dt.date) -> dt.date:
    """The last day the hold keeps this row's value."""
    if hold.until is not None and hold.period is None:
        return hold.until
    start = today
    if hold.from_column is not None:
        start = _as_date(row.values.get(norm(hold.from_column))) or today
    days = period_days(hold.period) if hold.period else 0
    end = start + dt.timedelta(days=days)
    return max(end, hold.until) if hold.until is not None else end


def erasure_operations(
    dataset: DataSet, rows: Sequence[FoundRow], keys: dict[str, tuple[str, ...]], today: dt.date
) -> tuple[list[Operation], list[Hold]]:
    """What erasure does to each found row, grouped into operations; and the holds that keep data.

    A column under a running hold is kept, whatever its erasure says; a row with a held column is
    not deleted. Deletions run children first (deepest rows of the walk first).
    """
    tables = {norm(t.name): t for t in dataset.tables}
    groups: dict[tuple[str, bool, tuple[str, ...], tuple[str, ...], tuple[str, ...]], list[FoundRow]] = {}
    held: dict[tuple[str, str], tuple[DataColumn, dt.date, int]] = {}
    depth: dict[str, int] = {}
    for row in rows:
        table = tables[norm(row.table)]
        depth[table.name] = max(depth.get(table.name, 0), row.depth)
        actions: dict[ErasureAction, list[str]] = {}
        row_held = False
        for column in table.columns:
            if column.legal_hold is not None:
                end = hold_end(column.legal_hold, row, today)
                if end >= today:
                    row_held = True
                    _, until, count = held.get((table.name, column.name), (column, end, 0))
                    held[(table.name, column.name)] = (column, max(until, end), count + 1)
                    continue
            if column.erasure is not ErasureAction.keep:
                actions.setdefault(column.erasure, []).append(column.name)
        delete = ErasureAction.delete_row in actions and not row_held
        signature = (
            table.name,
            delete,
            () if delete else tuple(actions.get(ErasureAction.set_null, ())),
            () if delete else tuple(actions.get(ErasureAction.mask, ())),
            () if delete else tuple(actions.get(ErasureAction.keyed_hash, ())),
        )
        if delete or any(signature[2:]):
            groups.setdefault(signature, []).append(row)
    operations = [
        pending(Operation(name, keys[name], tuple(r.key for r in members), delete, set_null, mask, hashed), members)
        for (name, delete, set_null, mask, hashed), members in groups.items()
    ]
    operations.sort(key=lambda op: (not op.delete, -depth.get(op.table, 0) if op.delete else 0))
    holds = [
        Hold(
            dataset.id,
            table,
            column.name,
            column.item,
            column.legal_hold.statute.ja if column.legal_hold else "",
            column.legal_hold.statute.get("en") if column.legal_hold else "",
            until,
            count,
        )
        for (table, _), (column, until, count) in held.items()
    ]
    return operations, holds


def correction_operations(
    dataset: DataSet,
    rows: Sequence[FoundRow],
    keys: dict[str, tuple[str, ...]],
    items: Iterable[str],
    today: dt.date,
) -> tuple[list[Operation], list[Hold]]:
    """Every column holding one of `items` is set to the corrected value, on the person's rows only.

    A row under a running legal hold is a record of the past (an invoice as issued): it is not
    rewritten, and the hold is reported instead.
    """
    wanted = set(items)
    tables = {norm(t.name): t for t in dataset.tables}
    by_table: dict[str, list[FoundRow]] = {}
    held: list[FoundRow] = []
    for row in rows:
        table = tables[norm(row.table)]
        holds = [c.legal_hold for c in table.columns if c.legal_hold is not None]
        if any(hold_end(h, row, today) >= today for h in holds):
            held.append(row)
        else:
            by_table.setdefault(table.name, []).append(row)
    out = []
    for table in dataset.tables:
        members = by_table.get(table.name)
        columns = tuple((c.name, c.item) for c in table.columns if c.item in wanted and c.item is not None)
        if members and columns:
            out.append(Operation(table.name, keys[table.name], tuple(r.key for r in members), correct=columns))
    _, reported = erasure_operations(
        dataset, [r for r in held if _holds_item(tables[norm(r.table)], wanted)], keys, today
    )
    return out, reported


def _holds_item(table: DataTable, items: set[str]) -> bool:
    return any(c.item in items for c in table.columns)


def suspension_operations(
    dataset: DataSet, rows: Sequence[FoundRow], keys: dict[str, tuple[str, ...]]
) -> list[Operation]:
    """The declared suspension flag set on the person's rows (tables without one are left alone)."""
    by_table: dict[str, list[FoundRow]] = {}
    for row in rows:
        by_table.setdefault(row.table, []).append(row)
    return [
        pending(Operation(table.name, keys[table.name], tuple(r.key for r in members), flag=(flag,)), members)
        for table in dataset.tables
        if (flag := table.suspension_column) and (members := by_table.get(table.name, []))
    ]


def pending(op: Operation, rows: Sequence[FoundRow]) -> Operation:
    """The operation with the changes its statements make on `rows` as the walk read them: what a run that
    is not interrupted reports. A row counts once for the constants it gets, once more for its keyed hash,
    as the statements count; a row already in its target state counts nothing."""
    if op.delete:
        return replace(op, expected=len(rows))
    targets: list[tuple[str, Any]] = [(norm(c), None) for c in op.set_null] + [(norm(c), MASK) for c in op.mask]
    targets += [(norm(c), True) for c in op.flag]
    count = 0
    for row in rows:
        count += any(not _is(row.values.get(c), target) for c, target in targets)
        count += any(_unhashed(row.values.get(norm(c))) for c in op.keyed_hash)
    return replace(op, expected=count)


def _is(value: Any, target: Any) -> bool:
    if target is True:
        return value is True or (value is not None and value == 1)
    return value is None if target is None else bool(value == target)


def _unhashed(value: Any) -> bool:
    return value is not None and not str(value).startswith(HASH_PREFIX)


@dataclass(frozen=True)
class Shape:
    """What the database says about a column: enough to know whether an erasure action fits it."""

    nullable: bool
    text: bool
    length: int | None


def schema_problems(dataset: DataSet, shapes: dict[str, dict[str, Shape]]) -> list[str]:
    """Declarations the live schema cannot honour, found before anything is changed.

    `shapes` maps each declared table's name to {norm(column): Shape}. A declared column that does
    not exist, NULL into a NOT NULL column, a mask or keyed hash into a non-text or too short column.
    """
    problems: list[str] = []
    for table in dataset.tables:
        columns = shapes.get(table.name, {})
        for column in table.columns:
            shape = columns.get(norm(column.name))
            where = f"{table.name}.{column.name}"
            if shape is None:
                problems.append(f"{where} does not exist")
            elif column.erasure is ErasureAction.set_null and not shape.nullable:
                problems.append(f"{where} is NOT NULL: it cannot be set to NULL (use mask)")
            elif column.erasure in (ErasureAction.mask, ErasureAction.keyed_hash) and not shape.text:
                verb = "masked" if column.erasure is ErasureAction.mask else "hashed"
                problems.append(f"{where} is not a text column: it cannot be {verb} (use set_null)")
            elif column.erasure is ErasureAction.keyed_hash and shape.length is not None and shape.length < 16:
                problems.append(f"{where} holds {shape.length} characters: too short for a keyed hash")
            elif column.erasure is ErasureAction.mask and shape.length is not None and shape.length < len(MASK):
                problems.append(f"{where} holds {shape.length} characters: too short for the mask")
    return problems


def disclosed_columns(dataset: DataSet, table: str) -> list[tuple[str, str]]:
    """(column, item) of the columns of `table` that hold a ledger item: what access discloses."""
    for t in dataset.tables:
        if norm(t.name) == norm(table):
            return [(c.name, c.item) for c in t.columns if c.item is not None]
    return []


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
