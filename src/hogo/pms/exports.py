"""The training and audit records as CSV for the auditor: one header row, then one row per record. Pure."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from hogo.adapters.disclosure_formats import neutralise
from hogo.pms.schemas import AuditView, TrainingView

TRAINING_HEADER = ["attended_on", "course_id", "course", "operator", "operator_name"]
AUDIT_HEADER = [
    "audit_id",
    "title",
    "planned_on",
    "auditor",
    "audit_closed_on",
    "finding_id",
    "severity",
    "finding",
    "corrective_action",
    "owner",
    "action_due",
    "completion",
    "finding_closed_on",
    "overdue",
]


def cell(value: object) -> str:
    """A value as a CSV cell; text a spreadsheet would run as a formula is kept as text (a leading ')."""
    return neutralise("" if value is None else str(value))


def _lines(rows: Iterable[list[object]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([cell(v) for v in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _day(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else value


def training_csv(rows: Iterable[TrainingView]) -> Iterator[str]:
    yield from _lines(
        [
            list[object](TRAINING_HEADER),
            *([_day(r.attended_on), r.course_id, r.course, r.operator, r.operator_name] for r in rows),
        ]
    )


def audits_csv(audits: Iterable[AuditView]) -> Iterator[str]:
    def rows() -> Iterator[list[object]]:
        yield list(AUDIT_HEADER)
        for a in audits:
            head = [a.id, a.title, _day(a.planned_on), a.auditor, _day(a.closed_on)]
            if not a.findings:
                yield head + [None] * (len(AUDIT_HEADER) - len(head))
            for f in a.findings:
                yield [
                    *head,
                    f.id,
                    f.severity.value,
                    f.text,
                    f.action,
                    f.owner,
                    _day(f.action_due),
                    f.completion,
                    _day(f.closed_on),
                    "yes" if f.overdue else "",
                ]

    yield from _lines(rows())
