"""Correction, addition and deletion of a person's items (Art. 34: 訂正・追加・削除).

A part of `SubjectService` (a mixin over `ValueOpening`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from hogo.errors import Conflict, InvalidInput
from hogo.identity.policy import Actor, Permission
from hogo.ledger.compiled import LedgerIndex, add_period
from hogo.subjects import crypto
from hogo.subjects.models import PersonIdentifier, Record
from hogo.subjects.opening import ValueOpening
from hogo.subjects.values import ValueProblem, normalise_identifier
from hogo.subjects.values import normalise as normalise_value


class VaultCorrection(ValueOpening):
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
