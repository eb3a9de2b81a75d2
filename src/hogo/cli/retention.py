"""`hogo retention …`: retention clocks, holds, the disposal sweep (保存期間・廃棄). Thin: parse → service → print."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hogo.cli.common import container, err, handle_errors
from hogo.clock import JST
from hogo.errors import InvalidInput

if TYPE_CHECKING:
    from hogo.bootstrap import Container
    from hogo.retention.schemas import Preview

app = typer.Typer(
    help="Retention (保存期間): clocks started by events, legal holds, and the disposal sweep (廃棄).",
    no_args_is_help=True,
)
events = typer.Typer(
    help="Events that start retention clocks (契約終了, 退会, 退職, 選考終了, …).", no_args_is_help=True
)
holds = typer.Typer(
    help="Legal holds: a statute's (法人税法, 労働基準法 §109, …) or a litigation hold.", no_args_is_help=True
)
app.add_typer(events, name="events")
app.add_typer(holds, name="holds")


def _when(value: str | None) -> dt.datetime | None:
    """An ISO date or date-time; without an offset it is Japan time (a date: its start in Japan)."""
    if not value:
        return None
    at = dt.datetime.fromisoformat(value)
    return at if at.tzinfo else at.replace(tzinfo=JST)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _person(c: Container, person: str | None, email: str | None) -> str:
    from hogo.identity.policy import system_actor

    if person:
        return person
    if email:
        return c.subjects.find("email", email, system_actor(c.settings.actor))
    raise InvalidInput("give --person or --email to name the person")


@events.command("record")
@handle_errors
def record_event(
    event: Annotated[str, typer.Option(help="contract-ended, membership-cancelled, employment-ended, …")],
    person: Annotated[str | None, typer.Option(help="the person's id (ps_…)")] = None,
    email: Annotated[str | None, typer.Option(help="or the person's e-mail address (looked up by its hash)")] = None,
    at: Annotated[str | None, typer.Option(help="when it happened (ISO; JST if no offset); default now")] = None,
    reference: Annotated[str, typer.Option(help="the contract, the ticket: kept sealed")] = "",
) -> None:
    """Record that an event happened to a person: the clocks of the ledger's rules it names start."""
    from hogo.identity.policy import system_actor

    with container() as c:
        actor = system_actor(c.settings.actor)
        v = c.retention.service.record_event(
            _person(c, person, email), event, actor, occurred_at=_when(at), reference=reference
        )
        print(f"{v.id}  {v.event} of {v.person_id} at {v.occurred_at.astimezone(JST):%Y-%m-%d %H:%M} JST  recorded")


@events.command("reverse")
@handle_errors
def reverse_event(
    event_id: Annotated[str, typer.Argument(help="the event (re_…)")],
    reason: Annotated[str, typer.Option(help="why (wrong person, wrong day): kept sealed")],
) -> None:
    """Undo an event recorded by mistake; refused once a sweep disposed of what it made due."""
    from hogo.identity.policy import system_actor

    with container() as c:
        v = c.retention.service.reverse_event(event_id, reason, system_actor(c.settings.actor))
        print(f"{v.id}  {v.event} of {v.person_id}: reversed")


@events.command("list")
@handle_errors
def list_events(person: Annotated[str | None, typer.Option(help="only this person's")] = None) -> None:
    """The events recorded, newest first."""
    from hogo.identity.policy import system_actor

    with container() as c:
        for v in c.retention.service.events(system_actor(c.settings.actor), person_id=person):
            state = f"  REVERSED {v.reversed_at:%Y-%m-%d}" if v.reversed_at else ""
            print(f"{v.id}  {v.person_id}  {v.event:<22} {v.occurred_at.astimezone(JST):%Y-%m-%d}{state}")


