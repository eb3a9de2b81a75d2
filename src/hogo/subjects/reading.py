"""Reading the vault's metadata: facts for the decision point, persons and their records, who holds what
(incidents), lookups by identifier, and the audited reads of contact values and processing columns.

A part of `SubjectService` (a mixin over `ValueOpening`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hogo.errors import InvalidInput, NotFound
from hogo.identity.policy import Actor, Permission, require_cleared
from hogo.subjects import crypto, exposure
from hogo.subjects.models import Person, PersonIdentifier, Record, Suspension
from hogo.subjects.opening import ValueOpening
from hogo.subjects.schemas import PersonView, RecordView, SuspensionView
from hogo.subjects.values import ValueProblem, normalise_identifier


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


class VaultReading(ValueOpening):
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
                [suspension_view(s) for s in suspensions],
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


def suspension_view(row: Suspension) -> SuspensionView:
    return SuspensionView(row.id, row.scope, row.purposes, row.reference, row.started_at, row.lifted_at)
