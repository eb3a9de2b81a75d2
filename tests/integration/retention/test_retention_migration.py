"""Migration 0014_retention: the tables are what the models declare, on both stores; down and up again."""

from __future__ import annotations

import sqlalchemy as sa

from hogo.bootstrap import Container
from hogo.db import migrate
from schema import model_diffs

TABLES = ["retention_events", "retention_holds", "retention_sweeps", "retention_disposals"]


def test_the_retention_models_match_the_migration(container: Container) -> None:
    assert model_diffs(container.engine, TABLES) == []


def test_the_migration_goes_down_and_up(container: Container) -> None:
    migrate.downgrade(container.engine, "0013_incidents")
    assert not set(TABLES) & set(sa.inspect(container.engine).get_table_names())
    migrate.upgrade(container.engine)
    assert set(TABLES) <= set(sa.inspect(container.engine).get_table_names())
    assert model_diffs(container.engine, TABLES) == []
