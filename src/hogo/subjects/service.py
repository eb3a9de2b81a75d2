"""Vault use cases: acquire, find, describe, suspend, erase; key rotation and the erasure replay.

Values are sealed with the person's data key before they reach the session, so no personal value is ever
in the database file, a log line or an error message. Values are opened only by `open_values`, which the
decision point (`usage`) calls after allowing the use, inside a transaction that records the read.

`SubjectService` is acquisition (here, and `acquisition` for one batch) and its parts, each a mixin in its own
module: opening values (`opening`), reading metadata (`reading`), correction (`correction`), suspension and
erasure (`suspension`), keys (`keys`) and retention's disposal (`disposal`).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence

from hogo.adapters.keyring import Keyring, VaultLocked
from hogo.clock import Clock
from hogo.db.uow import UnitOfWork, UnitOfWorkFactory
from hogo.identity.policy import Actor, Permission
from hogo.ledger.service import LedgerService
from hogo.subjects import crypto
from hogo.subjects.acquisition import Acquisition, ConsentRecorder
from hogo.subjects.correction import VaultCorrection
from hogo.subjects.disposal import VaultDisposal
from hogo.subjects.keys import KeyOperations, RotationResult
from hogo.subjects.opening import CIPHER_CACHE
from hogo.subjects.reading import ItemFact, SubjectFacts, VaultReading
from hogo.subjects.schemas import AcquisitionIn, AcquisitionResult
from hogo.subjects.suspension import VaultSuspension


class SubjectService(VaultReading, VaultCorrection, VaultSuspension, KeyOperations, VaultDisposal):
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        ledger: LedgerService,
        keyring: Keyring,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._ledger = ledger
        self._keyring = keyring
        self._ciphers: OrderedDict[str, crypto.ValueCipher] = OrderedDict()
        self.on_erase: list[Callable[[UnitOfWork, Sequence[str]], None]] = []
        """Registered by the composition root: what other domains delete with the person, in the erasure's unit."""
        self.consents: ConsentRecorder | None = None
        """Set by the composition root: consents given with an acquisition are recorded in its transaction."""

    # -- acquisition ---------------------------------------------------------------------------
    def acquire(self, data: AcquisitionIn, actor: Actor) -> AcquisitionResult:
        return self.acquire_many([data], actor)[0]

    def acquire_many(self, batch: Sequence[AcquisitionIn], actor: Actor) -> list[AcquisitionResult]:
        """Record what was acquired about each person; one transaction: all of the batch or nothing.

        Each result lists the records this acquisition stored (with their provenance).
        """
        actor.require(Permission.record)
        if not batch:
            return []
        index = self._ledger.index()
        with self._uow() as uow:
            run = Acquisition(uow, index, self._clock.now(), actor, self._keyring, self._cipher, self.consents)
            results = run.run(batch)
            uow.record_many(actor=actor.id, entries=run.events)
            uow.changed(*run.touched)
            uow.commit()
        for person_id, cipher in run.ciphers.items():
            self._cache_cipher(person_id, cipher)
        return results


__all__ = ["CIPHER_CACHE", "ItemFact", "RotationResult", "SubjectFacts", "SubjectService", "VaultLocked"]
