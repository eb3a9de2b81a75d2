"""Finding and exporting audit events on a real store (SQLite and PostgreSQL): filters, pages newest first, a
person found by an identifier, and a CSV export whose last row is the chain's verification over what was read."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest
from sqlalchemy import update

from hogo.audit.models import AuditEvent
from hogo.audit.search import AuditQuery, ExportResult
from hogo.bootstrap import Container
from hogo.clock import JST, FixedClock
from hogo.errors import InvalidInput


def record(c: Container, actor: str, action: str, entity: tuple[str, str], data: dict[str, object]) -> None:
    with c.uow() as uow:
        uow.record(actor=actor, action=action, entity_type=entity[0], entity_id=entity[1], data=data)
        uow.commit()


@pytest.fixture
def trail(container: Container, clock: FixedClock) -> Container:
    """Twelve events over three days: requests by two operators, one about person p_a1, ledger applies."""
    for day in range(3):
        for n in range(3):
            record(
                container, f"operator:{'kimura' if n else 'sato'}", "request.decided", ("request", f"rq_{day}{n}"), {}
            )
        record(container, "hogo", "ledger.applied", ("ledger_version", str(day + 1)), {"n": day})
        clock.advance(dt.timedelta(days=1))
    record(container, "operator:sato", "request.filed", ("request", "rq_x"), {"person": "p_a1", "note": "=cmd"})
    record(container, "hogo:usage", "usage.decided", ("person", "p_a1"), {"reason": "consent"})
    record(container, "hogo:usage", "usage.decided", ("person", "p_b2"), {"reason": "consent"})
    return container


def seqs(c: Container, query: AuditQuery, **kw: Any) -> list[int]:
    return [e.seq for e in c.audit_search.page(query, **kw).events]


def test_filters_each_narrow_the_events(trail: Container, clock: FixedClock) -> None:
    assert seqs(trail, AuditQuery()) == list(range(15, 0, -1))
    assert seqs(trail, AuditQuery(action="ledger.")) == [12, 8, 4]
    assert seqs(trail, AuditQuery(action="request.", actor="operator:sato")) == [13, 9, 5, 1]
    assert seqs(trail, AuditQuery(entity="request:rq_11")) == [6]
    assert seqs(trail, AuditQuery(entity="rq_11")) == [6]
    assert seqs(trail, AuditQuery(person_id="p_a1")) == [14, 13]  # about the person, or naming them
    start = clock.now() - dt.timedelta(days=3)
    day2 = AuditQuery(since=start + dt.timedelta(days=1), until=start + dt.timedelta(days=2))
    assert seqs(trail, day2) == [8, 7, 6, 5]


def test_pages_go_back_by_sequence(trail: Container) -> None:
    first = trail.audit_search.page(AuditQuery(), limit=6)
    assert [e.seq for e in first.events] == [15, 14, 13, 12, 11, 10] and first.before == 10
    second = trail.audit_search.page(AuditQuery(), before=first.before, limit=6)
    third = trail.audit_search.page(AuditQuery(), before=second.before, limit=6)
    assert [e.seq for e in third.events] == [3, 2, 1] and third.before is None


def test_a_period_backwards_or_without_a_zone_is_refused() -> None:
    now = dt.datetime(2026, 12, 5, tzinfo=JST)
    with pytest.raises(InvalidInput, match="before its end"):
        AuditQuery(since=now, until=now)
    with pytest.raises(InvalidInput, match="zone"):
        AuditQuery(since=dt.datetime(2026, 12, 5))  # noqa: DTZ001  (the point of the test)


def export(c: Container, query: AuditQuery, size: int = 4) -> tuple[list[list[str]], ExportResult]:
    outcome: list[ExportResult] = []
    text = "".join(c.audit_search.export_csv(query, size=size, result=outcome))
    assert text.startswith("\ufeff")  # a BOM: spreadsheets in Japan open it as UTF-8
    return list(csv.reader(io.StringIO(text[1:]))), outcome[0]


def test_export_writes_matching_events_and_verifies_every_event_read(trail: Container) -> None:
    rows, result = export(trail, AuditQuery(person_id="p_a1"))
    assert rows[0][:3] == ["record", "seq", "occurred_at"]
    events = rows[1:-1]
    assert [r[1] for r in events] == ["13", "14"] and all(r[0] == "event" for r in events)
    assert json.loads(events[0][7]) == {"note": "=cmd", "person": "p_a1"}  # the data, as the body holds it
    assert events[0][2].endswith("+09:00")
    assert rows[-1][:2] == ["verification", "15"] and rows[-1][4] == "intact" and rows[-1][7] == "15 event(s) read"
    assert (result.read, result.written, result.broken) == (15, 2, None)


def test_export_names_the_first_altered_event(trail: Container) -> None:
    with trail.uow() as uow:
        uow.session.execute(update(AuditEvent).where(AuditEvent.seq == 6).values(actor="operator:someone"))
        uow.commit()
    rows, result = export(trail, AuditQuery(action="ledger."))
    assert [r[1] for r in rows[1:-1]] == ["4", "8", "12"]  # every match is still written
    assert rows[-1][:2] == ["verification", "6"] and rows[-1][4] == "broken:altered"
    assert result.broken is not None and result.broken.seq == 6


def test_a_cell_a_spreadsheet_would_run_is_neutralised(trail: Container) -> None:
    record(trail, "=HYPERLINK(1)", "request.filed", ("request", "rq_y"), {})
    record(trail, 'sato, "desk"', "request.filed", ("request", "rq_z"), {"note": "a,\nb"})
    rows, _ = export(trail, AuditQuery(action="request.filed"))
    by_entity = {r[6]: r for r in rows[1:-1]}
    assert by_entity["rq_y"][3] == "'=HYPERLINK(1)"
    assert by_entity["rq_z"][3] == 'sato, "desk"' and json.loads(by_entity["rq_z"][7]) == {"note": "a,\nb"}
    assert [len(r) for r in rows] == [10] * len(rows)
