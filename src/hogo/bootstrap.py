"""The one composition root: settings → engine → unit of work → services."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
from dataclasses import dataclass

from sqlalchemy import Engine

from hogo.adapters.connectors import connect
from hogo.adapters.keyring import Keyring, keyring_from
from hogo.adapters.mail import SmtpSettings, mailer_from
from hogo.adapters.recognizers.database import scan_database
from hogo.adapters.sealing import DocumentSealer
from hogo.audit.checkpoints import CheckpointService
from hogo.audit.keys import AuditKeyFile
from hogo.audit.search import AuditSearch
from hogo.audit.service import AuditService
from hogo.changes import ChangeJournal, Changes
from hogo.clock import Clock, SystemClock
from hogo.consent.service import ConsentService
from hogo.consent.web_service import WebConsentService
from hogo.dashboard import DashboardService
from hogo.datasets.connections import Connections
from hogo.datasets.discovery import DiscoveryService
from hogo.datasets.service import DatasetService
from hogo.db import migrate
from hogo.db.session import make_engine, make_session_factory, scrub_deleted
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import DomainError
from hogo.identity.operators import OperatorService
from hogo.identity.service import IdentityService
from hogo.incidents.wiring import Incidents, build_incidents
from hogo.ledger.service import LedgerService
from hogo.notes import Notes
from hogo.outbox.policy import Retry
from hogo.outbox.service import Outbox
from hogo.pms.wiring import Pms, build_pms
from hogo.processed.service import ProcessedService
from hogo.provision.overdue import OverdueChecks
from hogo.provision.service import ProvisionService
from hogo.ratelimits import RateLimits
from hogo.requests.book import RequestBook
from hogo.requests.dataset_link import DatasetLink
from hogo.requests.fulfilment import Fulfilment
from hogo.requests.person import PersonRequests
from hogo.requests.provision_link import ProvisionLink
from hogo.requests.sealing import Sealer
from hogo.requests.service import RequestService
from hogo.retention.wiring import Retention, build_retention
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
    audit_search: AuditSearch
    dashboard: DashboardService
    checkpoints: CheckpointService
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
    outbox: Outbox
    notes: Notes
    ratelimits: RateLimits
    requests: RequestService
    schedule: ScheduleService
    journal: ChangeJournal
    overdue_checks: OverdueChecks
    incidents: Incidents
    pms: Pms
    retention: Retention
    web_consents: WebConsentService
    processed: ProcessedService

    def close(self) -> None:
        try:
            self.web_consents.close()
            self.outbox.stop()
            self.usage.close()
        finally:
            try:
                self.datasets.close()
            finally:
                self.engine.dispose()


def build(settings: Settings | None = None, clock: Clock | None = None) -> Container:
    settings = settings or Settings()
    clock = clock or SystemClock()
    engine = make_engine(
        settings.database_url, echo=settings.sql_echo, sqlite_busy_seconds=settings.sqlite_busy_seconds
    )
    uow = UnitOfWorkFactory(make_session_factory(engine), make_session_factory(engine, read_only=True))
    keyring = keyring_from(
        settings.key_file,
        settings.master_key.get_secret_value() if settings.master_key else None,
        settings.index_key.get_secret_value() if settings.index_key else None,
    )
    audit = AuditService(uow, clock)
    checkpoints = CheckpointService(
        uow,
        clock,
        AuditKeyFile(settings.audit_key_file or settings.key_file.with_name("hogo-audit.key")),
        publish=settings.audit_publish,
        every_events=settings.audit_checkpoint_events,
        every=dt.timedelta(minutes=settings.audit_checkpoint_minutes),
    )
    changes = Changes(clock.now)
    outbox = Outbox(
        uow,
        clock,
        DocumentSealer(lambda: keyring.index_key, b"hogo-outbox-v1", b"hogo-outbox|"),
        mailer_from(_smtp(settings), settings.mail_log),
        retry=Retry(attempts=settings.outbox_attempts),
        sender_domain=settings.mail_from.rpartition("@")[2] or "hogo.localhost",
        poll_seconds=settings.outbox_poll_seconds,
    )
    notes = Notes(uow, clock.now, DocumentSealer(lambda: keyring.index_key, b"hogo-notes-v1", b"hogo-note|"))
    uow.participants.extend([audit, changes, outbox, notes])  # the order they write in: chain, journal, outbox
    ledger = LedgerService(uow, clock, changes)
    subjects = SubjectService(uow, clock, ledger, keyring)
    consents = ConsentService(uow, clock, ledger, subjects.person_ref)
    subjects.consents = consents
    consents.audit_proof = checkpoints.receipt_proof
    subjects.scrub_store = lambda: scrub_deleted(engine)
    usage = UsageService(
        uow,
        clock,
        ledger,
        subjects,
        consents,
        changes,
        cache_seconds=settings.decision_cache_seconds,
        batch=settings.decision_batch,
        flush_seconds=settings.decision_flush_seconds,
    )
    identity = IdentityService(uow, clock)
    provision = ProvisionService(uow, clock, ledger, subjects, consents)
    datasets = DatasetService(uow, clock, ledger, connect, os.environ, lambda: keyring.index_key)
    book = RequestBook(clock, ledger, Sealer(lambda: keyring.index_key), settings.public_url)
    link = ProvisionLink(provision)
    fulfilment = Fulfilment(
        uow,
        clock,
        ledger,
        subjects,
        consents,
        book,
        provision_records=link,
        provision_suspender=link,
        datasets=DatasetLink(datasets, ledger),
    )
    requests = RequestService(
        uow, clock, subjects, book, PersonRequests(uow, clock, subjects, book), fulfilment, outbox
    )
    outbox.on_outcome("request", book.message_outcome)
    subjects.on_erase.extend([book.forget_persons, notes.forget_persons])
    discovery = DiscoveryService(uow, ledger, os.environ, scan_database)
    operators = OperatorService(uow, clock, session_hours=settings.console_session_hours)
    incidents = build_incidents(uow, clock, settings, ledger, subjects, datasets, notes, outbox)
    requests.person.concerning = incidents.service.concerning
    retention = build_retention(uow, clock, ledger, subjects, datasets)
    ratelimits = RateLimits(uow, clock, lambda: keyring.index_key)
    web_consents = WebConsentService(
        uow,
        clock,
        ledger,
        ratelimits,
        lambda: hmac.new(keyring.index_key, b"hogo-web-consent-token-v1", hashlib.sha256).digest(),
        own_origin=_origin(settings.public_url),
        posts_per_minute=settings.web_consent_posts_per_minute,
        cache_seconds=settings.decision_cache_seconds,
    )
    changes.on_ledger(web_consents.invalidate)
    consents.web = web_consents
    return Container(
        settings=settings,
        clock=clock,
        engine=engine,
        uow=uow,
        audit=audit,
        audit_search=AuditSearch(uow),
        dashboard=DashboardService(uow, clock),
        checkpoints=checkpoints,
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
        outbox=outbox,
        notes=notes,
        ratelimits=ratelimits,
        requests=requests,
        schedule=ScheduleService(uow, clock),
        journal=ChangeJournal(uow, clock),
        overdue_checks=OverdueChecks(uow, clock, ledger, provision),
        incidents=incidents,
        pms=build_pms(uow, clock, ledger, operators),
        retention=retention,
        web_consents=web_consents,
        processed=ProcessedService(
            uow,
            clock,
            ledger,
            Connections(connect, os.environ),
            AuditSearch(uow),
            settings.key_file.parent / "processed-keys",
            subjects,
        ),
    )


def _origin(url: str) -> str:
    """scheme://host[:port] of a URL."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def _smtp(settings: Settings) -> SmtpSettings:
    return SmtpSettings(
        host=settings.smtp_host,
        port=settings.smtp_port,
        sender=settings.mail_from,
        sender_name=settings.mail_from_name,
        security=settings.smtp_security,
        username=settings.smtp_username,
        password=settings.smtp_password.get_secret_value() if settings.smtp_password else None,
        timeout=settings.smtp_timeout,
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
