"""What the migration tests share: the differences between the models and the migrated schema, for some tables."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from hogo.db.base import Base


def model_drift(engine: sa.Engine, tables: Collection[str]) -> list[Any]:
    """Alembic's differences between `Base.metadata` and the database that concern `tables` (none: they agree)."""
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    return [d for d in diffs if set(tables) & set(_tables(d))]


def _tables(diff: Any) -> list[str]:
    if isinstance(diff, list | tuple):
        return [name for part in diff for name in _tables(part)]
    if isinstance(diff, sa.Table):
        return [diff.name]
    if isinstance(diff, sa.Index | sa.Column | sa.UniqueConstraint) and diff.table is not None:
        return [diff.table.name]
    return [diff] if isinstance(diff, str) else []
