"""Suspension of use and erasure (Art. 35: 利用停止・消去): a suspension recorded and lifted; a person erased by
destroying their data key (crypto-shredding) and identifiers.

A part of `SubjectService` (a mixin over `ValueOpening`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from sqlalchemy import update

from hogo.db.uow import UnitOfWork
from hogo.errors import Conflict, InvalidInput, NotFound
from hogo.identity.policy import Actor, Permission
from hogo.subjects.models import DataKey, PersonIdentifier, Suspension
from hogo.subjects.opening import ValueOpening
from hogo.subjects.reading import suspension_view
from hogo.subjects.schemas import SuspensionView

log = logging.getLogger(__name__)


class VaultSuspension(ValueOpening):
    on_erase: list[Callable[[UnitOfWork, Sequence[str]], None]]

    # -- suspension of use (Art. 35) -----------------------------------------------------------
    def suspend_use(self, person_id: str, purposes: list[str] | None, reference: str, actor: Actor) -> SuspensionView:
        actor.require(Permission.suspend)
        if not reference.strip():
            raise InvalidInput("give the reference of the request or decision behind the suspension")
        if purposes is not None:
            unknown = sorted(set(purposes) - set(self._ledger.index().purposes))
            if unknown or not purposes:
                raise InvalidInput(f"unknown purposes: {', '.join(unknown) or '(none given)'}")
        with self._uow() as uow:
            self._live(uow.session, person_id)
            row = Suspension(
                person_id=person_id,
                scope="use",
                purposes=sorted(purposes) if purposes is not None else None,
                reference=reference.strip(),
                started_at=self._clock.now(),
            )
            uow.session.add(row)
            uow.session.flush()
            uow.record(
                actor=actor.id,
                action="use.suspended",
                entity_type="person",
                entity_id=person_id,
                data={
                    "suspension": row.id,
                    "purposes": row.purposes,
                    "reference": uow.note(row.reference, person_id=person_id),
                },
            )
            uow.changed(person_id)
            view = suspension_view(row)
            uow.commit()
        return view

    def lift_suspension(self, person_id: str, suspension_id: int, actor: Actor) -> SuspensionView:
        actor.require(Permission.suspend)
        with self._uow() as uow:
            row = uow.session.get(Suspension, suspension_id)
            if row is None or row.person_id != person_id:
                raise NotFound(f"suspension {suspension_id} of person {person_id} does not exist")
            if row.lifted_at is not None:
                raise Conflict(f"suspension {suspension_id} was already lifted")
            row.lifted_at = self._clock.now()
            uow.record(
                actor=actor.id,
                action="use.resumed",
                entity_type="person",
                entity_id=person_id,
                data={"suspension": row.id},
            )
            uow.changed(person_id)
            view = suspension_view(row)
            uow.commit()
        return view

    # -- erasure -------------------------------------------------------------------------------
    def erase(self, person_id: str, reference: str, actor: Actor) -> None:
        """Destroy the person's data key (crypto-shredding) and their identifiers; values become unreadable."""
        actor.require(Permission.erase)
        if not reference.strip():
            raise InvalidInput("give the reference of the request or rule behind the erasure")
        with self._uow() as uow:
            session = uow.session
            person = self._live(session, person_id)
            session.query(DataKey).filter(DataKey.person_id == person_id).delete()
            session.query(PersonIdentifier).filter(PersonIdentifier.person_id == person_id).delete()
            person.erased_at = self._clock.now()
            for hook in self.on_erase:  # other domains' copies of the person's data go in the same transaction
                hook(uow, [person_id])
            session.execute(  # what staff typed about them goes too; the erasure's own reference is kept, sealed
                update(Suspension).where(Suspension.person_id == person_id).values(reference="(erased)")
            )
            uow.record(
                actor=actor.id,
                action="person.erased",
                entity_type="person",
                entity_id=person_id,
                data={"method": "crypto_shred", "reference": uow.note(reference.strip())},
            )
            uow.changed(person_id)
            uow.after_commit(lambda: self._forget(person_id))
            uow.commit()

    def _forget(self, person_id: str) -> None:
        """After an erasure commits: drop the cached key, and journal the erasure beside the key file."""
        self._ciphers.pop(person_id, None)
        self._journal_erasure(person_id)
        self._scrub_store()

    def scrub(self) -> None:
        """Leave no copy of deleted rows in the store's files (ADR 0013): after a retention sweep's last batch."""
        self._scrub_store()

    def _journal_erasure(self, person_id: str) -> None:
        try:
            self._keyring.record_erasure(person_id)
        except OSError as exc:  # the erasure stands; only the replay after a restore would miss it
            log.error("could not journal the erasure of %s: %s; add it to the erasure journal by hand", person_id, exc)
