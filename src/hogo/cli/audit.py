"""`hogo audit verify|events`."""

from __future__ import annotations

import json
import time
from typing import Annotated

import typer

from hogo.cli.common import container, err, handle_errors
from hogo.clock import JST

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
