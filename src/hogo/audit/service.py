"""Audit use cases: append an event inside the caller's transaction; verify the whole chain."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hogo.audit.models import AuditEvent, AuditHead
from hogo.audit.policy import GENESIS, ChainBreak, ChainedEvent, canonical, chain_hash, verify_chain
from hogo.clock import Clock
from hogo.db.uow import UnitOfWorkFactory

HEAD_ID = 1


@dataclass(frozen=True)
class VerifyResult:
    events: int
    broken: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.broken is None


class AuditService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def record(
        self,
        session: Session,
        *,
        actor: str,
        action: str,
        entity_type: str,
        entity_id: str,
        data: dict[str, Any] | None = None,
    ) -> AuditEvent:
        """Append one event in the caller's transaction: it commits or rolls back with the change it records.

        `data` must hold no personal values — opaque ids, counts, versions and codes only.
        """
        head = session.get(AuditHead, HEAD_ID, with_for_update=True)
        if head is None:
            head = AuditHead(id=HEAD_ID, seq=0, hash=GENESIS)
            session.add(head)
        occurred_at = self._clock.now()
        seq = head.seq + 1
        payload = data or {}
        digest = chain_hash(head.hash, canonical(seq, occurred_at, actor, action, entity_type, entity_id, payload))
        event = AuditEvent(
            seq=seq,
            occurred_at=occurred_at,
            actor=actor,
            action=action,
            entity_type=entity_type,
            entity_id=entity_id,
            data=payload,
            prev_hash=head.hash,
            hash=digest,
        )
        session.add(event)
        head.seq, head.hash = seq, digest
        session.flush()
        return event

    def verify(self, batch: int = 10_000) -> VerifyResult:
        """Recompute the chain from the first event to the head; report the first break."""
        with self._uow() as uow:
            session = uow.session
            head = session.get(AuditHead, HEAD_ID)
            counted = 0

            def events() -> Iterator[ChainedEvent]:
                nonlocal counted
                rows = session.execute(select(AuditEvent).order_by(AuditEvent.seq).execution_options(yield_per=batch))
                for row in rows.scalars():
                    counted += 1
                    yield _view(row)

            broken = verify_chain(events())
            if broken is None and head is not None:
                last = session.execute(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).scalar()
                if last is None or last.seq != head.seq or last.hash != head.hash:
                    broken = ChainBreak(head.seq, "events after the last stored one were removed (head mismatch)")
            return VerifyResult(counted, broken)

    def events(self, *, action_prefix: str | None = None, limit: int = 100) -> list[ChainedEvent]:
        """The latest events, newest first."""
        with self._uow() as uow:
            query = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(limit)
            if action_prefix:
                query = query.where(AuditEvent.action.startswith(action_prefix))
            return [_view(row) for row in uow.session.execute(query).scalars()]


def _view(row: AuditEvent) -> ChainedEvent:
    return ChainedEvent(
        row.seq,
        row.occurred_at,
        row.actor,
        row.action,
        row.entity_type,
        row.entity_id,
        row.data,
        row.prev_hash,
        row.hash,
    )
