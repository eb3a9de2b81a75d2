"""Who the vault holds data of, for an incident: persons with records of some items, of some subject kinds,
acquired in a time window; and which persons hold given identifiers. Metadata only: no value is opened.

Called through `SubjectService` by the incident domain (it never reads the vault's tables itself).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from hogo.subjects import crypto
from hogo.subjects.models import Person, PersonIdentifier, Record
from hogo.subjects.values import normal_form

CHUNK = 1000
LOAD_ALL_ABOVE = 400_000
"""Matching more identifiers than this reads every digest of the kind once instead of asking in chunks (an index
lookup per value is cheaper until a good part of the table is asked for)."""


@dataclass(frozen=True)
class Holders:
    """The persons the vault holds records of: their ids, and those of them who were erased (records unreadable)."""

    person_ids: list[str]
    erased: frozenset[str]


def holders(
    session: Session,
    items: Sequence[str],
    subject_kinds: Sequence[str] = (),
    acquired_from: dt.datetime | None = None,
    acquired_to: dt.datetime | None = None,
    persons: Sequence[str] = (),
) -> Holders:
    query = (
        select(Record.person_id, Person.erased_at)
        .join(Person, Person.id == Record.person_id)
        .where(Record.item.in_(list(items)))
        .distinct()
    )
    if subject_kinds:
        query = query.where(Person.subject_kind.in_(list(subject_kinds)))
    if acquired_from is not None:
        query = query.where(Record.acquired_at >= acquired_from)
    if acquired_to is not None:
        query = query.where(Record.acquired_at <= acquired_to)
    if persons:
        query = query.where(Record.person_id.in_(list(persons)))
    ids: list[str] = []
    erased: set[str] = set()
    for person_id, erased_at in session.execute(query.execution_options(yield_per=50_000)):
        ids.append(person_id)
        if erased_at is not None:
            erased.add(person_id)
    return Holders(ids, frozenset(erased))


def by_identifier(session: Session, index_key: bytes, kind: str, values: Iterable[str]) -> dict[str, str]:
    """{value as given: person id} for the values some person holds as an identifier of `kind`."""
    held = session.execute(select(PersonIdentifier.id).where(PersonIdentifier.kind == kind).limit(1)).first()
    if held is None:  # the vault holds no identifier of this kind (a database's own customer number)
        return {}
    digests: dict[str, str] = {}
    for value in values:
        normal = normal_form(kind, value)
        if normal is not None:
            digests[crypto.identifier_digest(index_key, kind, normal)] = value
    found: dict[str, str] = {}
    if len(digests) > LOAD_ALL_ABOVE:
        rows = session.execute(
            select(PersonIdentifier.digest, PersonIdentifier.person_id).where(PersonIdentifier.kind == kind)
        )
        for digest, person_id in rows:
            if digest in digests:
                found[digests[digest]] = person_id
        return found
    wanted = list(digests)
    for start in range(0, len(wanted), CHUNK):
        rows = session.execute(
            select(PersonIdentifier.digest, PersonIdentifier.person_id).where(
                PersonIdentifier.kind == kind, PersonIdentifier.digest.in_(wanted[start : start + CHUNK])
            )
        )
        for digest, person_id in rows:
            found[digests[digest]] = person_id
    return found
