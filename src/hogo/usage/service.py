"""The decision point: `check_use` is the only way to get permission to use personal data (STYLE rule 4).

Decisions are computed from in-memory facts (the compiled ledger and the person's facts, both cached and
dropped when this process changes them; another process's change is read from the change journal, polled
once per `decision_cache_seconds`, so it lands within that time)
and written to the audit trail in batches: one chained event per batch lists every decision in it
(ADR 0004) by a background thread every `decision_flush_seconds`, or at once when a batch is full.
Reading values goes through the same decision and is audited in its own transaction.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from hogo.changes import Changes
from hogo.clock import Clock
from hogo.consent.service import ConsentService
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import InvalidInput
from hogo.identity.policy import ROLE_PERMISSIONS, Actor, Permission
from hogo.ledger.compiled import LedgerIndex
from hogo.ledger.service import LedgerService
from hogo.subjects.service import SubjectService
from hogo.usage.policy import Decision, Facts, StatutoryException, decide

log = logging.getLogger(__name__)
MAX_ITEMS = 200
DECIDE = Permission.decide
Logged = tuple[int, str, str, str, tuple[str, ...], str, str | None]
"""One decision as the audit batch lists it: at (POSIX µs), actor, person, purpose, items, reason, exception."""
FACTS_CACHE = 100_000
MEMO_PER_PERSON = 32
"""Decisions memoised per person (distinct purpose, items, clearance and exception); past it the memo restarts."""
MemoKey = tuple[str, tuple[str, ...], frozenset[str] | None, StatutoryException | None]
Remembered = tuple[LedgerIndex, float, Decision, str]
"""A memo entry: the ledger index it holds for, the instant it ends, the decision and its reason code."""
NOT_HELD: tuple[frozenset[str], float | None] = (frozenset(), None)


@dataclass(frozen=True)
class ReadResult:
    decision: Decision
    values: dict[str, str]
    """Opened values of the items that were asked for and are held; empty when the use was denied."""


class UsageService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        ledger: LedgerService,
        subjects: SubjectService,
        consents: ConsentService,
        changes: Changes,
        *,
        cache_seconds: float = 1.0,
        batch: int = 1000,
        flush_seconds: float = 0.2,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._now = clock.timestamp
        self._ledger = ledger
        self._subjects = subjects
        self._consents = consents
        self._cache_seconds = cache_seconds
        self._batch = batch
        self._flush_seconds = flush_seconds
        self._facts: dict[str, Facts] = {}
        self._index: LedgerIndex | None = None
        self._generation = 0
        """Bumped by every invalidation: a load that started before one is not cached (it may be stale)."""
        self._seen_seq: int | None = None
        """The last row of the change journal this process has acted on; None before the first poll."""
        self._next_poll = 0.0
        self._poll_lock = threading.Lock()
        self._pending: deque[Logged] = deque()
        """Decisions not yet in the audit trail; appended and taken without a lock (deque is thread-safe)."""
        self._write_lock = threading.Lock()
        """Held for a whole flush, so that a flush returns only after every earlier decision is written."""
        self._closing = threading.Event()
        self._flusher = threading.Thread(target=self._flush_every_interval, name="hogo-decision-flush", daemon=True)
        self._flusher.start()
        changes.on_person(self.invalidate)
        changes.on_ledger(self.invalidate_ledger)

    # -- caches --------------------------------------------------------------------------------
    def invalidate(self, person_id: str) -> None:
        self._generation += 1
        self._facts.pop(person_id, None)

    def invalidate_ledger(self) -> None:
        self._generation += 1
        self._index = None

    def _poll(self, mono: float) -> None:
        """Drop what other processes changed since the last look (the `fact_changes` journal); once per interval."""
        with self._poll_lock:
            if mono < self._next_poll:
                return
            with self._uow(read_only=True) as uow:
                if self._seen_seq is None:
                    self._seen_seq = Changes.last_seq(uow.session)
                    persons: set[str] = set()
                    ledger, everything = False, True
                else:
                    self._seen_seq, persons, ledger, everything = Changes.since(uow.session, self._seen_seq)
            if everything or len(persons) > len(self._facts):
                self._generation += 1
                self._facts.clear()
            else:
                for person_id in persons:
                    self.invalidate(person_id)
            if ledger or everything:
                self.invalidate_ledger()
            self._next_poll = mono + self._cache_seconds

    def _current_index(self) -> LedgerIndex:
        index = self._index
        if index is None:
            generation = self._generation
            index = self._ledger.index()
            if generation == self._generation:
                self._index = index
        return index

    def _person_facts(self, person_id: str) -> Facts:
        cached = self._facts.get(person_id)
        if cached is not None:
            return cached
        generation = self._generation
        subject = self._subjects.facts(person_id)
        consent = self._consents.state(person_id)
        consented = frozenset(t for k, t in consent.active if k == "purpose")
        facts = Facts(
            subject.subject_kind,
            subject.erased,
            {item: (fact.purposes, fact.retention_until) for item, fact in subject.items.items()},
            consented,
            frozenset(t for k, t in consent.withdrawn if k == "purpose") - consented,
            subject.suspended_all,
            subject.suspended_purposes,
        )
        if generation == self._generation:
            if len(self._facts) >= FACTS_CACHE:
                self._facts.clear()
            self._facts[person_id] = facts
        return facts

    # -- the decision point --------------------------------------------------------------------
    def check_use(
        self,
        person_id: str,
        items: Sequence[str],
        purpose: str,
        actor: Actor,
        exception: StatutoryException | None = None,
    ) -> Decision:
        """May `actor` use `items` of the person for `purpose`? Every answer lands in the audit trail."""
        if DECIDE not in ROLE_PERMISSIONS[actor.role]:
            actor.require(DECIDE)
        items = tuple(items)  # the same tuple keys the memo and goes into the audit batch
        if not items or len(items) > MAX_ITEMS:
            raise InvalidInput(f"name between 1 and {MAX_ITEMS} items to use")
        mono = time.monotonic()
        if mono >= self._next_poll:
            self._poll(mono)
        index = self._index or self._current_index()
        facts = self._facts.get(person_id) or self._person_facts(person_id)
        at = self._now()
        key = (purpose, items, actor.categories, exception)
        entry = facts.memo.get(key)
        if entry is None or entry[0] is not index or at >= entry[1]:
            entry = self._decide(index, facts, key, at)
        pending = self._pending
        # Plain ints, strings and tuples of strings only: the garbage collector stops tracking such a row at its
        # first pass, so thousands of rows waiting for the writer do not bring on full collections (long pauses).
        code = None if exception is None else exception.value
        pending.append((int(at * 1_000_000), actor.id, person_id, purpose, items, entry[3], code))
        if len(pending) >= self._batch:  # a full batch is written at once; the rest within `flush_seconds`
            self.flush()
        return entry[2]

    @staticmethod
    def _decide(index: LedgerIndex, facts: Facts, key: MemoKey, at: float) -> Remembered:
        """decide(), kept in the facts' memo until the ledger changes, the person changes (new facts, empty memo)
        or the first retention period of the items named ends — the only way time alone changes a decision."""
        purpose, items, categories, exception = key
        decision = decide(index, facts, items, purpose, categories, at, exception)
        held = facts.items
        until = min((u for i in items if (u := held.get(i, NOT_HELD)[1]) is not None), default=math.inf)
        memo = facts.memo
        if len(memo) >= MEMO_PER_PERSON:
            memo.clear()
        entry = memo[key] = (index, until, decision, decision.reason.value)
        return entry

    def read(
        self,
        person_id: str,
        items: Sequence[str],
        purpose: str,
        actor: Actor,
        exception: StatutoryException | None = None,
    ) -> ReadResult:
        """Open the values of `items` for `purpose` if the decision point allows it; the read is audited."""
        actor.require(Permission.read_values)
        decision = self.check_use(person_id, items, purpose, actor, exception)
        if not decision.allowed:
            return ReadResult(decision, {})
        with self._uow() as uow:
            values = self._subjects.open_values(uow.session, person_id, items, actor)
            uow.record(
                actor=actor.id,
                action="records.read",
                entity_type="person",
                entity_id=person_id,
                data={
                    "items": sorted(values),
                    "purpose": purpose,
                    "reason": decision.reason.value,
                    "exception": exception.value if exception else None,
                },
            )
            uow.commit()
        return ReadResult(decision, values)

    # -- batched audit of decisions ------------------------------------------------------------
    def flush(self) -> int:
        """Write the decisions waiting in memory to the audit trail as one chained event; how many."""
        with self._write_lock:
            queue = self._pending
            pending = [queue.popleft() for _ in range(len(queue))]
            if not pending:
                return 0
            try:
                self._write_batch(pending)
            except Exception:
                queue.extendleft(reversed(pending))  # kept for the next flush rather than lost to the audit trail
                raise
            return len(pending)

    def _write_batch(self, pending: list[Logged]) -> None:
        with self._uow() as uow:
            uow.record(
                actor="hogo:usage",
                action="usage.decided",
                entity_type="decision_batch",
                entity_id=str(len(pending)),
                data={
                    "fields": ["at_us", "actor", "person", "purpose", "items", "reason", "exception"],
                    "decisions": pending,
                },
            )
            uow.commit()

    def _flush_every_interval(self) -> None:
        """The background writer: whatever is waiting reaches the audit trail within `flush_seconds`."""
        while not self._closing.wait(self._flush_seconds):
            try:
                self.flush()
            except Exception:  # kept in memory by flush(); the next interval tries again
                log.exception("could not write decisions to the audit trail; retrying")

    def close(self) -> None:
        self._closing.set()
        self._flusher.join()
        self.flush()
