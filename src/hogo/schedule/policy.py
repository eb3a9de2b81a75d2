"""The arithmetic of scheduled duties: names, when a job is next due, whether a lease still holds. Pure.

A job's due times lie on a grid fixed by its first due time: `first + k·interval`. A run is claimed for one
due time and, when it ends, the job is next due at the first point of the grid after the end of the run:
so the grid never drifts (a run that starts late does not push the next one later), a clock that jumps
forward past many due times runs the job once (the points it passed are skipped, not caught up), and a
clock that jumps backward leaves the next due time where it was — in the future — so nothing runs again.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

from hogo.errors import DomainError, InvalidInput

NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_NAME = 64
ERROR_TEXT = 300


class Outcome(StrEnum):
    changed = "changed"
    """The run changed something: a `job.ran` audit event says what (counts and ids)."""
    nothing = "nothing"
    """The run found nothing to do: no audit event (a job may run every few seconds)."""
    failed = "failed"
    """The run raised: a `job.failed` audit event names the error's class."""


def check_name(name: str) -> str:
    """A job's name: kebab-case ASCII (`change-journal-pruning`), at most 64 characters."""
    if len(name) > MAX_NAME or NAME.fullmatch(name) is None:
        raise InvalidInput(f"a job name is kebab-case ASCII of at most {MAX_NAME} characters, not {name!r}")
    return name


def interval_seconds(interval: dt.timedelta) -> int:
    """A job's interval in whole seconds, at least one."""
    seconds = interval.total_seconds()
    if seconds < 1 or seconds != int(seconds):
        raise InvalidInput(f"a job's interval is a whole number of seconds, at least 1, not {interval}")
    return int(seconds)


def next_due(due_at: dt.datetime, interval: dt.timedelta, now: dt.datetime) -> dt.datetime:
    """The first point after `now` of the grid `due_at + k·interval`, k ≥ 1."""
    if interval <= dt.timedelta(0):
        raise ValueError("the interval must be positive")
    if now < due_at + interval:
        return due_at + interval
    return due_at + ((now - due_at) // interval + 1) * interval


def every(interval: dt.timedelta) -> str:
    """An interval as people write it: 1d, 6h, 30m, 45s."""
    seconds = int(interval.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def lease_free(lease_until: dt.datetime | None, now: dt.datetime) -> bool:
    """Nobody holds the job: no lease, or one that ran out (its holder died or overran it)."""
    return lease_until is None or lease_until <= now


def is_due(next_due_at: dt.datetime, lease_until: dt.datetime | None, now: dt.datetime) -> bool:
    """A worker may claim the job now (the claim's UPDATE asks the same of the stored row, atomically)."""
    return next_due_at <= now and lease_free(lease_until, now)


_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|«[^»]*»|「[^」]*」")
_EMAIL = re.compile(r"\S+@\S+")
_NUMBER = re.compile(r"[0-9０-９][0-9０-９.,:/-]*")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")
_SQL = re.compile(r"\s*\[(?:SQL|parameters|Background on this error)\b.*", re.DOTALL)


def error_summary(exc: BaseException) -> tuple[str, str]:
    """What a failed run leaves for the operator: the error's class and a message without personal data.

    A DomainError's message is made to carry none (hogo.errors). Any other message may quote a value (a
    driver's error repeats the row it could not write), so only its first line is kept, and from it quoted
    text, e-mail addresses, numbers and non-ASCII text (names, addresses in Japanese) are taken out.
    """
    kind = type(exc)
    name = kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
    if isinstance(exc, DomainError):
        return name, f"{exc.code}: {exc.message}"[:ERROR_TEXT]
    text = _SQL.sub("", str(exc)).split("\n", 1)[0]
    for pattern in (_QUOTED, _EMAIL, _NUMBER, _NOT_ASCII):
        text = pattern.sub("…", text)
    return name, text.strip()[:ERROR_TEXT]
