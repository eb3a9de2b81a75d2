"""`hogo jobs list|run NAME|run-due`: the scheduled duties by hand, or from cron (`hogo jobs run-due`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from hogo.bootstrap import Container
from hogo.cli.common import container, err, handle_errors
from hogo.clock import JST
from hogo.jobs.catalogue import default_registry
from hogo.jobs.registry import Registry
from hogo.jobs.runner import run_due, run_now, worker_id
from hogo.schedule.policy import Outcome, every, lease_free
from hogo.schedule.schemas import Finished

app = typer.Typer(
    help="Scheduled duties (定期処理): list them, run one now, or run what is due (from cron).",
    no_args_is_help=True,
)


@app.command("list")
@handle_errors
def list_jobs() -> None:
    """Each job: how often it runs, its last run and outcome, and when it is next due (JST)."""
    with registered() as (c, registry):
        states = [s for s in c.schedule.jobs() if s.name in registry.names()]
        now = c.clock.now()
    print(f"{'JOB':<28} {'EVERY':<6} {'LAST RUN (JST)':<17} {'OUTCOME':<8} {'NEXT DUE (JST)':<17} RUNS")
    for s in states:
        outcome = "running" if not lease_free(s.lease_until, now) else (s.last_outcome or "never")
        error = f"  {s.last_error_class}: {s.last_error}" if s.last_outcome is Outcome.failed else ""
        print(
            f"{s.name:<28} {every(s.interval):<6} {jst(s.last_finished_at):<17} {outcome:<8} "
            f"{jst(s.next_due_at):<17} {s.run_count}{error}"
        )


@app.command()
@handle_errors
def run(name: Annotated[str, typer.Argument(metavar="NAME", help="the job to run now (see `hogo jobs list`)")]) -> None:
    """Run one job now, whatever its due time; still only one worker runs it at a time."""
    registry = default_registry()
    if name not in registry.names():
        raise typer.BadParameter(
            f"no job named {name!r}; the jobs are: {', '.join(registry.names())}", param_hint="NAME"
        )
    with container() as c:
        c.schedule.register(registry.specs())
        finished = run_now(c, registry, name, worker_id())
    report(finished)
    if finished.outcome is Outcome.failed:
        raise typer.Exit(1)


@app.command("run-due")
@handle_errors
def run_due_jobs() -> None:
    """Run the jobs that are due (for cron, e.g. every minute; with HOGO_JOBS_WORKER=off on the servers)."""
    with registered() as (c, registry):
        done = run_due(c, registry, worker_id())
    for finished in done:
        report(finished)
    if not done:
        err("nothing due")
    if any(f.outcome is Outcome.failed for f in done):
        raise typer.Exit(1)


@contextmanager
def registered() -> Iterator[tuple[Container, Registry]]:
    """The container, with this hogo's jobs brought into the schedule (a new one is due at once)."""
    registry = default_registry()
    with container() as c:
        c.schedule.register(registry.specs())
        yield c, registry


def report(finished: Finished) -> None:
    served = f"due {jst(finished.due_at)}" if finished.due_at else "by hand"
    if finished.outcome is Outcome.failed:
        print(f"{finished.name}: failed ({served}): {finished.error_class}: {finished.error}")
    else:
        counts = finished.result.counts if finished.result else {}
        figures = " ".join(f"{k}={v}" for k, v in counts.items())
        print(f"{finished.name}: {finished.outcome.value} ({served}) {figures}".rstrip())
    if finished.lease_lost:
        err(f"{finished.name}: its lease ran out meanwhile and another worker took the job over")


def jst(at: dt.datetime | None) -> str:
    return "—" if at is None else at.astimezone(JST).strftime("%Y-%m-%d %H:%M")
