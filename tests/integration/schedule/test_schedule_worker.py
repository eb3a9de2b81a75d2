"""The jobs worker thread: runs what is due, goes on after a failing job, stops cleanly; the web application
starts and stops it with its lifespan, and an application built without it has no jobs thread."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable

from fastapi.testclient import TestClient

from hogo.bootstrap import Container
from hogo.clock import FixedClock
from hogo.jobs.registry import Job, Registry
from hogo.jobs.worker import Worker
from hogo.schedule.policy import Outcome
from hogo.schedule.schemas import JobResult
from hogo.web.app import create_app

H = dt.timedelta(hours=1)


def counting(container: Container, due_at: dt.datetime) -> JobResult:
    return JobResult(changed=1, counts={"runs": 1})


def broken(container: Container, due_at: dt.datetime) -> JobResult:
    raise RuntimeError("the outbox is unreachable")


JOBS = Registry(
    [
        Job("broken", H, ja="失敗する", en="Fails", run=broken),
        Job("count", H, ja="数える", en="Counts", run=counting),
    ]
)


def eventually(check: Callable[[], bool], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "the worker did not get there in time"
        time.sleep(0.02)


def runs(container: Container) -> dict[str, int]:
    return {j.name: j.run_count for j in container.schedule.jobs()}


def jobs_threads() -> int:
    return sum(t.name == "hogo-jobs" for t in threading.enumerate())


def test_the_worker_goes_on_after_a_failure_and_stops_cleanly(container: Container, clock: FixedClock) -> None:
    worker = Worker(container, JOBS, poll_seconds=0.01, owner="thread")
    worker.start()
    try:
        eventually(lambda: runs(container) == {"broken": 1, "count": 1})
        clock.advance(H)
        eventually(lambda: runs(container) == {"broken": 2, "count": 2})
    finally:
        worker.stop(timeout=10)
    assert not worker.running
    assert container.schedule.job("broken").last_outcome is Outcome.failed
    assert container.schedule.job("count").last_outcome is Outcome.changed
    assert len(container.audit.events(action_prefix="job.failed")) == 2
    assert container.audit.verify().ok


def test_the_application_runs_the_worker_for_its_lifespan_only(container: Container, clock: FixedClock) -> None:
    worker = Worker(container, JOBS, poll_seconds=0.01)
    before = jobs_threads()
    with TestClient(create_app(container, background=[worker])):
        assert worker.running
        eventually(lambda: runs(container) == {"broken": 1, "count": 1})
    assert not worker.running and jobs_threads() == before
    with TestClient(create_app(container)):  # as tests build it: no jobs thread
        assert jobs_threads() == before
