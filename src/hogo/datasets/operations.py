"""What a request does to the person's rows: operations (row keys and column actions, never values) and the
legal holds that keep data. Pure: the service hands the rows the walk found (`policy`) to
`erasure_operations`, `correction_operations` or `suspension_operations`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from hogo.datasets.keys import decode_key, encode_key
from hogo.datasets.policy import MASK, FoundRow, norm
from hogo.ledger.schemas.common import period_days
from hogo.ledger.schemas.datasets import ActionKind, DataColumn, DataSet, DataTable, ErasureAction, LegalHold

HASH_PREFIX = "hk:"


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


@dataclass(frozen=True)
class Ask:
    """What a request asks of the columns. Its kind picks among the actions the ledger allows for that kind;
    the person may narrow it to some items, and may name for an item one of the actions allowed there."""

    kind: ActionKind = ActionKind.erasure
    items: frozenset[str] | None = None
    """The items asked about; None for all."""
    chosen: tuple[tuple[str, ErasureAction], ...] = ()
    """(item, action) the person named."""

    def described(self) -> dict[str, Any]:
        """The person's narrower ask and named actions, for the audit trail (nothing when there are none)."""
        out: dict[str, Any] = {}
        if self.items is not None:
            out["items"] = sorted(self.items)
        if self.chosen:
            out["actions"] = {item: action.value for item, action in self.chosen}
        return out

    def covers(self, item: str | None) -> bool:
        return self.items is None or (item is not None and item in self.items)

    def action(self, column: DataColumn, may_delete: bool) -> ErasureAction:
        """The action on `column`: keep outside the ask; the action named for its item if the ledger allows it
        for this kind, else the first allowed. A row is deleted only when the ask covers every item it holds
        (`may_delete`); otherwise the next allowed action is taken, or the value is kept."""
        if not self.covers(column.item):
            return ErasureAction.keep
        allowed = column.allowed(self.kind)
        if not may_delete:
            allowed = [a for a in allowed if a is not ErasureAction.delete_row] or [ErasureAction.keep]
        named = dict(self.chosen).get(column.item or "")
        return named if named in allowed else allowed[0]


def erasure_operations(
    dataset: DataSet, rows: Sequence[FoundRow], keys: dict[str, tuple[str, ...]], today: dt.date, ask: Ask = Ask()
) -> tuple[list[Operation], list[Hold]]:
    """What the request (an erasure unless `ask` says otherwise) does to each found row, grouped into
    operations; and the holds that keep data.

    A column under a running hold is kept, whatever its action; a row with a held column is not deleted. A
    hold is reported on the columns the request asks about (for a suspension of use, those it would change).
    Deletions run children first (deepest rows of the walk first).
    """
    tables = {norm(t.name): t for t in dataset.tables}
    groups: dict[tuple[str, bool, tuple[str, ...], tuple[str, ...], tuple[str, ...]], list[FoundRow]] = {}
    held: dict[tuple[str, str], tuple[DataColumn, dt.date, int]] = {}
    depth: dict[str, int] = {}
    for row in rows:
        table = tables[norm(row.table)]
        depth[table.name] = max(depth.get(table.name, 0), row.depth)
        may_delete = ask.items is None or all(c.item in ask.items for c in table.columns if c.item is not None)
        actions: dict[ErasureAction, list[str]] = {}
        row_held = False
        for column in table.columns:
            action = ask.action(column, may_delete)
            if column.legal_hold is not None:
                end = hold_end(column.legal_hold, row, today)
                if end >= today:
                    row_held = True
                    if ask.covers(column.item) and (ask.kind is ActionKind.erasure or action is not ErasureAction.keep):
                        _, until, count = held.get((table.name, column.name), (column, end, 0))
                        held[(table.name, column.name)] = (column, max(until, end), count + 1)
                    continue
            if action is not ErasureAction.keep:
                actions.setdefault(action, []).append(column.name)
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
    dataset: DataSet,
    rows: Sequence[FoundRow],
    keys: dict[str, tuple[str, ...]],
    today: dt.date,
    ask: Ask = Ask(ActionKind.suspension_of_use),
) -> tuple[list[Operation], list[Hold]]:
    """The declared suspension flag set on the person's rows (tables without one are left alone), and what the
    ledger allows a suspension of use to do to the columns (nothing unless declared); the holds that keep data."""
    operations, holds = erasure_operations(dataset, rows, keys, today, ask)
    by_table: dict[str, list[FoundRow]] = {}
    for row in rows:
        by_table.setdefault(row.table, []).append(row)
    operations += [
        pending(Operation(table.name, keys[table.name], tuple(r.key for r in members), flag=(flag,)), members)
        for table in dataset.tables
        if (flag := table.suspension_column) and (members := by_table.get(table.name, []))
    ]
    return operations, holds


def refused_choices(datasets: Iterable[DataSet], ask: Ask) -> list[str]:
    """The actions the person named ("item: action") that no column holding the item allows for the request."""
    allowed = {
        (c.item, a) for d in datasets for t in d.tables for c in t.columns if c.item for a in c.allowed(ask.kind)
    }
    return [f"{item}: {action.value}" for item, action in ask.chosen if (item, action) not in allowed]


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
