"""Notices that facts changed (a person's, or the ledger in force), so that caches drop them.

Inside this process, listeners hear of a change as soon as it is committed. Other processes learn of it
from the `fact_changes` journal: the transaction that changes a person's facts appends a row naming the
person (or none, for the ledger), and a cache calls `poll()` at most once per `decision_cache_seconds` to
read the rows appended since its last look — one indexed query per interval, however many people it holds,
where expiring each cached entry would reload every person once per interval (ADR 0004).

A cache may skip a seq it has seen past only if a lower seq can still commit after it. It cannot: the unit of
work writes the journal (`write`) after the transaction's audit events, and the audit participant holds the
chain head's row lock until commit (it takes it even when only the journal is written), so journal rows commit
in seq order (a rolled-back transaction leaves a gap, never a late row).

The journal is pruned (`ChangeJournal.prune`, the `change-journal-pruning` job): rows older than a bound go,
always a prefix by seq and never the newest row (SQLite would hand its seq out again). A cache that last
looked before the pruned range cannot tell which persons it missed, so `since` tells it to drop everything.

The table lives here, beside the class that writes and reads it: it belongs to no domain, and every domain
that changes decision facts registers the change on its unit of work (`uow.changed(person_id)`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, NamedTuple, cast

from sqlalchemy import CursorResult, Integer, String, delete, func, insert, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from hogo.clock import Clock
from hogo.db.base import Base
from hogo.db.types import UtcDateTime
from hogo.db.uow import Pending, UnitOfWorkFactory


class FactChange(Base):
    __tablename__ = "fact_changes"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    changed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False, index=True)


class Changes:
    def __init__(self, now: Callable[[], dt.datetime]) -> None:
        """`now` is the injected clock's: the journal's times are the store's times."""
        self._person: list[Callable[[str], None]] = []
        self._ledger: list[Callable[[], None]] = []
        self._now = now

    def on_person(self, listener: Callable[[str], None]) -> None:
        self._person.append(listener)

    def on_ledger(self, listener: Callable[[], None]) -> None:
        self._ledger.append(listener)

    # -- the unit of work's participant ----------------------------------------------------------------
    def write(self, session: Session, pending: Pending) -> None:
        """Journal, in the unit of work's transaction, whose facts changed (None: the ledger's).

        The audit participant writes first and holds the chain head's lock until commit (see the module doc)."""
        at = self._now()
        rows = [{"person_id": person_id, "changed_at": at} for person_id in dict.fromkeys(pending.changed)]
        if rows:
            session.execute(insert(FactChange), rows)

    def committed(self, pending: Pending) -> None:
        """Tell this process's caches at once."""
        for person_id in dict.fromkeys(pending.changed):
            if person_id is None:
                for ledger_listener in self._ledger:
                    ledger_listener()
            else:
                for listener in self._person:
                    listener(person_id)

    # -- other processes' changes --------------------------------------------------------------------
    @staticmethod
    def last_seq(session: Session) -> int:
        return session.execute(select(func.coalesce(func.max(FactChange.seq), 0))).scalar_one()

    @staticmethod
    def since(session: Session, seq: int) -> Since:
        """The journal after `seq`: the new last seq, the persons named, whether the ledger changed, and whether
        rows after `seq` were pruned before the caller saw them (then it must drop everything)."""
        rows = session.execute(
            select(FactChange.seq, FactChange.person_id).where(FactChange.seq > seq).order_by(FactChange.seq)
        ).all()
        if not rows:
            return Since(seq, set(), False, False)
        persons = {p for _, p in rows if p is not None}
        # Pruning removes a prefix: rows between `seq` and the first one left are gone only if no row at or
        # below `seq` is left either. (A gap with rows below it is a rolled-back transaction's seq.)
        missed = rows[0][0] > seq + 1 and session.execute(select(func.min(FactChange.seq))).scalar_one() > seq
        return Since(rows[-1][0], persons, any(p is None for _, p in rows), missed)


class Since(NamedTuple):
    seq: int
    persons: set[str]
    ledger: bool
    missed: bool
    """Rows after the caller's seq were pruned before it read them: it cannot know whose facts changed."""


class Pruned(NamedTuple):
    deleted: int
    kept_from: int | None
    """The lowest seq left in the journal (None: the journal is empty)."""


class ChangeJournal:
    """The journal's upkeep: delete what every cache has long read. Deletes a prefix by seq — every row below
    the oldest row newer than the bound — in batches, one transaction each, and never the newest row."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def prune(self, keep: dt.timedelta, *, batch: int = 10_000) -> Pruned:
        """Delete the rows older than `keep` (by the injected clock) that are not the newest; how many."""
        bound = self._clock.now() - keep
        deleted = 0
        while True:
            with self._uow() as uow:
                session = uow.session
                newest_kept = select(func.min(FactChange.seq)).where(FactChange.changed_at >= bound).scalar_subquery()
                keep_from = session.execute(select(func.coalesce(newest_kept, func.max(FactChange.seq)))).scalar()
                lowest = session.execute(select(func.min(FactChange.seq))).scalar()
                if keep_from is None or lowest is None or lowest >= keep_from:
                    return Pruned(deleted, lowest)
                upto = min(keep_from, lowest + batch)
                pruned = session.execute(delete(FactChange).where(FactChange.seq < upto))
                deleted += cast(CursorResult[Any], pruned).rowcount
                uow.commit()
