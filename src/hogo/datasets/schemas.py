"""What the datasets domain returns: disclosed rows, plans and runs with their statements and holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class RunKind(StrEnum):
    erasure = "erasure"
    correction = "correction"
    suspension = "suspension"


class RunStatus(StrEnum):
    planned = "planned"
    running = "running"
    completed = "completed"
    failed = "failed"


@dataclass(frozen=True)
class DatasetView:
    id: str
    name: str
    connection_env: str | None
    connected: bool
    tables: list[str]


@dataclass(frozen=True)
class DisclosedValue:
    column: str
    item: str
    value: Any


@dataclass(frozen=True)
class DisclosedRow:
    dataset: str
    table: str
    subject_kind: str
    key: dict[str, Any]
    values: list[DisclosedValue]


@dataclass(frozen=True)
class NotFollowedView:
    """A relation from the person's rows that access did not follow, and why (the person is told)."""

    dataset: str
    table: str
    column: str
    references_table: str
    references_column: str
    source: str
    """"ledger" (declared in `relations`) or "schema" (a foreign key of the database)."""
    reason: str
    article: str
    why: dict[str, str]
    """{"ja": …, "en": …}."""


@dataclass(frozen=True)
class AccessResult:
    """Every row of the person found in the connected datasets, each value mapped to its ledger item."""

    datasets: list[str]
    rows: list[DisclosedRow]
    withheld: int = 0
    """Values left out because the actor is not cleared for their item category."""
    not_followed: list[NotFollowedView] = field(default_factory=list)
    """Relations from the person's rows into tables that find persons by themselves: not followed."""

    def count(self, table: str) -> int:
        return sum(1 for r in self.rows if r.table == table)


@dataclass(frozen=True)
class HoldView:
    """Data kept despite the request, with the statute and the day the hold ends (told to the person)."""

    dataset: str
    table: str
    column: str
    item: str | None
    statute: dict[str, str]
    until: dt.date
    rows: int


@dataclass(frozen=True)
class SharedView:
    """Rows of the person that another person reaches too: held, not changed, for the desk to decide."""

    dataset: str
    table: str
    key_columns: list[str]
    keys: list[tuple[Any, ...]]
    """As JSON carries them (decimals as text, dates in ISO 8601, bytes in hex), as access shows keys."""
    others: list[str]
    """The person tables of the other persons who reach these rows."""
    where: str
    """The keys as a SQL condition (at most 20 shown), e.g. `"id" IN (100)`."""

    @property
    def rows(self) -> int:
        return len(self.keys)


@dataclass(frozen=True)
class StatementView:
    sql: str
    rows: int


@dataclass(frozen=True)
class StepView:
    position: int
    dataset: str
    status: str
    planned_rows: int
    rows_changed: int | None
    attempts: int
    error: str | None
    statements: list[StatementView]
    expected_changes: int | None = None
    """The changes the plan counted (None when unknown, as for a correction)."""
    confirmed_on_resume: bool = False
    """Done by an interrupted attempt whose commit hogo had not booked: `rows_changed` is the plan's count."""


@dataclass(frozen=True)
class RunView:
    id: str
    kind: str
    reference: str
    status: str
    planned_at: dt.datetime
    finished_at: dt.datetime | None
    steps: list[StepView]
    holds: list[HoldView]
    shared: list[SharedView]

    @property
    def rows_changed(self) -> int:
        return sum(s.rows_changed or 0 for s in self.steps)
