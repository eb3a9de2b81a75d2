"""`hogo provisions provide|records|suspend|lift|suspensions|check|checks|packages|purge`: the gate by hand."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer

from hogo.cli.common import container, err, handle_errors
from hogo.clock import JST
from hogo.identity.policy import system_actor
from hogo.jobs import provision_retention
from hogo.provision.policy import Basis
from hogo.provision.records import RecordMethod
from hogo.provision.schemas import CheckIn, Register, SuspensionKind

app = typer.Typer(
    help="Third-party provision, entrustment, joint use and transfers abroad (第三者提供), and their records.",
    no_args_is_help=True,
)


@app.command()
@handle_errors
def provide(
    persons: Annotated[list[str], typer.Argument(help="person ids")],
    items: Annotated[str, typer.Option(help="comma-separated item keys")],
    to: Annotated[str, typer.Option(help="the recipient's id in the ledger")],
    basis: Annotated[Basis, typer.Option(help="the ground relied on")],
    purpose: Annotated[str | None, typer.Option(help="for entrustment and joint use")] = None,
    joint_user: Annotated[str | None, typer.Option(help="the joint user, where the arrangement lists them")] = None,
    justification: Annotated[str | None, typer.Option(help="for a statutory exception (no personal data)")] = None,
    method: Annotated[RecordMethod, typer.Option(help="how the Art. 29 record is kept")] = RecordMethod.each,
    values: Annotated[bool, typer.Option("--values", help="print the provided values as JSON lines")] = False,
) -> None:
    """Hand items of persons to a recipient through the gate. Exit 1 if anyone was refused."""
    with container() as c:
        result = c.provision.provide(
            persons,
            [i.strip() for i in items.split(",") if i.strip()],
            to,
            basis,
            system_actor(c.settings.actor),
            justification,
            purpose=purpose,
            joint_user=joint_user,
            method=method,
        )
    for o in result.outcomes:
        d = o.decision
        verdict = "provided" if d.allowed else "REFUSED"
        print(f"{o.person_id}  {verdict:<8} {d.reason.value:<28} {d.article:<24} {o.record_id or '-'}")
        if not d.allowed:
            err(f"{o.person_id}: {d.message('ja')} / {d.message('en')}")
        if values and d.allowed:
            print(json.dumps({"person_id": o.person_id, "values": o.values}, ensure_ascii=False))
    if result.refused:
        raise typer.Exit(1)


@app.command()
@handle_errors
def records(
    person: Annotated[str | None, typer.Option(help="only this person's records (Art. 33(5) disclosure)")] = None,
    to: Annotated[str | None, typer.Option(help="only records with this counterpart")] = None,
    limit: int = 100,
    csv_file: Annotated[
        Path | None, typer.Option("--csv", help="write every matching record to this CSV file (no limit)")
    ] = None,
) -> None:
    """Provider and recipient records (Arts. 29-31) as JSON lines, oldest first; or all of them as CSV."""
    with container() as c:
        actor = system_actor(c.settings.actor)
        rows = (
            c.provision.records_for_person(person, actor)
            if person is not None and to is None
            else c.provision.records(
                actor, person_id=person, counterpart_id=to, limit=None if csv_file is not None else limit
            )
        )
    if csv_file is not None:
        from hogo.adapters.csv_export import csv_text
        from hogo.provision.export import HEADER, record_row

        csv_file.write_text(csv_text(HEADER, (record_row(r) for r in rows)), encoding="utf-8", newline="")
        print(f"wrote {csv_file}: {len(rows)} record(s)")
        return
    for r in rows:
        line = {
            "id": r.id,
            "direction": r.direction,
            "route": r.route,
            "method": r.method,
            "person_id": r.person_id,
            "counterpart": r.counterpart_id,
            "made_at": r.made_at.astimezone(JST).isoformat(),
            "retention_until": r.retention_until.astimezone(JST).date().isoformat(),
            "fields": r.fields,
        }
        print(json.dumps(line, ensure_ascii=False))


@app.command()
@handle_errors
def suspend(
    person: str,
    reference: Annotated[str, typer.Option(help="the request or decision behind it")],
    opt_out: Annotated[bool, typer.Option("--opt-out", help="the person opted out (Art. 27(2))")] = False,
    to: Annotated[str | None, typer.Option(help="only provision to this recipient")] = None,
) -> None:
    """Stop provision of the person's data to third parties (Art. 35(3)) or by opt-out (Art. 27(2))."""
    kind = SuspensionKind.opt_out if opt_out else SuspensionKind.request
    with container() as c:
        view = c.provision.suspend(person, reference, system_actor(c.settings.actor), kind=kind, recipient_id=to)
    print(f"suspension {view.id}: {view.kind} for {view.recipient or 'every third party'} ({view.reference})")


