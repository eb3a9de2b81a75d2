"""`hogo pms …`: the yearly cycle of the management system (PMS) from the shell. Thin: parse → service → print."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from hogo.cli.common import container, err, handle_errors
from hogo.identity.policy import system_actor
from hogo.pms.exports import audits_csv, training_csv
from hogo.pms.policy import MeasureCategory, MeasureStatus, ResponsibleRole, Severity
from hogo.pms.schemas import (
    ActionIn,
    AuditIn,
    AuditView,
    CloseFindingIn,
    CourseIn,
    FindingIn,
    MeasureIn,
    MeasureReviewIn,
    ResponsibleIn,
    ReviewIn,
    TrainingIn,
)

app = typer.Typer(
    help="The yearly cycle of the management system (PMS): reviews, audits, training, measures, who is responsible.",
    no_args_is_help=True,
)
review = typer.Typer(help="Ledger reviews (台帳の見直し).", no_args_is_help=True)
audit = typer.Typer(
    help="Internal audits (内部監査): plan, findings, corrective actions, closure.", no_args_is_help=True
)
training = typer.Typer(help="Training (教育): courses, who attended, who is overdue.", no_args_is_help=True)
measures = typer.Typer(help="Security control measures (安全管理措置).", no_args_is_help=True)
people = typer.Typer(help="Responsible persons (管理者, 監査責任者, 窓口担当).", no_args_is_help=True)
app.add_typer(review, name="review")
app.add_typer(audit, name="audit")
app.add_typer(training, name="training")
app.add_typer(measures, name="measures")
app.add_typer(people, name="people")
Day = Annotated[dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="a day (YYYY-MM-DD, JST)")]


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def _write(lines: Iterable[str], out: Path | None) -> None:
    if out is None:
        for line in lines:
            print(line, end="")
        return
    with out.open("w", encoding="utf-8-sig", newline="") as f:  # with a BOM: Excel reads it as UTF-8
        f.writelines(lines)
    err(f"wrote {out}")


# -- reviews ------------------------------------------------------------------------------------------------
@review.command("record")
@handle_errors
def review_record(
    section: Annotated[str, typer.Option(help="a top-level section of the ledger, or 'all'")],
    reviewer: Annotated[str, typer.Option(help="the login of the officer who signs it")],
    findings: Annotated[str, typer.Option(help="what the review found")] = "",
    on: Day = None,
    next_due: Day = None,
) -> None:
    """Record a review of the ledger, signed by the privacy officer (next due: a year later unless given)."""
    with container() as c:
        data = ReviewIn(
            section=section, reviewer=reviewer, findings=findings, reviewed_on=_day(on), next_due=_day(next_due)
        )
        v = c.pms.service.record_review(data, system_actor(c.settings.actor))
        print(
            f"{v.id}  {v.section}  reviewed {v.reviewed_on} by {v.reviewer}  "
            f"ledger v{v.ledger_version}  next {v.next_due}"
        )


@review.command("list")
@handle_errors
def review_list() -> None:
    """The reviews, newest first, and each section's next review."""
    with container() as c:
        for v in c.pms.service.reviews(system_actor(c.settings.actor)):
            print(f"{v.id}  {v.reviewed_on}  {v.section}  {v.reviewer}  v{v.ledger_version}  next {v.next_due}")
        for section, due in c.pms.service.section_due().items():
            print(f"  {section}: next review {due}")


# -- audits -------------------------------------------------------------------------------------------------
def _show(a: AuditView) -> None:
    state = f"closed {a.closed_on}" if a.closed_on else f"{a.open_findings} open finding(s)"
    print(f"{a.id}  {a.planned_on}  {a.title}  auditor {a.auditor}  {state}")
    for f in a.findings:
        late = " OVERDUE" if f.overdue else ""
        action = f"  action by {f.owner} due {f.action_due}{late}" if f.action else "  (no corrective action)"
        closed = f"  closed {f.closed_on}" if f.closed_on else ""
        print(f"  {f.id}  {f.severity.value}  {f.text[:60]}{action}{closed}")


@audit.command("plan")
@handle_errors
def audit_plan(
    title: Annotated[str, typer.Option()],
    on: Annotated[dt.datetime, typer.Option(formats=["%Y-%m-%d"], help="the planned day")],
    auditor: Annotated[str, typer.Option(help="the auditor's login (auditor or officer role, not the manager)")],
    scope: Annotated[str, typer.Option()] = "",
) -> None:
    """Plan an internal audit."""
    with container() as c:
        data = AuditIn(title=title, scope=scope, planned_on=on.date(), auditor=auditor)
        _show(c.pms.audits.plan_audit(data, system_actor(c.settings.actor)))


