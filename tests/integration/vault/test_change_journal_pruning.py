"""The change journal is pruned; a cache that last looked before the pruned range learns that it missed
changes and drops everything (`Changes.since`), on both stores."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from hogo import bootstrap
from hogo.bootstrap import Container
from hogo.changes import Changes, FactChange
from hogo.clock import FixedClock
from hogo.identity.policy import Actor
from hogo.jobs.catalogue import default_registry
from hogo.jobs.runner import run_due
from hogo.settings import Settings
from hogo.subjects.schemas import AcquisitionIn
from hogo.usage.policy import Reason

H = dt.timedelta(hours=1)


def journal(container: Container) -> list[int]:
    with container.uow(read_only=True) as uow:
        return list(uow.session.execute(select(FactChange.seq).order_by(FactChange.seq)).scalars())


def append(container: Container, clock: FixedClock, count: int) -> None:
    """`count` journal rows, one per hour of the clock."""
    for _ in range(count):
        with container.uow() as uow:
            uow.session.execute(insert(FactChange), [{"person_id": None, "changed_at": clock.now()}])
            uow.commit()
        clock.advance(H)


def test_pruning_keeps_the_rows_newer_than_the_bound_and_always_the_newest(
    container: Container, clock: FixedClock
) -> None:
    append(container, clock, 10)  # seq 1..10 at hours 0..9; the clock is now at hour 10
    assert container.journal.prune(dt.timedelta(hours=3, minutes=30), batch=3) == (7, 8)  # rows before hour 6.5 go
    assert journal(container) == [8, 9, 10]
    assert container.journal.prune(dt.timedelta(hours=3, minutes=30)).deleted == 0
    clock.advance(100 * H)
    assert container.journal.prune(H).deleted == 2
    assert journal(container) == [10]  # the newest row stays, so that SQLite never hands its seq out again
    append(container, clock, 1)
    assert journal(container) == [10, 11]


def test_since_tells_a_cache_that_looked_before_the_pruned_range_that_it_missed_changes(
    container: Container, clock: FixedClock
) -> None:
    append(container, clock, 6)  # seq 1..6
    with container.uow(read_only=True) as uow:
        assert Changes.since(uow.session, 2).missed is False
    container.journal.prune(dt.timedelta(hours=2, minutes=30))  # rows of hours 0..3 (seq 1..4) go, 5 and 6 stay
    with container.uow(read_only=True) as uow:
        assert Changes.since(uow.session, 1) == (6, set(), True, True)  # 2, 3 and 4 were never seen
        assert Changes.since(uow.session, 3).missed is True  # 4 was never seen
        assert Changes.since(uow.session, 4) == (6, set(), True, False)  # saw everything that was pruned
        assert Changes.since(uow.session, 6) == (6, set(), False, False)


def test_a_gap_left_by_a_rolled_back_transaction_is_not_a_missed_change(
    container: Container, clock: FixedClock
) -> None:
    append(container, clock, 2)
    with container.uow() as uow:
        uow.session.execute(insert(FactChange), [{"person_id": None, "changed_at": clock.now()}])
        uow.session.flush()  # seq 3 taken, then rolled back
    append(container, clock, 1)
    seqs = journal(container)
    with container.uow(read_only=True) as uow:
        assert Changes.since(uow.session, 2).missed is False, seqs  # on PostgreSQL seq 4 follows a gap at 3


@pytest.fixture
def other(vault: Container, key_file: Path, clock: FixedClock) -> Iterator[Container]:
    """Another process's container on the same store; its decision cache polls the journal at every decision."""
    built = bootstrap.build(
        Settings(database_url=vault.settings.database_url, key_file=key_file, decision_cache_seconds=0), clock
    )
    try:
        yield built
    finally:
        built.close()


def test_another_process_whose_cache_missed_pruned_changes_drops_everything(
    vault: Container, other: Container, admin: Actor, clock: FixedClock
) -> None:
    def customer(email: str) -> str:
        values = {"name": "山田 花子", "email": email}
        return vault.subjects.acquire(
            AcquisitionIn(subject_kind="customer", values=values, channel="web-order"), admin
        ).person_id

    first, second = customer("hanako@example.jp"), customer("taro@example.jp")
    for person in (first, second):
        assert other.usage.check_use(person, ["name"], "service", admin).allowed  # cached over there
    vault.subjects.suspend_use(first, None, "REQ-1", admin)
    vault.subjects.suspend_use(second, None, "REQ-2", admin)
    clock.advance(dt.timedelta(hours=vault.settings.changes_keep_hours + 1))
    jobs = default_registry()
    vault.schedule.register(jobs.specs())
    done = {f.name: f for f in run_due(vault, jobs, "w1")}
    pruned = done["change-journal-pruning"]
    assert pruned.result is not None and pruned.result.changed >= 1  # the first suspension's row is gone
    [ran] = [e for e in vault.audit.events(action_prefix="job.ran") if e.entity_id == "change-journal-pruning"]
    assert ran.data["counts"] == {"changed": pruned.result.changed, "rows_deleted": pruned.result.changed}
    # The other process never read the first suspension's row; without the pruning check it would still allow.
    assert other.usage.check_use(first, ["name"], "service", admin).reason is Reason.use_suspended
    assert other.usage.check_use(second, ["name"], "service", admin).reason is Reason.use_suspended
