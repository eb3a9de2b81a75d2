"""Every migration upgrades and downgrades cleanly on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import inspect

from hogo.bootstrap import Container
from hogo.db import migrate


def test_upgrade_downgrade_upgrade(container: Container) -> None:
    engine = container.engine
    assert migrate.current_revision(engine) == migrate.head_revision(engine)
    assert {"ledger_versions", "audit_events", "audit_head"} <= set(inspect(engine).get_table_names())
    migrate.downgrade(engine, "base")
    assert migrate.current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision(engine)
