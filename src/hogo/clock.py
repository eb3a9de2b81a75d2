"""Time comes from here: domain code asks an injected Clock, never the system directly."""

from __future__ import annotations

import datetime as dt
import time
from typing import Protocol, runtime_checkable
from zoneinfo import ZoneInfo

JST = ZoneInfo("Asia/Tokyo")


@runtime_checkable
class Clock(Protocol):
    def now(self) -> dt.datetime:
        """The current instant, timezone-aware, in UTC."""
        ...

    def timestamp(self) -> float:
        """The current instant as POSIX seconds (cheaper than `now()` on hot paths)."""
        ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def timestamp(self) -> float:
        return time.time()


class FixedClock:
    """A clock that stands still until moved; for tests and reproducible runs."""

    def __init__(self, at: dt.datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware datetime")
        self._at = at.astimezone(dt.UTC)

    def now(self) -> dt.datetime:
        return self._at

    def timestamp(self) -> float:
        return self._at.timestamp()

    def advance(self, delta: dt.timedelta) -> None:
        self._at += delta


def today_jst(clock: Clock) -> dt.date:
    """The calendar date in Japan at the clock's current instant."""
    return clock.now().astimezone(JST).date()
