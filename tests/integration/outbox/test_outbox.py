"""The outbox on SQLite and PostgreSQL: written with its change or not at all, idempotent by key, claimed by one
sender only, taken over after a crash (and then marked as a re-send), never sent late when it expired, and not
sent early or twice across clock jumps."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from hogo.adapters.mail import Envelope, MailFailed, MailMessage, MemoryMailer
from hogo.bootstrap import Container
from hogo.clock import FixedClock
from hogo.db.uow import Outgoing, ReadOnlyViolation
from hogo.outbox.models import OutboxMessage


@pytest.fixture
def mailer(container: Container) -> MemoryMailer:
    fake = MemoryMailer()
    container.outbox.mailer = fake
    return fake


def message(key: str, *, expires: dt.timedelta | None = None) -> Outgoing:
    payload = {"to": "hanako@example.jp", "subject": f"件名 {key}", "body": "本文"}
    return Outgoing("mail", key, payload, ("test", key), "test.message", expires)


def queue(c: Container, *messages: Outgoing) -> None:
    with c.uow() as uow:
        for m in messages:
            uow.send(m)
        uow.record(actor="t", action="test.queued", entity_type="test", entity_id="1")
        uow.commit()


def rows(c: Container) -> list[OutboxMessage]:
    with c.uow(read_only=True) as uow:
        found = list(uow.session.execute(sa.select(OutboxMessage).order_by(OutboxMessage.key)).scalars())
        uow.session.expunge_all()  # as they were read, after the unit closes
        return found


def test_a_message_is_written_with_its_change_and_sent_after_commit(container: Container, mailer: MemoryMailer) -> None:
    queue(container, message("a"))
    [row] = rows(container)
    assert (row.state, row.attempts, row.payload) == ("sent", 1, None)  # sent: its personal data is gone
    [(sent, envelope)] = mailer.sent
    assert (sent.to, sent.subject, envelope.resend) == ("hanako@example.jp", "件名 a", False)
    assert envelope.message_id.endswith("@hogo.localhost>")


def test_a_rolled_back_use_case_leaves_no_message_and_sends_nothing(container: Container, mailer: MemoryMailer) -> None:
    with pytest.raises(RuntimeError, match="refused"), container.uow() as uow:
        uow.send(message("a"))
        uow.record(actor="t", action="test.queued", entity_type="test", entity_id="1")
        raise RuntimeError("refused halfway")
    assert rows(container) == [] and mailer.sent == []
    assert container.audit.events(action_prefix="test.") == []


def test_a_key_seen_before_queues_nothing_more(container: Container, mailer: MemoryMailer) -> None:
    queue(container, message("a"))
    queue(container, message("a"), message("b"))
    assert [r.key for r in rows(container)] == ["a", "b"]
    assert [m.subject for m in mailer.outbox] == ["件名 a", "件名 b"]


def test_the_payload_is_sealed_at_rest(container: Container) -> None:
    failing = MemoryMailer()
    failing.fail_with = MailFailed("down")
    container.outbox.mailer = failing
    queue(container, message("a"))
    [row] = rows(container)
    assert row.state == "retrying" and row.payload is not None
    assert b"hanako" not in row.payload and "件名".encode() not in row.payload


def test_an_expired_message_is_dropped_not_sent_late(
    container: Container, mailer: MemoryMailer, clock: FixedClock
) -> None:
    mailer.fail_with = MailFailed("down")
    queue(container, message("code", expires=dt.timedelta(minutes=10)))
    mailer.fail_with = None
    clock.advance(dt.timedelta(minutes=11))
    done = container.outbox.deliver_due()
    assert (done.expired, done.sent) == (1, 0) and mailer.sent == []
    [row] = rows(container)
    assert (row.state, row.payload) == ("expired", None)


def test_two_senders_racing_for_one_message_send_it_once(container: Container, clock: FixedClock) -> None:
    slow = MemoryMailer()
    started = threading.Event()
    original = slow.send

    def send(m: MailMessage, e: Envelope) -> None:
        started.set()
        time.sleep(0.3)
        original(m, e)

    slow.send = send  # type: ignore[method-assign]
    down = MemoryMailer()
    down.fail_with = MailFailed("down")
    container.outbox.mailer = down
    queue(container, message("a"))  # failed once: retrying
    container.outbox.mailer = slow
    clock.advance(dt.timedelta(minutes=1))
    [row] = rows(container)
    results = []

    def deliver() -> None:
        results.append(container.outbox.deliver(row.id))

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(slow.sent) == 1 and sum(r.sent for r in results) == 1
    assert rows(container)[0].state == "sent"


def test_clock_jumps_neither_send_early_nor_twice(container: Container, clock: FixedClock) -> None:
    down = MemoryMailer()
    down.fail_with = MailFailed("down")
    container.outbox.mailer = down
    queue(container, message("a"))
    up = MemoryMailer()
    container.outbox.mailer = up
    clock.advance(dt.timedelta(hours=-6))  # back: the retry is still ahead
    assert container.outbox.deliver_due().total == 0
    clock.advance(dt.timedelta(days=3))  # far ahead: one attempt, not one per missed back-off
    assert container.outbox.deliver_due().sent == 1
    assert container.outbox.deliver_due().total == 0 and len(up.sent) == 1


def test_a_read_only_unit_of_work_cannot_write(container: Container) -> None:
    with container.uow(read_only=True) as uow:
        with pytest.raises(ReadOnlyViolation):
            uow.record(actor="t", action="test.x", entity_type="t", entity_id="1")
        with pytest.raises(ReadOnlyViolation):
            uow.send(message("a"))
        with pytest.raises(ReadOnlyViolation):
            uow.changed("p_1")
        uow.session.add(
            OutboxMessage(
                id="ob_x",
                key="x",
                kind="mail",
                purpose="p",
                state="pending",
                attempts=0,
                created_at=dt.datetime.now(dt.UTC),
                next_attempt_at=dt.datetime.now(dt.UTC),
                resent=False,
            )
        )
        with pytest.raises(ReadOnlyViolation):
            uow.session.flush()
    assert rows(container) == []


CRASH = textwrap.dedent(
    """
    import os, sys
    from hogo import bootstrap
    from hogo.adapters.mail import Mailer
    from hogo.db.uow import Outgoing
    from hogo.settings import Settings

    class DiesWhileSending(Mailer):
        def send(self, message, envelope):
            os._exit(9)  # the process dies in the middle of an attempt

    class DiesAfterCommit:
        def write(self, session, pending): pass
        def committed(self, pending): os._exit(9)  # the process dies between the commit and any sending

    c = bootstrap.build(Settings(database_url=sys.argv[1], key_file=sys.argv[2]))
    if sys.argv[3] == "while-sending":
        c.outbox.mailer = DiesWhileSending()
    else:
        c.uow.participants.insert(0, DiesAfterCommit())
    with c.uow() as uow:
        uow.send(Outgoing("mail", "a", {"to": "hanako@example.jp", "subject": "s", "body": "b"}, ("test", "a"), "t"))
        uow.record(actor="t", action="test.queued", entity_type="test", entity_id="1")
        uow.commit()
    """
)


@pytest.mark.parametrize("when", ["while-sending", "after-commit"])
def test_a_process_killed_around_a_send_leaves_the_message_to_be_sent_once(
    container: Container, mailer: MemoryMailer, clock: FixedClock, tmp_path: Path, when: str
) -> None:
    script = tmp_path / "crash.py"
    script.write_text(CRASH, encoding="utf-8")
    settings = container.settings
    done = subprocess.run(
        [sys.executable, str(script), settings.database_url, str(settings.key_file), when],
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 9, done.stderr.decode()
    [row] = rows(container)
    assert row.state == ("sending" if when == "while-sending" else "pending")
    if when == "while-sending":  # claimed by the dead process: nobody takes it before its lease runs out
        assert row.lease_until is not None
        clock.advance(row.lease_until - dt.timedelta(seconds=1) - clock.now())
        assert container.outbox.deliver_due().total == 0
    later = dt.datetime.now(dt.UTC) + container.outbox.retry.lease + dt.timedelta(seconds=1)  # past the child's lease
    clock.advance(later - clock.now())
    assert container.outbox.deliver_due().sent == 1
    assert container.outbox.deliver_due().total == 0
    [(_, envelope)] = mailer.sent
    assert envelope.resend is (when == "while-sending")  # the dead attempt may have reached the server
    [row] = rows(container)
    assert (row.state, row.attempts) == ("sent", 2 if when == "while-sending" else 1)


def test_the_store_itself_refuses_a_write_in_a_read_only_unit(container: Container) -> None:
    """Past the unit of work's own check (raw SQL): PostgreSQL runs it READ ONLY, SQLite `query_only`."""
    insert = sa.text("INSERT INTO rate_limits (key, window_start, count) VALUES ('k', :at, 1)")
    refused = "read-only transaction" if container.engine.dialect.name == "postgresql" else "readonly database"
    with container.uow(read_only=True) as uow, pytest.raises(sa.exc.DBAPIError, match=refused):
        uow.session.execute(insert, {"at": dt.datetime(2026, 11, 20, tzinfo=dt.UTC)})
    with container.uow() as uow:  # the same pooled connection writes again in a writing unit
        uow.session.execute(insert, {"at": dt.datetime(2026, 11, 20, tzinfo=dt.UTC)})
        uow.commit()
