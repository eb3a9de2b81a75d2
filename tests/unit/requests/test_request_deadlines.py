"""Deadlines on the Japanese calendar: weekends, national holidays, the 29 Dec-3 Jan closure, Art. 39."""

from __future__ import annotations

import datetime as dt

import pytest

from hogo.clock import JST
from hogo.requests.deadlines import (
    add_business_days,
    business_days_between,
    days_left,
    deadlines,
    is_business_day,
    overdue,
)

D = dt.date


def jst(y: int, m: int, d: int, h: int = 10, mi: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, h, mi, tzinfo=JST).astimezone(dt.UTC)


@pytest.mark.parametrize(
    ("day", "business"),
    [
        (D(2026, 11, 20), True),  # Friday
        (D(2026, 11, 21), False),  # Saturday
        (D(2026, 11, 23), False),  # Labour Thanksgiving Day
        (D(2026, 4, 29), False),  # Showa Day
        (D(2026, 5, 6), False),  # substitute holiday of Golden Week
        (D(2026, 5, 7), True),
        (D(2026, 9, 22), False),  # the "national holiday" between two holidays
        (D(2026, 12, 28), True),
        (D(2026, 12, 29), False),  # company closure
        (D(2027, 1, 2), False),
        (D(2027, 1, 3), False),
        (D(2027, 1, 4), True),
        (D(2027, 1, 11), False),  # Coming of Age Day
    ],
)
def test_business_days(day: dt.date, business: bool) -> None:
    assert is_business_day(day) is business


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (D(2026, 4, 28), 5, D(2026, 5, 11)),  # across Golden Week 2026
        (D(2027, 4, 28), 3, D(2027, 5, 7)),  # Golden Week 2027: 4/29, 5/3-5/5
        (D(2026, 12, 25), 3, D(2027, 1, 5)),  # across the New Year closure
        (D(2026, 12, 28), 1, D(2027, 1, 4)),
        (D(2027, 1, 8), 1, D(2027, 1, 12)),  # Coming of Age Monday
        (D(2026, 9, 18), 1, D(2026, 9, 24)),  # Silver Week 2026
        (D(2026, 11, 21), 1, D(2026, 11, 24)),  # arrival on a Saturday, Monday a holiday
        (D(2026, 11, 20), 0, D(2026, 11, 20)),
    ],
)
def test_add_business_days(start: dt.date, days: int, expected: dt.date) -> None:
    assert add_business_days(start, days) == expected
    assert business_days_between(start, expected) == days


@pytest.mark.parametrize(
    ("received_at", "target", "received_on", "art39_from", "due_on"),
    [
        (jst(2026, 4, 1), None, D(2026, 4, 1), D(2026, 4, 16), D(2026, 4, 15)),  # GL-G's example
        (jst(2026, 4, 1, 0, 30), 10, D(2026, 4, 1), D(2026, 4, 16), D(2026, 4, 15)),  # 15:30 UTC the day before
        (jst(2026, 4, 24), 10, D(2026, 4, 24), D(2026, 5, 9), D(2026, 5, 14)),  # Golden Week: later than Art. 39
        (jst(2026, 12, 24), 5, D(2026, 12, 24), D(2027, 1, 8), D(2027, 1, 6)),  # New Year
        (jst(2026, 11, 20), 14, D(2026, 11, 20), D(2026, 12, 5), D(2026, 12, 11)),
    ],
)
def test_deadlines(
    received_at: dt.datetime, target: int | None, received_on: dt.date, art39_from: dt.date, due_on: dt.date
) -> None:
    d = deadlines(received_at, target)
    assert (d.received_on, d.art39_from, d.due_on, d.target_days) == (received_on, art39_from, due_on, target)


def test_overdue_turns_at_midnight_in_japan() -> None:
    d = deadlines(jst(2026, 11, 20), 14)
    assert not overdue(d, jst(2026, 12, 11, 23, 59)) and days_left(d, jst(2026, 12, 11, 23, 59)) == 0
    assert overdue(d, jst(2026, 12, 12, 0, 1)) and days_left(d, jst(2026, 12, 12, 0, 1)) == -1


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        deadlines(dt.datetime(2026, 4, 1, 10, 0), None)  # noqa: DTZ001
    with pytest.raises(ValueError, match="negative"):
        add_business_days(D(2026, 4, 1), -1)
