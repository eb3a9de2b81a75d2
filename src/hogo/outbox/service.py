"""The outbox: written by the unit of work with the change that causes a message; delivered after commit.

`write` (the unit of work's participant) inserts one row per message in the use case's transaction, its payload
sealed; a key seen before adds nothing (idempotent). After commit the messages are delivered at once in the
committing thread (the CLI, the tests) or by the sender thread that `hogo serve` starts (`start`), and again by
the `outbox-delivery` job for retries, crashed attempts and other processes' messages.

One attempt is three steps: claim the row (a conditional UPDATE that only one sender can win, on SQLite and
PostgreSQL alike; it takes over a `sending` row whose lease ran out, and then marks the message as a re-send),
send it outside any transaction, and record the outcome in a unit of work that also tells the message's owner
(`on_outcome`: the request learns that its answer was sent, or could not be). A sent message loses its payload.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, Table, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from hogo.adapters.mail import Envelope, Mailer, MailFailed, MailMessage
from hogo.adapters.sealing import DocumentSealer
from hogo.clock import Clock
from hogo.db.uow import Pending, UnitOfWork, UnitOfWorkFactory
from hogo.errors import Conflict, InvalidInput, NotFound
from hogo.identity.policy import Actor, Permission
from hogo.outbox.models import OutboxMessage
from hogo.outbox.policy import CLAIMABLE, Retry, State

log = logging.getLogger(__name__)
BATCH = 100


@dataclass(frozen=True)
class MessageView:
    """A message as staff see it: no recipient, no body."""

    id: str
    kind: str
    purpose: str
    about: tuple[str, str] | None
    state: State
    attempts: int
    created_at: dt.datetime
    next_attempt_at: dt.datetime | None
    sent_at: dt.datetime | None
    resent: bool
    last_error: str | None


@dataclass(frozen=True)
class Delivered:
    """What the owner of a message hears when it was sent or given up."""

    message: MessageView
    at: dt.datetime


@dataclass(frozen=True)
class DeliveryRun:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    expired: int = 0

    def __add__(self, other: DeliveryRun) -> DeliveryRun:
        return DeliveryRun(
            self.sent + other.sent,
            self.retrying + other.retrying,
            self.failed + other.failed,
            self.expired + other.expired,
        )

    @property
    def total(self) -> int:
        return self.sent + self.retrying + self.failed + self.expired


OutcomeListener = Callable[[UnitOfWork, str, Delivered], None]


class Outbox:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        sealer: DocumentSealer,
        mailer: Mailer,
        *,
        retry: Retry | None = None,
        sender_domain: str = "hogo.localhost",
        poll_seconds: float = 5.0,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._sealer = sealer
        self.mailer = mailer
        """The channel of kind "mail" (tests put a fake or an SMTP client pointed at their server here)."""
        self.retry = retry or Retry()
        self._domain = sender_domain
        self._poll_seconds = poll_seconds
        self._listeners: dict[str, list[OutcomeListener]] = {}
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- the unit of work's participant -----------------------------------------------------------------
    def write(self, session: Session, pending: Pending) -> None:
        if not pending.messages:
            return
        now = self._clock.now()
        rows = []
        for message in pending.messages:
            message_id = "ob_" + secrets.token_hex(10)
            rows.append(
                {
                    "id": message_id,
                    "key": message.key,
                    "kind": message.kind,
                    "purpose": message.purpose,
                    "about_type": message.about[0] if message.about else None,
                    "about_id": message.about[1] if message.about else None,
                    "state": State.pending.value,
                    "attempts": 0,
                    "created_at": now,
                    "next_attempt_at": now,
                    "expires_at": now + message.expires_after if message.expires_after else None,
                    "resent": False,
                    "payload": self._sealer.seal(message_id, message.payload),
                }
            )
        connection = session.connection()
        connection.execute(_INSERT[connection.dialect.name == "postgresql"], rows)

    def committed(self, pending: Pending) -> None:
        if not pending.messages:
            return
        if self._thread is not None:
            self._wake.set()
        else:
            self.deliver_keys([m.key for m in pending.messages])

    # -- owners of messages ------------------------------------------------------------------------------
    def on_outcome(self, about_type: str, listener: OutcomeListener) -> None:
        """`listener(uow, about_id, delivered)` runs in the transaction that records a message about an entity of
        this type as sent or given up."""
        self._listeners.setdefault(about_type, []).append(listener)

    # -- delivery ----------------------------------------------------------------------------------------
    def deliver_due(self, limit: int = 1000) -> DeliveryRun:
        """Deliver what is due: new messages, retries, and attempts whose sender vanished (lease run out)."""
        now = self._clock.now()
        with self._uow(read_only=True) as uow:
            ids = (
                uow.session.execute(
                    select(OutboxMessage.id)
                    .where(_claimable(now))
                    .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
                    .limit(limit)
                )
                .scalars()
                .all()
            )
        return self._deliver_each(ids)

    def deliver_keys(self, keys: Sequence[str]) -> DeliveryRun:
        with self._uow(read_only=True) as uow:
            ids = uow.session.execute(select(OutboxMessage.id).where(OutboxMessage.key.in_(list(keys)))).scalars()
            return self._deliver_each(list(ids))

    def _deliver_each(self, ids: Sequence[str]) -> DeliveryRun:
        run = DeliveryRun()
        for message_id in ids:
            run += self.deliver(message_id)
        return run

    def deliver(self, message_id: str) -> DeliveryRun:
        """One attempt at one message, if this sender wins it; what became of it."""
        claimed = self._claim(message_id)
        if claimed is None:
            return DeliveryRun()
        kind, payload, envelope, expired = claimed
        if expired:
            return self._finish(message_id, State.expired, None)
        try:
            self._send(kind, payload, envelope)
        except MailFailed as exc:
            return self._failed(message_id, exc)
        except Exception as exc:  # a channel's bug must not leave the message claimed for a whole lease
            log.exception("outbox message %s: the channel failed", message_id)
            return self._failed(message_id, MailFailed(f"the channel failed: {type(exc).__name__}"))
        return self._finish(message_id, State.sent, None)

    def _claim(self, message_id: str) -> tuple[str, dict[str, Any], Envelope, bool] | None:
        now = self._clock.now()
        with self._uow() as uow:
            session = uow.session
            won = cast(
                CursorResult[Any],
                session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id == message_id, _claimable(now))
                    .values(
                        state=State.sending.value,
                        lease_until=now + self.retry.lease,
                        attempts=OutboxMessage.attempts + 1,
                        resent=or_(OutboxMessage.resent, OutboxMessage.state == State.sending.value),
                    )
                    .execution_options(synchronize_session=False)
                ),
            ).rowcount
            if won != 1:
                return None
            row = session.get_one(OutboxMessage, message_id, populate_existing=True)
            if row.payload is None:  # cannot happen for a claimable row; refuse rather than send nothing
                raise Conflict(f"outbox message {message_id} has no payload")
            payload = self._sealer.open(message_id, row.payload)
            envelope = Envelope(self._message_id(row.key), resend=row.resent)
            expired = row.expires_at is not None and now > row.expires_at
            kind = row.kind
            uow.commit()
        return kind, payload, envelope, expired

    def _send(self, kind: str, payload: dict[str, Any], envelope: Envelope) -> None:
        if kind != "mail":
            raise MailFailed(f"no channel delivers messages of kind {kind!r}", permanent=True)
        message = MailMessage(payload["to"], payload["subject"], payload["body"], payload.get("from_name"))
        self.mailer.send(message, envelope)

    def _failed(self, message_id: str, exc: MailFailed) -> DeliveryRun:
        now = self._clock.now()
        with self._uow() as uow:
            row = uow.session.get_one(OutboxMessage, message_id, with_for_update=True)
            state, next_at = self.retry.after_failure(row.attempts, exc.permanent, now)
            row.last_error = exc.message[:300]
            if state is State.retrying:
                row.state, row.next_attempt_at, row.lease_until = state.value, next_at, None
                uow.commit()
                log.warning("outbox message %s: attempt %d failed, next at %s", message_id, row.attempts, next_at)
                return DeliveryRun(retrying=1)
        return self._finish(message_id, State.failed, exc.message[:300])

    def _finish(self, message_id: str, state: State, error: str | None) -> DeliveryRun:
        now = self._clock.now()
        with self._uow() as uow:
            row = uow.session.get_one(OutboxMessage, message_id, with_for_update=True)
            row.state, row.lease_until = state.value, None
            if error is not None:
                row.last_error = error
            if state is State.sent:
                row.sent_at, row.payload = now, None
            elif state is State.expired:
                row.payload = None
            view = _view(row)
            uow.record(
                actor="hogo:outbox",
                action=f"message.{state.value}",
                entity_type="message",
                entity_id=row.id,
                data={
                    "purpose": row.purpose,
                    "about": list(view.about) if view.about else None,
                    "attempts": row.attempts,
                    "resent": row.resent,
                    "error": error,
                },
            )
            if view.about is not None:
                for listener in self._listeners.get(view.about[0], []):
                    listener(uow, view.about[1], Delivered(view, now))
            uow.commit()
        if state is State.failed:
            log.error("outbox message %s was given up after %d attempts", message_id, view.attempts)
        return DeliveryRun(
            sent=int(state is State.sent), failed=int(state is State.failed), expired=int(state is State.expired)
        )

    def _message_id(self, key: str) -> str:
        return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@{self._domain}>"

    # -- staff -------------------------------------------------------------------------------------------
    def messages(
        self, *, about: tuple[str, str] | None = None, states: Sequence[State] | None = None, limit: int = 200
    ) -> list[MessageView]:
        with self._uow(read_only=True) as uow:
            query = select(OutboxMessage).order_by(OutboxMessage.created_at.desc(), OutboxMessage.id).limit(limit)
            if about is not None:
                query = query.where(OutboxMessage.about_type == about[0], OutboxMessage.about_id == about[1])
            if states:
                query = query.where(OutboxMessage.state.in_([s.value for s in states]))
            return [_view(row) for row in uow.session.execute(query).scalars()]

    def send_again(self, message_id: str, actor: Actor) -> MessageView:
        """Staff put a given-up message back in the queue (after the server or the address was mended)."""
        actor.require(Permission.read_people)
        with self._uow() as uow:
            row = uow.session.get(OutboxMessage, message_id, with_for_update=True)
            if row is None:
                raise NotFound(f"message {message_id} does not exist")
            if row.state != State.failed.value or row.payload is None:
                raise InvalidInput(f"message {message_id} is {row.state}; only a message given up is sent again")
            now = self._clock.now()
            row.state, row.next_attempt_at, row.attempts = State.pending.value, now, 0
            uow.record(
                actor=actor.id,
                action="message.requeued",
                entity_type="message",
                entity_id=row.id,
                data={"purpose": row.purpose, "about": [row.about_type, row.about_id] if row.about_type else None},
            )
            key = row.key
            uow.commit()
        self.deliver_keys([key])
        return self.messages_by_id(message_id)

    def messages_by_id(self, message_id: str) -> MessageView:
        with self._uow(read_only=True) as uow:
            row = uow.session.get(OutboxMessage, message_id)
            if row is None:
                raise NotFound(f"message {message_id} does not exist")
            return _view(row)

    # -- the sender thread (hogo serve) ------------------------------------------------------------------
    def start(self) -> None:
        """Deliver in a thread of this process from now on (hogo serve, hogo demo): woken after each commit that
        queues a message, and every `poll_seconds` for retries and other processes' messages. Without it, a
        message is delivered in the thread that committed it, once its unit of work has closed (the CLI, tests)."""
        if self._thread is not None:
            return
        self._stop.clear()

        def loop() -> None:
            while not self._stop.is_set():
                self._wake.wait(self._poll_seconds)
                self._wake.clear()
                if self._stop.is_set():
                    break
                try:
                    self.deliver_due()
                except Exception:
                    log.exception("the outbox sender failed; it tries again")

        self._thread = threading.Thread(target=loop, name="hogo-outbox", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            self._stop.set()
            self._wake.set()
            thread.join(timeout=30)


OUTBOX = cast(Table, OutboxMessage.__table__)
_INSERT = {
    postgres: (postgresql.insert if postgres else sqlite.insert)(OUTBOX).on_conflict_do_nothing(index_elements=["key"])
    for postgres in (False, True)
}
"""A Core insert of the table, built once (the ORM's bulk path cost as much again as the rows); a key seen before
adds nothing."""


def _claimable(now: dt.datetime) -> Any:
    return or_(
        (OutboxMessage.state.in_([s.value for s in CLAIMABLE])) & (OutboxMessage.next_attempt_at <= now),
        (OutboxMessage.state == State.sending.value) & (OutboxMessage.lease_until < now),
    )


def _view(row: OutboxMessage) -> MessageView:
    state = State(row.state)
    return MessageView(
        id=row.id,
        kind=row.kind,
        purpose=row.purpose,
        about=(row.about_type, row.about_id or "") if row.about_type else None,
        state=state,
        attempts=row.attempts,
        created_at=row.created_at,
        next_attempt_at=row.next_attempt_at if state in CLAIMABLE else None,
        sent_at=row.sent_at,
        resent=row.resent,
        last_error=row.last_error,
    )
