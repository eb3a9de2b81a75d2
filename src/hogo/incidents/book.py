"""The incident book: what every incident use case does to the rows, in the caller's unit of work — load and lock,
move through the workflow table, and write each change's audit event and its twin on the incident's timeline.

Free text typed by staff never reaches an event: `uow.note(text)` seals it and the event carries the note's id.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hogo.clock import Clock, today_jst
from hogo.db.uow import UnitOfWork
from hogo.errors import NotFound
from hogo.incidents.models import Incident, IncidentEvent, IncidentReport
from hogo.incidents.policy import Kind
from hogo.incidents.schemas import IncidentView, ReportView
from hogo.incidents.workflow import Status, transition
from hogo.requests.deadlines import jst_date

OPEN_REPORT = "owed"


class IncidentBook:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    def load(self, session: Session, incident_id: str, *, lock: bool = True) -> Incident:
        row = session.get(Incident, incident_id, with_for_update=lock)
        if row is None:
            raise NotFound(f"incident {incident_id} does not exist")
        return row

    def report(self, session: Session, incident_id: str, report_id: str, *, lock: bool = True) -> IncidentReport:
        row = session.get(IncidentReport, report_id, with_for_update=lock)
        if row is None or row.incident_id != incident_id:
            raise NotFound(f"incident {incident_id} has no report {report_id}")
        return row

    def event(
        self, uow: UnitOfWork, row: Incident, action: str, actor: str, note: str | None = None, **data: Any
    ) -> str | None:
        """The audit event of a change and its line on the timeline, in the same transaction; `note` is free text
        typed by staff, sealed (only its id goes in the event)."""
        note_id = uow.note(note) if note and note.strip() else None
        body = {**data, **({"note": note_id} if note_id else {})}
        uow.record(actor=actor, action=f"incident.{action}", entity_type="incident", entity_id=row.id, data=body)
        uow.session.add(
            IncidentEvent(
                incident_id=row.id, at=self._clock.now(), actor=actor, action=action, data=body, note_id=note_id
            )
        )
        row.updated_at = self._clock.now()
        return note_id

    def move(
        self, uow: UnitOfWork, row: Incident, target: Status, actor: str, *, event: bool = True, **data: Any
    ) -> Status:
        """The only place an incident's status changes: through the workflow table, with its event (or, with
        `event=False`, in the event the caller writes next: it gets the status it moved from)."""
        before = Status(row.status)
        row.status = transition(before, target).value
        if event and before is not target:
            self.event(uow, row, target.value, actor, **{"from": before.value, **data})
        return before

    def view(self, session: Session, row: Incident) -> IncidentView:
        reports = session.execute(
            select(IncidentReport)
            .where(IncidentReport.incident_id == row.id)
            .order_by(IncidentReport.due_on, IncidentReport.created_at)
        ).scalars()
        views = [self.report_view(r) for r in reports]
        owed = [r for r in views if r.state == OPEN_REPORT and r.due_on is not None]
        return IncidentView(
            id=row.id,
            status=Status(row.status),
            kind=Kind(row.kind),
            effects=list(row.effects),
            occurred_at=row.occurred_at,
            aware_at=row.aware_at,
            aware_on=jst_date(row.aware_at),
            found_by=row.found_by,
            entrustee_id=row.entrustee_id,
            as_entrustee=row.as_entrustee,
            principal_notified_at=row.principal_notified_at,
            scope=dict(row.scope),
            flags=dict(row.flags),
            ledger_version=row.ledger_version,
            assessment=row.assessment,
            assessed_at=row.assessed_at,
            announced_at=row.announced_at,
            created_at=row.created_at,
            closed_at=row.closed_at,
            reports=views,
            next_due=min((r.due_on for r in owed if r.due_on), default=None),
            overdue=any(r.overdue for r in owed),
        )

    def report_view(self, row: IncidentReport) -> ReportView:
        today = today_jst(self._clock)
        left = (row.due_on - today).days if row.due_on else None
        return ReportView(
            id=row.id,
            incident_id=row.incident_id,
            kind=row.kind,
            authority=row.authority,
            basis=row.basis,
            article=row.article,
            due_on=row.due_on,
            state=row.state,
            version=row.version,
            filed_at=row.filed_at,
            filed_reference=row.filed_reference,
            days_left=left if row.state == OPEN_REPORT else None,
            overdue=row.state == OPEN_REPORT and left is not None and left < 0,
        )

    def now(self) -> dt.datetime:
        return self._clock.now()