@audit.command("finding")
@handle_errors
def audit_finding(
    audit_id: str, text: Annotated[str, typer.Option()], severity: Annotated[Severity, typer.Option()] = Severity.minor
) -> None:
    """Record a finding of an audit."""
    with container() as c:
        f = c.pms.audits.add_finding(audit_id, FindingIn(text=text, severity=severity), system_actor(c.settings.actor))
        print(f"{f.id}  {f.severity.value}")


@audit.command("action")
@handle_errors
def audit_action(
    finding_id: str,
    action: Annotated[str, typer.Option(help="the corrective action")],
    owner: Annotated[str, typer.Option(help="the owner's login")],
    due: Annotated[dt.datetime, typer.Option(formats=["%Y-%m-%d"])],
) -> None:
    """Record a finding's corrective action, its owner and due date."""
    with container() as c:
        data = ActionIn(action=action, owner=owner, due=due.date())
        f = c.pms.audits.set_action(finding_id, data, system_actor(c.settings.actor))
        print(f"{f.id}  action by {f.owner} due {f.action_due}")


@audit.command("close-finding")
@handle_errors
def audit_close_finding(
    finding_id: str, completion: Annotated[str, typer.Option(help="what was done")] = "", on: Day = None
) -> None:
    """Close a finding: it needs its corrective action and a note of what was done."""
    with container() as c:
        data = CloseFindingIn(completion=completion, closed_on=_day(on))
        f = c.pms.audits.close_finding(finding_id, data, system_actor(c.settings.actor))
        print(f"{f.id}  closed {f.closed_on}")


@audit.command("close")
@handle_errors
def audit_close(audit_id: str) -> None:
    """Close an audit whose findings are all closed."""
    with container() as c:
        _show(c.pms.audits.close_audit(audit_id, system_actor(c.settings.actor)))


@audit.command("list")
@handle_errors
def audit_list(overdue: Annotated[bool, typer.Option(help="only overdue corrective actions")] = False) -> None:
    """The audits with their findings (or only the overdue corrective actions)."""
    with container() as c:
        actor = system_actor(c.settings.actor)
        if overdue:
            for f in c.pms.audits.overdue_actions(actor):
                print(f"{f.id}  {f.audit_id}  owner {f.owner}  due {f.action_due}  {f.text[:60]}")
            return
        for a in c.pms.audits.audits(actor):
            _show(a)


@audit.command("export")
@handle_errors
def audit_export(
    out: Annotated[Path | None, typer.Option("-o", "--out", help="a CSV file (default stdout)")] = None,
) -> None:
    """The audits and their findings as CSV, one row per finding."""
    with container() as c:
        _write(audits_csv(c.pms.audits.audits(system_actor(c.settings.actor))), out)


# -- training -----------------------------------------------------------------------------------------------
@training.command("add-course")
@handle_errors
def training_add_course(
    title: Annotated[str, typer.Option()],
    interval_months: Annotated[int, typer.Option(help="how often it is due")] = 12,
    optional: Annotated[bool, typer.Option(help="not required of every operator")] = False,
) -> None:
    """Add a training course."""
    with container() as c:
        data = CourseIn(title=title, interval_months=interval_months, required=not optional)
        v = c.pms.training.add_course(data, system_actor(c.settings.actor))
        print(f"{v.id}  {v.title}  every {v.interval_months} months")


@training.command("record")
@handle_errors
def training_record(
    course: Annotated[str, typer.Option(help="the course id")],
    operator: Annotated[str, typer.Option(help="the attendee's login")],
    on: Annotated[dt.datetime, typer.Option(formats=["%Y-%m-%d"], help="the day attended")],
) -> None:
    """Record that an operator attended a course."""
    with container() as c:
        data = TrainingIn(course=course, operator=operator, attended_on=on.date())
        v = c.pms.training.record(data, system_actor(c.settings.actor))
        print(f"{v.operator} attended {v.course} on {v.attended_on}")


@training.command("list")
@handle_errors
def training_list() -> None:
    """The courses, the attendance records and who is overdue."""
    with container() as c:
        actor = system_actor(c.settings.actor)
        for course in c.pms.training.courses(actor):
            print(f"course {course.id}  {course.title}  every {course.interval_months} months")
        for r in c.pms.training.records(actor):
            print(f"  {r.attended_on}  {r.operator}  {r.course}")
        for item in c.pms.training.overdue(actor):
            print(f"OVERDUE  {item.title}  since {item.due}")


