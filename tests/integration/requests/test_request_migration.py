"""The request table as the models declare it is what migration 0008_requests creates, on both stores."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from hogo.bootstrap import Container
from hogo.db import migrate
from hogo.db.base import Base
from hogo.requests.models import PersonRequest


def _tables(diff: Any) -> list[str]:
    if isinstance(diff, list | tuple):
        return [name for part in diff for name in _tables(part)]
    if isinstance(diff, sa.Table):
        return [diff.name]
    if isinstance(diff, sa.Index | sa.Column | sa.UniqueConstraint) and diff.table is not None:
        return [diff.table.name]
    return [diff] if isinstance(diff, str) else []


def test_request_models_match_the_migration(container: Container) -> None:
    with container.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert [d for d in diffs if PersonRequest.__tablename__ in _tables(d)] == []


def test_the_request_migration_goes_down_and_up(container: Container) -> None:
    migrate.downgrade(container.engine, "0002_audit_body")
    assert PersonRequest.__tablename__ not in sa.inspect(container.engine).get_table_names()
    migrate.upgrade(container.engine)
    assert PersonRequest.__tablename__ in sa.inspect(container.engine).get_table_names()
