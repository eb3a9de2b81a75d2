"""A request's dates on the Japanese calendar: arrival, the Art. 39 two-week mark, the company's target. Pure.

Business days skip Saturdays, Sundays, national holidays (the `holidays` package's JP calendar, substitute
holidays included) and the company's year-end closure, 29 December to 3 January. The Art. 39 mark counts
calendar days, as the law does: a request that arrives on 1 April may be taken to court from 16 April (GL-G
3-8-8's example). The company's target (`target_days` in the ledger) counts business days from the day after
arrival. Instants are stored in UTC; every date here is a date in Japan (JST).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import holidays

from hogo.clock import JST

CLOSURE = ((12, 29), (12, 30), (12, 31), (1, 1), (1, 2), (1, 3))
"""The company closure at the New Year (年末年始休業)."""
ART39_DAYS = 14


@cache
def _national(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("JP", years=year).keys())


def is_business_day(day: dt.date) -> bool:
    return day.weekday() < 5 and (day.month, day.day) not in CLOSURE and day not in _national(day.year)


def add_business_days(start: dt.date, days: int) -> dt.date:
    """The `days`-th business day after `start` (start itself not counted, whatever it is)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    left = days
    while left:
        day += dt.timedelta(days=1)
        if is_business_day(day):
            left -= 1
    return day


def business_days_between(start: dt.date, end: dt.date) -> int:
    """Business days after `start` up to and including `end` (0 when end <= start)."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_business_day(day)
    return count


def jst_date(at: dt.datetime) -> dt.date:
    if at.tzinfo is None:
        raise ValueError("a naive datetime has no date in Japan; use the clock")
    return at.astimezone(JST).date()


@dataclass(frozen=True)
class Deadlines:
    received_on: dt.date
    """The arrival date in Japan (Art. 39: the day the request arrived)."""
    art39_from: dt.date
    """From this date the person may sue, two weeks having passed since arrival (Art. 39(1))."""
    target_days: int | None
    """The company's target in business days (the ledger's `target_days`), or None: "without delay" only."""
    due_on: dt.date
    """The answer is due by the end of this day: the company's target, else the day before the Art. 39 mark."""


def deadlines(received_at: dt.datetime, target_days: int | None) -> Deadlines:
    received_on = jst_date(received_at)
    art39_from = received_on + dt.timedelta(days=ART39_DAYS + 1)
    due = add_business_days(received_on, target_days) if target_days else art39_from - dt.timedelta(days=1)
    return Deadlines(received_on, art39_from, target_days, due)


def overdue(d: Deadlines, now: dt.datetime) -> bool:
    """Past the due date in Japan (the caller asks only for requests still open)."""
    return jst_date(now) > d.due_on


def days_left(d: Deadlines, now: dt.datetime) -> int:
    """Calendar days until the due date (negative once overdue)."""
    return (d.due_on - jst_date(now)).days
