"""Vault use cases: acquire, find, describe, suspend, erase; key rotation and the erasure replay.

Values are sealed with the person's data key before they reach the session, so no personal value is ever
in the database file, a log line or an error message. Values are opened only by `open_values`, which the
decision point (`usage`) calls after allowing the use, inside a transaction that records the read.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from hogo.adapters.keyring import Keyring, VaultLocked
from hogo.clock import Clock
from hogo.db.uow import UnitOfWork, UnitOfWorkFactory
from hogo.errors import Conflict, InvalidInput, NotFound
from hogo.identity.policy import Actor, Permission, require_cleared
from hogo.ledger.compiled import LedgerIndex, add_period
from hogo.ledger.service import LedgerService
from hogo.subjects import crypto, exposure
from hogo.subjects.acquisition import Acquisition, ConsentRecorder
from hogo.subjects.disposal import VaultDisposal
from hogo.subjects.keys import KeyOperations, RotationResult
from hogo.subjects.models import DataKey, Person, PersonIdentifier, Record, Suspension
from hogo.subjects.schemas import (
    AcquisitionIn,
    AcquisitionResult,
    PersonRef,
    PersonView,
    RecordView,
    SuspensionView,
)
from hogo.subjects.values import ValueProblem, normalise_identifier
from hogo.subjects.values import normalise as normalise_value

log = logging.getLogger(__name__)
CIPHER_CACHE = 4096


@dataclass(frozen=True)
class ItemFact:
    purposes: frozenset[str]
    retention_until: float | None
    """POSIX seconds; None when no deadline is running yet."""


@dataclass(frozen=True)
class SubjectFacts:
    """What the decision point needs to know about a person, without any value."""

    person_id: str
    subject_kind: str
    erased: bool
    items: dict[str, ItemFact]
    suspended_all: bool
    suspended_purposes: frozenset[str]


class SubjectService(KeyOperations, VaultDisposal):
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

    def facts(self, person_id: str) -> SubjectFacts:
        with self._uow(read_only=True) as uow:
            session = uow.session
            person = session.get(Person, person_id)
            if person is None:
                raise NotFound(f"person {person_id} does not exist")
            records = session.execute(
                select(Record.item, Record.purposes, Record.retention_until).where(
                    Record.person_id == person_id, Record.superseded_at.is_(None)
                )
            ).all()
            suspensions = session.execute(
                select(Suspension.purposes).where(
                    Suspension.person_id == person_id, Suspension.scope == "use", Suspension.lifted_at.is_(None)
                )
            ).scalars()
            suspended_all, suspended = False, set()
            for purposes in suspensions:
                if purposes is None:
                    suspended_all = True
                else:
                    suspended.update(purposes)
            return SubjectFacts(
                person.id,
                person.subject_kind,
                person.erased_at is not None,
                {
                    item: ItemFact(frozenset(purposes), until.timestamp() if until is not None else None)
                    for item, purposes, until in records
                },
                suspended_all,
                frozenset(suspended),
            )

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

    # -- reading metadata ----------------------------------------------------------------------
    def find(self, kind: str, value: str, actor: Actor) -> str:
        """The id of the person with this identifier; the identifier is hashed, never stored or logged."""
        actor.require(Permission.find_person)
        try:
            normal = normalise_identifier(kind, value)
        except ValueProblem as problem:
            raise InvalidInput(f"identifier {kind}: {problem.message}", details={"code": problem.code}) from None
        digest = crypto.identifier_digest(self._keyring.index_key, kind, normal)
        with self._uow(read_only=True) as uow:
            person_id = uow.session.execute(
                select(PersonIdentifier.person_id).where(
                    PersonIdentifier.kind == kind, PersonIdentifier.digest == digest
                )
            ).scalar()
        if person_id is None:
            raise NotFound.keyed("error.subjects.no-person", kind=kind)
        return person_id

    # -- who the vault holds data of (incidents) -----------------------------------------------------
    def holders(
        self,
        items: Sequence[str],
        subject_kinds: Sequence[str] = (),
        acquired_from: dt.datetime | None = None,
        acquired_to: dt.datetime | None = None,
        persons: Sequence[str] = (),
    ) -> exposure.Holders:
        """The persons with records of `items` (of these subject kinds, acquired in the window), erased ones
        flagged: metadata only, no value is opened."""
        with self._uow(read_only=True) as uow:
            return exposure.holders(uow.session, items, subject_kinds, acquired_from, acquired_to, persons)

    def persons_by_identifier(self, kind: str, values: Sequence[str]) -> dict[str, str]:
        """{value: person id} for the values some person holds as an identifier of `kind` (keyed hashes compared)."""
        with self._uow(read_only=True) as uow:
            return exposure.by_identifier(uow.session, self._keyring.index_key, kind, values)

    def contact(self, person_id: str, items: Sequence[str], actor: Actor) -> dict[str, str]:
        """The person's current values of these contact items, to tell them of an incident (see `contacts`)."""
        return self.contacts([person_id], items, actor)[person_id]

    def contacts(self, person_ids: Sequence[str], items: Sequence[str], actor: Actor) -> dict[str, dict[str, str]]:
        """Each person's current values of these contact items, to tell them of an incident, in one transaction;
        every read is audited (`records.read`, use: notice of an incident). Empty for an erased person."""
        actor.require(Permission.read_values)
        out: dict[str, dict[str, str]] = {}
        with self._uow() as uow:
            session = uow.session
            for person_id in person_ids:
                person = session.get(Person, person_id)
                if person is None:
                    raise NotFound(f"person {person_id} does not exist")
                if person.erased_at is not None:
                    out[person_id] = {}
                    continue
                out[person_id] = values = self.open_values(session, person_id, items, actor)
                uow.record(
                    actor=actor.id,
                    action="records.read",
                    entity_type="person",
                    entity_id=person_id,
                    data={"items": sorted(values), "use": "notice of an incident (Art. 26(2))"},
                )
            uow.commit()
        return out

    def columns_for_processing(
        self, items: Sequence[str], subject_kinds: Sequence[str], actor: Actor, job: str
    ) -> dict[str, list[str]]:
        """The current values of `items` of every person (not erased) of these subject kinds, column by column and
        in no particular order of persons — no person id goes with them — for a processing job (Arts. 41, 43). One
        audit event names the job, the items and the count."""
        actor.require(Permission.read_values)
        require_cleared(actor, items, self._ledger.index().categories)
        out: dict[str, list[str]] = {item: [] for item in items}
        with self._uow() as uow:
            session = uow.session
            ids = (
                session.execute(
                    select(Person.id).where(Person.subject_kind.in_(list(subject_kinds)), Person.erased_at.is_(None))
                )
                .scalars()
                .all()
            )
            for person_id in ids:
                values = self.open_for_matching(session, person_id, items)
                for item in items:
                    out[item].append(values.get(item, ""))
            uow.record(
                actor=actor.id,
                action="records.read",
                entity_type="processing",
                entity_id=job,
                data={"items": sorted(items), "persons": len(ids), "use": "processing (Arts. 41, 43)"},
            )
            uow.commit()
        return out

    def count(self) -> int:
        """How many persons the vault holds (erased ones included)."""
        with self._uow(read_only=True) as uow:
            return uow.session.execute(select(func.count()).select_from(Person)).scalar_one()

    def person(self, person_id: str, actor: Actor) -> PersonView:
        actor.require(Permission.read_people)
        with self._uow(read_only=True) as uow:
            session = uow.session
            row = session.get(Person, person_id)
            if row is None:
                raise NotFound(f"person {person_id} does not exist")
            kinds = session.execute(
                select(PersonIdentifier.kind).where(PersonIdentifier.person_id == person_id).distinct()
            ).scalars()
            suspensions = session.execute(
                select(Suspension).where(Suspension.person_id == person_id).order_by(Suspension.id)
            ).scalars()
            return PersonView(
                row.id,
                row.subject_kind,
                row.created_at,
                row.ledger_version,
                row.erased_at,
                sorted(kinds),
                self._visible(self._record_views(session, [person_id]).get(person_id, []), actor),
                [_suspension(s) for s in suspensions],
            )

    def _visible(self, records: list[RecordView], actor: Actor) -> list[RecordView]:
        """Only the records of item categories the actor is cleared for: even an item's name can tell too much."""
        if actor.categories is None:
            return records
        items = self._ledger.index().items
        return [r for r in records if r.item in items and actor.sees(items[r.item].category)]

    def _record_views(self, session: Session, person_ids: list[str]) -> dict[str, list[RecordView]]:
        out: dict[str, list[RecordView]] = {}
        unique = sorted(set(person_ids))
        for start in range(0, len(unique), 500):
            rows = session.execute(
                select(Record).where(Record.person_id.in_(unique[start : start + 500])).order_by(Record.id)
            ).scalars()
            for r in rows:
                out.setdefault(r.person_id, []).append(
                    RecordView(
                        r.id,
                        r.item,
                        r.channel,
                        r.acquired_at,
                        r.ledger_version,
                        r.purposes,
                        r.consents,
                        r.retention_rule,
                        r.retention_until,
                        r.superseded_at,
                    )
                )
        return out

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
            view = _suspension(row)
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
            view = _suspension(row)
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

    def _forget_many(self, person_ids: list[str]) -> None:
        """After a retention sweep's batch commits: as `_forget`, with one journal write; the sweep scrubs the store
        once it has finished (`scrub`), not after every batch (a checkpoint waits for the readers each time)."""
        for person_id in person_ids:
            self._ciphers.pop(person_id, None)
        try:
            self._keyring.record_erasures(person_ids)
        except OSError as exc:
            log.error(
                "could not journal %d erasures: %s; add them to the erasure journal by hand", len(person_ids), exc
            )

    def scrub(self) -> None:
        """Leave no copy of deleted rows in the store's files (ADR 0013): after a retention sweep's last batch."""
        self._scrub_store()

    def _journal_erasure(self, person_id: str) -> None:
        try:
            self._keyring.record_erasure(person_id)
        except OSError as exc:  # the erasure stands; only the replay after a restore would miss it
            log.error("could not journal the erasure of %s: %s; add it to the erasure journal by hand", person_id, exc)

    def _live(self, session: Session, person_id: str) -> Person:
        person = session.get(Person, person_id, with_for_update=True)
        if person is None:
            raise NotFound(f"person {person_id} does not exist")
        if person.erased_at is not None:
            raise Conflict(f"person {person_id} was erased")
        return person

    # -- correction (Art. 34) ------------------------------------------------------------------
    def correct(
        self,
        person_id: str,
        values: dict[str, object],
        reference: str,
        actor: Actor,
        *,
        deletions: Sequence[str] = (),
    ) -> list[int]:
        """Correct, add or delete items (Art. 34: 訂正・追加・削除); one transaction, audited.

        A held value is replaced by a new record that supersedes it and keeps its provenance (purposes, consents,
        retention); an item not held is added, under the purposes the person was already told of that cover it
        (none: refused, Art. 18); a deleted item's record is superseded with nothing after it. Old ciphertexts
        stay, superseded, until the person's erasure."""
        actor.require(Permission.record)
        if not reference.strip():
            raise InvalidInput("give the reference of the request behind the correction")
        if not values and not deletions:
            raise InvalidInput("give at least one item to correct, add or delete")
        if set(values) & set(deletions):
            raise InvalidInput("an item is either corrected or deleted, not both")
        index = self._ledger.index()
        now = self._clock.now()
        with self._uow() as uow:
            session = uow.session
            person = self._live(session, person_id)
            note = uow.note(reference.strip(), person_id=person_id)
            cipher = self._cipher(session, person_id)
            held = {
                r.item: r
                for r in session.execute(
                    select(Record).where(Record.person_id == person_id, Record.superseded_at.is_(None))
                ).scalars()
            }
            new_ids: list[int] = []
            added: list[str] = []
            for item, raw in sorted(values.items()):
                rule = index.items.get(item)
                if rule is None:
                    raise InvalidInput(f"item {item!r} is not in the ledger")
                try:
                    value = normalise_value(rule.value_type, raw)
                except ValueProblem as problem:
                    raise InvalidInput(f"item {item!r}: {problem.message}", details={"code": problem.code}) from None
                current = held.get(item)
                if current is None:
                    row = _added(index, person.subject_kind, item, held, cipher.seal(item, value), now, note, actor)
                    added.append(item)
                else:
                    self._follow_identifier(
                        session, person_id, rule.value_type, cipher.open(item, current.ciphertext), value
                    )
                    current.superseded_at = now
                    row = Record(
                        person_id=person_id,
                        item=item,
                        ciphertext=cipher.seal(item, value),
                        channel=current.channel,
                        acquired_at=now,
                        ledger_version=index.version,
                        purposes=list(current.purposes),
                        consents=list(current.consents),
                        basis={**(current.basis or {}), "corrected": note},
                        retention_rule=current.retention_rule,
                        retention_until=current.retention_until,
                        acquired_by=actor.id,
                    )
                session.add(row)
                session.flush()
                new_ids.append(row.id)
            for item in sorted(deletions):
                if item not in held:
                    raise InvalidInput(f"item {item!r} is not held for person {person_id}; nothing to delete")
                held[item].superseded_at = now
            uow.record(
                actor=actor.id,
                action="records.corrected",
                entity_type="person",
                entity_id=person_id,
                data={
                    "items": sorted(values),
                    "added": added,
                    "deleted": sorted(deletions),
                    "records": new_ids,
                    "reference": note,
                },
            )
            uow.changed(person_id)
            uow.commit()
        return new_ids

    def _follow_identifier(self, session: Session, person_id: str, value_type: str, old: str, new: str) -> None:
        """A corrected e-mail or phone that was also the person's lookup identifier: the identifier follows, so
        that the person (and the portal's one-time code) is found by the corrected value, not the old one."""
        kind = value_type if value_type in ("email", "phone") else None
        if kind is None or old == new:
            return
        key = self._keyring.index_key
        try:
            old_digest = crypto.identifier_digest(key, kind, normalise_identifier(kind, old))
            new_digest = crypto.identifier_digest(key, kind, normalise_identifier(kind, new))
        except ValueProblem:
            return
        row = session.execute(
            select(PersonIdentifier).where(
                PersonIdentifier.person_id == person_id,
                PersonIdentifier.kind == kind,
                PersonIdentifier.digest == old_digest,
            )
        ).scalar()
        if row is None or old_digest == new_digest:
            return
        owner = session.execute(
            select(PersonIdentifier.person_id).where(
                PersonIdentifier.kind == kind, PersonIdentifier.digest == new_digest
            )
        ).scalar()
        if owner is not None and owner != person_id:
            raise Conflict(f"the corrected {kind} is another person's identifier; nothing was changed")
        if owner == person_id:
            session.delete(row)
        else:
            row.digest = new_digest


