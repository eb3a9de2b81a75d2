"""Sealed notes: free text typed by a person (a reference, a reason) kept out of the immutable audit trail.

An audit event must never carry text someone typed: it may name a person, and the trail outlives every erasure.
A use case calls `uow.note(text, person_id=…)`, which returns an id at once; the unit of work hands the text to
this participant, which seals it (AES-GCM, a key derived from the index key, bound to the note id) in the same
transaction; the audit event keeps the id. Staff read a note through `read` (audited). A note about a person is
deleted with the person's erasure (`forget_person`, in the erasure's own unit of work).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from sqlalchemy import LargeBinary, String, delete, insert, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from hogo.adapters.sealing import DocumentSealer
from hogo.db.base import Base
from hogo.db.types import UtcDateTime
from hogo.db.uow import Pending, UnitOfWork, UnitOfWorkFactory
from hogo.errors import NotFound
from hogo.identity.policy import Actor, Permission


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    person_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    sealed: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)


class Notes:
    def __init__(self, uow: UnitOfWorkFactory, now: Callable[[], dt.datetime], sealer: DocumentSealer) -> None:
        self._uow = uow
        self._now = now
        self._sealer = sealer

    # -- the unit of work's participant ----------------------------------------------------------------
    def write(self, session: Session, pending: Pending) -> None:
        if not pending.notes:
            return
        at = self._now()
        rows = [
            {"id": i, "person_id": p, "created_at": at, "sealed": self._sealer.seal(i, {"text": text})}
            for i, text, p in pending.notes
        ]
        session.execute(insert(Note), rows)

    def committed(self, pending: Pending) -> None:
        """Nothing to do after commit."""

    # -- reading, erasing ------------------------------------------------------------------------------
    def read(self, note_id: str, actor: Actor) -> str:
        """The text of a note, for staff who may read people's records; the read is audited."""
        actor.require(Permission.read_people)
        with self._uow() as uow:
            row = uow.session.get(Note, note_id)
            if row is None:
                raise NotFound(f"note {note_id} does not exist (or went with the person's erasure)")
            text = str(self._sealer.open(row.id, row.sealed)["text"])
            uow.record(actor=actor.id, action="note.read", entity_type="note", entity_id=note_id)
            uow.commit()
        return text

    def texts(self, session: Session, note_ids: list[str]) -> dict[str, str]:
        """The texts of notes, opened in the caller's unit of work for a page or a document it builds (the caller
        decides what to audit: an export, say); notes gone with an erasure are missing."""
        if not note_ids:
            return {}
        rows = session.execute(select(Note).where(Note.id.in_(note_ids))).scalars()
        return {row.id: str(self._sealer.open(row.id, row.sealed)["text"]) for row in rows}

    def forget_person(self, uow: UnitOfWork, person_id: str) -> None:
        """The person is being erased (in `uow`): their notes go with them."""
        self.forget_persons(uow, [person_id])

    def forget_persons(self, uow: UnitOfWork, person_ids: Sequence[str]) -> None:
        """Several persons erased in `uow` (a retention sweep's batch): their notes go with them."""
        uow.session.execute(
            delete(Note).where(Note.person_id.in_(list(person_ids))).execution_options(synchronize_session=False)
        )
