"""Vault key operations: the erasure replay after a backup restore, and the master-key rotation.

A part of `SubjectService` (a mixin, so that `container.subjects` keeps one interface), kept apart because
it works on the keys of every person rather than on one person's data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hogo.adapters.keyring import Keyring
from hogo.db.session import lock_for_writing, lock_out_writers
from hogo.errors import Conflict
from hogo.identity.policy import Actor, Permission
from hogo.subjects import crypto
from hogo.subjects.models import DataKey, Person, PersonIdentifier
from hogo.subjects.opening import ValueOpening


class RotationStatus(StrEnum):
    not_due = "not-due"
    """The active master key is younger than the maximum age, and no rotation was left unfinished."""
    rotated = "rotated"
    """A new master key is active; every data key was rewrapped under it and every other master key destroyed."""
    resumed = "resumed"
    """A rotation left unfinished (a crash, a kill) was carried to its end: data keys rewrapped, old keys destroyed."""
    busy = "busy"
    """Another process is rotating (it holds the key file's lock); nothing was done."""


@dataclass(frozen=True)
class RotationResult:
    status: RotationStatus
    new_key: str
    """The active master key afterwards."""
    old_keys: list[str]
    """The master keys this call destroyed."""
    rewrapped: int
    due_at: dt.datetime | None
    """When `rotate_if_due` next rotates the active key (None: busy, from `rotate_keys`, which is not told the
    maximum age, or the key's age is unknown and it is due now)."""


@dataclass(frozen=True)
class KeyStatus:
    active: str
    created_at: dt.datetime | None
    due_at: dt.datetime | None
    """None: the key's age is unknown (a key file from before), so it is due now."""
    in_file: list[str]
    """Every master key in the key file; more than the active one while a rotation is under way or unfinished."""
    wrapped: dict[str, int]
    """Data keys per master key id (an id not in the file: keys of a restored backup that no key can open)."""


def wrapping_key(session: Session, keyring: Keyring) -> tuple[str, bytes]:
    """The master key to wrap a new data key with, read under the lock that a rotation's last batch waits for: a
    key wrapped under a master key the rotation is retiring is then in the store before the rotation's last look,
    and is rewrapped before that master key is destroyed."""
    lock_for_writing(session, DataKey.__tablename__)
    key_id = keyring.active_id
    return key_id, keyring.master(key_id)


class KeyOperations(ValueOpening):
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
                    uow.record(
                        actor=actor.id,
                        action="person.erased",
                        entity_type="person",
                        entity_id=person_id,
                        data={"method": "crypto_shred", "reference": "erasure journal replay"},
                    )
                    erased.append(person_id)
                    count += 1
            uow.changed(*erased)
            uow.commit()
        self._scrub_store()
        return count

    # -- keys ----------------------------------------------------------------------------------
    def rotate_keys(
        self, actor: Actor, *, batch: int = 1000, progress: Callable[[int, int], None] | None = None
    ) -> RotationResult:
        """Rotate now: a new master key, every data key rewrapped under it batch by batch (reads go on meanwhile),
        then every other master key destroyed."""
        actor.require(Permission.manage_keys)
        with self._keyring.rotation_lock() as held:
            if not held:
                raise Conflict("another process is rotating the master keys; run again when it has finished")
            self._keyring.add_active(self._clock.now())
            done, destroyed = self._finish_rotation(actor, batch, progress, resumed=False)
            return RotationResult(RotationStatus.rotated, self._keyring.active_id, destroyed, done, None)

    def rotate_if_due(
        self,
        actor: Actor,
        max_age: dt.timedelta,
        *,
        batch: int = 1000,
        progress: Callable[[int, int], None] | None = None,
    ) -> RotationResult:
        """For the scheduler: finish a rotation left unfinished, then rotate if the active master key is `max_age`
        old (or of unknown age). Idempotent: run it as often as you like; a run killed at any point is completed by
        the next one, and an old master key is destroyed only once no data key is wrapped under it (ADR 0013)."""
        actor.require(Permission.manage_keys)
        with self._keyring.rotation_lock() as held:
            if not held:
                return RotationResult(RotationStatus.busy, self._keyring.active_id, [], 0, None)
            status, done, destroyed = RotationStatus.not_due, 0, list[str]()
            if len(self._keyring.key_ids()) > 1:
                status = RotationStatus.resumed
                done, destroyed = self._finish_rotation(actor, batch, progress, resumed=True)
            due_at = self._due_at(max_age)
            if due_at is None or due_at <= self._clock.now():
                status = RotationStatus.rotated
                self._keyring.add_active(self._clock.now())
                more, also = self._finish_rotation(actor, batch, progress, resumed=False)
                done, destroyed, due_at = done + more, destroyed + also, self._due_at(max_age)
            result = RotationResult(status, self._keyring.active_id, destroyed, done, due_at)
        self._scrub_store()  # again, should a reader have held up the checkpoint after an erasure
        return result

    def key_status(self, max_age: dt.timedelta) -> KeyStatus:
        """The active master key, its age and due date, and how many data keys each master key wraps."""
        with self._uow(read_only=True) as uow:
            counts = uow.session.execute(select(DataKey.master_key_id, func.count()).group_by(DataKey.master_key_id))
            wrapped = {key_id: count for key_id, count in counts}
        active = self._keyring.active_id
        return KeyStatus(
            active, self._keyring.created_at(active), self._due_at(max_age), self._keyring.key_ids(), wrapped
        )

    def _due_at(self, max_age: dt.timedelta) -> dt.datetime | None:
        created = self._keyring.created_at(self._keyring.active_id)
        return None if created is None else created + max_age

    def _finish_rotation(
        self, actor: Actor, batch: int, progress: Callable[[int, int], None] | None, *, resumed: bool
    ) -> tuple[int, list[str]]:
        """Rewrap under the active master key every data key wrapped under another key of the file, then destroy
        those keys. Each batch is its own transaction and waits for the transactions under way that write data
        keys (`wrapping_key`), so the batch that finds none left is the last word: no key can still arrive under an
        old master key. That batch writes the audit event; the keys are destroyed after it commits."""
        target = self._keyring.active_id
        master = self._keyring.master(target)
        old = [k for k in self._keyring.key_ids() if k != target]
        remaining = select(DataKey).where(DataKey.master_key_id.in_(old))
        with self._uow(read_only=True) as uow:
            total = uow.session.execute(select(func.count()).select_from(remaining.subquery())).scalar_one()
        done = 0
        while True:
            with self._uow() as uow:
                session = uow.session
                lock_out_writers(session, DataKey.__tablename__)
                rows = session.execute(remaining.limit(batch).with_for_update()).scalars().all()
                for row in rows:
                    data_key = crypto.unwrap_data_key(
                        self._keyring.master(row.master_key_id), row.person_id, row.wrapped
                    )
                    row.wrapped = crypto.wrap_data_key(master, row.person_id, data_key)
                    row.master_key_id = target
                done += len(rows)
                if not rows:
                    uow.record(
                        actor=actor.id,
                        action="keys.rotated",
                        entity_type="keyring",
                        entity_id=target,
                        data={"destroyed": old, "rewrapped": done, "resumed": resumed},
                    )
                uow.commit()
            if not rows:
                break
            if progress is not None:
                progress(done, total)
        for key_id in old:
            self._keyring.destroy(key_id)
        return done, old
