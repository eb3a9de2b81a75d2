"""What the dashboard shows of incidents: reports past their due date (red until filed) and the latest clock
warning of each report still owed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hogo.incidents.messages import report_title
from hogo.incidents.models import IncidentReport, IncidentWarning


def owed_reports(session: Session, today: dt.date) -> dict[str, Any]:
    """{"overdue": reports owed past their due date, "warnings": the latest warning of each report still owed}."""
    owed = (
        session.execute(select(IncidentReport).where(IncidentReport.state == "owed").order_by(IncidentReport.due_on))
        .scalars()
        .all()
    )
    warnings = session.execute(
        select(IncidentWarning, IncidentReport)
        .join(IncidentReport, IncidentReport.id == IncidentWarning.report_id)
        .where(IncidentReport.state == "owed")
        .order_by(IncidentWarning.created_at.desc())
    ).all()
    latest: dict[str, dict[str, Any]] = {}
    for w, r in warnings:  # newest first: the latest level given for each report still owed
        latest.setdefault(
            r.id,
            {
                "incident": w.incident_id,
                "report": r.id,
                "title": report_title(r.kind, r.authority),
                "level": w.level,
                "due_on": w.due_on,
                "at": w.created_at,
            },
        )
    return {
        "overdue": [
            {
                "incident": r.incident_id,
                "report": r.id,
                "title": report_title(r.kind, r.authority),
                "due_on": r.due_on,
            }
            for r in owed
            if r.due_on and r.due_on < today
        ],
        "warnings": [w for w in latest.values() if w["level"] != "overdue"],
    }
