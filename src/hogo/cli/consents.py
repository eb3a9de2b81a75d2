"""`hogo consents give|withdraw|list|receipt`: consents taken on paper, by phone or at the desk; `export` and
`rates`: the website banner's choices (docs/web-consent.md)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from hogo.cli.common import container, handle_errors
from hogo.consent.schemas import ConsentIn, ConsentKind, ConsentMethod
from hogo.identity.policy import system_actor

HELP = "Consents of a person (Arts. 18, 20(2), 27, 28) and the website banner's choices."
app = typer.Typer(help=HELP, no_args_is_help=True)


@app.command()
@handle_errors
def give(
    person: Annotated[str, typer.Argument(help="the person's id (p_…)")],
    kind: Annotated[ConsentKind, typer.Option(help="what the consent is to")],
    target: Annotated[str, typer.Option(help="the purpose, third party, recipient abroad or item it names")],
    method: Annotated[ConsentMethod, typer.Option(help="how the person expressed it")],
    evidence: Annotated[str | None, typer.Option(help="where the proof is kept (no personal data)")] = None,
) -> None:
    """Record a consent; for a recipient abroad, what the person was shown is kept with it."""
    with container() as c:
        view = c.consents.give(
            person,
            ConsentIn(kind=kind, target=target, method=method, evidence=evidence),
            system_actor(c.settings.actor),
        )
    print(f"{view.id}  {view.kind.value}  {view.target}  {view.article}")


@app.command()
@handle_errors
def withdraw(
    consent: Annotated[str, typer.Argument(help="the consent's id (c_…)")],
    method: Annotated[ConsentMethod, typer.Option(help="how the person withdrew it")],
) -> None:
    with container() as c:
        view = c.consents.withdraw(consent, method, system_actor(c.settings.actor))
    print(f"{view.id}  withdrawn")


@app.command("list")
@handle_errors
def list_consents(person: Annotated[str, typer.Argument(help="the person's id (p_…)")]) -> None:
    with container() as c:
        for v in c.consents.consents(person, system_actor(c.settings.actor)):
            state = "active" if v.active else "withdrawn"
            print(f"{v.id}  {v.kind.value:<16} {v.target:<30} {state:<9} {v.method.value}  {v.article}")


@app.command()
@handle_errors
def receipt(consent: Annotated[str, typer.Argument(help="the consent's id (c_…)")]) -> None:
    """The consent receipt (Kantara v1.1 with ISO/IEC TS 27560 fields) as JSON."""
    with container() as c:
        print(json.dumps(c.consents.receipt(consent, system_actor(c.settings.actor)), ensure_ascii=False, indent=2))


@app.command()
@handle_errors
def export(
    since: Annotated[
        dt.datetime | None, typer.Option(help="only choices made from this instant (UTC unless given)")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl (one JSON object a line) or csv")] = "jsonl",
    output: Annotated[Path | None, typer.Option(help="write here instead of standard output")] = None,
) -> None:
    """Every choice made on the website banner, oldest first: visitor id, banner version, choices, action, GPC."""
    if fmt not in ("jsonl", "csv"):
        raise typer.BadParameter("--format is jsonl or csv")
    moment = since.replace(tzinfo=dt.UTC) if since is not None and since.tzinfo is None else since
    out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    count = 0
    try:
        with container() as c:
            rows = c.web_consents.export(system_actor(c.settings.actor), moment)
            count = _write(out, "csv" if fmt == "csv" else "jsonl", rows)
    finally:
        if output:
            out.close()
    if output:
        print(f"{count} choices written to {output}", file=sys.stderr)


def _write(out: Any, fmt: Literal["jsonl", "csv"], rows: Any) -> int:
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
        return count
    fields = ["id", "visitor_id", "banner_version", "action", "gpc", "origin", "given_at", "choices"]
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        writer.writerow(row | {"choices": json.dumps(row["choices"], sort_keys=True)})
        count += 1
    return count


@app.command()
@handle_errors
def rates() -> None:
    """Per banner version and category: visitors whose latest choice allows it, of all."""
    with container() as c:
        for r in c.web_consents.rates(system_actor(c.settings.actor)):
            share = r.allowed / r.total if r.total else 0.0
            print(f"{r.banner_version}  {r.category:<12} {r.allowed:>8} / {r.total:<8} {share:.1%}")
