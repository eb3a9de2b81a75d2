"""Running jobs: claim, run the body, record how it ended. Used by the worker thread and `hogo jobs`."""

from __future__ import annotations

import logging
import os
import socket
import threading
import traceback

from hogo.bootstrap import Container
from hogo.jobs.registry import Job, Registry
from hogo.schedule.policy import error_summary
from hogo.schedule.schemas import Claim, Finished, JobResult

log = logging.getLogger(__name__)


def worker_id() -> str:
    """This process, as a lease holder is named in the schedule (host and pid; each claim adds a token)."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}"


def run_due(
    container: Container, registry: Registry, owner: str, *, stop: threading.Event | None = None
) -> list[Finished]:
    """Run each registered job that is due and free, one after the other; the runs this worker won."""
    done = []
    for state in container.schedule.due(registry.names()):
        if stop is not None and stop.is_set():
            break
        job = registry.get(state.name)
        claim = container.schedule.claim(state.name, state.next_due_at, owner, job.lease)
        if claim is not None:
            done.append(execute(container, job, claim))
    return done


def run_now(container: Container, registry: Registry, name: str, owner: str) -> Finished:
    """Run one job now whatever its due time, still exclusively (refused while another worker runs it)."""
    job = registry.get(name)
    return execute(container, job, container.schedule.claim_now(name, owner, job.lease))


def execute(container: Container, job: Job, claim: Claim) -> Finished:
    """Run a claimed job's body and record the outcome; an error in the body is recorded, never raised."""
    try:
        result = job.run(container, claim.due_at or claim.claimed_at)
        if not isinstance(result, JobResult):
            raise TypeError(f"job {job.name} returned {type(result).__name__}, not a JobResult")
    except Exception as exc:
        kind, message = error_summary(exc)
        # The frames, not the message: the log carries no personal data (STYLE rule 9).
        frames = "".join(traceback.format_tb(exc.__traceback__))
        log.error("job %s failed: %s: %s\n%s", job.name, kind, message, frames)
        return container.schedule.fail(claim, exc)
    return container.schedule.finish(claim, result)
