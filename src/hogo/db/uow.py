"""The unit of work: one use case, one transaction, and everything that rides on it.

A use case registers on its unit of work what must land with its change — the audit event (`record`), the
change-journal entry other processes read (`changed`), a message to send (`send`, an outbox row) — and what
must happen only once it has landed (`after_commit`: cache drops, waking the sender). `commit()` writes the
registered rows inside the transaction, in a fixed order (audit events, then the journal, the outbox, the notes),
commits, and then runs the after-commit work; leaving the block without `commit()` discards all of it.
This is Cosmic Python's unit of work collecting events and Zulip's `on_commit`, with the writers injected by
the composition root so that `db` knows no domain (`Participant`).

A read-only unit of work (`uow(read_only=True)`) cannot write: registering anything raises, and so does a
flush of new, changed or deleted objects; on PostgreSQL its transaction is also READ ONLY.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Protocol, Self

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

Entry = tuple[str, str, str, dict[str, Any]]
"""One audit event: (action, entity_type, entity_id, data)."""


@dataclass(frozen=True, slots=True)
class AuditEntry:
    actor: str
    action: str
    entity_type: str
    entity_id: str
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A message to send once the transaction that decided it has committed: a row of the outbox.

    `kind` names the channel ("mail"); `payload` is sealed before it is stored (it holds personal data);
    `key` makes it idempotent (a second message with the same key is the same message); `about` is the entity
    it concerns (e.g. ("request", "rq_…")), whose owner hears when it was delivered or given up."""

    kind: str
    key: str
    payload: dict[str, Any]
    about: tuple[str, str] | None = None
    purpose: str = ""
    """What the message is (e.g. "request.answer"), shown to staff; never personal data."""
    expires_after: dt.timedelta | None = None
    """Not worth sending after this long (a one-time code): then it is dropped, not sent late."""


@dataclass
class Pending:
    """What a unit of work has registered and not yet committed."""

    events: list[AuditEntry] = field(default_factory=list)
    changed: list[str | None] = field(default_factory=list)
    """Persons whose decision facts changed (None: the ledger in force)."""
    messages: list[Outgoing] = field(default_factory=list)
    after: list[Callable[[], None]] = field(default_factory=list)
    notes: list[tuple[str, str, str | None]] = field(default_factory=list)
    """Free text to keep sealed, out of the audit trail: (note id, text, the person it is about or None)."""

    def __bool__(self) -> bool:
        return bool(self.events or self.changed or self.messages or self.after or self.notes)


class Participant(Protocol):
    """A writer of what rides on the transaction (the audit chain, the change journal, the outbox)."""

    def write(self, session: Session, pending: Pending) -> None:
        """Inside the transaction, just before it commits."""

    def committed(self, pending: Pending) -> None:
        """After the commit, in this process (e.g. tell local caches)."""


class ReadOnlyViolation(RuntimeError):
    """Something tried to write through a read-only unit of work."""


