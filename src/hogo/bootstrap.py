"""The one composition root: settings → engine → unit of work → services."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from hogo.audit.service import AuditService
from hogo.clock import Clock, SystemClock
from hogo.db import migrate
from hogo.db.session import make_engine, make_session_factory
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import DomainError
from hogo.ledger.service import LedgerService
from hogo.settings import Settings


class SchemaOutOfDate(DomainError):
    code = "schema-out-of-date"


@dataclass
class Container:
    settings: Settings
    clock: Clock
    engine: Engine
    uow: UnitOfWorkFactory
    audit: AuditService
    ledger: LedgerService

    def close(self) -> None:
        self.engine.dispose()


def build(settings: Settings | None = None, clock: Clock | None = None) -> Container:
    settings = settings or Settings()
    clock = clock or SystemClock()
    engine = make_engine(settings.database_url, echo=settings.sql_echo)
    uow = UnitOfWorkFactory(make_session_factory(engine))
    audit = AuditService(uow, clock)
    return Container(settings, clock, engine, uow, audit, LedgerService(uow, audit, clock))


def ensure_schema(container: Container) -> None:
    """Bring the embedded SQLite store up to date; ask for `hogo db upgrade` on a server database."""
    engine = container.engine
    if engine.dialect.name == "sqlite":
        migrate.upgrade(engine)
        return
    current, head = migrate.current_revision(engine), migrate.head_revision(engine)
    if current != head:
        raise SchemaOutOfDate(
            f"the database schema is at {current or 'nothing'}, this hogo needs {head}: run `hogo db upgrade`"
        )
