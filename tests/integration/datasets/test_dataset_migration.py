"""The dataset journal as the models declare it is what the migrations create (0007, 0010), on both stores; 0010
goes down and up, and a run journalled before it reads with no shared rows."""

from __future__ import annotations

import sqlalchemy as sa

from hogo.bootstrap import Container
from hogo.datasets.models import DatasetRun, DatasetRunStep
from hogo.db import migrate
from hogo.identity.policy import Actor
from migration_support import model_drift

TABLES = {DatasetRun.__tablename__, DatasetRunStep.__tablename__}


def test_dataset_models_match_the_migrations(container: Container) -> None:
    assert model_drift(container.engine, TABLES) == []


def test_the_shared_rows_migration_goes_down_and_up_keeping_the_runs(container: Container, admin: Actor) -> None:
    engine = container.engine
    migrate.downgrade(engine, "0008_requests")
    assert "shared" not in {c["name"] for c in sa.inspect(engine).get_columns("dataset_runs")}
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO dataset_runs (id, kind, reference, status, identity_kinds, holds, planned_at, planned_by) "
                "VALUES ('dr_old', 'erasure', 'REQ-0', 'completed', '[]', '[]', '2026-11-01 00:00:00', 'test')"
            )
        )
    migrate.upgrade(engine)
    assert "shared" in {c["name"] for c in sa.inspect(engine).get_columns("dataset_runs")}
    assert container.datasets.run("dr_old", admin).shared == []
