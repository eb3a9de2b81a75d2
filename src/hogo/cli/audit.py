"""`hogo audit verify|events`."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from hogo.cli.common import container, err, handle_errors
from hogo.clock import JST

app = typer.Typer(help="The tamper-evident audit trail.", no_args_is_help=True)


@app.command()
@handle_errors
def verify() -> None:
    """Recompute the hash chain; exit 1 and name the first broken event if anything was altered or removed."""
    with container() as c:
        result = c.audit.verify()
    if result.broken is not None:
        err(f"audit chain BROKEN at event {result.broken.seq}: {result.broken.reason}")
        raise typer.Exit(1)
    print(f"audit chain intact: {result.events} event(s) verified")


@app.command()
@handle_errors
def events(
    action: Annotated[str | None, typer.Option(help="only actions starting with this, e.g. 'ledger.'")] = None,
    limit: int = 50,
) -> None:
    """The latest audit events, newest first."""
    with container() as c:
        rows = c.audit.events(action_prefix=action, limit=limit)
    for e in rows:
        when = e.occurred_at.astimezone(JST).strftime("%Y-%m-%d %H:%M:%S")
        data = json.dumps(e.data, ensure_ascii=False)
        print(f"{e.seq:>6}  {when}  {e.actor:<12} {e.action:<24} {e.entity_type}:{e.entity_id}  {data}")