@holds.command("set")
@handle_errors
def set_hold(
    kind: Annotated[str, typer.Option(help="statute or litigation")],
    statute: Annotated[str, typer.Option(help="the statute (a statutory hold)")] = "",
    person: Annotated[str | None, typer.Option(help="only this person (ps_…)")] = None,
    subject_kind: Annotated[list[str] | None, typer.Option("--subject-kind", help="only these kinds (repeat)")] = None,
    item: Annotated[list[str] | None, typer.Option("--item", help="only these items (repeat)")] = None,
    starts: Annotated[str | None, typer.Option(help="first day (default today)")] = None,
    ends: Annotated[str | None, typer.Option(help="the day it ends (none: until released)")] = None,
    reason: Annotated[str, typer.Option(help="the case, the counsel's request: kept sealed")] = "",
) -> None:
    """Hold data back from disposal; the sweep checks it again in the transaction that disposes."""
    from hogo.identity.policy import system_actor

    with container() as c:
        v = c.retention.service.set_hold(
            kind,
            system_actor(c.settings.actor),
            statute=statute,
            person_id=person,
            subject_kinds=subject_kind,
            items=item,
            starts_on=_date(starts),
            ends_on=_date(ends),
            reason=reason,
        )
        print(f"{v.id}  {v.kind}  {v.statute}  from {v.starts_on} until {v.ends_on or '(released by hand)'}")


@holds.command("release")
@handle_errors
def release_hold(hold_id: Annotated[str, typer.Argument(help="the hold (rh_…)")]) -> None:
    """End a hold now."""
    from hogo.identity.policy import system_actor

    with container() as c:
        v = c.retention.service.release_hold(hold_id, system_actor(c.settings.actor))
        print(f"{v.id}  released")


@holds.command("list")
@handle_errors
def list_holds(all_: Annotated[bool, typer.Option("--all", help="released ones too")] = False) -> None:
    """The holds set in hogo (the ledger's statutory holds are shown by `preview`)."""
    from hogo.identity.policy import system_actor

    with container() as c:
        for v in c.retention.service.holds(system_actor(c.settings.actor), include_released=all_):
            scope = v.person_id or ",".join(v.subject_kinds + v.items) or "everything"
            released = f"  released {v.released_at:%Y-%m-%d}" if v.released_at else ""
            print(f"{v.id}  {v.kind:<10} {v.statute}  scope {scope}  {v.starts_on}→{v.ends_on or '…'}{released}")


def _print_preview(p: Preview) -> None:
    print(
        f"as of {p.as_of.astimezone(JST):%Y-%m-%d %H:%M} JST"
        + (f", ledger v{p.ledger_version}" if p.ledger_version else ", draft ledger")
    )
    for r in p.rules:
        print(
            f"  {r.rule:<20} {r.period} from {r.starts:<14} {r.method:<12} "
            f"due {r.due_persons} person(s), {r.due_records} vault record(s); held {r.held_persons}; "
            f"pending {r.pending_persons}"
        )
        for statute, until in r.holds.items():
            print(f"      held: {statute} until {until or '(no end set)'}")
        if r.pending_persons and r.pending_reason:
            print(f"      pending: {r.pending_reason}")
        if r.in_progress:
            print(f"      {r.in_progress} person(s) in a sweep not finished (run resumes it)")
    if p.datasets:
        print(f"  and their rows in the company's databases: {', '.join(p.datasets)} (each column as the ledger says)")


