"""The provision registers' use cases: suspensions of provision, periodic checks, Art. 31 confirmations.

The registers themselves (entrustees, joint use, third parties, recipients abroad, the opt-out filing) are
the ledger's; what changes between ledger versions lives here as rows, each change with its audit event.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from hogo.clock import Clock, today_jst
from hogo.consent.service import ConsentService
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import Conflict, InvalidInput, NotFound
from hogo.identity.policy import Actor, Permission
from hogo.ledger.compiled import LedgerIndex
from hogo.ledger.rules import rules_in_force
from hogo.ledger.service import LedgerService
from hogo.provision.models import ProvisionCheck, ProvisionSuspension, ReferableConfirmation
from hogo.provision.packages import PackageVersion, package_versions
from hogo.provision.policy import CheckStatus, check_status
from hogo.provision.schemas import (
    CheckIn,
    CheckState,
    CheckView,
    ConfirmationIn,
    Register,
    SuspensionKind,
    SuspensionView,
)
from hogo.subjects.service import SubjectService


class ProvisionRegisters:
    """State the gate reads besides the ledger; `ProvisionService` adds the gate and the records."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        ledger: LedgerService,
        subjects: SubjectService,
        consents: ConsentService,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._ledger = ledger
        self._subjects = subjects
        self._consents = consents

    # -- suspension of provision (Art. 27(2) opt-out, Art. 35(3)/(5)) --------------------------
    def suspend(
        self,
        person_id: str,
        reference: str,
        actor: Actor,
        *,
        kind: SuspensionKind = SuspensionKind.request,
        recipient_id: str | None = None,
    ) -> SuspensionView:
        """Stop provision of the person's data to every third party, or to one; the requests workflow calls this."""
        actor.require(Permission.suspend)
        if not reference.strip():
            raise InvalidInput("give the reference of the request or decision behind the suspension")
        if recipient_id is not None and not _is_third_party(self._ledger.index(), recipient_id):
            raise InvalidInput(f"{recipient_id!r} is not a third party or foreign recipient in the ledger")
        with self._uow() as uow:
            if self._subjects.person_ref(uow.session, person_id).erased:
                raise Conflict(f"person {person_id} was erased")
            row = ProvisionSuspension(
                person_id=person_id,
                kind=kind.value,
                recipient_id=recipient_id,
                reference=reference.strip(),
                started_at=self._clock.now(),
            )
            uow.session.add(row)
            uow.session.flush()
            uow.record(
                actor=actor.id,
                action="provision.suspended",
                entity_type="person",
                entity_id=person_id,
                data={
                    "suspension": row.id,
                    "kind": row.kind,
                    "recipient": recipient_id,
                    "reference": uow.note(row.reference, person_id=row.person_id),
                },
            )
            view = _suspension(row)
            uow.commit()
        return view

    def lift(self, person_id: str, suspension_id: int, actor: Actor) -> SuspensionView:
        actor.require(Permission.suspend)
        with self._uow() as uow:
            row = uow.session.get(ProvisionSuspension, suspension_id, with_for_update=True)
            if row is None or row.person_id != person_id:
                raise NotFound(f"suspension {suspension_id} of person {person_id} does not exist")
            if row.lifted_at is not None:
                raise Conflict(f"suspension {suspension_id} was already lifted")
            row.lifted_at = self._clock.now()
            uow.record(
                actor=actor.id,
                action="provision.resumed",
                entity_type="person",
                entity_id=person_id,
                data={"suspension": row.id},
            )
            view = _suspension(row)
            uow.commit()
        return view

    def suspensions(self, person_id: str, actor: Actor, *, active_only: bool = False) -> list[SuspensionView]:
        actor.require(Permission.read_people)
        with self._uow(read_only=True) as uow:
            self._subjects.person_ref(uow.session, person_id)
            query = select(ProvisionSuspension).where(ProvisionSuspension.person_id == person_id)
            if active_only:
                query = query.where(ProvisionSuspension.lifted_at.is_(None))
            rows = uow.session.execute(query.order_by(ProvisionSuspension.id)).scalars()
            return [_suspension(r) for r in rows]

    # -- periodic checks (Rule 18) and entrustee supervision (Art. 25) -------------------------
    def record_check(self, data: CheckIn, actor: Actor) -> CheckView:
        actor.require(Permission.manage_provision)
        index = self._ledger.index()
        known = _register_ids(index, data.kind)
        if data.recipient not in known:
            raise InvalidInput(f"{data.recipient!r} is not in the ledger's {data.kind.value} register")
        if data.checked_on > today_jst(self._clock):
            raise InvalidInput("a check cannot be dated in the future")
        with self._uow() as uow:
            row = ProvisionCheck(
                register=data.kind.value,
                recipient_id=data.recipient,
                checked_on=data.checked_on,
                passed=data.passed,
                findings=data.findings,
                recorded_at=self._clock.now(),
                recorded_by=actor.id,
            )
            uow.session.add(row)
            uow.session.flush()
            uow.record(
                actor=actor.id,
                action="provision.check_recorded",
                entity_type=f"{data.kind.value}_recipient",
                entity_id=data.recipient,
                data={"check": row.id, "checked_on": data.checked_on.isoformat(), "passed": data.passed},
            )
            view = _check(row)
            uow.commit()
        return view

    def checks(self, register: Register, recipient_id: str, actor: Actor) -> list[CheckView]:
        actor.require(Permission.read_people)
        with self._uow(read_only=True) as uow:
            rows = uow.session.execute(
                select(ProvisionCheck)
                .where(ProvisionCheck.register == register.value, ProvisionCheck.recipient_id == recipient_id)
                .order_by(ProvisionCheck.checked_on, ProvisionCheck.id)
            ).scalars()
            return [_check(r) for r in rows]

    def check_state(self, register: Register, recipient_id: str, actor: Actor) -> CheckState:
        """Due, overdue, failed or ok: what the gate will say about this recipient today."""
        actor.require(Permission.read_people)
        index = self._ledger.index()
        if recipient_id not in _register_ids(index, register):
            raise NotFound(f"{recipient_id!r} is not in the ledger's {register.value} register")
        with self._uow(read_only=True) as uow:
            return self._check_state(uow.session, index, register, recipient_id)

    def _check_state(self, session: Session, index: LedgerIndex, register: Register, recipient_id: str) -> CheckState:
        today = today_jst(self._clock)
        rules = rules_in_force(today)
        days = rules.foreign_check_days if register is Register.foreign else rules.entrustee_supervision_days
        passed, failed = _ledger_check_date(index, register, recipient_id), None
        for on, ok in session.execute(
            select(ProvisionCheck.checked_on, ProvisionCheck.passed).where(
                ProvisionCheck.register == register.value, ProvisionCheck.recipient_id == recipient_id
            )
        ):
            if ok and (passed is None or on > passed):
                passed = on
            if not ok and (failed is None or on > failed):
                failed = on
        status = check_status(passed, failed, today, days)
        next_due = passed + dt.timedelta(days=days) if passed is not None and status is not CheckStatus.failed else None
        return CheckState(register.value, recipient_id, status.value, passed, failed, next_due)

    # -- the information packages shown before consent to a transfer abroad (Rule 17) -------------
    def information_packages(self, recipient_id: str, actor: Actor) -> list[PackageVersion]:
        """Every version of what the person is shown about this recipient abroad, from the ledger's history."""
        actor.require(Permission.read_people)
        if recipient_id not in self._ledger.index().foreign_recipients:
            raise NotFound(f"{recipient_id!r} is not a foreign recipient in the ledger in force")
        history = []
        for summary in self._ledger.versions():
            ledger = self._ledger.get(summary.version).ledger
            found = next((r for r in ledger.foreign_recipients if r.id == recipient_id), None)
            history.append((summary.version, summary.applied_at, found))
        return package_versions(history)

    # -- Art. 31 confirmations -------------------------------------------------------------------
    def confirm_referable(self, data: ConfirmationIn, actor: Actor) -> int:
        """Record that the recipient has the person's consent to acquire referable information (Rule 26)."""
        actor.require(Permission.manage_consent)
        index = self._ledger.index()
        if not _is_third_party(index, data.recipient):
            raise InvalidInput(f"{data.recipient!r} is not a third party or foreign recipient in the ledger")
        with self._uow() as uow:
            if self._subjects.person_ref(uow.session, data.person_id).erased:
                raise Conflict(f"person {data.person_id} was erased")
            row = ReferableConfirmation(
                person_id=data.person_id,
                recipient_id=data.recipient,
                method=data.method,
                evidence=data.evidence,
                foreign_information=data.foreign_information,
                confirmed_at=self._clock.now(),
                recorded_by=actor.id,
            )
            uow.session.add(row)
            uow.session.flush()
            uow.record(
                actor=actor.id,
                action="provision.referable_confirmed",
                entity_type="person",
                entity_id=data.person_id,
                data={"confirmation": row.id, "recipient": data.recipient, "method": data.method},
            )
            confirmation_id = row.id
            uow.commit()
        return confirmation_id


def _is_third_party(index: LedgerIndex, recipient_id: str) -> bool:
    return recipient_id in index.third_parties or recipient_id in index.foreign_recipients


def _register_ids(index: LedgerIndex, register: Register) -> set[str]:
    if register is Register.foreign:
        return set(index.foreign_recipients)
    return {e.id for e in index.ledger.entrustees}


def _ledger_check_date(index: LedgerIndex, register: Register, recipient_id: str) -> dt.date | None:
    if register is Register.foreign:
        recipient = index.foreign_recipients.get(recipient_id)
        return recipient.last_check if recipient else None
    entrustee = next((e for e in index.ledger.entrustees if e.id == recipient_id), None)
    return entrustee.last_supervision if entrustee else None


def _suspension(row: ProvisionSuspension) -> SuspensionView:
    return SuspensionView(
        row.id, row.person_id, row.kind, row.recipient_id, row.reference, row.started_at, row.lifted_at
    )


def _check(row: ProvisionCheck) -> CheckView:
    return CheckView(
        row.id,
        row.register,
        row.recipient_id,
        row.checked_on,
        row.passed,
        row.findings,
        row.recorded_at,
        row.recorded_by,
    )
