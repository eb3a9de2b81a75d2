"""The tables of migration 0009_jobs are what the models declare, on both stores; it goes down and up again."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from hogo.bootstrap import Container
from hogo.db import migrate
from hogo.provision.models import OverdueCheckNotice
from hogo.schedule.models import ScheduledJob
from hogo.schedule.schemas import JobSpec
from schema import model_diffs

TABLES = {ScheduledJob.__tablename__, OverdueCheckNotice.__tablename__}


def test_the_jobs_models_match_the_migration(container: Container) -> None:
    assert model_diffs(container.engine, TABLES) == []


def test_the_jobs_migration_goes_down_and_up_with_the_schedule(container: Container) -> None:
    container.schedule.register([JobSpec("count", dt.timedelta(hours=1), ja="数える", en="Counts")])
    migrate.downgrade(container.engine, "0008_requests")
    assert not TABLES & set(sa.inspect(container.engine).get_table_names())
    assert migrate.current_revision(container.engine) == "0008_requests"
    migrate.upgrade(container.engine)
    assert set(sa.inspect(container.engine).get_table_names()) >= TABLES
    assert migrate.current_revision(container.engine) == migrate.head_revision(container.engine)
    assert container.schedule.jobs() == []  # the schedule went with the table; a worker registers its jobs anew
