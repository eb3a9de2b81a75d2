"""Scheduled jobs: two worker processes race for one job through 1,000 due times; how many runs, and how long a
claim takes.

A coordinator moves a clock shared by the workers (a `multiprocessing.Value` behind hogo's Clock protocol) to
each due time in turn, T0 + k·60 s, and moves on when the run of that due time has finished. Each worker
process has its own container (engine, sessions) on the same store and loops as the jobs thread does — read
what is due, claim it by the schedule's compare-and-set UPDATE, run the body, finish — polling every
millisecond. The body writes one row `(due_at, worker)` into a table of the bench's own in its own
transaction, so the runs are counted from what the bodies wrote, beside the schedule's run count and the
`job.ran` audit events. Figures: runs (must equal the due times) and how many were won by each worker; the
claim's UPDATE + commit in ms for claims won and lost; and from the clock reaching the due time to the
winner's claim.

    .venv/bin/python bench/jobs_race.py [--due-times 1000] [--store postgresql|sqlite|both]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import os
import statistics
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import text

from hogo import bootstrap
from hogo.adapters.keyring import FileKeyring
from hogo.bootstrap import Container
from hogo.clock import SystemClock
from hogo.db import migrate
from hogo.jobs.registry import Job, Registry
from hogo.jobs.runner import execute
from hogo.schedule.schemas import JobResult
from hogo.settings import Settings

LOAD_AT_START = round(os.getloadavg()[0], 2)
ADMIN_URL = os.environ.get("HOGO_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
T0 = 1_800_000_000.0  # 2027-01-15 08:00 UTC
INTERVAL = 60.0


class SharedClock:
    """hogo's Clock over a timestamp the coordinator moves; every worker process reads the same one."""

    def __init__(self, value: Any) -> None:
        self._value = value

    def now(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self._value.value, dt.UTC)

    def timestamp(self) -> float:
        return float(self._value.value)


def registry(worker: str) -> Registry:
    def body(container: Container, due_at: dt.datetime) -> JobResult:
        with container.engine.begin() as conn:
            conn.execute(
                text("INSERT INTO bench_runs (due_at, worker) VALUES (:d, :w)"), {"d": due_at.isoformat(), "w": worker}
            )
        return JobResult(changed=1, counts={"rows": 1})

    return Registry([Job("bench-tick", dt.timedelta(seconds=INTERVAL), ja="計測", en="Bench", run=body)])


def worker(
    name: str, url: str, keys: str, clock_value: Any, moved_at: Any, finished: Any, ready: Any, stop: Any, out: Any
) -> None:
    container = bootstrap.build(Settings(database_url=url, key_file=Path(keys)), SharedClock(clock_value))
    with ready.get_lock():
        ready.value += 1
    jobs = registry(name)
    [job] = list(jobs)
    won_ms, lost_ms, due_to_claim_ms = [], [], []
    try:
        while not stop.value:
            for state in container.schedule.due(jobs.names()):
                started = time.perf_counter()
                claim = container.schedule.claim(state.name, state.next_due_at, name, job.lease)
                took = (time.perf_counter() - started) * 1000
                if claim is None:
                    lost_ms.append(took)
                    continue
                won_ms.append(took)
                due_to_claim_ms.append((time.time() - moved_at.value) * 1000)
                execute(container, job, claim)
                with finished.get_lock():
                    finished.value += 1
            time.sleep(0.001)
    finally:
        container.close()
    out.put({"worker": name, "won_ms": won_ms, "lost_ms": lost_ms, "due_to_claim_ms": due_to_claim_ms})


