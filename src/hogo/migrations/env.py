"""Alembic environment: the engine comes from the caller (hogo.db.migrate), never from a config file."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

import hogo.audit.models
import hogo.changes
import hogo.consent.models
import hogo.datasets.models
import hogo.identity.models
import hogo.incidents.models
import hogo.ledger.models
import hogo.notes
import hogo.outbox.models
import hogo.pms.models
import hogo.provision.models
import hogo.ratelimits
import hogo.requests.models
import hogo.retention.models
import hogo.schedule.models
import hogo.subjects.models  # noqa: F401  (register the tables on the metadata)
from hogo.db.base import Base

target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = context.config.attributes.get("engine")
    if not isinstance(engine, Engine):
        raise RuntimeError("run migrations through `hogo db upgrade` (hogo.db.migrate), which passes the engine")
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        context.run_migrations()


run_migrations_online()
