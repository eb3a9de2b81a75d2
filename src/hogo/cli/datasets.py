"""`hogo datasets list|access|plan|erase|resume|runs|scan`: requests carried out in the company's databases."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from hogo.cli.common import container, err, handle_errors
from hogo.clock import JST
from hogo.datasets.policy import Identity
from hogo.datasets.schemas import RunKind, RunView
from hogo.errors import InvalidInput
from hogo.identity.policy import Actor, system_actor

app = typer.Typer(help="The company's own databases: access, erasure, correction, suspension.", no_args_is_help=True)
console = Console(stderr=True)

EmailOpt = Annotated[list[str] | None, typer.Option("--email", help="the person's e-mail address (repeatable)")]
IdOpt = Annotated[
    list[str] | None, typer.Option("--id", help="another identifier as KIND=VALUE, e.g. chinook_customer_id=1")
]
ReferenceOpt = Annotated[str, typer.Option(help="the request behind this run, e.g. its number")]
ItemOpt = Annotated[
    list[str] | None,
    typer.Option("--item", help="only this item (repeatable): the person's narrower ask; for a correction, required"),
]
ActionOpt = Annotated[
    list[str] | None,
    typer.Option("--action", help="ITEM=ACTION: one of the actions the ledger allows there, named by the person"),
]


def identities(emails: list[str] | None, ids: list[str] | None) -> list[Identity]:
    found = [Identity("email", e) for e in emails or []]
    for pair in ids or []:
        kind, sep, value = pair.partition("=")
        if not sep or not kind or not value:
            raise InvalidInput(f"--id takes KIND=VALUE, got {kind or pair!r}")
        found.append(Identity(kind.strip(), value))
    if not found:
        raise InvalidInput("give --email or --id to find the person")
    return found


def named_actions(pairs: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs or []:
        item, sep, action = pair.partition("=")
        if not sep or not item or not action:
            raise InvalidInput(f"--action takes ITEM=ACTION, got {pair!r}")
        out[item.strip()] = action.strip()
    return out


@app.command("list")
@handle_errors
def list_datasets() -> None:
    """The datasets the ledger declares, and whether their connection is set."""
    with container() as c:
        for d in c.datasets.datasets():
            state = "connected" if d.connected else (f"set {d.connection_env}" if d.connection_env else "not connected")
            print(f"{d.id:<20} {state:<28} tables: {', '.join(d.tables) or '-'}  ({d.name})")


@app.command()
@handle_errors
def access(
    email: EmailOpt = None,
    id_: IdOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the disclosure package as JSON")] = False,
) -> None:
    """Every row of the person across the connected datasets, mapped to ledger items (開示)."""
    with container() as c:
        result = c.datasets.access(identities(email, id_), system_actor(c.settings.actor))
    if as_json:
        print(json.dumps(asdict(result), ensure_ascii=False, indent=2))
        return
    for row in result.rows:
        key = ", ".join(f"{k}={v}" for k, v in row.key.items())
        print(f"{row.dataset}.{row.table} [{key}] ({row.subject_kind})")
        for value in row.values:
            print(f"    {value.column:<24} {value.item:<20} {value.value}")
    for skipped in result.not_followed:
        relation = f"{skipped.table}.{skipped.column} -> {skipped.references_table}.{skipped.references_column}"
        print(
            f"not followed: {skipped.dataset}: {relation} ({skipped.source}): {skipped.why['en']} ({skipped.article})"
        )
    err(f"{len(result.rows)} row(s) in {', '.join(result.datasets) or 'no connected dataset'}")


@app.command()
@handle_errors
def plan(
    email: EmailOpt = None,
    id_: IdOpt = None,
    reference: ReferenceOpt = "cli",
    kind: Annotated[str, typer.Option(help="erasure, correction or suspension")] = "erasure",
    item: ItemOpt = None,
    action: ActionOpt = None,
) -> None:
    """Plan a run and print every statement and row count; nothing is changed (`hogo datasets resume RUN` runs it)."""
    with container() as c:
        actor = system_actor(c.settings.actor)
        people = identities(email, id_)
        if kind not in {k.value for k in RunKind}:
            raise InvalidInput(f"unknown kind {kind!r}: erasure, correction or suspension")
        run = c.datasets.plan(RunKind(kind), people, reference, actor, items=item or [], actions=named_actions(action))
    show(run)


@app.command()
@handle_errors
def erase(
    email: EmailOpt = None,
    id_: IdOpt = None,
    reference: ReferenceOpt = "cli",
    dry_run: Annotated[bool, typer.Option("--dry-run", help="print the plan and change nothing")] = False,
    item: ItemOpt = None,
    action: ActionOpt = None,
) -> None:
    """Erase the person in every connected dataset, as the ledger declares; legal holds are reported."""
    with container() as c:
        actor = system_actor(c.settings.actor)
        people = identities(email, id_)
        actions = named_actions(action)
        run = c.datasets.plan(RunKind.erasure, people, reference, actor, items=item or [], actions=actions)
        show(run)
        if dry_run:
            err(f"dry run: nothing was changed; run it with `hogo datasets resume {run.id}`")
            return
        run = execute(c.datasets.execute, run, actor)
    outcome(run)


@app.command()
@handle_errors
def resume(
    run_id: str,
    value: Annotated[list[str] | None, typer.Option(help="for a correction: ITEM=NEW VALUE")] = None,
) -> None:
    """Carry out a planned run, or finish one that stopped; what is done already is not done again."""
    corrections = dict(v.partition("=")[::2] for v in value or [])
    with container() as c:
        actor = system_actor(c.settings.actor)
        run = execute(
            lambda run_id, actor, progress: c.datasets.execute(
                run_id, actor, corrections=corrections, progress=progress
            ),
            c.datasets.run(run_id, actor),
            actor,
        )
    shared(run)
    outcome(run)


@app.command()
@handle_errors
def runs(limit: int = 20) -> None:
    """The latest runs and their state."""
    with container() as c:
        for run in c.datasets.runs(system_actor(c.settings.actor), limit):
            when = run.planned_at.astimezone(JST).strftime("%Y-%m-%d %H:%M")
            print(f"{run.id}  {when} JST  {run.kind:<10} {run.status:<9} {run.rows_changed} change(s)  {run.reference}")


def execute(call: Callable[..., RunView], run: RunView, actor: Actor) -> RunView:
    """Run with one progress bar per dataset; the console shows each dataset's step and outcome."""
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console) as progress:
        tasks: dict[str, TaskID] = {
            s.dataset: progress.add_task(s.dataset, total=max(1, len(s.statements)))
            for s in run.steps
            if s.status != "completed"
        }

        def advance(dataset: str, done: int, total: int) -> None:
            progress.update(tasks[dataset], completed=done, total=total)

        result: RunView = call(run.id, actor, progress=advance)
    return result