class UnitOfWork:
    """`with uow as u: ...; u.commit()` — anything not committed is rolled back (and its registrations dropped)."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        writing: threading.local | None = None,
        participants: Sequence[Participant] = (),
    ) -> None:
        self._factory = session_factory
        self._session: Session | None = None
        self._writing = writing
        """Set for a unit of work that may write: the thread's count of those open (there may be one)."""
        self._participants = participants
        self.pending = Pending()
        self._done: Pending | None = None

    @property
    def read_only(self) -> bool:
        return self._writing is None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("the unit of work is not open")
        return self._session

    def __enter__(self) -> Self:
        if self._writing is not None:
            if getattr(self._writing, "open", 0):
                raise RuntimeError(
                    "a writing unit of work is already open in this thread; on SQLite the second would wait for the "
                    "first until the busy timeout (ADR 0011): read with uow(read_only=True), or work in the open one"
                )
            self._writing.open = 1
        self._session = self._factory()
        self._session.info["uow"] = self
        self.pending, self._done = Pending(), None
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._session is not None
        try:
            self._session.rollback()
        finally:
            self._session.close()
            self._session = None
            self.pending = Pending()
            if self._writing is not None:
                self._writing.open = 0
        done, self._done = self._done, None
        if done is not None:  # committed: the follow-ups run once the unit is closed (they may open their own)
            for participant in self._participants:
                _safely(participant.committed, done)
            for work in done.after:
                _safely(work)

    # -- what rides on the transaction -----------------------------------------------------------
    def _writable(self) -> Pending:
        if self.read_only:
            raise ReadOnlyViolation("a read-only unit of work cannot write: open it with uow()")
        return self.pending

    def record(
        self, *, actor: str, action: str, entity_type: str, entity_id: str, data: dict[str, Any] | None = None
    ) -> None:
        """An audit event of this change, appended to the chain when the unit commits.

        `data` must hold no personal values and no free text typed by a person — opaque ids, counts, versions
        and codes only (free text goes into a sealed note, `hogo.notes`, and the event keeps its id)."""
        self._writable().events.append(AuditEntry(actor, action, entity_type, entity_id, data or {}))

    def record_many(self, *, actor: str, entries: Sequence[Entry]) -> None:
        """Several audit events of this change (action, entity_type, entity_id, data), in order."""
        events = self._writable().events
        events.extend(AuditEntry(actor, a, t, i, d) for a, t, i, d in entries)

    def note(self, text: str, *, person_id: str | None = None) -> str:
        """Keep free text typed by a person (a reference, a reason) sealed beside the change, and return the id an
        audit event may carry instead of the text. A note about a person goes when the person is erased."""
        note_id = "nt_" + secrets.token_hex(10)
        self._writable().notes.append((note_id, text, person_id))
        return note_id

    def changed(self, *person_ids: str | None) -> None:
        """These persons' decision facts changed (None: the ledger in force): journal it for other processes and
        tell this process's caches after commit."""
        self._writable().changed.extend(person_ids)

    def send(self, message: Outgoing) -> None:
        """A message to send after commit: an outbox row written in this transaction."""
        self._writable().messages.append(message)

    def after_commit(self, work: Callable[[], None]) -> None:
        """Run `work` once the transaction has committed (never if it rolls back)."""
        self._writable().after.append(work)

    def commit(self) -> None:
        """Write what was registered, commit; the after-commit work runs when the unit closes."""
        session, pending = self.session, self.pending
        if self.read_only:
            if pending:
                raise ReadOnlyViolation("a read-only unit of work cannot write: open it with uow()")
            session.commit()
            return
        for participant in self._participants:
            participant.write(session, pending)
        session.commit()
        self.pending = Pending()
        if self._done is None:
            self._done = pending
        else:  # committed twice in one unit: both sets of follow-ups run
            self._done = _merged(self._done, pending)


def _merged(a: Pending, b: Pending) -> Pending:
    return Pending(
        a.events + b.events, a.changed + b.changed, a.messages + b.messages, a.after + b.after, a.notes + b.notes
    )


def _safely(work: Callable[..., None], *args: Any) -> None:
    """After commit the change stands: a failing follow-up is logged, never turned into the use case's failure."""
    try:
        work(*args)
    except Exception:
        log.exception("work after commit failed: %s", getattr(work, "__qualname__", work))


def current(session: Session) -> UnitOfWork:
    """The unit of work a session belongs to (for code handed only the session)."""
    uow = session.info.get("uow")
    if not isinstance(uow, UnitOfWork):
        raise RuntimeError("this session belongs to no unit of work")
    return uow


def _refuse_writes(session: Session, _context: Any, _instances: Any) -> None:
    if session.new or session.dirty or session.deleted:
        raise ReadOnlyViolation("a read-only unit of work cannot write: open it with uow()")


class UnitOfWorkFactory:
    """`uow()` for a use case that writes; `uow(read_only=True)` for one that only reads (on SQLite it takes
    no write lock, so long reads such as an audit verification never hold writers up)."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        reader: sessionmaker[Session] | None = None,
        participants: Sequence[Participant] = (),
    ) -> None:
        self._factory = session_factory
        self._reader = reader or session_factory
        if reader is not None:
            event.listen(reader, "before_flush", _refuse_writes)
        self._writing = threading.local()
        self.participants: list[Participant] = list(participants)
        """Filled by the composition root, in the order they write: audit chain, change journal, outbox."""

    def __call__(self, *, read_only: bool = False) -> UnitOfWork:
        if read_only:
            return UnitOfWork(self._reader, None)
        return UnitOfWork(self._factory, self._writing, self.participants)
