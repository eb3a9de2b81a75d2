"""The audit chain detects an altered, a removed and a truncated event, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import text

from hogo.bootstrap import Container


def record(container: Container, n: int) -> None:
    with container.uow() as uow:
        for i in range(n):
            container.audit.record(
                uow.session, actor="t", action="test.recorded", entity_type="thing", entity_id=str(i), data={"i": i}
            )
        uow.commit()


def test_intact_chain_verifies(container: Container) -> None:
    record(container, 5)
    result = container.audit.verify()
    assert result.ok and result.events == 5


def test_altered_event_is_detected(container: Container) -> None:
    record(container, 5)
    with container.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE seq = 3"))
    result = container.audit.verify()
    assert result.broken is not None and result.broken.seq == 3 and "altered" in result.broken.reason


def test_removed_event_is_detected(container: Container) -> None:
    record(container, 5)
    with container.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE seq = 2"))
    result = container.audit.verify()
    assert result.broken is not None and result.broken.seq == 2 and "missing" in result.broken.reason


def test_truncated_tail_is_detected(container: Container) -> None:
    record(container, 5)
    with container.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE seq >= 4"))
    result = container.audit.verify()
    assert result.broken is not None and "removed" in result.broken.reason


def test_uncommitted_events_leave_no_trace(container: Container) -> None:
    with container.uow() as uow:
        container.audit.record(uow.session, actor="t", action="test.recorded", entity_type="x", entity_id="1")
    record(container, 1)
    result = container.audit.verify()
    assert result.ok and result.events == 1
