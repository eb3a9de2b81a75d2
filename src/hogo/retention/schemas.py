"""What the retention service returns: events, holds, the preview per rule, sweeps and their disposal records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class EventView:
    id: str
    person_id: str
    event: str
    trigger: str
    occurred_at: dt.datetime
    recorded_at: dt.datetime
    recorded_by: str
    reversed_at: dt.datetime | None
    reversed_by: str | None


@dataclass(frozen=True)
class HoldView:
    id: str
    kind: str
    statute: str
    person_id: str | None
    subject_kinds: list[str]
    items: list[str]
    starts_on: dt.date
    ends_on: dt.date | None
    set_by: str
    set_at: dt.datetime
    released_at: dt.datetime | None


@dataclass
class RulePreview:
    """One rule of the ledger as the next sweep would carry it out: persons and vault records due, held, pending."""

    rule: str
    items: list[str]
    subject_kinds: list[str]
    period: str
    starts: str
    method: str
    due_persons: int = 0
    due_records: int = 0
    held_persons: int = 0
    pending_persons: int = 0
    pending_reason: str | None = None
    holds: dict[str, str | None] = field(default_factory=dict)
    """statute or hold → the last day it ends on (ISO; None: no end set)."""
    in_progress: int = 0
    """Persons already in a sweep not finished (a dataset unreachable, an interrupted run)."""


@dataclass(frozen=True)
class Preview:
    as_of: dt.datetime
    ledger_version: int | None
    rules: list[RulePreview]
    datasets: list[str]
    """Connected datasets a disposal also reaches (their rows are counted when the sweep plans each person)."""

    @property
    def due_persons(self) -> int:
        return sum(r.due_persons for r in self.rules)


@dataclass(frozen=True)
class DisposalView:
    """A content-free disposal record: which rule, which items, how many, when, by which run — never a value."""

    sweep_id: str
    rule: str
    person_id: str
    items: list[str]
    method: str
    status: str
    vault_records: int
    shredded: bool
    dataset_run_id: str | None
    dataset_rows: int
    holds: list[dict[str, Any]]
    reason: str | None
    done_at: dt.datetime | None


@dataclass(frozen=True)
class SweepView:
    id: str
    as_of: dt.datetime
    status: str
    started_at: dt.datetime
    started_by: str
    finished_at: dt.datetime | None
    ledger_version: int
    counts: dict[str, Any]