@training.command("export")
@handle_errors
def training_export(
    out: Annotated[Path | None, typer.Option("-o", "--out", help="a CSV file (default stdout)")] = None,
) -> None:
    """The attendance records as CSV."""
    with container() as c:
        _write(training_csv(c.pms.training.records(system_actor(c.settings.actor))), out)


# -- measures -----------------------------------------------------------------------------------------------
@measures.command("list")
@handle_errors
def measures_list() -> None:
    """The security measures (seeded from the ledger the first time)."""
    with container() as c:
        for m in c.pms.measures.measures(system_actor(c.settings.actor)):
            print(f"{m.id}  {m.category.value}  {m.status.value}  next review {m.next_review or '-'}  {m.title[:60]}")


@measures.command("add")
@handle_errors
def measures_add(
    category: Annotated[MeasureCategory, typer.Option()],
    title: Annotated[str, typer.Option()],
    status: Annotated[MeasureStatus, typer.Option()] = MeasureStatus.in_place,
    evidence: Annotated[str, typer.Option(help="where the evidence is")] = "",
) -> None:
    """Add a security measure."""
    with container() as c:
        data = MeasureIn(category=category, title=title, status=status, evidence=evidence)
        m = c.pms.measures.add(data, system_actor(c.settings.actor))
        print(f"{m.id}  {m.category.value}  next review {m.next_review}")


@measures.command("review")
@handle_errors
def measures_review(
    measure_id: str,
    status: Annotated[MeasureStatus, typer.Option()],
    evidence: Annotated[str | None, typer.Option()] = None,
    next_review: Day = None,
) -> None:
    """Record the review of a measure: its status now and the evidence (next review a year on unless given)."""
    with container() as c:
        data = MeasureReviewIn(status=status, evidence=evidence, next_review=_day(next_review))
        m = c.pms.measures.review(measure_id, data, system_actor(c.settings.actor))
        print(f"{m.id}  {m.status.value}  reviewed {m.last_reviewed}  next {m.next_review}")


# -- responsible persons ------------------------------------------------------------------------------------
@people.command("appoint")
@handle_errors
def people_appoint(
    role: Annotated[ResponsibleRole, typer.Option()],
    since: Annotated[dt.datetime, typer.Option(formats=["%Y-%m-%d"])],
    operator: Annotated[str | None, typer.Option(help="an operator's login")] = None,
    name: Annotated[str | None, typer.Option(help="or a person outside the console")] = None,
    title: Annotated[str | None, typer.Option(help="their title")] = None,
    until: Day = None,
) -> None:
    """Appoint a responsible person."""
    with container() as c:
        data = ResponsibleIn(
            role=role, operator=operator, name=name, title=title, since=since.date(), until=_day(until)
        )
        r = c.pms.service.appoint(data, system_actor(c.settings.actor))
        print(f"{r.id}  {r.role.value}  {r.operator or r.name}  since {r.since}")


@people.command("end")
@handle_errors
def people_end(appointment_id: str, until: Annotated[dt.datetime, typer.Option(formats=["%Y-%m-%d"])]) -> None:
    """End an appointment on a day (the last day it holds)."""
    with container() as c:
        r = c.pms.service.end_appointment(appointment_id, until.date(), system_actor(c.settings.actor))
        print(f"{r.id}  {r.role.value}  {r.operator or r.name}  {r.since}–{r.until}")


@people.command("list")
@handle_errors
def people_list() -> None:
    """The register of responsible persons."""
    with container() as c:
        for r in c.pms.service.responsibles(system_actor(c.settings.actor)):
            now = "current" if r.current else "past"
            print(f"{r.id}  {r.role.value}  {r.operator or '-'}  {r.name}  {r.title}  {r.since}–{r.until or ''}  {now}")


# -- what is due --------------------------------------------------------------------------------------------
@app.command("due")
@handle_errors
def due() -> None:
    """What is due (within 30 days) or overdue across the cycle."""
    with container() as c:
        found = c.pms.due(system_actor(c.settings.actor))
        print("  ".join(f"{k}: {n}" for k, n in found.counts.items()))
        for i in found.items:
            print(f"{'OVERDUE' if i.overdue else 'due    '}  {i.due}  {i.kind.value}  {i.id}  {i.title}")
