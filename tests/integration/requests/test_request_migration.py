"""The request table as the models declare it is what migration 0008_requests creates, on both stores."""

from __future__ import annotations

import sqlalchemy as sa

from hogo.bootstrap import Container
from hogo.db import migrate
from hogo.requests.models import PersonRequest
from migration_support import model_drift


def test_request_models_match_the_migration(container: Container) -> None:
    assert model_drift(container.engine, [PersonRequest.__tablename__]) == []


def test_the_request_migration_goes_down_and_up(container: Container) -> None:
    migrate.downgrade(container.engine, "0002_audit_body")
    assert PersonRequest.__tablename__ not in sa.inspect(container.engine).get_table_names()
    migrate.upgrade(container.engine)
    assert PersonRequest.__tablename__ in sa.inspect(container.engine).get_table_names()