@app.command()
@handle_errors
def lift(person: str, suspension: int) -> None:
    """Lift a suspension of provision."""
    with container() as c:
        c.provision.lift(person, suspension, system_actor(c.settings.actor))
    print(f"suspension {suspension} lifted")


@app.command()
@handle_errors
def suspensions(person: str) -> None:
    with container() as c:
        rows = c.provision.suspensions(person, system_actor(c.settings.actor))
    for s in rows:
        state = "lifted" if s.lifted_at else "active"
        print(f"{s.id:>5}  {state:<7} {s.kind:<8} {s.recipient or '*':<24} {s.reference}")


@app.command()
@handle_errors
def check(
    recipient: str,
    register: Annotated[Register, typer.Option(help="foreign (Rule 18) or entrustee (Art. 25)")] = Register.foreign,
    on: Annotated[str | None, typer.Option(help="date of the check, YYYY-MM-DD; today if left out")] = None,
    failed: Annotated[bool, typer.Option("--failed", help="the check found a problem: provision stops")] = False,
    findings: Annotated[str | None, typer.Option(help="reference to the findings (no personal data)")] = None,
) -> None:
    """Log a periodic check of a recipient abroad or the supervision of an entrustee."""
    with container() as c:
        checked_on = dt.date.fromisoformat(on) if on else c.clock.now().astimezone(JST).date()
        data = CheckIn(kind=register, recipient=recipient, checked_on=checked_on, passed=not failed, findings=findings)
        actor = system_actor(c.settings.actor)
        c.provision.record_check(data, actor)
        state = c.provision.check_state(register, recipient, actor)
    print(f"{recipient}: {state.status} (last passed {state.last_passed or '-'}, next due {state.next_due or '-'})")


@app.command()
@handle_errors
def checks(
    recipient: str,
    register: Annotated[Register, typer.Option(help="foreign (Rule 18) or entrustee (Art. 25)")] = Register.foreign,
) -> None:
    """The check log of one recipient and its standing today."""
    with container() as c:
        actor = system_actor(c.settings.actor)
        state = c.provision.check_state(register, recipient, actor)
        rows = c.provision.checks(register, recipient, actor)
    for r in rows:
        print(f"{r.checked_on}  {'passed' if r.passed else 'FAILED':<7} {r.findings or ''}")
    print(f"{recipient}: {state.status} (next due {state.next_due or '-'})")


@app.command()
@handle_errors
def packages(recipient: str) -> None:
    """The versions of the information shown before consent to a transfer abroad (Rule 17)."""
    with container() as c:
        rows = c.provision.information_packages(recipient, system_actor(c.settings.actor))
    for p in rows:
        ledgers = ",".join(str(v) for v in p.ledger_versions)
        state = "complete" if p.complete else "INCOMPLETE: consent cannot be asked for"
        print(f"v{p.version}  {p.digest}  ledger {ledgers:<10} {p.content['country'] or '-':<4} {state}")


@app.command()
@handle_errors
def purge() -> None:
    """Delete provision and receipt records whose retention ended (run daily)."""
    with container() as c:
        count = provision_retention.run(c, c.settings.actor)
    err(f"{count} record(s) past their retention deleted")