def show(run: RunView) -> None:
    print(f"run {run.id} ({run.kind}, {run.status}) for {run.reference}")
    for step in run.steps:
        print(f"  {step.dataset}: {step.planned_rows} row(s), {step.status}")
        for statement in step.statements:
            print(f"    [{statement.rows} row(s)] {statement.sql};")
    grouped: dict[tuple[str, str, int, str, str], list[str]] = {}
    for hold in run.holds:
        key = (
            f"{hold.dataset}.{hold.table}",
            hold.until.isoformat(),
            hold.rows,
            hold.statute["ja"],
            hold.statute["en"],
        )
        grouped.setdefault(key, []).append(hold.column)
    for (table, until, rows, ja, en), columns in grouped.items():
        print(f"  kept until {until}: {table} ({', '.join(columns)}; {rows} row(s)) — {ja} / {en}")
    shared(run)


def shared(run: RunView) -> None:
    """The rows held because another person reaches them too: the desk decides what becomes of them."""
    for group in run.shared:
        print(
            f"  shared, not changed: {group.dataset}.{group.table} ({group.rows} row(s): {group.where}) — "
            f"also reached from another person in {', '.join(group.others)}; the desk decides"
        )


def outcome(run: RunView) -> None:
    for step in run.steps:
        changes = f"{step.rows_changed or 0} change(s)" + (" (confirmed on resume)" if step.confirmed_on_resume else "")
        print(f"  {step.dataset}: {step.status}, {changes}, attempt {step.attempts}")
    print(f"run {run.id}: {run.status}, {run.rows_changed} change(s)")


@app.command()
@handle_errors
def scan(
    sample: Annotated[int, typer.Option(min=1, help="rows sampled per table")] = 200,
    lang: Annotated[str, typer.Option(help="ja or en")] = "ja",
) -> None:
    """Sample every connected database and report what the ledger leaves out (exit 1 if anything drifted)."""
    with container() as c:
        results = c.discovery.scan(system_actor(c.settings.actor), sample=sample)
    drifted = False
    for result in results:
        if result.error is not None:
            err(f"{result.dataset}: not scanned: {result.error}")
            continue
        print(f"{result.dataset}: {result.scanned_columns} column(s) sampled, {len(result.drifts)} finding(s)")
        for finding in result.drifts:
            drifted = True
            print(f"  {finding.kind.value:<22} {finding.message(lang)}")
    if not results:
        err("the ledger connects no dataset (datasets[].connection.env)")
    if drifted:
        raise typer.Exit(1)
