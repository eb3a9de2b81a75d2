"""The dataset journal as the models declare it is what the migrations create (0007, 0010), on both stores; 0010
goes down and up, and a run journalled before it reads with no shared rows and no step confirmed on resume."""

from __future__ import annotations

import sqlalchemy as sa

from hogo.bootstrap import Container
from hogo.datasets.models import DatasetRun, DatasetRunStep
from hogo.db import migrate
from hogo.identity.policy import Actor
from schema import model_diffs

TABLES = {DatasetRun.__tablename__, DatasetRunStep.__tablename__}


def test_dataset_models_match_the_migrations(container: Container) -> None:
    assert model_diffs(container.engine, TABLES) == []


def test_the_shared_rows_migration_goes_down_and_up_keeping_the_runs(container: Container, admin: Actor) -> None:
    engine = container.engine
    migrate.downgrade(engine, "0010_outbox")
    assert "shared" not in {c["name"] for c in sa.inspect(engine).get_columns("dataset_runs")}
    assert "confirmed_on_resume" not in {c["name"] for c in sa.inspect(engine).get_columns("dataset_run_steps")}
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO dataset_runs (id, kind, reference, status, identity_kinds, holds, planned_at, planned_by) "
                "VALUES ('dr_old', 'erasure', 'REQ-0', 'completed', '[]', '[]', '2026-11-01 00:00:00', 'test')"
            )
        )
        conn.execute(
            sa.text(
                "INSERT INTO dataset_run_steps (run_id, position, dataset, status, operations, planned_rows, "
                "rows_changed, attempts) VALUES ('dr_old', 0, 'chinook', 'completed', '[]', 0, 0, 1)"
            )
        )
    migrate.upgrade(engine)
    assert "shared" in {c["name"] for c in sa.inspect(engine).get_columns("dataset_runs")}
    old = container.datasets.run("dr_old", admin)
    assert old.shared == [] and old.steps[0].confirmed_on_resume is False
