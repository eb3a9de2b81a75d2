"""Scheduled jobs on a real store (SQLite and PostgreSQL): each due time runs once, on the due time's grid;
failures are recorded and the schedule goes on; clocks that jump; leases that run out; runs by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from hogo.bootstrap import Container
from hogo.clock import FixedClock
from hogo.errors import Conflict
from hogo.jobs.registry import Job, Registry, UnknownJob
from hogo.jobs.runner import run_due, run_now
from hogo.schedule.policy import Outcome
from hogo.schedule.schemas import JobResult
from hogo.schedule.service import ScheduleService

H = dt.timedelta(hours=1)
M = dt.timedelta(minutes=1)
LEASE = dt.timedelta(minutes=10)


def counting(container: Container, due_at: dt.datetime) -> JobResult:
    return JobResult(changed=1, counts={"runs": 1}, ids=(due_at.strftime("%H%M"),))


def idle(container: Container, due_at: dt.datetime) -> JobResult:
    return JobResult()


def broken(container: Container, due_at: dt.datetime) -> JobResult:
    raise ValueError("no customer 'Yamada Hanako' <hanako@example.jp>")


def registry(*bodies: tuple[str, object]) -> Registry:
    return Registry(Job(name, H, ja="テスト", en="A test", run=body, lease=LEASE) for name, body in bodies)  # type: ignore[arg-type]


def events(container: Container, action: str, name: str) -> list[dict[str, object]]:
    return [e.data for e in container.audit.events(action_prefix=action) if e.entity_id == name]


def test_a_due_job_runs_once_per_due_time_on_its_grid(container: Container, clock: FixedClock) -> None:
    jobs = registry(("count", counting))
    start = clock.now()
    container.schedule.register(jobs.specs())
    [first] = run_due(container, jobs, "w1")
    assert (first.due_at, first.outcome, first.next_due_at) == (start, Outcome.changed, start + H)
    assert run_due(container, jobs, "w1") == []  # the same due time does not run again
    clock.advance(H + 7 * M)  # the worker looks seven minutes late
    [second] = run_due(container, jobs, "w2")
    assert second.due_at == start + H and second.next_due_at == start + 2 * H  # no drift
    state = container.schedule.job("count")
    assert (state.run_count, state.last_outcome, state.last_counts) == (2, Outcome.changed, {"changed": 1, "runs": 1})
    assert state.lease_owner is None and state.lease_until is None
    ran = events(container, "job.ran", "count")
    assert [e["due_at"] for e in ran] == [(start + H).isoformat(), start.isoformat()]
    assert ran[0]["counts"] == {"changed": 1, "runs": 1} and ran[0]["ids"] == ["0200"] and ran[0]["manual"] is False


def test_a_run_that_finds_nothing_leaves_no_audit_event(container: Container, clock: FixedClock) -> None:
    jobs = registry(("idle", idle))
    container.schedule.register(jobs.specs())
    [finished] = run_due(container, jobs, "w1")
    assert finished.outcome is Outcome.nothing
    assert container.schedule.job("idle").run_count == 1
    assert container.audit.events(action_prefix="job.") == []


def test_a_failing_job_is_recorded_rescheduled_and_the_others_still_run(
    container: Container, clock: FixedClock
) -> None:
    jobs = registry(("broken", broken), ("count", counting))
    container.schedule.register(jobs.specs())
    done = {f.name: f for f in run_due(container, jobs, "w1")}
    assert done["broken"].outcome is Outcome.failed and done["count"].outcome is Outcome.changed
    state = container.schedule.job("broken")
    assert state.last_outcome is Outcome.failed and state.last_error_class == "ValueError"
    assert state.last_error is not None and "no customer" in state.last_error
    assert "Yamada" not in state.last_error and "hanako" not in state.last_error  # no personal data kept
    assert state.next_due_at == clock.now() + H  # tried again at the next due time, not at every poll
    assert state.lease_owner is None
    [failed] = events(container, "job.failed", "broken")
    assert failed["error"] == "ValueError" and "hanako" not in str(failed)
    clock.advance(H)
    assert {f.name: f.outcome for f in run_due(container, jobs, "w1")} == {
        "broken": Outcome.failed,
        "count": Outcome.changed,
    }
    assert container.schedule.job("broken").run_count == 2


def test_a_clock_jump_forward_runs_once_and_a_jump_back_runs_nothing_again(
    container: Container, clock: FixedClock
) -> None:
    jobs = registry(("count", counting))
    start = clock.now()
    container.schedule.register(jobs.specs())
    run_due(container, jobs, "w1")
    clock.advance(10 * H + 5 * M)  # ten due times passed while the clock jumped (or the machine slept)
    [caught_up] = run_due(container, jobs, "w1")
    assert caught_up.due_at == start + H and caught_up.next_due_at == start + 11 * H
    assert run_due(container, jobs, "w1") == []  # no burst of the nine skipped due times
    clock.advance(-8 * H)  # the clock is set back
    assert run_due(container, jobs, "w1") == []
    clock.advance(8 * H + 55 * M)  # back to where it was, then on to the next due time
    [next_run] = run_due(container, jobs, "w1")
    assert next_run.due_at == start + 11 * H
    assert container.schedule.job("count").run_count == 3


def test_a_lapsed_lease_lets_another_worker_rerun_the_due_time(container: Container, clock: FixedClock) -> None:
    """A worker that dies mid-run holds the job until its lease runs out; then the same due time runs again,
    and the first worker, should it wake and finish, moves nothing (its token is gone)."""
    jobs = registry(("count", counting))
    due = clock.now()
    container.schedule.register(jobs.specs())
    stalled = container.schedule.claim("count", due, "w1", LEASE)
    assert stalled is not None
    assert container.schedule.claim("count", due, "w2", LEASE) is None  # held
    assert run_due(container, jobs, "w2") == []
    clock.advance(LEASE)
    [rerun] = run_due(container, jobs, "w2")
    assert rerun.due_at == due and rerun.next_due_at == due + H
    late = container.schedule.finish(stalled, JobResult(changed=1))
    assert late.lease_lost and late.next_due_at is None
    state = container.schedule.job("count")
    assert state.run_count == 1 and state.next_due_at == due + H and state.lease_owner is None
    assert [e["lease_lost"] for e in events(container, "job.ran", "count")] == [True, False]


def test_a_run_by_hand_is_exclusive_and_leaves_the_schedule_alone(container: Container, clock: FixedClock) -> None:
    jobs = registry(("count", counting))
    container.schedule.register(jobs.specs())
    run_due(container, jobs, "w1")
    next_due = container.schedule.job("count").next_due_at
    finished = run_now(container, jobs, "count", "cli")
    assert finished.outcome is Outcome.changed and finished.due_at is None
    assert container.schedule.job("count").next_due_at == next_due
    assert events(container, "job.ran", "count")[0]["manual"] is True
    held = container.schedule.claim_now("count", "w2", LEASE)
    with pytest.raises(Conflict, match="running in w2"):
        run_now(container, jobs, "count", "cli")
    container.schedule.finish(held, JobResult())
    with pytest.raises(UnknownJob, match="no job named 'nope'; the jobs are: count"):
        run_now(container, jobs, "nope", "cli")


def test_registering_again_keeps_the_due_time_and_takes_the_new_interval(
    container: Container, clock: FixedClock
) -> None:
    container.schedule.register(registry(("count", counting)).specs())
    due = container.schedule.job("count").next_due_at
    clock.advance(H)
    longer = Registry([Job("count", 6 * H, ja="六時間ごと", en="Every six hours", run=counting)])
    container.schedule.register(longer.specs())
    state = container.schedule.job("count")
    assert (state.next_due_at, state.interval, state.en) == (due, 6 * H, "Every six hours")
    [finished] = run_due(container, longer, "w1")
    assert finished.next_due_at == due + 6 * H


def test_a_fresh_schedule_service_sees_the_same_rows(container: Container, clock: FixedClock) -> None:
    """The schedule holds no state in the process: another service object (another process) reads the same."""
    container.schedule.register(registry(("count", counting)).specs())
    other = ScheduleService(container.uow, clock)
    assert [j.name for j in other.jobs()] == ["count"]
