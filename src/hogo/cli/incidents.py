"""`hogo incidents …`: the incident register (漏えい等) from the shell. Thin: parse → service → print."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer

from hogo.cli.common import container, err, handle_errors
from hogo.clock import JST
from hogo.identity.policy import system_actor
from hogo.incidents import messages
from hogo.incidents.content import ITEMS
from hogo.incidents.policy import FoundBy, Kind
from hogo.incidents.schemas import AnnouncementIn, AssessIn, FilingIn, IncidentIn, IncidentView, ReportEditIn, Source

app = typer.Typer(
    help="Leaks, losses and damage (漏えい等): the register, the PPC reports, the people told.", no_args_is_help=True
)


def _when(value: str | None) -> dt.datetime | None:
    """An ISO date-time; without an offset it is taken as Japan time."""
    if not value:
        return None
    at = dt.datetime.fromisoformat(value)
    return at if at.tzinfo else at.replace(tzinfo=JST)


def _show(v: IncidentView) -> None:
    print(
        f"{v.id}  {messages.label(messages.KINDS, v.kind.value)}  aware {v.aware_on}  "
        f"{messages.label(messages.STATUSES, v.status.value)}"
    )
    decision = (v.assessment or {}).get("decision")
    count = (v.assessment or {}).get("headcount") or {}
    if decision:
        print(f"  decision: {messages.label(messages.OUTCOMES, decision['outcome'])}")
        for ja, en in decision["reasons"]:
            print(f"    - {ja} / {en}")
        complete = "" if count.get("complete", True) else f"  INCOMPLETE (at most {count.get('max_possible')})"
        print(
            f"  persons concerned: {count.get('persons', 0)} (vault {count.get('vault', 0)}, "
            f"erased {count.get('vault_erased', 0)}){complete}"
        )
        for name, d in (count.get("datasets") or {}).items():
            state = f"NOT COUNTED: {d['error']} (bound {d['bound']})" if d.get("error") else f"{d['rows']} row(s)"
            print(f"    {name}: {state}")
        print(f"  notice to persons: {messages.label(messages.NOTICE_DUTIES, decision['notice'])}")
    for r in v.reports:
        late = " OVERDUE" if r.overdue else (f" ({r.days_left} days left)" if r.days_left is not None else "")
        filed = f" filed {r.filed_at:%Y-%m-%d} ref {r.filed_reference}" if r.filed_at else ""
        print(
            f"  report {r.id}  {messages.label(messages.REPORT_KINDS, r.kind)} → "
            f"{messages.label(messages.AUTHORITIES, r.authority)}  due {r.due_on or '-'}{late}  {r.state}{filed}"
        )


@app.command("record")
@handle_errors
def record(
    kind: Annotated[Kind, typer.Option(help="what happened")],
    item: Annotated[list[str], typer.Option("--item", help="a ledger item concerned (repeat)")],
    aware_at: Annotated[str | None, typer.Option(help="when the company became aware (ISO; JST if no offset)")] = None,
    occurred_at: Annotated[str | None, typer.Option(help="when it occurred, if known")] = None,
    found_by: Annotated[FoundBy, typer.Option()] = FoundBy.staff,
    description: Annotated[str, typer.Option(help="what happened (kept sealed)")] = "",
    subject_kind: Annotated[list[str] | None, typer.Option("--subject-kind")] = None,
    dataset: Annotated[list[str] | None, typer.Option("--dataset")] = None,
    window_from: Annotated[str | None, typer.Option(help="first day (JST) of the data concerned")] = None,
    window_to: Annotated[str | None, typer.Option(help="last day (JST)")] = None,
    entrustee: Annotated[str | None, typer.Option(help="the ledger's entrustee whose leak it is")] = None,
    encrypted: Annotated[bool, typer.Option(help="advanced encryption, the key safe")] = False,
    vault: Annotated[bool, typer.Option(help="the data is hogo's own store (encrypted)")] = False,
    wrongful: Annotated[bool | None, typer.Option("--wrongful/--not-wrongful", help="default: by kind")] = None,
    being_acquired: Annotated[bool, typer.Option(help="information being acquired (a tampered form)")] = False,
    as_entrustee: Annotated[bool, typer.Option(help="the company handled it for a principal")] = False,
) -> None:
    """Record an incident (社内報告) and assess it: who is affected, whether it is reportable and why, by when."""
    with container() as c:
        data = IncidentIn(
            kind=kind,
            aware_at=_when(aware_at) or c.clock.now(),
            occurred_at=_when(occurred_at),
            found_by=found_by,
            description=description,
            items=item,
            subject_kinds=subject_kind or [],
            datasets=dataset or [],
            window_from=dt.date.fromisoformat(window_from) if window_from else None,
            window_to=dt.date.fromisoformat(window_to) if window_to else None,
            entrustee=entrustee,
            advanced_encryption=encrypted,
            source=Source.vault if vault else Source.company,
            wrongful_purpose=wrongful,
            data_being_acquired=being_acquired,
            as_entrustee=as_entrustee,
        )
        _show(c.incidents.service.record(data, system_actor(c.settings.actor)))


@app.command("list")
@handle_errors
def list_(open_only: Annotated[bool, typer.Option("--open", help="only those not closed")] = False) -> None:
    with container() as c:
        for v in c.incidents.service.register(system_actor(c.settings.actor), open_only=open_only):
            due = f"next due {v.next_due}{' OVERDUE' if v.overdue else ''}" if v.next_due else ""
            print(f"{v.id}  {v.kind.value:<20} aware {v.aware_on}  {v.status.value:<22} {due}")


@app.command("show")
@handle_errors
def show(incident_id: str, timeline: Annotated[bool, typer.Option(help="print the timeline too")] = False) -> None:
    with container() as c:
        actor = system_actor(c.settings.actor)
        _show(c.incidents.service.get(incident_id, actor))
        notices = c.incidents.notices.counts(incident_id, actor)
        print(f"  notices: {notices or 'none yet'}")
        if timeline:
            for e in c.incidents.service.timeline(incident_id, actor):
                print(f"  {e.at.astimezone(JST):%Y-%m-%d %H:%M} {e.action:<20} {e.actor}  {e.data}")


@app.command("assess")
@handle_errors
def assess(
    incident_id: str,
    wrongful: Annotated[bool | None, typer.Option("--wrongful/--not-wrongful")] = None,
    encrypted: Annotated[bool | None, typer.Option("--encrypted/--not-encrypted")] = None,
    low_risk: Annotated[bool | None, typer.Option("--low-risk/--not-low-risk")] = None,
    principal_notified: Annotated[bool, typer.Option(help="as entrustee: the principal was told")] = False,
    note: Annotated[str, typer.Option(help="why (kept sealed)")] = "",
) -> None:
    """Count again and decide again, with the officer's findings."""
    with container() as c:
        data = AssessIn(
            wrongful_purpose=wrongful,
            advanced_encryption=encrypted,
            low_risk=low_risk,
            principal_notified=principal_notified or None,
            note=note,
        )
        _show(c.incidents.service.assess(incident_id, data, system_actor(c.settings.actor)))


