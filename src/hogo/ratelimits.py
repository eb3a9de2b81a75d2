"""Rate limits kept in hogo's store, so that every process behind a load balancer counts the same events.

A sliding window approximated from two fixed windows (the current count plus the previous window's count
weighted by how much of it still overlaps): one upsert and one read per event, no row per event. The subject (a
client address) is kept only as a keyed hash. Old windows are removed by the `rate-limit-pruning` job.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Callable, Sequence
from typing import Any, cast

from sqlalchemy import CursorResult, Integer, String, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from hogo.clock import Clock
from hogo.db.base import Base
from hogo.db.types import UtcDateTime
from hogo.db.uow import UnitOfWorkFactory


class RateCount(Base):
    __tablename__ = "rate_limits"

    key: Mapped[str] = mapped_column(String(96), primary_key=True)
    window_start: Mapped[dt.datetime] = mapped_column(UtcDateTime, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, nullable=False)


class RateLimits:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, secret: Callable[[], bytes]) -> None:
        self._uow = uow
        self._clock = clock
        self._secret = secret

    def allow(self, scope: str, subject: str, limit: int, window: dt.timedelta) -> bool:
        """Count one event of `subject` (e.g. a client address) under `scope`; whether it is within `limit` per
        `window`. An event refused still counts, so hammering does not reopen the door sooner."""
        with self._uow() as uow:
            allowed = self.allow_in(uow.session, scope, subject, limit, window)
            uow.commit()
        return allowed

    def allow_in(self, session: Session, scope: str, subject: str, limit: int, window: dt.timedelta) -> bool:
        """The same inside the caller's transaction (a use case that writes anyway saves a second commit)."""
        return self.allow_many(session, scope, [subject], limit, window)[0]

    def allow_many(
        self, session: Session, scope: str, subjects: Sequence[str], limit: int, window: dt.timedelta
    ) -> list[bool]:
        """Count one event per entry of `subjects` (in order) in the caller's transaction; whether each is within
        `limit`. One upsert and one read, however many events and subjects."""
        now = self._clock.now()
        seconds = window.total_seconds()
        start = dt.datetime.fromtimestamp(now.timestamp() // seconds * seconds, dt.UTC)
        previous = start - window
        overlap = 1.0 - (now - start).total_seconds() / seconds
        insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
        events: dict[str, int] = {}
        for subject in subjects:
            events[subject] = events.get(subject, 0) + 1
        secret = self._secret()
        keys = {
            subject: f"{scope}:" + hmac.new(secret, f"{scope}|{subject}".encode(), hashlib.sha256).hexdigest()[:40]
            for subject in events
        }
        base = insert(RateCount)
        upsert = base.on_conflict_do_update(
            index_elements=["key", "window_start"], set_={"count": RateCount.count + base.excluded.count}
        ).returning(RateCount.key, RateCount.count)
        # in key order: two transactions that count the same addresses lock their rows in the same order (PostgreSQL)
        params = sorted(
            ({"key": keys[s], "window_start": start, "count": n} for s, n in events.items()),
            key=lambda p: str(p["key"]),
        )
        counts = {key: int(count) for key, count in session.connection().execute(upsert, params)}  # multi-row
        earlier = {
            key: int(count)
            for key, count in session.execute(
                select(RateCount.key, RateCount.count).where(
                    RateCount.window_start == previous, RateCount.key.in_(list(keys.values()))
                )
            )
        }
        before = {
            subject: (counts[keys[subject]] - n, earlier.get(keys[subject], 0) * overlap)
            for subject, n in events.items()
        }
        allowed: list[bool] = []
        for subject in subjects:
            count, weighted = before[subject]
            before[subject] = (count + 1, weighted)
            allowed.append(count + 1 + weighted <= limit)
        return allowed

    def prune(self, older_than: dt.timedelta) -> int:
        """Remove the windows that ended more than `older_than` ago; how many."""
        with self._uow() as uow:
            result = uow.session.execute(
                delete(RateCount).where(RateCount.window_start < self._clock.now() - older_than)
            )
            gone = cast(CursorResult[Any], result).rowcount
            uow.commit()
        return int(gone or 0)
