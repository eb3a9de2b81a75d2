"""The schedule's arithmetic from tables of cases: the grid of due times, leases, names, and error texts."""

from __future__ import annotations

import datetime as dt

import pytest

from hogo.errors import InvalidInput, NotFound
from hogo.schedule.policy import check_name, error_summary, every, interval_seconds, is_due, lease_free, next_due
from hogo.schedule.schemas import JobResult, JobSpec

T = dt.datetime(2026, 11, 20, 1, 0, tzinfo=dt.UTC)
H = dt.timedelta(hours=1)
M = dt.timedelta(minutes=1)


@pytest.mark.parametrize(
    ("now", "expected", "why"),
    [
        (T, T + H, "on time: the next point of the grid"),
        (T + 5 * M, T + H, "late by minutes: still the next point — no drift"),
        (T + H - dt.timedelta(microseconds=1), T + H, "just before the next point"),
        (T + H, T + 2 * H, "exactly on the next point: that one is passed, the one after"),
        (T + 10 * H + 5 * M, T + 11 * H, "a jump forward of ten hours: one run, the nine points passed are skipped"),
        (T - 3 * H, T + H, "a clock that went back: the next point is still ahead of it"),
    ],
)
def test_next_due_stays_on_the_grid(now: dt.datetime, expected: dt.datetime, why: str) -> None:
    assert next_due(T, H, now) == expected, why


def test_next_due_on_a_long_run_of_days_keeps_the_time_of_day() -> None:
    day = dt.timedelta(days=1)
    assert next_due(T, day, T + 400 * day + 3 * H) == T + 401 * day


@pytest.mark.parametrize(
    ("next_due_at", "lease_until", "now", "due", "free"),
    [
        (T, None, T, True, True),
        (T, None, T - M, False, True),
        (T, T + M, T, False, False),  # held: another worker runs it
        (T, T, T, True, True),  # the lease ran out at this instant
        (T, T - M, T, True, True),  # its holder died: free again
        (T + H, T - M, T, False, True),  # done and released: not due yet
    ],
)
def test_due_and_leases(
    next_due_at: dt.datetime, lease_until: dt.datetime | None, now: dt.datetime, due: bool, free: bool
) -> None:
    assert is_due(next_due_at, lease_until, now) is due
    assert lease_free(lease_until, now) is free


@pytest.mark.parametrize("name", ["provision-record-retention", "a", "outbox2", "x-1-y"])
def test_good_names(name: str) -> None:
    assert check_name(name) == name


@pytest.mark.parametrize("name", ["", "Upper", "snake_case", "-lead", "trail-", "two--dashes", "日本", "a" * 65])
def test_bad_names(name: str) -> None:
    with pytest.raises(InvalidInput, match="kebab-case"):
        check_name(name)


@pytest.mark.parametrize(
    ("interval", "text"),
    [(dt.timedelta(days=1), "1d"), (6 * H, "6h"), (30 * M, "30m"), (dt.timedelta(seconds=45), "45s"), (90 * M, "90m")],
)
def test_intervals(interval: dt.timedelta, text: str) -> None:
    assert every(interval) == text
    assert interval_seconds(interval) == int(interval.total_seconds())


@pytest.mark.parametrize("interval", [dt.timedelta(0), dt.timedelta(milliseconds=500), dt.timedelta(seconds=1.5), -H])
def test_bad_intervals(interval: dt.timedelta) -> None:
    with pytest.raises(InvalidInput, match="whole number of seconds"):
        interval_seconds(interval)


def test_a_domain_error_keeps_its_message() -> None:
    assert error_summary(NotFound("no ledger version 7")) == ("hogo.errors.NotFound", "not-found: no ledger version 7")


@pytest.mark.parametrize(
    "exc",
    [
        ValueError("no customer 'Yamada Hanako' with hanako@example.jp, phone 090-1234-5678"),
        RuntimeError("山田 花子 was not found in 東京都千代田区"),
        LookupError('duplicate key "hanako@example.jp"\nDETAIL: Key (email)=(hanako@example.jp) already exists.'),
        Exception("(psycopg.errors.UniqueViolation) duplicate key\n[SQL: INSERT …]\n[parameters: ('Hanako',)]"),
    ],
)
def test_other_errors_lose_every_value_they_quote(exc: Exception) -> None:
    kind, message = error_summary(exc)
    assert kind == type(exc).__name__
    for value in ("Yamada", "Hanako", "hanako", "example.jp", "1234", "5678", "山田", "花子", "東京", "DETAIL", "[SQL"):
        assert value not in message
    assert message  # something is left to tell the errors apart ("no customer … with …, phone …")


def test_a_result_carries_counts_and_opaque_ids_only() -> None:
    assert JobResult(changed=2, counts={"records_deleted": 2}, ids=("entrustee:delivery-co", "p_0a1b")).changed == 2
    with pytest.raises(ValueError, match="opaque"):
        JobResult(changed=1, ids=("hanako@example.jp",))
    with pytest.raises(ValueError, match="opaque"):
        JobResult(changed=1, ids=("山田 花子",))
    with pytest.raises(ValueError, match="snake_case"):
        JobResult(counts={"Records Deleted": 1})
    with pytest.raises(ValueError, match="negative"):
        JobResult(changed=-1)


def test_a_job_spec_needs_both_descriptions() -> None:
    with pytest.raises(InvalidInput, match="Japanese and an English"):
        JobSpec("outbox", M, ja="", en="Sends the outbox")