@app.command("persons")
@handle_errors
def persons(incident_id: str, limit: Annotated[int, typer.Option(min=0)] = 50) -> None:
    """The persons concerned, counted now (opaque references)."""
    with container() as c:
        counted, listed = c.incidents.service.persons(incident_id, system_actor(c.settings.actor), limit)
        print(
            f"{counted.persons} person(s){'' if counted.complete else f' (INCOMPLETE, at most {counted.max_possible})'}"
        )
        for ref in listed:
            print(f"  {ref}")


@app.command("report")
@handle_errors
def report(
    incident_id: str,
    report_id: str,
    as_json: Annotated[bool, typer.Option("--json", help="the structured report")] = False,
    pdf: Annotated[Path | None, typer.Option("--pdf", help="write the PPC-style PDF here")] = None,
) -> None:
    """Print a report's nine items (Rule 8(1)), or export it."""
    with container() as c:
        actor = system_actor(c.settings.actor)
        if pdf is not None:
            pdf.write_bytes(c.incidents.reports.pdf(incident_id, report_id, actor))
            print(f"wrote {pdf}")
            return
        if as_json:
            print(json.dumps(c.incidents.reports.document(incident_id, report_id, actor), ensure_ascii=False, indent=2))
            return
        for n, text in c.incidents.reports.content(incident_id, report_id, actor).items():
            print(f"{n}. {ITEMS[n][0]} / {ITEMS[n][1]}\n   " + text.replace("\n", "\n   "))


@app.command("edit")
@handle_errors
def edit(
    incident_id: str,
    report_id: str,
    item: Annotated[list[str], typer.Option("--item", help="N=text (repeat), N from 1 to 9")],
) -> None:
    """Save a new version of the report with these items' text."""
    texts = {}
    for pair in item:
        n, sep, text = pair.partition("=")
        if not sep:
            err(f"--item {pair!r}: write it as N=text")
            raise typer.Exit(2)
        texts[n.strip()] = text
    with container() as c:
        v = c.incidents.reports.edit(incident_id, report_id, ReportEditIn(items=texts), system_actor(c.settings.actor))
        print(f"{v.id} version {v.version}")


@app.command("file")
@handle_errors
def file(incident_id: str, report_id: str, reference: Annotated[str, typer.Option(help="the receipt number")]) -> None:
    """Mark a report filed with the authority's reference (refused the second time)."""
    with container() as c:
        v = c.incidents.reports.file(
            incident_id, report_id, FilingIn(reference=reference), system_actor(c.settings.actor)
        )
        print(f"{v.id} filed {v.filed_at:%Y-%m-%d %H:%M} UTC, reference {v.filed_reference}")
        _show(c.incidents.service.get(incident_id, system_actor(c.settings.actor)))


@app.command("notify")
@handle_errors
def notify(incident_id: str, person: Annotated[str | None, typer.Option(help="only this person (id)")] = None) -> None:
    """Tell the persons concerned (mail through the outbox, or letters to post)."""
    with container() as c:
        actor = system_actor(c.settings.actor)
        if person:
            n = c.incidents.notices.notify_person(incident_id, person, actor)
            print(f"{n.id} {n.channel} {n.state}")
            return
        run = c.incidents.notices.send(incident_id, actor)
        print(f"mailed {run.mailed}, letters to post {run.letters}, skipped {run.skipped}, told before {run.already}")


@app.command("announce")
@handle_errors
def announce(incident_id: str, text: Annotated[str, typer.Option(help="the public announcement")]) -> None:
    """Publish the incident on the portal (/portal/incidents/ID)."""
    with container() as c:
        c.incidents.service.announce(incident_id, AnnouncementIn(text=text), system_actor(c.settings.actor))
        print(f"{c.settings.public_url.rstrip('/')}/portal/incidents/{incident_id}")


@app.command("close")
@handle_errors
def close(incident_id: str, note: Annotated[str, typer.Option()] = "") -> None:
    with container() as c:
        _show(c.incidents.service.close(incident_id, system_actor(c.settings.actor), note))


@app.command("clocks")
@handle_errors
def clocks() -> None:
    """Give the clock warnings due now (the `incident-clocks` job does this every hour)."""
    with container() as c:
        run = c.incidents.clocks.warn(system_actor(c.settings.actor))
        print(f"{run.watching} report(s) owed; warned now: {', '.join(run.warned) or 'none'}")
