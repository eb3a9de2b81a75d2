"""Journal rows → views, and operations → the SQL statements a dry run prints (values never shown)."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Sequence
from typing import Any

from hogo.datasets.keys import decode_key, encode_key
from hogo.datasets.models import DatasetRun, DatasetRunStep
from hogo.datasets.operations import Operation
from hogo.datasets.policy import MASK, WHY, Unfollowed
from hogo.datasets.schemas import HoldView, NotFollowedView, RunView, SharedView, StatementView, StepView
from hogo.datasets.sharing import Shared

SHOWN_KEYS = 20


def jsonable(value: Any) -> Any:
    """A database value as JSON can carry it: decimals as text, dates in ISO 8601."""
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value


def not_followed_view(dataset: str, skipped: Unfollowed) -> NotFollowedView:
    article, ja, en = WHY[skipped.reason]
    edge = skipped.edge
    return NotFollowedView(
        dataset,
        edge.table,
        edge.column,
        edge.references_table,
        edge.references_column,
        skipped.source,
        skipped.reason,
        article,
        {"ja": ja.format(table=edge.table), "en": en.format(table=edge.table)},
    )


def statements(op: Operation) -> list[StatementView]:
    """The statements an operation runs, in portable SQL with the row keys (at most SHOWN_KEYS shown)."""
    condition = where(op.key_columns, op.keys)
    rows = len(op.keys)
    if op.delete:
        return [StatementView(f"DELETE FROM {_q(op.table)} WHERE {condition}", rows)]
    out: list[StatementView] = []
    sets = [f"{_q(c)} = NULL" for c in op.set_null]
    sets += [f"{_q(c)} = '{MASK}'" for c in op.mask]
    sets += [f"{_q(c)} = TRUE" for c in op.flag]
    sets += [f"{_q(c)} = :{item}" for c, item in op.correct]
    if sets:
        out.append(StatementView(f"UPDATE {_q(op.table)} SET {', '.join(sets)} WHERE {condition}", rows))
    if op.keyed_hash:
        hashed = ", ".join(f"{_q(c)} = 'hk:' || hmac_sha256({_q(c)})" for c in op.keyed_hash)
        out.append(StatementView(f"UPDATE {_q(op.table)} SET {hashed} WHERE {condition}", rows))
    return out


def run_view(run: DatasetRun, steps: list[DatasetRunStep]) -> RunView:
    return RunView(
        id=run.id,
        kind=run.kind,
        reference=run.reference,
        status=run.status,
        planned_at=run.planned_at,
        finished_at=run.finished_at,
        steps=[_step_view(s) for s in steps],
        holds=[
            HoldView(
                h["dataset"],
                h["table"],
                h["column"],
                h["item"],
                h["statute"],
                dt.date.fromisoformat(h["until"]),
                h["rows"],
            )
            for h in run.holds
        ],
        shared=[_shared_view(s) for s in run.shared or []],
    )


def _step_view(step: DatasetRunStep) -> StepView:
    operations = [Operation.from_json(o) for o in step.operations]
    expected = [op.expected for op in operations]
    return StepView(
        position=step.position,
        dataset=step.dataset,
        status=step.status,
        planned_rows=step.planned_rows,
        rows_changed=step.rows_changed,
        attempts=step.attempts,
        error=step.error,
        statements=[st for op in operations for st in statements(op)],
        expected_changes=None if None in expected else sum(e or 0 for e in expected),
        confirmed_on_resume=bool(step.confirmed_on_resume),
    )


def _shared_view(journalled: dict[str, Any]) -> SharedView:
    keys = [decode_key(k) for k in journalled["keys"]]
    columns = journalled["key_columns"]
    shown = [tuple(jsonable(v) for v in k) for k in keys]
    return SharedView(
        journalled["dataset"], journalled["table"], columns, shown, journalled["others"], where(columns, keys)
    )


def shared_json(shared: Shared) -> dict[str, Any]:
    """Shared rows as the journal holds them (keys with their types, see keys.py)."""
    return {
        "dataset": shared.dataset,
        "table": shared.table,
        "key_columns": list(shared.key_columns),
        "keys": [encode_key(k) for k in shared.keys],
        "others": list(shared.others),
    }


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def where(key_columns: Sequence[str], keys: Sequence[tuple[Any, ...]]) -> str:
    """The rows of these keys as a SQL condition, at most SHOWN_KEYS of them shown."""
    shown = [_literal(k) for k in keys[:SHOWN_KEYS]]
    more = f", … {len(keys) - SHOWN_KEYS} more" if len(keys) > SHOWN_KEYS else ""
    if len(key_columns) == 1:
        return f"{_q(key_columns[0])} IN ({', '.join(shown)}{more})"
    return f"({', '.join(_q(c) for c in key_columns)}) IN ({', '.join(shown)}{more})"


def _literal(key: tuple[Any, ...]) -> str:
    parts = [_value(v) for v in key]
    return parts[0] if len(parts) == 1 else f"({', '.join(parts)})"


def _value(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return str(value).upper()
    if isinstance(value, int | float | decimal.Decimal):
        return str(value)
    if isinstance(value, bytes):
        return f"X'{value.hex()}'"
    return "'" + str(value).replace("'", "''") + "'"
