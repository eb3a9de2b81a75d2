"""Workers racing for one job on one store — threads with a container each, and OS processes — run each due
time once; a worker process killed mid-run leaves a lease that runs out, and the due time is run again."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from racer import LEASE, slow_registry

from hogo import bootstrap
from hogo.bootstrap import Container
from hogo.clock import FixedClock
from hogo.jobs.runner import run_due
from hogo.schedule.policy import Outcome
from hogo.schedule.schemas import Finished
from hogo.settings import Settings

RACER = Path(__file__).resolve().parent / "racer.py"
H = dt.timedelta(hours=1)


@pytest.fixture
def workers(container: Container, clock: FixedClock) -> Iterator[list[Container]]:
    """Four more containers on the same store, as four worker processes would have (one clock for all)."""
    with ExitStack() as stack:
        built = []
        for _ in range(4):
            other = bootstrap.build(
                Settings(database_url=container.settings.database_url, key_file=container.settings.key_file), clock
            )
            stack.callback(other.close)
            built.append(other)
        yield built


def job_ran(container: Container) -> list[str]:
    return [str(e.data["due_at"]) for e in container.audit.events(action_prefix="job.ran", limit=1000)]


def test_threads_racing_run_each_due_time_once(
    container: Container, workers: list[Container], clock: FixedClock
) -> None:
    jobs = slow_registry(0.05)
    container.schedule.register(jobs.specs())
    start = clock.now()
    rounds = 5

    def race(barrier: threading.Barrier, won: list[list[Finished]], i: int, worker: Container) -> None:
        barrier.wait()
        won[i] = run_due(worker, jobs, f"thread-{i}")

    for _ in range(rounds):
        barrier = threading.Barrier(len(workers))
        won: list[list[Finished]] = [[] for _ in workers]
        threads = [threading.Thread(target=race, args=(barrier, won, i, w)) for i, w in enumerate(workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert sum(len(w) for w in won) == 1, won
        clock.advance(H)
    assert sorted(job_ran(container)) == [(start + k * H).isoformat() for k in range(rounds)]
    assert container.schedule.job("slow-count").run_count == rounds


def racer(container: Container, at: dt.datetime, sleep: float, start: Path | None = None) -> subprocess.Popen[str]:
    args = [container.settings.database_url, str(container.settings.key_file), at.isoformat(), str(sleep)]
    return subprocess.Popen(
        [sys.executable, str(RACER), *args, *([str(start)] if start else [])],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )


def wait_for(process: subprocess.Popen[str], key: str) -> dict[str, object]:
    assert process.stdout is not None
    for line in process.stdout:
        message: dict[str, object] = json.loads(line)
        if key in message:
            return message
    raise AssertionError(f"the racer ended without saying {key!r} (exit {process.wait()})")


def test_two_processes_racing_run_the_due_time_once(container: Container, clock: FixedClock, tmp_path: Path) -> None:
    go = tmp_path / "go"
    processes = [racer(container, clock.now(), 0.5, go) for _ in range(2)]
    try:
        for p in processes:
            wait_for(p, "ready")
        go.touch()
        ran = [wait_for(p, "ran")["ran"] for p in processes]
    finally:
        for p in processes:
            p.wait(30)
    assert sorted(ran, key=len) == [[], [clock.now().isoformat()]]
    assert job_ran(container) == [clock.now().isoformat()]
    state = container.schedule.job("slow-count")
    assert state.run_count == 1 and state.next_due_at == clock.now() + H


def test_a_worker_killed_mid_run_is_replaced_once_its_lease_runs_out(container: Container, clock: FixedClock) -> None:
    due = clock.now()
    hung = racer(container, due, 600)
    try:
        assert wait_for(hung, "started") == {"started": due.isoformat()}
        hung.send_signal(signal.SIGKILL)
    finally:
        hung.wait(30)
    held = container.schedule.job("slow-count")
    assert held.lease_owner is not None and held.lease_until == due + LEASE  # left behind by the dead worker
    jobs = slow_registry(0)
    clock.advance(LEASE - dt.timedelta(seconds=1))
    assert run_due(container, jobs, "survivor") == []  # the lease still holds
    clock.advance(dt.timedelta(seconds=1))
    [rerun] = run_due(container, jobs, "survivor")
    assert (rerun.due_at, rerun.outcome, rerun.lease_lost) == (due, Outcome.changed, False)
    state = container.schedule.job("slow-count")
    assert state.run_count == 1 and state.last_due_at == due and state.next_due_at == due + H
    assert job_ran(container) == [due.isoformat()]
