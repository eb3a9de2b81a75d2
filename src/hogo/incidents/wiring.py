"""The incident domain's parts, built once by the composition root and handed out together."""

from __future__ import annotations

from dataclasses import dataclass

from hogo.clock import Clock
from hogo.datasets.service import DatasetService
from hogo.db.uow import UnitOfWorkFactory
from hogo.incidents.affected import Affected
from hogo.incidents.book import IncidentBook
from hogo.incidents.clocks import IncidentClocks
from hogo.incidents.notices import IncidentNotices
from hogo.incidents.reporting import IncidentReports
from hogo.incidents.service import IncidentService
from hogo.ledger.service import LedgerService
from hogo.notes import Notes
from hogo.outbox.service import Outbox
from hogo.settings import Settings
from hogo.subjects.service import SubjectService


@dataclass(frozen=True)
class Incidents:
    service: IncidentService
    """The register: record, assess, read, announce, enquire, close."""
    reports: IncidentReports
    notices: IncidentNotices
    clocks: IncidentClocks


def build_incidents(
    uow: UnitOfWorkFactory,
    clock: Clock,
    settings: Settings,
    ledger: LedgerService,
    subjects: SubjectService,
    datasets: DatasetService,
    notes: Notes,
    outbox: Outbox,
) -> Incidents:
    book = IncidentBook(clock)
    service = IncidentService(
        uow, clock, ledger, subjects, Affected(subjects, datasets), notes, book, lambda: settings.appi_2026_effective
    )
    reports = IncidentReports(uow, clock, ledger, notes, book, settings.public_url)
    notices = IncidentNotices(uow, clock, ledger, subjects, service, reports, book)
    clocks = IncidentClocks(uow, clock, ledger, book, settings.public_url, settings.officer_mail)
    outbox.on_outcome("incident_notice", notices.message_outcome)
    return Incidents(service, reports, notices, clocks)
