"""One `acquire_many` batch, in three steps: resolve and plan everyone, write the people, write the records.

Every acquisition of the batch is resolved to its person (by identifier digest, in the store or earlier in
the same batch) and planned against the ledger before anything is written, so a rejection anywhere stores
nothing. Then the new persons and their wrapped data keys go in, the consents given with the values are
added, and finally the identifiers and the sealed records go in, each table with one `executemany` through
the driver (`subjects.rows`, ADR 0027), and the audit events are registered on the unit of work. Per-row ORM
flushes and SQLAlchemy's per-parameter processing cost more than the encryption; this module keeps them out
of the hot path.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hogo.adapters.keyring import Keyring
from hogo.consent.schemas import ConsentIn, ConsentKind
from hogo.db.uow import Entry, UnitOfWork
from hogo.errors import Conflict, InvalidInput, NotFound
from hogo.identity.policy import Actor
from hogo.ledger.compiled import LedgerIndex
from hogo.subjects import crypto
from hogo.subjects.keys import wrapping_key
from hogo.subjects.models import Person, Record
from hogo.subjects.policy import AcquisitionPlan, plan_acquisition
from hogo.subjects.rows import SUPERSEDED_AT, Rendered, statements
from hogo.subjects.schemas import AcquisitionIn, AcquisitionResult, PersonRef, RecordView
from hogo.subjects.values import Normaliser, ValueProblem, normalise_identifier


class ConsentRecorder(Protocol):
    """The part of the consent service an acquisition uses, inside its own transaction."""

    def add_many(
        self, uow: UnitOfWork, given: Sequence[tuple[PersonRef, ConsentIn]], index: LedgerIndex, actor: Actor
    ) -> Sequence[_HasId]: ...

    def acquisition_consents(self, session: Session, person_id: str) -> set[tuple[str, str]]: ...


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


PERSON_ID_BYTES = 12
"""A person id is `p_` and 24 hex digits of randomness (as ever)."""
BATCH_ID_BYTES = 3
"""Of which the first 3 bytes are drawn once per batch, the other 9 per person (ADR 0027, second addendum). The new
persons of one batch then sit side by side in every index keyed by person id (persons, data keys, identifiers,
records), so a batch changes a few pages of each instead of one page per person; it halved the commit's CPU. Two ids
with the same first 6 digits were most likely created in one transaction, which their `created_at` says anyway."""

Digest = tuple[str, str]
"""(identifier kind, keyed hash of its normal form)."""


@dataclass(slots=True)
class _Person:
    id: str
    subject_kind: str
    created: bool
    cipher: crypto.ValueCipher | None = None
    special_care: frozenset[str] = frozenset()
    """Special care items consented earlier in this batch (the store's are read once per person)."""
    channels: frozenset[str] = frozenset()
    """Consent-required channels the person consented to, in the store or earlier in this batch."""


@dataclass(slots=True)
class _Planned:
    data: AcquisitionIn
    person: _Person
    digests: list[Digest]
    plan: AcquisitionPlan
    consent_ids: list[str] = field(default_factory=list)


def identifier_digests(hasher: crypto.IdentifierHasher, data: AcquisitionIn, normaliser: Normaliser) -> list[Digest]:
    out: list[Digest] = []
    for identifier in data.identifiers:
        try:
            normal = normalise_identifier(identifier.kind, identifier.value, normaliser)
        except ValueProblem as problem:
            raise InvalidInput(
                f"identifier {identifier.kind}: {problem.message}", details={"code": problem.code}
            ) from None
        out.append((identifier.kind, hasher.digest(identifier.kind, normal)))
    return out


class Acquisition:
    """Collects and writes one batch inside the caller's transaction; `events` are for `record_many`."""

    def __init__(
        self,
        uow: UnitOfWork,
        index: LedgerIndex,
        now: dt.datetime,
        actor: Actor,
        keyring: Keyring,
        cipher_for: Callable[[Session, str], crypto.ValueCipher],
        consents: ConsentRecorder | None,
    ) -> None:
        self._uow = uow
        self._session = uow.session
        self._connection = uow.session.connection()
        self._sql = statements(self._connection.dialect)
        self._index = index
        self._now = now
        self._actor = actor
        self._keyring = keyring
        self._cipher_for = cipher_for
        self._consents = consents
        self.events: list[Entry] = []
        self.touched: list[str] = []
        """Persons who existed before the batch and whose facts it changed."""
        self._in_store: set[Digest] = set()
        self._id_prefix = "p_" + secrets.token_hex(BATCH_ID_BYTES)
        """The first part of the batch's new person ids: random, drawn once per batch (see `BATCH_ID_BYTES`)."""
        self._normaliser = Normaliser()
        """The batch's values normalised so far (an identifier's e-mail address is also a value): dropped with it."""
        self.ciphers: dict[str, crypto.ValueCipher] = {}
        """Data keys of the persons created, for the service's cache once the batch is committed."""

    def run(self, batch: Sequence[AcquisitionIn]) -> list[AcquisitionResult]:
        planned = self._plan(batch)
        self._write_people([p.person for p in planned])
        self._add_consents(planned)
        return self._write_records(planned)

    # -- step 1: resolve and plan, nothing written -----------------------------------------------
    def _plan(self, batch: Sequence[AcquisitionIn]) -> list[_Planned]:
        hasher = crypto.IdentifierHasher(self._keyring.index_key)
        digests = [identifier_digests(hasher, data, self._normaliser) for data in batch]
        known = self._known([d for ds in digests for d in ds])
        self._in_store = set(known)
        stored = self._stored_people({p for d in digests for x in d if (p := known.get(x))} | _ids(batch))
        people: dict[str, _Person] = {}
        planned: list[_Planned] = []
        for position, (data, person_digests) in enumerate(zip(batch, digests, strict=True)):
            try:
                person = self._resolve(data, person_digests, known, stored, people)
                plan = self._plan_one(data, person)
            except InvalidInput as exc:
                if len(batch) > 1:
                    exc.message = f"acquisition [{position}]: {exc.message}"
                    exc.details = {**exc.details, "position": position}
                    exc.args = (exc.message,)
                raise
            for digest in person_digests:
                known.setdefault(digest, person.id)
            if data.consents:
                person.special_care |= {c.target for c in data.consents if c.kind is ConsentKind.special_care}
                person.channels |= {c.target for c in data.consents if c.kind is ConsentKind.channel}
            planned.append(_Planned(data, person, person_digests, plan))
        return planned

    def _known(self, digests: list[Digest]) -> dict[Digest, str]:
        """The persons these identifiers already belong to. By kind, then digest: the unique index's order (a
        lookup by digest alone would scan the whole table, on every batch)."""
        found: dict[Digest, str] = {}
        by_kind: dict[str, set[str]] = {}
        for kind, digest in digests:
            by_kind.setdefault(kind, set()).add(digest)
        connection, mark = self._connection, self._sql.mark
        for kind, values in sorted(by_kind.items()):
            unique = sorted(values)
            for start in range(0, len(unique), 500):
                page = unique[start : start + 500]
                rows = connection.exec_driver_sql(
                    "SELECT digest, person_id FROM person_identifiers "
                    f"WHERE kind = {mark} AND digest IN ({', '.join([mark] * len(page))})",
                    (kind, *page),
                )
                found.update({(kind, d): p for d, p in rows})
        return found

    def _stored_people(self, ids: set[str]) -> dict[str, Person]:
        found: dict[str, Person] = {}
        unique = sorted(ids)
        for start in range(0, len(unique), 500):
            rows = self._session.execute(select(Person).where(Person.id.in_(unique[start : start + 500]))).scalars()
            found.update({p.id: p for p in rows})
        return found

    def _resolve(
        self,
        data: AcquisitionIn,
        digests: list[Digest],
        known: dict[Digest, str],
        stored: dict[str, Person],
        people: dict[str, _Person],
    ) -> _Person:
        matches = {known[d] for d in digests if d in known}
        if data.person_id is not None:
            matches.add(data.person_id)
        if len(matches) > 1:
            raise Conflict("the identifiers given belong to different persons; nothing was stored")
        if not matches:
            if data.subject_kind not in self._index.subject_kinds:
                return _Person("", data.subject_kind, True)  # rejected by the plan
            person_id = self._id_prefix + secrets.token_hex(PERSON_ID_BYTES - BATCH_ID_BYTES)
            person = _Person(person_id, data.subject_kind, True)
            people[person.id] = person
            return person
        person_id = matches.pop()
        found = people.get(person_id)
        if found is not None:
            person = found
        else:
            row = stored.get(person_id)
            if row is None:
                raise NotFound(f"person {person_id} does not exist")
            if row.erased_at is not None:
                raise Conflict(f"person {row.id} was erased; record them as a new person")
            person = _Person(row.id, row.subject_kind, False)
            if self._consents is not None:
                given = self._consents.acquisition_consents(self._session, row.id)
                person.special_care = frozenset(t for k, t in given if k == ConsentKind.special_care.value)
                person.channels = frozenset(t for k, t in given if k == ConsentKind.channel.value)
            people[person_id] = person
        if person.subject_kind != data.subject_kind:
            raise Conflict(
                f"person {person.id} is a {person.subject_kind!r}, not a {data.subject_kind!r}; "
                "record another subject kind as a separate person"
            )
        return person

    def _plan_one(self, data: AcquisitionIn, person: _Person) -> AcquisitionPlan:
        return plan_acquisition(
            self._index,
            subject_kind=data.subject_kind,
            values=data.values,
            channel=data.channel,
            purposes=data.purposes,
            special_care_consented=person.special_care
            | {c.target for c in data.consents if c.kind is ConsentKind.special_care}
            if data.consents
            else person.special_care,
            special_care_basis=data.special_care_basis.value if data.special_care_basis else None,
            channel_consented=data.channel in person.channels
            or any(c.kind is ConsentKind.channel and c.target == data.channel for c in data.consents),
            now=self._now,
            normalise_value=self._normaliser,
        )

    # -- step 2: the new persons and their data keys ---------------------------------------------
    def _write_people(self, people: list[_Person]) -> None:
        new = list({p.id: p for p in people if p.created}.values())
        if not new:
            return
        master_id, master = wrapping_key(self._session, self._keyring)
        wrapper = crypto.KeyWrapper(master)
        keys: list[tuple[Any, ...]] = []
        sql = self._sql
        created, wrapped = sql.persons.bind("created_at", self._now), sql.data_keys.binder("wrapped")
        for person, data_key in zip(new, crypto.new_keys(len(new)), strict=True):
            person.cipher = crypto.ValueCipher(person.id, data_key)
            self.ciphers[person.id] = person.cipher
            keys.append((person.id, master_id, wrapped(wrapper.wrap(person.id, data_key)), created))
        version = self._index.version
        sql.persons.insert(self._connection, [(p.id, p.subject_kind, created, version) for p in new])
        sql.data_keys.insert(self._connection, keys)

    def _add_consents(self, planned: list[_Planned]) -> None:
        given = [(entry, c) for entry in planned for c in entry.data.consents]
        if not given:
            return
        if self._consents is None:
            raise RuntimeError("consents are not wired into the subject service")
        refs = [(PersonRef(e.person.id, e.person.subject_kind, False), c) for e, c in given]
        rows = self._consents.add_many(self._uow, refs, self._index, self._actor)
        for (entry, _), row in zip(given, rows, strict=True):
            entry.consent_ids.append(row.id)

    # -- step 3: identifiers, sealed records, audit events ---------------------------------------
    def _write_records(self, planned: list[_Planned]) -> list[AcquisitionResult]:
        session, now, version, actor = self._session, self._now, self._index.version, self._actor.id
        records = self._sql.records
        ids = iter(records.reserve_ids(self._connection, sum(len(entry.plan.records) for entry in planned)))
        # Rendered once per batch: the instant, and the few lists and dates that repeat from row to row.
        acquired_at = records.bind("acquired_at", now)
        held, ended = records.bind("superseded_at", None), records.bind("superseded_at", now)
        purposes = Rendered(records.binder("purposes"), list)
        purpose_lists = Rendered(list, lambda key: key)  # the views of one batch share their purpose lists
        consents = Rendered(records.binder("consents"), list)
        bases = Rendered(records.binder("basis"), lambda basis: {"special_care": basis} if basis else None)
        until = Rendered(records.binder("retention_until"), lambda value: value)
        blob = records.binder("ciphertext")
        nonce = crypto.Nonces()
        rows: list[tuple[Any, ...]] = []
        views: list[RecordView] = []  # one per row, in the rows' order; each acquisition's result gets its slice
        # The row of each person's item, for a later value in the batch to supersede: an int, which the garbage
        # collector does not walk (a tuple holding the views list it would, and promote, for every record). Kept
        # only for the persons who come more than once in the batch.
        latest: dict[tuple[str, str], int] = {}
        again = _repeated(entry.person.id for entry in planned)
        starts: list[int] = []
        created: list[bool] = []
        superseded: dict[str, set[str]] = {}
        reported: set[str] = set()
        for entry in planned:
            person, data = entry.person, entry.data
            if person.cipher is None:
                person.cipher = self._cipher_for(session, person.id)
            seal = person.cipher.seal
            if not person.created:
                superseded.setdefault(person.id, set()).update(r.item for r in entry.plan.records)
            basis = bases[data.special_care_basis.value if data.special_care_basis else None]
            given = consents[tuple(entry.consent_ids)]
            starts.append(len(rows))
            repeated = person.id in again
            for record in entry.plan.records:
                record_id = next(ids)
                if repeated:
                    at = latest.get((person.id, record.item))
                    if at is not None:  # the same person twice in one batch: the later value supersedes
                        rows[at] = (*rows[at][:SUPERSEDED_AT], ended, *rows[at][SUPERSEDED_AT + 1 :])
                        views[at] = replace(views[at], superseded_at=now)
                    latest[(person.id, record.item)] = len(rows)
                rows.append(
                    (
                        record_id,
                        person.id,
                        record.item,
                        blob(seal(record.item, record.value, nonce())),
                        data.channel,
                        acquired_at,
                        version,
                        purposes[record.purposes],
                        given,
                        basis,
                        record.retention_rule,
                        until[record.retention_until],
                        held,
                        actor,
                    )
                )
                views.append(
                    RecordView(
                        record_id,
                        record.item,
                        data.channel,
                        now,
                        version,
                        purpose_lists[record.purposes],
                        entry.consent_ids,
                        record.retention_rule,
                        record.retention_until,
                        None,
                    )
                )
            created.append(person.created and person.id not in reported)
            reported.add(person.id)
            self.events.append(
                (
                    "person.created" if person.created else "records.acquired",
                    "person",
                    person.id,
                    {
                        "subject_kind": person.subject_kind,
                        "channel": data.channel,
                        "ledger_version": version,
                        "items": sorted(r.item for r in entry.plan.records),
                        "consents": entry.consent_ids,
                        "identifiers": sorted({k for k, _ in entry.digests}),
                    },
                )
            )
        for person_id, items in superseded.items():
            session.execute(
                update(Record)
                .where(Record.person_id == person_id, Record.item.in_(sorted(items)), Record.superseded_at.is_(None))
                .values(superseded_at=now)
            )
            self.touched.append(person_id)
        self._sql.identifiers.insert(self._connection, self._new_identifiers(planned))
        records.insert(self._connection, rows)
        ends = [*starts[1:], len(rows)]
        return [
            AcquisitionResult(entry.person.id, new, views[start:end], entry.consent_ids)
            for entry, new, start, end in zip(planned, created, starts, ends, strict=True)
        ]

    def _new_identifiers(self, planned: list[_Planned]) -> list[tuple[str, str, str]]:
        """Identifiers not in the store yet: every digest of a new person, the unknown ones of the others."""
        out: dict[Digest, tuple[str, str, str]] = {}
        for entry in planned:
            for kind, digest in entry.digests:
                if (kind, digest) not in self._in_store and (kind, digest) not in out:
                    out[(kind, digest)] = (entry.person.id, kind, digest)
        return list(out.values())


def _repeated(person_ids: Iterable[str]) -> set[str]:
    """The persons who come more than once."""
    seen: set[str] = set()
    again: set[str] = set()
    for person_id in person_ids:
        (again if person_id in seen else seen).add(person_id)
    return again


def _ids(batch: Sequence[AcquisitionIn]) -> set[str]:
    return {data.person_id for data in batch if data.person_id is not None}