@app.command("preview")
@handle_errors
def preview(
    as_of: Annotated[str | None, typer.Option(help="judge as of this day or time (a rehearsal); default now")] = None,
    ledger: Annotated[Path | None, typer.Option(help="a draft ledger file: what its rules would dispose of")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """What the next sweep would do, with counts per rule; nothing is changed."""
    from dataclasses import asdict

    from hogo.identity.policy import system_actor
    from hogo.ledger.loader import load_ledger_file

    draft = None
    if ledger is not None:
        loaded = load_ledger_file(ledger)
        if loaded.ledger is None:
            for problem in loaded.problems:
                err(str(problem))
            raise typer.Exit(1)
        draft = loaded.ledger
    with container() as c:
        p = c.retention.service.preview(system_actor(c.settings.actor), as_of=_when(as_of), ledger=draft)
        if as_json:
            print(json.dumps(asdict(p), default=str, ensure_ascii=False, indent=2))
        else:
            _print_preview(p)


@app.command("run")
@handle_errors
def run(
    as_of: Annotated[
        str | None, typer.Option(help="dispose as of this day (a rehearsal; audited); default now")
    ] = None,
) -> None:
    """Carry out the sweep: resume one left unfinished, then dispose of what is due."""
    from hogo.identity.policy import system_actor

    with container() as c:
        result = c.retention.sweeps.run(system_actor(c.settings.actor), as_of=_when(as_of))
        if result.ledger_removed:
            print(f"ledger change: {result.ledger_removed} record(s) left under nothing disposed of (ledger.removed)")
        if not result.sweeps and not result.ledger_removed:
            print(f"nothing due: no disposal (held {result.held}, pending {result.pending})")
        for s in result.sweeps:
            k = s.counts
            print(
                f"{s.id}  {s.status}  as of {s.as_of.astimezone(JST):%Y-%m-%d}: disposed {k.get('done', 0)} "
                f"(vault records {k.get('vault_records', 0)}), held {k.get('held', 0)}, "
                f"pending {k.get('pending', 0)}, failed {k.get('failed', 0)}"
            )
            for d in c.retention.service.disposals(system_actor(c.settings.actor), sweep_id=s.id):
                if d.status != "done" or d.dataset_run_id:
                    _print_disposal(d)


def _print_disposal(d: object) -> None:
    from hogo.retention.schemas import DisposalView

    assert isinstance(d, DisposalView)
    where = f"vault {d.vault_records} record(s){' (crypto-shredded)' if d.shredded else ''}"
    if d.dataset_run_id:
        where += f"; datasets {d.dataset_rows} row(s) by {d.dataset_run_id}"
    print(f"  {d.person_id}  {d.rule}  {d.status}: {where}" + (f"  — {d.reason}" if d.reason else ""))
    for h in d.holds:
        place = f"{h['dataset']}.{h['table']}.{h['column']} " if "table" in h else ""
        print(f"      kept: {place}{h['statute']['ja']} until {h['until']}")


@app.command("sweeps")
@handle_errors
def sweeps() -> None:
    """The sweeps carried out, newest first, with their counts."""
    from hogo.identity.policy import system_actor

    with container() as c:
        for s in c.retention.service.sweeps(system_actor(c.settings.actor)):
            print(f"{s.id}  {s.status:<10} as of {s.as_of.astimezone(JST):%Y-%m-%d}  {s.counts}")


@app.command("disposals")
@handle_errors
def disposals(sweep: Annotated[str | None, typer.Option(help="only this sweep's")] = None) -> None:
    """The content-free disposal records: rule, items, how many, when, by which run."""
    from hogo.identity.policy import system_actor

    with container() as c:
        for d in c.retention.service.disposals(system_actor(c.settings.actor), sweep_id=sweep):
            _print_disposal(d)


@app.command("certificate")
@handle_errors
def certificate(
    sweep: Annotated[str, typer.Argument(help="the sweep (rs_…)")],
    out: Annotated[Path, typer.Option(help="where to write the PDF")],
    dataset: Annotated[str | None, typer.Option(help="only the disposal in this dataset")] = None,
) -> None:
    """Write the disposal certificate (廃棄証明) of a sweep as a PDF, for the JIS Q 15001 audit."""
    from hogo.identity.policy import system_actor

    with container() as c:
        out.write_bytes(c.retention.certificates.pdf(sweep, system_actor(c.settings.actor), dataset=dataset))
        print(f"{out}: disposal certificate of {sweep}{f' in {dataset}' if dataset else ''}")


@app.command("entrustee-certificate")
@handle_errors
def entrustee_certificate(
    entrustee: Annotated[str, typer.Argument(help="the ledger's entrustee id")],
    out: Annotated[Path, typer.Option(help="where to write the PDF")],
    count: Annotated[int, typer.Option(help="how many records the entrustee disposed of")],
    method: Annotated[str, typer.Option(help="delete, overwrite, crypto_shred, physical_destruction, shred_paper, …")],
    on: Annotated[str, typer.Option(help="the day it disposed of them (ISO date)")],
    item: Annotated[list[str] | None, typer.Option("--item", help="an item disposed of (repeat; default all)")] = None,
    reference: Annotated[str, typer.Option(help="the entrustee's own certificate number (kept sealed)")] = "",
) -> None:
    """Record an entrustee's reported disposal and write its certificate (廃棄証明) as a PDF."""
    from hogo.identity.policy import system_actor
    from hogo.retention.certificate import EntrusteeDisposal

    report = EntrusteeDisposal(entrustee, list(item or []), count, method, dt.date.fromisoformat(on), reference)
    with container() as c:
        out.write_bytes(c.retention.certificates.entrustee_pdf(report, system_actor(c.settings.actor)))
        print(f"{out}: disposal certificate of entrustee {entrustee}")
