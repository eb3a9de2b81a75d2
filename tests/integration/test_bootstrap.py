"""The composition root upgrades an embedded SQLite store itself and refuses an outdated server schema."""

from __future__ import annotations

import pytest

from hogo import bootstrap
from hogo.bootstrap import Container, SchemaOutOfDate
from hogo.db import migrate


def test_outdated_schema(container: Container) -> None:
    migrate.downgrade(container.engine, "base")
    if container.engine.dialect.name == "sqlite":
        bootstrap.ensure_schema(container)
        assert migrate.current_revision(container.engine) == migrate.head_revision(container.engine)
    else:
        with pytest.raises(SchemaOutOfDate, match="run `hogo db upgrade`"):
            bootstrap.ensure_schema(container)
        assert migrate.current_revision(container.engine) is None
