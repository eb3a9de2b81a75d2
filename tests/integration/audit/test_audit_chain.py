"""The audit chain on a real store (SQLite and PostgreSQL): appends, views, and every tamper named by seq and kind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import Connection, delete, insert, select, text, update
from typer.testing import CliRunner

from hogo.audit.models import AuditEvent, AuditHead
from hogo.audit.policy import canonical, chain_hash
from hogo.audit.service import AuditUnreadable
from hogo.bootstrap import Container
from hogo.cli.main import app
from hogo.clock import FixedClock

LATER = dt.datetime(2026, 11, 21, 1, 0, tzinfo=dt.UTC)


def record(container: Container, n: int) -> None:
    with container.uow() as uow:
        for i in range(n):
            uow.record(actor="t", action="test.recorded", entity_type="thing", entity_id=str(i), data={"i": i})
        uow.commit()


def test_intact_chain_verifies(container: Container) -> None:
    record(container, 5)
    result = container.audit.verify()
    assert result.ok and result.events == 5


def test_empty_chain_verifies(container: Container) -> None:
    result = container.audit.verify()
    assert result.ok and result.events == 0


def test_record_many_appends_one_chained_batch_at_one_instant(container: Container, clock: FixedClock) -> None:
    record(container, 2)
    clock.advance(dt.timedelta(minutes=5))
    entries = [("usage.decided", "person", f"p{i}", {"reason": "consent", "i": i}) for i in range(3)]
    with container.uow() as uow:
        uow.record_many(actor="hogo:usage", entries=entries)
        uow.commit()
    events = container.audit.events()
    assert [e.seq for e in events] == [5, 4, 3, 2, 1]
    assert [(e.actor, e.action, e.entity_id, e.data) for e in events[:3]] == [
        ("hogo:usage", "usage.decided", f"p{i}", {"reason": "consent", "i": i}) for i in (2, 1, 0)
    ]
    assert {e.occurred_at for e in events[:3]} == {clock.now()} and events[3].occurred_at < clock.now()
    assert [e.prev_hash for e in events[:4]] == [e.hash for e in events[1:]]
    record(container, 1)
    result = container.audit.verify()
    assert result.ok and result.events == 6


def test_record_many_of_nothing_appends_nothing(container: Container) -> None:
    record(container, 2)
    with container.uow() as uow:
        uow.record_many(actor="t", entries=[])
        uow.commit()
    assert container.audit.verify().events == 2


def test_record_many_rolls_back_with_its_transaction(container: Container) -> None:
    with container.uow() as uow:
        uow.record_many(actor="t", entries=[("test.recorded", "thing", "1", {})] * 3)
    record(container, 1)
    result = container.audit.verify()
    assert result.ok and result.events == 1


def test_uncommitted_events_leave_no_trace(container: Container) -> None:
    with container.uow() as uow:
        uow.record(actor="t", action="test.recorded", entity_type="x", entity_id="1")
    record(container, 1)
    result = container.audit.verify()
    assert result.ok and result.events == 1


def test_events_filter_on_the_action_column_literally(container: Container) -> None:
    with container.uow() as uow:
        for action in ("test_x.done", "testyx.done", "other.done"):
            uow.record(actor="t", action=action, entity_type="x", entity_id="1")
        uow.commit()
    assert [e.action for e in container.audit.events(action_prefix="test_")] == ["test_x.done"]


def test_events_are_read_from_the_body(container: Container) -> None:
    record(container, 2)
    with container.engine.begin() as conn:
        conn.execute(update(AuditEvent).where(AuditEvent.seq == 2).values(actor="mallory", entity_id="99"))
    event = container.audit.events(limit=1)[0]
    assert (event.seq, event.actor, event.entity_id, event.data) == (2, "t", "1", {"i": 1})


def test_events_refuse_a_damaged_body(container: Container) -> None:
    record(container, 2)
    with container.engine.begin() as conn:
        conn.execute(update(AuditEvent).where(AuditEvent.seq == 2).values(body=b"not json"))
    with pytest.raises(AuditUnreadable):
        container.audit.events()


# -- tampering with the stored log, each way, by SQL -----------------------------------------------


def edit_body(conn: Connection) -> None:
    body = conn.execute(select(AuditEvent.body).where(AuditEvent.seq == 3)).scalar_one()
    conn.execute(update(AuditEvent).where(AuditEvent.seq == 3).values(body=body.replace(b'"i":2', b'"i":7')))


def edit(**values: object) -> Callable[[Connection], None]:
    def tamper(conn: Connection) -> None:
        conn.execute(update(AuditEvent).where(AuditEvent.seq == 3).values(**values))

    return tamper


def delete_rows(*seqs: int) -> Callable[[Connection], None]:
    def tamper(conn: Connection) -> None:
        conn.execute(delete(AuditEvent).where(AuditEvent.seq.in_(seqs)))

    return tamper


def renumber(conn: Connection, seqs: range, by: int) -> None:
    for seq in seqs:  # one row at a time, in an order that never collides with the primary key
        conn.execute(update(AuditEvent).where(AuditEvent.seq == seq).values(seq=seq + by))


def delete_and_renumber(conn: Connection) -> None:
    conn.execute(delete(AuditEvent).where(AuditEvent.seq == 3))
    renumber(conn, range(4, 6), -1)


def forge(conn: Connection, seq: int) -> None:
    """A new event `seq` that links to event `seq - 1` with a hash computed the way the service computes it."""
    prev = conn.execute(select(AuditEvent.hash).where(AuditEvent.seq == seq - 1)).scalar_one()
    body = canonical(seq, LATER, "mallory", "test.recorded", "thing", "forged", {"i": 99})
    values = {"actor": "mallory", "action": "test.recorded", "entity_type": "thing", "entity_id": "forged"}
    conn.execute(
        insert(AuditEvent).values(
            seq=seq, occurred_at=LATER, prev_hash=prev, hash=chain_hash(prev, body), body=body, **values
        )
    )


def insert_and_renumber(conn: Connection) -> None:
    renumber(conn, range(5, 2, -1), 1)
    forge(conn, 3)


TAMPERS: dict[str, tuple[Callable[[Connection], None], int, str]] = {
    "body edited": (edit_body, 3, "altered"),
    "action column edited": (edit(action="test.hidden"), 3, "altered"),
    "actor column edited": (edit(actor="mallory"), 3, "altered"),
    "entity_id column edited": (edit(entity_id="99"), 3, "altered"),
    "occurred_at column edited": (edit(occurred_at=LATER), 3, "altered"),
    "hash edited": (edit(hash="a" * 64), 3, "altered"),
    "body overwritten with text": (
        lambda conn: conn.execute(text("UPDATE audit_events SET body = 'x' WHERE seq = 3")),
        3,
        "altered",
    ),
    "prev_hash edited": (edit(prev_hash="b" * 64), 3, "relinked"),
    "middle row deleted": (delete_rows(3), 3, "removed"),
    "middle row deleted, rest renumbered": (delete_and_renumber, 3, "removed"),
    "last rows deleted": (delete_rows(4, 5), 4, "removed"),
    "forged row inserted, rest renumbered": (insert_and_renumber, 3, "inserted"),
    "row appended beyond the head": (lambda conn: forge(conn, 6), 6, "inserted"),
    "head deleted": (lambda conn: conn.execute(delete(AuditHead)), 6, "removed"),
}


@pytest.mark.parametrize("name", list(TAMPERS))
def test_verify_names_the_first_tampered_event(container: Container, name: str) -> None:
    tamper, seq, kind = TAMPERS[name]
    record(container, 5)
    with container.engine.begin() as conn:
        tamper(conn)
    result = container.audit.verify(batch=2)
    assert result.broken is not None and (result.broken.seq, result.broken.kind) == (seq, kind), result.broken
    assert result.events == seq - 1


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("action column edited", "audit chain BROKEN at event 3 (altered): its action column was altered"),
        ("forged row inserted, rest renumbered", "audit chain BROKEN at event 3 (inserted): event 3 was inserted"),
        ("middle row deleted", "audit chain BROKEN at event 3 (removed): event 3 is missing"),
        ("last rows deleted", "audit chain BROKEN at event 4 (removed): events 4..5 were removed"),
    ],
)
def test_cli_verify_names_the_event_and_exits_1(
    container: Container, monkeypatch: pytest.MonkeyPatch, name: str, message: str
) -> None:
    monkeypatch.setenv("HOGO_DATABASE_URL", container.settings.database_url)
    record(container, 5)
    intact = CliRunner().invoke(app, ["audit", "verify"])
    assert intact.exit_code == 0 and "audit chain intact: 5 event(s) verified" in intact.stdout
    with container.engine.begin() as conn:
        TAMPERS[name][0](conn)
    broken = CliRunner().invoke(app, ["audit", "verify"])
    assert broken.exit_code == 1 and message in broken.stderr, broken.output
