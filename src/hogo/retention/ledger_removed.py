"""Records a ledger change handed to disposal (`hogo ledger apply --dispose`: `retention_rule: ledger.removed`, due
when applied), deleted by the next sweep run."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import delete, select

from hogo.db.uow import Entry, UnitOfWorkFactory
from hogo.identity.policy import Actor
from hogo.ledger.impact import DISPOSAL_RULE
from hogo.subjects.models import Person, Record
from hogo.subjects.service import SubjectService

DELETE_BATCH = 500
"""Records deleted per statement."""


def dispose_ledger_removed(
    uow_factory: UnitOfWorkFactory, subjects: SubjectService, actor: Actor, as_of: dt.datetime
) -> int:
    """Delete the records a ledger change handed to disposal (`ledger.removed`, due when applied); a person left
    with no record is crypto-shredded as any disposal does. Content-free audit: counts per person."""
    with uow_factory() as uow:
        session = uow.session
        rows = session.execute(
            select(Record.id, Record.person_id)
            .join(Person, Person.id == Record.person_id)
            .where(
                Record.retention_rule == DISPOSAL_RULE,
                Record.retention_until <= as_of,
                Person.erased_at.is_(None),
            )
            .with_for_update()
        ).all()
        if not rows:
            return 0
        per_person = Counter(person for _, person in rows)
        ids = [record for record, _ in rows]
        for start in range(0, len(ids), DELETE_BATCH):
            session.execute(
                delete(Record)
                .where(Record.id.in_(ids[start : start + DELETE_BATCH]))
                .execution_options(synchronize_session=False)
            )
        shredded = subjects.dispose_records(uow, {p: [] for p in per_person})
        events: list[Entry] = [
            (
                "retention.disposed",
                "person",
                person,
                {
                    "rule": DISPOSAL_RULE,
                    "records": count,
                    "method": "crypto_shred" if shredded[person].shredded else "delete",
                },
            )
            for person, count in sorted(per_person.items())
        ]
        uow.record_many(actor=actor.id, entries=events)
        uow.commit()
    return len(ids)
