"""A worker in a process of its own, for the tests that race processes or kill one mid-run.

    python racer.py DATABASE_URL KEY_FILE AT_ISO SLEEP_SECONDS [START_FILE]

Builds hogo on the store with a clock fixed at AT_ISO and one job, `slow-count`, whose body sleeps
SLEEP_SECONDS and reports one change. Waits for START_FILE to exist (so that racers start together), runs
what is due, and prints one JSON line: the due times this process ran.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

from hogo import bootstrap
from hogo.bootstrap import Container
from hogo.clock import FixedClock
from hogo.jobs.registry import Job, Registry
from hogo.jobs.runner import run_due, worker_id
from hogo.schedule.schemas import JobResult
from hogo.settings import Settings

LEASE = dt.timedelta(minutes=5)


def slow_registry(sleep: float) -> Registry:
    def body(container: Container, due_at: dt.datetime) -> JobResult:
        print(json.dumps({"started": due_at.isoformat()}), flush=True)
        time.sleep(sleep)
        return JobResult(changed=1, counts={"runs": 1})

    return Registry([Job("slow-count", dt.timedelta(hours=1), ja="数える", en="Counts", run=body, lease=LEASE)])


def main() -> None:
    url, key_file, at, sleep = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    start = Path(sys.argv[5]) if len(sys.argv) > 5 else None
    container = bootstrap.build(
        Settings(database_url=url, key_file=Path(key_file)), FixedClock(dt.datetime.fromisoformat(at))
    )
    try:
        registry = slow_registry(sleep)
        container.schedule.register(registry.specs())
        print(json.dumps({"ready": True}), flush=True)
        while start is not None and not start.exists():
            time.sleep(0.005)
        done = run_due(container, registry, worker_id())
        print(json.dumps({"ran": [f.due_at.isoformat() for f in done if f.due_at]}), flush=True)
    finally:
        container.close()


if __name__ == "__main__":
    main()
