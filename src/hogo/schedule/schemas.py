"""What the schedule service takes and gives: a job's description, a run's result, a job's state, a claim."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from hogo.errors import InvalidInput
from hogo.schedule.policy import Outcome, check_name, interval_seconds

_COUNT = re.compile(r"[a-z][a-z0-9_]{0,39}")
_ID = re.compile(r"[A-Za-z0-9_.:/-]{1,128}")
MAX_IDS = 200


@dataclass(frozen=True)
class JobSpec:
    """A periodic job as the schedule knows it: its name, how often it is due, what it does (ja/en)."""

    name: str
    interval: dt.timedelta
    ja: str
    en: str

    def __post_init__(self) -> None:
        check_name(self.name)
        interval_seconds(self.interval)
        if not self.ja.strip() or not self.en.strip() or len(self.ja) > 200 or len(self.en) > 200:
            raise InvalidInput(f"job {self.name}: give a Japanese and an English description of at most 200 characters")


@dataclass(frozen=True)
class JobResult:
    """What a run did, in counts and opaque ids only — never personal data (it goes into the audit trail).

    `changed` is how many things the run changed (rows deleted, events recorded); 0 means it found nothing
    to do, and such a run leaves no audit event.
    """

    changed: int = 0
    counts: Mapping[str, int] = field(default_factory=dict)
    ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.changed < 0:
            raise ValueError("changed counts what a run changed: it cannot be negative")
        for name, value in self.counts.items():
            if _COUNT.fullmatch(name) is None or type(value) is not int:
                raise ValueError(f"a count is a snake_case name and an int, not {name!r}: {type(value).__name__}")
        for opaque in self.ids:
            if _ID.fullmatch(opaque) is None:
                raise ValueError("ids are opaque (letters, digits, _.:/-; at most 128): a value that is not one")
        if len(self.ids) > MAX_IDS:
            raise ValueError(f"at most {MAX_IDS} ids; count the rest")


@dataclass(frozen=True)
class JobState:
    """One row of the schedule, for `hogo jobs list` and the console."""

    name: str
    interval: dt.timedelta
    ja: str
    en: str
    next_due_at: dt.datetime
    lease_owner: str | None
    lease_until: dt.datetime | None
    last_due_at: dt.datetime | None
    last_started_at: dt.datetime | None
    last_finished_at: dt.datetime | None
    last_outcome: Outcome | None
    last_error_class: str | None
    last_error: str | None
    last_counts: dict[str, int] | None
    run_count: int


@dataclass(frozen=True)
class Claim:
    """The right to run a job now, until `lease_until`. `due_at` is the due time it serves; None for a run
    asked for by hand (`hogo jobs run NAME`), which serves no due time and leaves the schedule as it was."""

    name: str
    due_at: dt.datetime | None
    token: str
    claimed_at: dt.datetime
    lease_until: dt.datetime
    interval: dt.timedelta


@dataclass(frozen=True)
class Finished:
    """How a run ended. `lease_lost`: its lease ran out and another worker took the job over meanwhile, so
    this run moved nothing in the schedule (the other one will)."""

    name: str
    due_at: dt.datetime | None
    outcome: Outcome
    next_due_at: dt.datetime | None
    lease_lost: bool
    result: JobResult | None = None
    error_class: str | None = None
    error: str | None = None
