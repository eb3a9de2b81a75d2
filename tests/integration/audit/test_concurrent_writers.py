"""Several processes append to one audit chain at once (two containers, as two workers would be): no event is
lost, no seq taken twice, and the chain verifies. On SQLite this needs writers to take the lock when their
transaction begins (`BEGIN IMMEDIATE`), since `FOR UPDATE` does nothing there."""

from __future__ import annotations

import threading
from pathlib import Path

from hogo import bootstrap
from hogo.bootstrap import Container
from hogo.clock import FixedClock
from hogo.identity.policy import Actor
from hogo.settings import Settings
from hogo.subjects.schemas import AcquisitionIn

PER_WORKER = 25


def test_two_workers_append_to_one_chain(vault: Container, key_file: Path, clock: FixedClock, admin: Actor) -> None:
    other = bootstrap.build(Settings(database_url=vault.settings.database_url, key_file=key_file), clock)
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def work(container: Container, worker: int) -> None:
        try:
            start.wait()
            for i in range(PER_WORKER):
                person = container.subjects.acquire(
                    AcquisitionIn(subject_kind="customer", values={"name": f"顧客 {worker}-{i}"}, channel="web-order"),
                    admin,
                ).person_id
                container.subjects.suspend_use(person, None, f"REQ-{worker}-{i}", admin)
        except BaseException as exc:  # reported below, with the worker's failure
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(c, n)) for n, c in enumerate((vault, other))]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        other.close()
    assert errors == []
    events = vault.audit.events(limit=1000)
    assert sum(e.action == "use.suspended" for e in events) == 2 * PER_WORKER
    assert sorted(e.seq for e in events) == list(range(1, len(events) + 1))
    assert vault.audit.verify().ok