def _added(
    index: LedgerIndex,
    subject_kind: str,
    item: str,
    held: dict[str, Record],
    ciphertext: bytes,
    now: dt.datetime,
    note: str,
    actor: Actor,
) -> Record:
    """A record for an item the person asked to add (Art. 34): under the purposes they were already told of that
    cover it, with the retention the ledger sets for it; refused when no such purpose exists (Art. 18)."""
    told = {p for r in held.values() for p in r.purposes}
    purposes = [p for p in index.purposes_covering(subject_kind, item) if p in told]
    if not purposes:
        raise InvalidInput(
            f"item {item!r} cannot be added: no purpose the person was told of covers it (Art. 18); "
            "acquire it with a notice of its purpose instead"
        )
    retention = index.retention.get((item, subject_kind))
    until = (
        add_period(now, retention.period) if retention is not None and retention.starts.value == "acquisition" else None
    )
    latest = max(held.values(), key=lambda r: r.acquired_at)
    return Record(
        person_id=latest.person_id,
        item=item,
        ciphertext=ciphertext,
        channel=latest.channel,
        acquired_at=now,
        ledger_version=index.version,
        purposes=purposes,
        consents=[],
        basis={"added": note},
        retention_rule=retention.id if retention is not None else None,
        retention_until=until,
        acquired_by=actor.id,
    )


def _suspension(row: Suspension) -> SuspensionView:
    return SuspensionView(row.id, row.scope, row.purposes, row.reference, row.started_at, row.lifted_at)


__all__ = ["ItemFact", "RotationResult", "SubjectFacts", "SubjectService", "VaultLocked"]
