"""The one composition root: settings → engine → unit of work → services."""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy import Engine

from hogo.adapters.connectors import connect
from hogo.adapters.keyring import Keyring, keyring_from
from hogo.adapters.mail import Mailer, mailer_from
from hogo.adapters.recognizers.database import scan_database
from hogo.audit.service import AuditService
from hogo.changes import ChangeJournal, Changes
from hogo.clock import Clock, SystemClock
from hogo.consent.service import ConsentService
from hogo.datasets.discovery import DiscoveryService
from hogo.datasets.service import DatasetService
from hogo.db import migrate
from hogo.db.session import make_engine, make_session_factory
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import DomainError
from hogo.identity.operators import OperatorService
from hogo.identity.service import IdentityService
from hogo.ledger.service import LedgerService
from hogo.provision.overdue import OverdueChecks
from hogo.provision.service import ProvisionService
from hogo.requests.dataset_link import DatasetLink
from hogo.requests.provision_link import ProvisionLink
from hogo.requests.sealing import Sealer
from hogo.requests.service import RequestService
from hogo.schedule.service import ScheduleService
from hogo.settings import Settings
from hogo.subjects.service import SubjectService
from hogo.usage.service import UsageService


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
    keyring: Keyring
    identity: IdentityService
    operators: OperatorService
    subjects: SubjectService
    consents: ConsentService
    usage: UsageService
    provision: ProvisionService
    datasets: DatasetService
    discovery: DiscoveryService
    mailer: Mailer
    requests: RequestService
    schedule: ScheduleService
    journal: ChangeJournal
    overdue_checks: OverdueChecks

    def close(self) -> None:
        try:
            self.usage.close()
        finally:
            try:
                self.datasets.close()
            finally:
                self.engine.dispose()


def build(settings: Settings | None = None, clock: Clock | None = None) -> Container:
    settings = settings or Settings()
    clock = clock or SystemClock()
    engine = make_engine(settings.database_url, echo=settings.sql_echo)
    uow = UnitOfWorkFactory(make_session_factory(engine), make_session_factory(engine, read_only=True))
    audit = AuditService(uow, clock)
    changes = Changes(clock.now)
    ledger = LedgerService(uow, audit, clock, changes)
    keyring = keyring_from(
        settings.key_file,
        settings.master_key.get_secret_value() if settings.master_key else None,
        settings.index_key.get_secret_value() if settings.index_key else None,
    )
    subjects = SubjectService(uow, audit, clock, ledger, keyring, changes)
    consents = ConsentService(uow, audit, clock, ledger, subjects.person_ref, changes)
    subjects.consents = consents
    usage = UsageService(
        uow,
        audit,
        clock,
        ledger,
        subjects,
        consents,
        changes,
        cache_seconds=settings.decision_cache_seconds,
        batch=settings.decision_batch,
        flush_seconds=settings.decision_flush_seconds,
    )
    identity = IdentityService(uow, audit, clock)
    mailer = mailer_from(settings.smtp_host, settings.smtp_port, settings.mail_from, settings.mail_log)
    requests = RequestService(
        uow,
        audit,
        clock,
        ledger,
        subjects,
        consents,
        Sealer(lambda: keyring.index_key),
        mailer,
        public_url=settings.public_url,
    )
    provision = ProvisionService(uow, audit, clock, ledger, subjects, consents)
    requests.fulfilment.provision_records = requests.fulfilment.provision_suspender = ProvisionLink(provision)
    datasets = DatasetService(uow, audit, clock, ledger, connect, os.environ, lambda: keyring.index_key)
    requests.fulfilment.use_datasets(DatasetLink(datasets, ledger))
    discovery = DiscoveryService(uow, audit, ledger, os.environ, scan_database)
    operators = OperatorService(uow, audit, clock, session_hours=settings.console_session_hours)
    return Container(
        settings=settings,
        clock=clock,
        engine=engine,
        uow=uow,
        audit=audit,
        ledger=ledger,
        keyring=keyring,
        identity=identity,
        operators=operators,
        subjects=subjects,
        consents=consents,
        usage=usage,
        provision=provision,
        datasets=datasets,
        discovery=discovery,
        mailer=mailer,
        requests=requests,
        schedule=ScheduleService(uow, audit, clock),
        journal=ChangeJournal(uow, clock),
        overdue_checks=OverdueChecks(uow, audit, clock, ledger, provision),
    )


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
