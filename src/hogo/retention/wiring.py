"""The retention domain's parts, built once by the composition root and handed out together."""

from __future__ import annotations

from dataclasses import dataclass

from hogo.clock import Clock
from hogo.datasets.service import DatasetService
from hogo.db.uow import UnitOfWorkFactory
from hogo.ledger.service import LedgerService
from hogo.requests.dataset_link import DatasetLink
from hogo.retention.certificate import Certificates
from hogo.retention.service import RetentionService
from hogo.retention.sweep import RetentionSweeps
from hogo.subjects.service import SubjectService


@dataclass(frozen=True)
class Retention:
    service: RetentionService
    """Events, holds, the preview, the records of what was disposed."""
    sweeps: RetentionSweeps
    """The disposal sweep: plan, carry out, resume."""
    certificates: Certificates
    """Disposal certificates (廃棄証明) as PDF."""


def build_retention(
    uow: UnitOfWorkFactory, clock: Clock, ledger: LedgerService, subjects: SubjectService, datasets: DatasetService
) -> Retention:
    service = RetentionService(uow, clock, ledger, subjects)
    link = DatasetLink(datasets, ledger)
    service.datasets_of = lambda: sorted({d.id for d in datasets.datasets() if d.connected})
    sweeps = RetentionSweeps(uow, clock, ledger, subjects, service, link)
    return Retention(service, sweeps, Certificates(uow, clock, ledger, datasets))
