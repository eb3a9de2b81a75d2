"""The yearly cycle's parts, built once by the composition root and handed out together."""

from __future__ import annotations

from dataclasses import dataclass

from hogo.clock import Clock
from hogo.db.uow import UnitOfWorkFactory
from hogo.identity.operators import OperatorService
from hogo.identity.policy import Actor
from hogo.ledger.service import LedgerService
from hogo.pms.audits import AuditService
from hogo.pms.measures import MeasureService
from hogo.pms.policy import Due
from hogo.pms.service import PmsService
from hogo.pms.training import TrainingService


@dataclass(frozen=True)
class Pms:
    service: PmsService
    """Ledger reviews, responsible persons, and what is due."""
    audits: AuditService
    training: TrainingService
    measures: MeasureService

    def due(self, actor: Actor) -> Due:
        """What is due or overdue across the cycle, with counts per kind (the dashboard's figures)."""
        return self.service.due(actor)


def build_pms(uow: UnitOfWorkFactory, clock: Clock, ledger: LedgerService, operators: OperatorService) -> Pms:
    service = PmsService(uow, clock, ledger, operators)
    audits = AuditService(uow, clock, operators)
    training = TrainingService(uow, clock, operators)
    measures = MeasureService(uow, clock, ledger)
    service.facts_of.extend([audits.facts, training.facts, measures.facts])
    return Pms(service, audits, training, measures)
