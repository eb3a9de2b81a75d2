"""Vault key operations: the erasure replay after a backup restore, and the master-key rotation.

A part of `SubjectService` (a mixin, so that `container.subjects` keeps one interface), kept apart because
it works on the keys of every person rather than on one person's data.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select

from hogo.adapters.keyring import Keyring
from hogo.audit.service import AuditService
from hogo.changes import Changes
from hogo.clock import Clock
from hogo.db.uow import UnitOfWorkFactory
from hogo.identity.policy import Actor, Permission
from hogo.subjects import crypto
from hogo.subjects.models import DataKey, Person, PersonIdentifier


@dataclass(frozen=True)
class RotationResult:
    old_keys: list[str]
    new_key: str
    rewrapped: int


class KeyOperations:
    _uow: UnitOfWorkFactory
    _audit: AuditService
    _clock: Clock
    _keyring: Keyring
    _changes: Changes
    _ciphers: OrderedDict[str, crypto.ValueCipher]
    scrub_store: Callable[[], bool] | None = None
    """Set by the composition root (`db.session.scrub_deleted` on the engine): run after rows of keys are deleted."""

    def _scrub_store(self) -> None:
        """After an erasure: no copy of the deleted wrapped key may stay in the store's files (ADR 0013)."""
        if self.scrub_store is not None:
            self.scrub_store()

    def reapply_erasures(self, actor: Actor) -> int:
        """After restoring a backup: destroy again the data keys of everyone erased since (the journal)."""
        actor.require(Permission.erase)
        journal = self._keyring.erasures()
        count = 0
        erased: list[str] = []
        with self._uow() as uow:
            session = uow.session
            for start in range(0, len(journal), 500):
                chunk = journal[start : start + 500]
                present = session.execute(select(DataKey.person_id).where(DataKey.person_id.in_(chunk))).scalars().all()
                for person_id in present:
                    session.query(DataKey).filter(DataKey.person_id == person_id).delete()
                    session.query(PersonIdentifier).filter(PersonIdentifier.person_id == person_id).delete()
                    person = session.get(Person, person_id)
                    if person is not None and person.erased_at is None:
                        person.erased_at = self._clock.now()
                    self._audit.record(
                        session,
                        actor=actor.id,
                        action="person.erased",
                        entity_type="person",
                        entity_id=person_id,
                        data={"method": "crypto_shred", "reference": "erasure journal replay"},
                    )
                    self._ciphers.pop(person_id, None)
                    erased.append(person_id)
                    count += 1
            self._changes.record(session, erased)
            uow.commit()
        self._scrub_store()
        for person_id in journal:
            self._changes.person_changed(person_id)
        return count

    # -- keys ----------------------------------------------------------------------------------
    def rotate_keys(
        self, actor: Actor, *, batch: int = 1000, progress: Callable[[int, int], None] | None = None
    ) -> RotationResult:
        """Rewrap every data key under a new master key, batch by batch; reads go on meanwhile."""
        actor.require(Permission.manage_keys)
        old = [k for k in self._keyring.key_ids()]
        # Another process may still wrap new persons' keys under the old key until it sees the new file;
        # the loop below runs until no data key is wrapped under anything but the new key.
        new_id = self._keyring.add_active()
        new_master = self._keyring.master(new_id)
        done = 0
        with self._uow() as uow:
            total = uow.session.execute(
                select(func.count()).select_from(DataKey).where(DataKey.master_key_id != new_id)
            ).scalar_one()
        while True:
            with self._uow() as uow:
                session = uow.session
                rows = (
                    session.execute(
                        select(DataKey).where(DataKey.master_key_id != new_id).limit(batch).with_for_update()
                    )
                    .scalars()
                    .all()
                )
                if not rows:
                    break
                for row in rows:
                    data_key = crypto.unwrap_data_key(
                        self._keyring.master(row.master_key_id), row.person_id, row.wrapped
                    )
                    row.wrapped = crypto.wrap_data_key(new_master, row.person_id, data_key)
                    row.master_key_id = new_id
                done += len(rows)
                uow.commit()
            if progress is not None:
                progress(done, total)
        with self._uow() as uow:
            self._audit.record(
                uow.session,
                actor=actor.id,
                action="keys.rotated",
                entity_type="keyring",
                entity_id=new_id,
                data={"retired": old, "rewrapped": done},
            )
            uow.commit()
        for key_id in old:
            self._keyring.retire(key_id)
        return RotationResult(old, new_id, done)