def race(url: str, keys: Path, due_times: int) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    clock_value, moved_at = ctx.Value("d", T0), ctx.Value("d", time.time())
    finished, ready, stop, out = ctx.Value("i", 0), ctx.Value("i", 0), ctx.Value("b", False), ctx.Queue()
    setup = bootstrap.build(Settings(database_url=url, key_file=keys), SharedClock(clock_value))
    try:
        migrate.upgrade(setup.engine)
        with setup.engine.begin() as conn:
            conn.execute(text("CREATE TABLE bench_runs (due_at VARCHAR(40) NOT NULL, worker VARCHAR(10) NOT NULL)"))
        setup.schedule.register(registry("setup").specs())  # first due at T0
    finally:
        setup.close()
    clock_value.value = T0 - INTERVAL  # nothing due while the workers start
    args = (url, str(keys), clock_value, moved_at, finished, ready, stop, out)
    processes = [ctx.Process(target=worker, args=(f"w{i}", *args)) for i in range(2)]
    for p in processes:
        p.start()
    _wait(lambda: ready.value == len(processes))
    started = time.perf_counter()
    for k in range(due_times):
        moved_at.value = time.time()
        clock_value.value = T0 + k * INTERVAL
        _wait(lambda k=k: finished.value > k or not all(p.is_alive() for p in processes))
    seconds = time.perf_counter() - started
    time.sleep(0.2)  # a last chance for a duplicate run to show
    stop.value = True
    results = [out.get(timeout=60) for _ in processes]
    for p in processes:
        p.join(60)
    check = bootstrap.build(Settings(database_url=url, key_file=keys), SharedClock(clock_value))
    try:
        with check.engine.connect() as conn:
            rows = conn.execute(text("SELECT due_at, worker FROM bench_runs")).all()
        state = check.schedule.job("bench-tick")
        audited = len(check.audit.events(action_prefix="job.ran", limit=10 * due_times))
    finally:
        check.close()
    won = [ms for r in results for ms in r["won_ms"]]
    lost = [ms for r in results for ms in r["lost_ms"]]
    return {
        "store": "postgresql" if url.startswith("postgresql") else "sqlite",
        "due_times": due_times,
        "runs": len(rows),
        "distinct_due_times_run": len({d for d, _ in rows}),
        "schedule_run_count": state.run_count,
        "job_ran_audit_events": audited,
        "runs_by_worker (who wrote the rows)": dict(sorted(Counter(w for _, w in rows).items())),
        "claims_lost": len(lost),
        "claim_ms_won": _percentiles(won),
        "claim_ms_lost": _percentiles(lost),
        "due_to_claim_ms": _percentiles([ms for r in results for ms in r["due_to_claim_ms"]]),
        "due_times_per_s": round(due_times / seconds, 1),
    }


def _wait(done: Callable[[], bool]) -> None:
    while not done():
        time.sleep(0.0002)


def _percentiles(values: list[float]) -> dict[str, float]:
    if len(values) < 2:
        return {"n": len(values)}
    cuts = statistics.quantiles(values, n=100)
    return {"n": len(values), "p50": round(cuts[49], 2), "p90": round(cuts[89], 2), "p99": round(cuts[98], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--due-times", type=int, default=1000)
    parser.add_argument("--store", choices=["postgresql", "sqlite", "both"], default="both")
    args = parser.parse_args()
    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        keys = Path(tmp) / "keys.json"
        FileKeyring.create(keys, SystemClock().now())
        if args.store in ("postgresql", "both"):
            name = f"hogo_bench_{uuid.uuid4().hex[:8]}"
            admin = psycopg.connect(ADMIN_URL.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)
            admin.execute(f'CREATE DATABASE "{name}"')
            try:
                figures.append(race(ADMIN_URL.rsplit("/", 1)[0] + "/" + name, keys, args.due_times))
            finally:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                admin.close()
        if args.store in ("sqlite", "both"):
            figures.append(race(f"sqlite:///{tmp}/hogo.db", keys, args.due_times))
    print(
        json.dumps(
            {"benchmark": "jobs_race", "workers": 2, "results": figures, "load_at_start": LOAD_AT_START}, indent=2
        )
    )


if __name__ == "__main__":
    main()
