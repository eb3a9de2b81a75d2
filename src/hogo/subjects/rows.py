"""The vault's rows as the driver takes them: the inserts of an acquisition batch for one dialect (ADR 0027)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import Dialect, Table

from hogo.db.bulk import BulkInsert, placeholder
from hogo.subjects.models import DataKey, Person, PersonIdentifier, Record


@dataclass(frozen=True)
class Statements:
    """The batch's inserts for one dialect (`db.bulk`: values rendered once, rows straight to the driver)."""

    mark: str
    """The driver's placeholder."""
    persons: BulkInsert
    data_keys: BulkInsert
    identifiers: BulkInsert
    records: BulkInsert


@lru_cache(maxsize=8)
def statements(dialect: Dialect) -> Statements:
    return Statements(
        placeholder(dialect),
        BulkInsert(cast(Table, Person.__table__), ("id", "subject_kind", "created_at", "ledger_version"), dialect),
        BulkInsert(cast(Table, DataKey.__table__), ("person_id", "master_key_id", "wrapped", "created_at"), dialect),
        BulkInsert(cast(Table, PersonIdentifier.__table__), ("person_id", "kind", "digest"), dialect),
        BulkInsert(cast(Table, Record.__table__), RECORD_COLUMNS, dialect),
    )


RECORD_COLUMNS = (
    "id",
    "person_id",
    "item",
    "ciphertext",
    "channel",
    "acquired_at",
    "ledger_version",
    "purposes",
    "consents",
    "basis",
    "retention_rule",
    "retention_until",
    "superseded_at",
    "acquired_by",
)
"""The columns of a records row as the acquisition builds it."""
SUPERSEDED_AT = RECORD_COLUMNS.index("superseded_at")


class Rendered(dict[Hashable, Any]):
    """A column's rendered values by key, each rendered once per batch: `render(make(key))`."""

    def __init__(self, render: Callable[[Any], Any], make: Callable[[Any], Any]) -> None:
        super().__init__()
        self._render = render
        self._make = make

    def __missing__(self, key: Hashable) -> Any:
        value = self[key] = self._render(self._make(key))
        return value
