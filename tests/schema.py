"""Shared by the migration tests: what differs between the models and the migrated store, for some tables."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from hogo.db.base import Base


def model_diffs(engine: sa.Engine, tables: Collection[str]) -> list[Any]:
    """Alembic's autogenerate differences between `Base.metadata` and the store that mention these tables."""
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    return [d for d in diffs if set(tables) & set(_tables(d))]


def _tables(diff: Any) -> list[str]:
    """The table names an autogenerate diff mentions, however deeply it nests them."""
    if isinstance(diff, list | tuple):
        return [name for part in diff for name in _tables(part)]
    if isinstance(diff, sa.Table):
        return [diff.name]
    if isinstance(diff, sa.Index | sa.Column | sa.UniqueConstraint) and diff.table is not None:
        return [diff.table.name]
    return [diff] if isinstance(diff, str) else []
