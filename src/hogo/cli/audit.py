"""`hogo audit verify|events|export`."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hogo.cli.common import container, err, handle_errors
from hogo.clock import JST
from hogo.errors import InvalidInput
from hogo.identity.policy import system_actor

if TYPE_CHECKING:
    from hogo.audit.search import AuditQuery

app = typer.Typer(help="The tamper-evident audit trail.", no_args_is_help=True)


@app.command()
@handle_errors
def verify() -> None:
    """Recompute the hash chain; exit 1 and name the first event that was altered, inserted or removed."""
    with container() as c:
        started = time.perf_counter()
        result = c.audit.verify()
        elapsed = time.perf_counter() - started
    if result.broken is not None:
        broken = result.broken
        err(f"audit chain BROKEN at event {broken.seq} ({broken.kind}): {broken.reason}")
        raise typer.Exit(1)
    rate = f", {result.events / elapsed:,.0f} events/s" if result.events and elapsed > 0 else ""
    print(f"audit chain intact: {result.events} event(s) verified in {elapsed:.2f} s{rate}")


def _query(
    action: str | None,
    actor: str | None,
    entity: str | None,
    identifier: str | None,
    since: str | None,
    until: str | None,
) -> AuditQuery:
    from hogo.audit.search import AuditQuery

    person_id = None
    if identifier:
        kind, sep, value = identifier.partition("=")
        if not sep or not value:
            raise InvalidInput("--person takes KIND=VALUE, e.g. email=hanako@example.jp")
        with container() as c:
            person_id = c.subjects.find(kind, value, system_actor(c.settings.actor))
    return AuditQuery(action, actor, entity, person_id, _when(since), _when(until))


def _when(value: str | None) -> dt.datetime | None:
    """An ISO date or time; JST when it has no zone."""
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{value!r} is not an ISO date or time (2026-12-01 or 2026-12-01T09:00)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=JST)


Action = Annotated[str | None, typer.Option(help="only actions starting with this, e.g. 'ledger.' or 'request.'")]
Actor = Annotated[str | None, typer.Option(help="only events by this actor, e.g. 'operator:kimura'")]
Entity = Annotated[str | None, typer.Option(help="only events about this entity: an id, or TYPE:ID")]
Person = Annotated[
    str | None,
    typer.Option("--person", help="only events about the person found by KIND=VALUE (looked up, never shown)"),
]
Since = Annotated[str | None, typer.Option(help="from this date or time (JST unless a zone is given)")]
Until = Annotated[str | None, typer.Option(help="before this date or time (JST unless a zone is given)")]


@app.command()
@handle_errors
def events(
    action: Action = None,
    actor: Actor = None,
    entity: Entity = None,
    person: Person = None,
    since: Since = None,
    until: Until = None,
    limit: int = 50,
    before: Annotated[int | None, typer.Option(help="only events older than this sequence number (next page)")] = None,
) -> None:
    """Audit events matching the filters, newest first."""
    query = _query(action, actor, entity, person, since, until)
    with container() as c:
        c.usage.flush()
        page = c.audit_search.page(query, before=before, limit=limit)
    for e in page.events:
        when = e.occurred_at.astimezone(JST).strftime("%Y-%m-%d %H:%M:%S")
        data = json.dumps(e.data, ensure_ascii=False)
        print(f"{e.seq:>6}  {when}  {e.actor:<12} {e.action:<24} {e.entity_type}:{e.entity_id}  {data}")
    if page.before is not None:
        err(f"more: --before {page.before}")


@app.command()
@handle_errors
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="the CSV file to write")],
    action: Action = None,
    actor: Actor = None,
    entity: Entity = None,
    person: Person = None,
    since: Since = None,
    until: Until = None,
) -> None:
    """Write matching events as CSV, verifying the chain over every event read; the last row says the outcome."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from hogo.audit.search import ExportResult

    query = _query(action, actor, entity, person, since, until)
    outcome: list[ExportResult] = []
    with container() as c:
        c.usage.flush()
        total = c.audit_search.size()
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
        bar = Progress(*columns, console=Console(stderr=True), transient=True)
        with bar, output.open("w", encoding="utf-8", newline="") as out:
            task = bar.add_task("audit events", total=total)
            for chunk in c.audit_search.export_csv(query, progress=lambda n: bar.advance(task, n), result=outcome):
                out.write(chunk)
    done = outcome[0]
    print(f"wrote {output}: {done.written} of {done.read} event(s)")
    if done.broken is not None:
        err(f"audit chain BROKEN at event {done.broken.seq} ({done.broken.kind}): {done.broken.reason}")
        raise typer.Exit(1)
    print("audit chain intact over every event read")
