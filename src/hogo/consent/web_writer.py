"""The banner's choices are written in groups: one short transaction for every choice waiting, by one thread.

A consent post waits for its own row's commit (the visitor is answered only once the choice is stored), but the
posts that arrive while a commit runs share the next one: one rate-limit upsert per client address and one
multi-row insert per group, instead of a transaction each — on SQLite, where writers take turns on one lock and
a waiting writer sleeps, that is what keeps the rate up and the tail short (ADR 0022). A failure fails the whole
group and stores none of it; a replayed nonce (already stored, or twice in the group) stores nothing for that post.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
import time
from concurrent.futures import Future
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite

from hogo.consent.models import WebConsent
from hogo.db.uow import UnitOfWorkFactory
from hogo.ratelimits import RateLimits

log = logging.getLogger(__name__)

STORED, REPLAYED, LIMITED = "stored", "replayed", "limited"
_Job = tuple[dict[str, Any], str, "Future[str]"]


class GroupWriter:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        ratelimits: RateLimits,
        *,
        limit: int,
        window: dt.timedelta,
        group: int = 500,
        linger: float = 0.002,
    ) -> None:
        self._uow = uow
        self._ratelimits = ratelimits
        self._limit = limit
        self._window = window
        self._group = group
        self._linger = linger
        """How long the first post of a group waits for others to share its commit (a commit costs more)."""
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start = threading.Lock()

    def submit(self, row: dict[str, Any], client: str) -> Future[str]:
        """Queue one choice; the future says `stored`, `replayed` or `limited` once its group has committed."""
        done: Future[str] = Future()
        self._queue.put((row, client, done))
        if self._thread is None:
            with self._start:
                if self._thread is None:
                    self._thread = threading.Thread(target=self._run, name="hogo-web-consent-writer", daemon=True)
                    self._thread.start()
        return done

    def close(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=10)
            self._thread = None

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            jobs = [first]
            until = time.monotonic() + self._linger
            while len(jobs) < self._group:
                wait = until - time.monotonic()
                try:
                    job = self._queue.get(timeout=wait) if wait > 0 else self._queue.get_nowait()
                except queue.Empty:
                    break
                if job is None:
                    self._write(jobs)
                    return
                jobs.append(job)
            self._write(jobs)

    def _write(self, jobs: list[_Job]) -> None:
        try:
            outcomes = self._store(jobs)
        except Exception as error:  # the whole group failed and nothing of it was stored
            log.warning("web consent group of %d not stored: %s", len(jobs), type(error).__name__)
            for _, _, done in jobs:
                done.set_exception(error)
            return
        for (_, _, done), outcome in zip(jobs, outcomes, strict=True):
            done.set_result(outcome)

    def _store(self, jobs: list[_Job]) -> list[str]:
        with self._uow() as uow:
            session = uow.session
            allowed = self._ratelimits.allow_many(
                session, "web-consent", [client for _, client, _ in jobs], self._limit, self._window
            )
            rows = [row for (row, _, _), ok in zip(jobs, allowed, strict=True) if ok]
            stored: set[str] = set()
            if rows:
                insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
                statement = insert(WebConsent).on_conflict_do_nothing(index_elements=["nonce"])
                # executemany with RETURNING: SQLAlchemy sends it as multi-row INSERTs from one cached statement
                returned = session.connection().execute(statement.returning(WebConsent.nonce), rows)
                stored = set(returned.scalars())
            uow.commit()
        outcomes: list[str] = []
        for (row, _, _), ok in zip(jobs, allowed, strict=True):
            if not ok:
                outcomes.append(LIMITED)
            elif row["nonce"] in stored:
                stored.discard(row["nonce"])  # the first post with this nonce has it; a second one is a replay
                outcomes.append(STORED)
            else:
                outcomes.append(REPLAYED)
        return outcomes
