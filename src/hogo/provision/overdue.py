"""Overdue periodic checks: entrustees whose supervision (Art. 25) and recipients abroad under equivalent
measures whose periodic check (Rule 18) are past their due date.

`notice` finds them and records each once per due date — a `provision.check_overdue` audit event and a
row in `provision_overdue_notices` — in a transaction of its own, so a job may run it as often as it likes.
What it returns names every overdue check and says which were noticed by this call (a reminder mail would
go for those).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from hogo.clock import Clock
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import NoLedger
from hogo.identity.policy import Actor, Permission
from hogo.ledger.schemas.recipients import TransferBasis
from hogo.ledger.service import LedgerService
from hogo.provision.models import OverdueCheckNotice
from hogo.provision.policy import CheckStatus
from hogo.provision.registers import ProvisionRegisters
from hogo.provision.schemas import Register

CHECKED_ABROAD = frozenset({TransferBasis.equivalent_measures, TransferBasis.cbpr})
"""The bases of a transfer abroad that call for a periodic check of the recipient's measures (Rule 18)."""


@dataclass(frozen=True)
class OverdueCheck:
    register: str
    recipient: str
    last_passed: dt.date | None
    due_on: dt.date
    noticed_now: bool
    """This call recorded it; False: an earlier one did, for the same due date."""


class OverdueChecks:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        ledger: LedgerService,
        registers: ProvisionRegisters,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._ledger = ledger
        self._registers = registers

    def notice(self, actor: Actor) -> list[OverdueCheck]:
        """Every overdue check of the ledger in force; each recorded once per due date (none without a ledger)."""
        actor.require(Permission.manage_provision)
        try:
            ledger = self._ledger.index().ledger
        except NoLedger:
            return []
        watched = [(Register.entrustee, e.id) for e in ledger.entrustees]
        watched += [(Register.foreign, f.id) for f in ledger.foreign_recipients if f.basis in CHECKED_ABROAD]
        found = []
        for register, recipient in watched:
            state = self._registers.check_state(register, recipient, actor)
            if state.status != CheckStatus.overdue or state.next_due is None:
                continue
            noticed = self._notice_once(register, recipient, state.next_due, state.last_passed, actor)
            found.append(OverdueCheck(register.value, recipient, state.last_passed, state.next_due, noticed))
        return found

    def _notice_once(
        self, register: Register, recipient: str, due_on: dt.date, last_passed: dt.date | None, actor: Actor
    ) -> bool:
        with self._uow() as uow:
            seen = uow.session.execute(
                select(OverdueCheckNotice.id).where(
                    OverdueCheckNotice.register == register.value,
                    OverdueCheckNotice.recipient_id == recipient,
                    OverdueCheckNotice.due_on == due_on,
                )
            ).first()
            if seen is not None:
                return False
            row = OverdueCheckNotice(
                register=register.value, recipient_id=recipient, due_on=due_on, noticed_at=self._clock.now()
            )
            uow.session.add(row)
            try:
                uow.session.flush()
            except IntegrityError:  # noticed meanwhile by another process (the unique due date)
                return False
            uow.record(
                actor=actor.id,
                action="provision.check_overdue",
                entity_type=f"{register.value}_recipient",
                entity_id=recipient,
                data={
                    "notice": row.id,
                    "due_on": due_on.isoformat(),
                    "last_passed": last_passed.isoformat() if last_passed else None,
                },
            )
            uow.commit()
        return True
