"""What a new ledger would do to the data already held: counted in the store, never shown by value.

A ledger that drops an item, a purpose or a subject kind while people's records are still held
under it would leave that data with no stated purpose (Art. 17(1)) and no retention rule. `measure`
counts, for each removed entry, the people and records it touches; `Impact.orphaning` are the ones
the officer must resolve before the ledger can be applied: retire the records to a purpose the
persons were already told of (`retire_to`), or hand them to retention for disposal (`dispose`).
Consents whose target goes and provision records whose recipient goes are reported, not blocking:
a consent with no target permits nothing, and a provision record must be kept for its own period
(Arts. 29, 30) whoever the recipient was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import String, cast, func, select, update
from sqlalchemy.orm import Session

from hogo.consent.models import Consent
from hogo.errors import InvalidInput
from hogo.ledger.schemas import Ledger
from hogo.provision.models import ProvisionRecord
from hogo.subjects.models import Person, Record

Section = Literal["items", "purposes", "subject_kinds", "consents", "provision_records"]
DISPOSAL_RULE = "ledger.removed"
"""The retention rule written on records handed to disposal by a ledger change."""


@dataclass(frozen=True)
class Held:
    """People and records held under one entry the new ledger removes."""

    section: Section
    key: str
    persons: int
    records: int
    orphaning: bool
    """True when the data would be left with nothing in the ledger to hold it under."""

    def format(self) -> str:
        what = {
            "items": f"item {self.key}: {self.persons} person(s), {self.records} record(s) held",
            "purposes": f"purpose {self.key}: {self.records} record(s) of {self.persons} person(s) held under it",
            "subject_kinds": f"subject kind {self.key}: {self.persons} person(s) held",
            "consents": f"consent target {self.key}: {self.records} consent(s) in force lose their target",
            "provision_records": f"recipient {self.key}: {self.records} provision record(s) kept for their period",
        }[self.section]
        return ("! " if self.orphaning else "  ") + what


@dataclass(frozen=True)
class Impact:
    held: tuple[Held, ...] = field(default_factory=tuple)

    @property
    def orphaning(self) -> tuple[Held, ...]:
        return tuple(h for h in self.held if h.orphaning)

    def as_dict(self) -> list[dict[str, Any]]:
        return [
            {"section": h.section, "key": h.key, "persons": h.persons, "records": h.records, "orphaning": h.orphaning}
            for h in self.held
        ]


@dataclass(frozen=True)
class Resolution:
    """How the officer says orphaned data is to be treated; both may be given."""

    retire_to: str | None = None
    """Records under removed purposes are held under this purpose instead (one the persons were told of)."""
    dispose: bool = False
    """Everything else orphaned is due for disposal now, by the retention sweep."""

    @property
    def given(self) -> bool:
        return self.retire_to is not None or self.dispose


def _live(stmt: Any) -> Any:
    return (
        stmt.select_from(Record)
        .join(Person, Person.id == Record.person_id)
        .where(Record.superseded_at.is_(None), Person.erased_at.is_(None))
    )


def _removed(old: list[Any], new: list[Any], attr: str = "id") -> list[str]:
    kept = {getattr(e, attr) for e in new}
    return sorted(getattr(e, attr) for e in old if getattr(e, attr) not in kept)


def measure(session: Session, old: Ledger | None, new: Ledger, now: dt.datetime) -> Impact:
    """Count what the change from `old` to `new` touches among data held now."""
    if old is None:
        return Impact()
    held: list[Held] = []
    items = _removed(old.items, new.items, "key")
    if items:
        rows = session.execute(
            _live(select(Record.item, func.count(), func.count(func.distinct(Record.person_id))))
            .where(Record.item.in_(items))
            .group_by(Record.item)
        ).all()
        held += [Held("items", item, persons, records, True) for item, records, persons in rows]
    purposes = set(_removed(old.purposes, new.purposes))
    if purposes:
        held += _purposes(session, purposes)
    kinds = _removed(old.subject_kinds, new.subject_kinds)
    if kinds:
        rows = session.execute(
            select(Person.subject_kind, func.count())
            .where(Person.subject_kind.in_(kinds), Person.erased_at.is_(None))
            .group_by(Person.subject_kind)
        ).all()
        held += [Held("subject_kinds", kind, count, 0, True) for kind, count in rows]
    gone = {
        "purpose": purposes,
        "special_care": set(items),
        "provision": set(_removed(old.third_parties, new.third_parties)),
        "foreign_transfer": set(_removed(old.foreign_recipients, new.foreign_recipients))
        | set(_removed(old.third_parties, new.third_parties)),
    }
    targets = set().union(*gone.values())
    if targets:
        rows = session.execute(
            select(Consent.kind, Consent.target, func.count(), func.count(func.distinct(Consent.person_id)))
            .where(Consent.withdrawn_at.is_(None), Consent.target.in_(sorted(targets)))
            .group_by(Consent.kind, Consent.target)
        ).all()
        held += [
            Held("consents", f"{kind}:{target}", persons, count, False)
            for kind, target, count, persons in rows
            if target in gone.get(kind, set())
        ]
    recipients = sorted(gone["foreign_transfer"])
    if recipients:
        rows = session.execute(
            select(ProvisionRecord.counterpart_id, func.count(), func.count(func.distinct(ProvisionRecord.person_id)))
            .where(ProvisionRecord.counterpart_id.in_(recipients), ProvisionRecord.retention_until > now)
            .group_by(ProvisionRecord.counterpart_id)
        ).all()
        held += [Held("provision_records", who, persons, count, False) for who, count, persons in rows]
    return Impact(tuple(held))


def _purposes(session: Session, removed: set[str]) -> list[Held]:
    """Per removed purpose: records held under it; orphaning when some record keeps no other purpose."""
    text = cast(Record.purposes, String)
    combos = session.execute(
        _live(select(Record.purposes, text.label("shown"), func.count())).group_by(Record.purposes, text)
    ).all()
    held: list[Held] = []
    for purpose in sorted(removed):
        touching = [(p, t, n) for p, t, n in combos if purpose in p]
        if not touching:
            continue
        persons = session.execute(
            _live(select(func.count(func.distinct(Record.person_id)))).where(text.in_([t for _, t, _ in touching]))
        ).scalar_one()
        orphaning = any(not (set(p) - removed) for p, _, _ in touching)
        held.append(Held("purposes", purpose, persons, sum(n for _, _, n in touching), orphaning))
    return held


def check_resolution(old: Ledger | None, new: Ledger, impact: Impact, resolution: Resolution) -> None:
    """Refuse an apply that would orphan held data unless the officer said how to treat it."""
    if not impact.orphaning:
        if resolution.given:
            raise InvalidInput.keyed("error.ledger.nothing-orphaned")
        return
    if resolution.retire_to is not None:
        target = resolution.retire_to
        if target not in {p.id for p in new.purposes}:
            raise InvalidInput.keyed("error.ledger.retire-to-unknown", purpose=target)
        if old is None or target not in {p.id for p in old.purposes}:
            raise InvalidInput.keyed("error.ledger.retire-to-not-notified", purpose=target)
    left = [h for h in impact.orphaning if not (h.section == "purposes" and resolution.retire_to)]
    if left and not resolution.dispose:
        raise InvalidInput.keyed(
            "error.ledger.orphaning",
            listed="; ".join(h.format().lstrip("! ") for h in left),
            entries=[h.key for h in left],
            details={"orphaning": [h.__dict__ for h in left]},
        )


def resolve(session: Session, old: Ledger, new: Ledger, resolution: Resolution, now: dt.datetime) -> dict[str, int]:
    """Carry out the officer's resolution in the apply's transaction; counts of records touched."""
    done = {"retired": 0, "disposal_due": 0}
    removed_purposes = set(_removed(old.purposes, new.purposes))
    if resolution.retire_to is not None and removed_purposes:
        text = cast(Record.purposes, String)
        for purposes, shown in _combos(session, removed_purposes):
            kept = [p for p in purposes if p not in removed_purposes]
            retired = kept if resolution.retire_to in kept else [*kept, resolution.retire_to]
            ids = list(session.execute(_live(select(Record.id)).where(text == shown)).scalars())
            for chunk in _chunks(ids):
                session.execute(update(Record).where(Record.id.in_(chunk)).values(purposes=retired))
            done["retired"] += len(ids)
    if resolution.dispose:
        items = _removed(old.items, new.items, "key")
        kinds = _removed(old.subject_kinds, new.subject_kinds)
        due: set[int] = set()
        if items:
            due |= set(session.execute(_live(select(Record.id)).where(Record.item.in_(items))).scalars())
        if kinds:
            due |= set(session.execute(_live(select(Record.id)).where(Person.subject_kind.in_(kinds))).scalars())
        if removed_purposes and resolution.retire_to is None:
            for record_id, purposes in session.execute(
                _live(select(Record.id, Record.purposes)).where(
                    cast(Record.purposes, String).in_([t for _, t in _combos(session, removed_purposes)])
                )
            ).all():
                if not set(purposes) - removed_purposes:
                    due.add(record_id)
        for chunk in _chunks(sorted(due)):
            session.execute(
                update(Record).where(Record.id.in_(chunk)).values(retention_rule=DISPOSAL_RULE, retention_until=now)
            )
        done["disposal_due"] = len(due)
    return done


def _combos(session: Session, removed: set[str]) -> list[tuple[list[str], str]]:
    """The distinct purpose lists held that name a removed purpose, with their stored text."""
    text = cast(Record.purposes, String)
    combos = session.execute(select(Record.purposes, text.label("shown")).distinct()).all()
    return [(list(p), t) for p, t in combos if set(p) & removed]


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]
