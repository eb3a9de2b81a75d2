"""The decision point: `check_use` is the only way to get permission to use personal data (STYLE rule 4).

Decisions are computed from in-memory facts (the compiled ledger and the person's facts, both cached and
dropped when this process changes them; another process's change lands within `decision_cache_seconds`)
and written to the audit trail in batches: one chained event per batch lists every decision in it
(ADR 0004). Reading values goes through the same decision and is audited in its own transaction.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

from hogo.audit.service import AuditService
from hogo.changes import Changes
from hogo.clock import Clock
from hogo.consent.service import ConsentService
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import InvalidInput
from hogo.identity.policy import Actor, Permission
from hogo.ledger.compiled import LedgerIndex
from hogo.ledger.service import LedgerService
from hogo.subjects.service import SubjectService
from hogo.usage.policy import Decision, Facts, StatutoryException, decide

MAX_ITEMS = 200
FACTS_CACHE = 100_000


@dataclass(frozen=True)
class ReadResult:
    decision: Decision
    values: dict[str, str]
    """Opened values of the items that were asked for and are held; empty when the use was denied."""


class UsageService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        audit: AuditService,
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
        self._audit = audit
        self._clock = clock
        self._ledger = ledger
        self._subjects = subjects
        self._consents = consents
        self._cache_seconds = cache_seconds
        self._batch = batch
        self._flush_seconds = flush_seconds
        self._facts: dict[str, tuple[Facts, float]] = {}
        self._index: tuple[LedgerIndex, float] | None = None
        self._pending: list[tuple[float, str, str, str, tuple[str, ...], str, str | None]] = []
        self._first_pending = 0.0
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        """Held for a whole flush, so that a flush returns only after every earlier decision is written."""
        changes.on_person(self.invalidate)
        changes.on_ledger(self.invalidate_ledger)

    # -- caches --------------------------------------------------------------------------------
    def invalidate(self, person_id: str) -> None:
        self._facts.pop(person_id, None)

    def invalidate_ledger(self) -> None:
        self._index = None

    def _current_index(self, now: float) -> LedgerIndex:
        cached = self._index
        if cached is None or now - cached[1] > self._cache_seconds:
            cached = (self._ledger.index(), now)
            self._index = cached
        return cached[0]

    def _person_facts(self, person_id: str, now: float) -> Facts:
        cached = self._facts.get(person_id)
        if cached is not None and now - cached[1] <= self._cache_seconds:
            return cached[0]
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
        if len(self._facts) >= FACTS_CACHE:
            self._facts.clear()
        self._facts[person_id] = (facts, now)
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
        actor.require(Permission.decide)
        if not items or len(items) > MAX_ITEMS:
            raise InvalidInput(f"name between 1 and {MAX_ITEMS} items to use")
        mono = time.monotonic()
        index = self._current_index(mono)
        facts = self._person_facts(person_id, mono)
        at = self._clock.now().timestamp()
        decision = decide(index, facts, items, purpose, actor.categories, at, exception)
        self._log(at, actor.id, person_id, purpose, tuple(items), decision, exception, mono)
        return decision

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
            values = self._subjects.open_values(uow.session, person_id, items)
            self._audit.record(
                uow.session,
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
    def _log(
        self,
        at: float,
        actor: str,
        person_id: str,
        purpose: str,
        items: tuple[str, ...],
        decision: Decision,
        exception: StatutoryException | None,
        mono: float,
    ) -> None:
        entry = (at, actor, person_id, purpose, items, decision.reason.value, exception.value if exception else None)
        with self._lock:
            pending = self._pending
            if not pending:
                self._first_pending = mono
            pending.append(entry)
            due = len(pending) >= self._batch or mono - self._first_pending >= self._flush_seconds
        if due:
            self.flush()

    def flush(self) -> int:
        """Write the decisions waiting in memory to the audit trail as one chained event; how many."""
        with self._write_lock:
            with self._lock:
                pending, self._pending = self._pending, []
            if not pending:
                return 0
            try:
                self._write_batch(pending)
            except Exception:
                with self._lock:  # keep them for the next flush rather than lose them from the audit trail
                    self._pending[:0] = pending
                raise
            return len(pending)

    def _write_batch(self, pending: list[tuple[float, str, str, str, tuple[str, ...], str, str | None]]) -> None:
        with self._uow() as uow:
            self._audit.record(
                uow.session,
                actor="hogo:usage",
                action="usage.decided",
                entity_type="decision_batch",
                entity_id=str(len(pending)),
                data={
                    "fields": ["at", "actor", "person", "purpose", "items", "reason", "exception"],
                    "decisions": [[round(at, 6), a, p, pu, list(i), r, e] for at, a, p, pu, i, r, e in pending],
                },
            )
            uow.commit()

    def close(self) -> None:
        self.flush()
