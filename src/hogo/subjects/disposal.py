"""Vault facts and steps for retention (保存期間): when records were acquired, and disposing of them when due.

A part of `SubjectService` (a mixin, as keys.py is): the retention domain asks the vault through these methods
and never reads the vault's tables itself. Disposal runs inside the caller's unit of work, so that the holds the
retention domain re-checks there and the deletion commit together.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from hogo.adapters.keyring import Keyring
from hogo.clock import Clock
from hogo.db.uow import UnitOfWork
from hogo.subjects.crypto import ValueCipher
from hogo.subjects.models import DataKey, Person, PersonIdentifier, Record, Suspension

log = logging.getLogger(__name__)

CHUNK = 500
"""Ids per IN (…) list: well under SQLite's and PostgreSQL's parameter limits."""


@dataclass(frozen=True)
class Disposed:
    person_id: str
    records: int
    shredded: bool
    """Every live record of the person went, so their data key and identifiers were destroyed too."""


def _chunks(ids: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


class VaultDisposal:
    _clock: Clock
    _keyring: Keyring
    _ciphers: OrderedDict[str, ValueCipher]
    on_erase: list[Callable[[UnitOfWork, Sequence[str]], None]]

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

    # -- clock starts ---------------------------------------------------------------------------
    @staticmethod
    def acquired(
        session: Session, items: Sequence[str], subject_kinds: Sequence[str], before: dt.datetime
    ) -> list[tuple[str, str, dt.datetime]]:
        """(person, subject kind, latest acquisition of these items) of live persons whose latest is before `before`."""
        latest = func.max(Record.acquired_at)
        rows = session.execute(
            select(Record.person_id, Person.subject_kind, latest)
            .join(Person, Person.id == Record.person_id)
            .where(
                Record.item.in_(list(items)),
                Record.superseded_at.is_(None),
                Person.subject_kind.in_(list(subject_kinds)),
                Person.erased_at.is_(None),
            )
            .group_by(Record.person_id, Person.subject_kind)
            .having(latest <= before)
        ).all()
        return [(p, k, at) for p, k, at in rows]

    @staticmethod
    def holding(session: Session, person_ids: Sequence[str], items: Sequence[str]) -> dict[str, tuple[str, int]]:
        """Of these persons, those still holding live records of `items`: person → (subject kind, records)."""
        out: dict[str, tuple[str, int]] = {}
        for chunk in _chunks(list(person_ids)):
            rows = session.execute(
                select(Record.person_id, Person.subject_kind, func.count())
                .join(Person, Person.id == Record.person_id)
                .where(
                    Record.person_id.in_(chunk),
                    Record.item.in_(list(items)),
                    Record.superseded_at.is_(None),
                    Person.erased_at.is_(None),
                )
                .group_by(Record.person_id, Person.subject_kind)
            ).all()
            out.update({p: (k, n) for p, k, n in rows})
        return out

    @staticmethod
    def stamp_retention(
        session: Session, person_id: str, rule_id: str, items: Sequence[str], until: dt.datetime | None
    ) -> int:
        """Set (or, with None, clear) the retention end the decision point reads on these live records."""
        result = session.execute(
            update(Record)
            .where(Record.person_id == person_id, Record.item.in_(list(items)), Record.superseded_at.is_(None))
            .values(retention_rule=rule_id, retention_until=until)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    # -- disposal -------------------------------------------------------------------------------
    def dispose_records(self, uow: UnitOfWork, wanted: Mapping[str, Sequence[str]]) -> dict[str, Disposed]:
        """Delete the live and superseded records of the named items of each person (person → items); a person left
        with no record at all is crypto-shredded (data key and identifiers destroyed, as an erasure does). Runs in
        the caller's unit of work; the caller records the audit events."""
        session = uow.session
        out: dict[str, Disposed] = {}
        by_items: dict[tuple[str, ...], list[str]] = {}
        for person_id, items in wanted.items():
            by_items.setdefault(tuple(sorted(set(items))), []).append(person_id)
        counts: dict[str, int] = {}
        for items, persons in by_items.items():
            for chunk in _chunks(persons):
                found = session.execute(
                    select(Record.person_id, func.count())
                    .where(Record.person_id.in_(chunk), Record.item.in_(list(items)))
                    .group_by(Record.person_id)
                ).all()
                counts.update({p: n for p, n in found})
                session.execute(
                    delete(Record)
                    .where(Record.person_id.in_(chunk), Record.item.in_(list(items)))
                    .execution_options(synchronize_session=False)
                )
        persons = list(wanted)
        left: set[str] = set()
        for chunk in _chunks(persons):
            left.update(
                session.execute(select(Record.person_id).where(Record.person_id.in_(chunk)).distinct()).scalars()
            )
        empty = [p for p in persons if p not in left]
        now = self._clock.now()
        for chunk in _chunks(empty):
            alive = list(
                session.execute(select(Person.id).where(Person.id.in_(chunk), Person.erased_at.is_(None))).scalars()
            )
            if not alive:
                continue
            session.execute(
                delete(DataKey).where(DataKey.person_id.in_(alive)).execution_options(synchronize_session=False)
            )
            session.execute(
                delete(PersonIdentifier)
                .where(PersonIdentifier.person_id.in_(alive))
                .execution_options(synchronize_session=False)
            )
            session.execute(
                update(Person)
                .where(Person.id.in_(alive))
                .values(erased_at=now)
                .execution_options(synchronize_session=False)
            )
            session.execute(
                update(Suspension)
                .where(Suspension.person_id.in_(alive))
                .values(reference="(erased)")
                .execution_options(synchronize_session=False)
            )
            for hook in self.on_erase:  # other domains' copies of these persons' data, in this transaction
                hook(uow, alive)
            uow.after_commit(lambda shredded=alive: self._forget_many(shredded))  # type: ignore[misc]
            empty_alive = set(alive)
            for person_id in chunk:
                if person_id in empty_alive:
                    out[person_id] = Disposed(person_id, counts.get(person_id, 0), True)
        for person_id in persons:
            out.setdefault(person_id, Disposed(person_id, counts.get(person_id, 0), False))
        uow.changed(*persons)
        return out
