"""Opening the vault's values, and the lookups other domains make inside their own transactions.

The base of `SubjectService`'s parts (reading, correction, suspension and erasure): the data key of a person is
read, unwrapped and cached here, and every value leaves the vault through `open_values`, which checks the actor's
clearance. Values are opened only after the decision point (`usage`) has allowed the use.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from hogo.adapters.keyring import Keyring
from hogo.clock import Clock
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import Conflict, NotFound
from hogo.identity.policy import Actor, require_cleared
from hogo.ledger.service import LedgerService
from hogo.subjects import crypto
from hogo.subjects.models import DataKey, Person, Record
from hogo.subjects.schemas import PersonRef

CIPHER_CACHE = 4096


class ValueOpening:
    _uow: UnitOfWorkFactory
    _clock: Clock
    _ledger: LedgerService
    _keyring: Keyring
    _ciphers: OrderedDict[str, crypto.ValueCipher]
    scrub_store: Callable[[], bool] | None = None
    """Set by the composition root (`db.session.scrub_deleted` on the engine): run after rows of keys are deleted."""

    def _scrub_store(self) -> None:
        """After an erasure: no copy of the deleted wrapped key may stay in the store's files (ADR 0013)."""
        if self.scrub_store is not None:
            self.scrub_store()

    # -- lookups used by other domains in their transactions ----------------------------------
    def person_ref(self, session: Session, person_id: str) -> PersonRef:
        row = session.get(Person, person_id)
        if row is None:
            raise NotFound(f"person {person_id} does not exist")
        return PersonRef(row.id, row.subject_kind, row.erased_at is not None)

    def _cipher(self, session: Session, person_id: str) -> crypto.ValueCipher:
        # The key row is read even when this process has the key cached: another process may have erased the
        # person a moment ago, and nothing erased may be opened, whatever a cache still holds (one indexed read).
        key = session.get(DataKey, person_id, populate_existing=True)
        if key is None:
            self._ciphers.pop(person_id, None)
            raise Conflict(f"person {person_id} has no data key: their data was erased")
        cipher = self._ciphers.get(person_id)
        if cipher is not None:
            self._ciphers.move_to_end(person_id)
            return cipher
        data_key = crypto.unwrap_data_key(self._keyring.master(key.master_key_id), person_id, key.wrapped)
        return self._cache_cipher(person_id, crypto.ValueCipher(person_id, data_key))

    def _cache_cipher(self, person_id: str, cipher: crypto.ValueCipher) -> crypto.ValueCipher:
        self._ciphers[person_id] = cipher
        if len(self._ciphers) > CIPHER_CACHE:
            self._ciphers.popitem(last=False)
        return cipher

    def open_values(self, session: Session, person_id: str, items: Sequence[str], actor: Actor) -> dict[str, str]:
        """The current values of `items` (those acquired), opened for `actor`. Call only after the use was allowed.

        Every way out of the vault comes here, and here the actor's clearance is checked (Forbidden naming the
        items it does not cover), so no caller can hand out an item of a category its actor may not see."""
        require_cleared(actor, items, self._ledger.index().categories)
        return self.open_for_matching(session, person_id, items)

    def open_for_matching(self, session: Session, person_id: str, items: Sequence[str]) -> dict[str, str]:
        """Values opened only to find the person elsewhere (the company's databases); never shown to anyone."""
        rows = session.execute(
            select(Record.item, Record.ciphertext).where(
                Record.person_id == person_id, Record.item.in_(list(items)), Record.superseded_at.is_(None)
            )
        ).all()
        cipher = self._cipher(session, person_id)
        return {item: cipher.open(item, blob) for item, blob in rows}

    def _live(self, session: Session, person_id: str) -> Person:
        person = session.get(Person, person_id, with_for_update=True)
        if person is None:
            raise NotFound(f"person {person_id} does not exist")
        if person.erased_at is not None:
            raise Conflict(f"person {person_id} was erased")
        return person
