"""Pure retention rules: event names, when a clock ends, which holds keep a value, what a disposal method does.

No SQLAlchemy here: the service reads the facts (clock starts, holds) and these functions decide.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from hogo.ledger.compiled import add_period
from hogo.ledger.schemas.catalogue import DisposalMethod, RetentionRule, RetentionTrigger
from hogo.ledger.schemas.common import PERIOD_RE

EVENTS: dict[str, RetentionTrigger] = {
    "contract-ended": RetentionTrigger.contract_end,
    "membership-cancelled": RetentionTrigger.membership_end,
    "employment-ended": RetentionTrigger.employment_end,
    "application-closed": RetentionTrigger.recruitment_closed,
    "transaction-completed": RetentionTrigger.transaction,
    "inquiry-closed": RetentionTrigger.inquiry_closed,
    "purpose-achieved": RetentionTrigger.purpose_achieved,
    "last-used": RetentionTrigger.last_use,
}
"""The events a surface records (API, CLI, console) → the clock of the ledger's rules they start.
The ledger's own trigger names (`contract_end`, …) are accepted too."""
EVENT_LABELS: dict[str, tuple[str, str]] = {
    "contract-ended": ("契約終了", "contract ended"),
    "membership-cancelled": ("会員退会", "membership cancelled"),
    "employment-ended": ("退職", "employment ended"),
    "application-closed": ("採用選考終了", "recruitment round closed"),
    "transaction-completed": ("取引完了", "transaction completed"),
    "inquiry-closed": ("問合せ対応終了", "inquiry closed"),
    "purpose-achieved": ("利用目的の達成", "purpose achieved"),
    "last-used": ("最終利用", "last used"),
}
RECORDABLE = frozenset(EVENTS.values())
"""Triggers a surface can start; `acquisition` starts by itself."""


class UnknownEvent(ValueError):
    pass


def event_trigger(name: str) -> tuple[str, RetentionTrigger]:
    """(the event's canonical name, the trigger it starts) for a name as typed: `contract-ended` or `contract_end`."""
    key = name.strip().lower()
    if key in EVENTS:
        return key, EVENTS[key]
    for event, trigger in EVENTS.items():
        if key == trigger.value:
            return event, trigger
    raise UnknownEvent(f"unknown event {name!r}; the events are: {', '.join(EVENTS)}")


class Outcome(StrEnum):
    """What the sweep does (or did) with one rule's items of one person."""

    dispose = "dispose"
    held = "held"
    pending = "pending"
    """Anonymise/pseudonymise (the processed-information work is not built yet) or a paper method: reported only."""


class UnitStatus(StrEnum):
    planned = "planned"
    done = "done"
    held = "held"
    pending = "pending"
    failed = "failed"


VAULT_METHODS = frozenset({DisposalMethod.delete, DisposalMethod.crypto_shred})
PENDING_REASON = {
    DisposalMethod.anonymise: "anonymisation is the processed-information work, not built yet: pending",
    DisposalMethod.shred_paper: "paper: shred it and record it by hand",
    DisposalMethod.dissolve: "paper: dissolve it and record it by hand",
    DisposalMethod.return_to_person: "return it to the person and record it by hand",
}


def method_outcome(method: DisposalMethod) -> tuple[Outcome, str | None]:
    if method in VAULT_METHODS:
        return Outcome.dispose, None
    return Outcome.pending, PENDING_REASON[method]


def subtract_period(at: dt.datetime, period: str) -> dt.datetime:
    """The latest start whose clock of `period` has ended by `at` (months and years on the calendar, clamped)."""
    match = PERIOD_RE.match(period)
    if match is None:
        raise ValueError(f"not a period: {period!r}")
    n, unit = int(match["n"]), match["unit"]
    if unit == "d":
        return at - dt.timedelta(days=n)
    if unit == "w":
        return at - dt.timedelta(weeks=n)
    months = n if unit == "m" else 12 * n
    year, month0 = divmod(at.month - 1 - months, 12)
    year += at.year
    day = min(at.day, calendar.monthrange(year, month0 + 1)[1])
    return at.replace(year=year, month=month0 + 1, day=day)


def ends(start: dt.datetime, period: str) -> dt.datetime:
    return add_period(start, period)


def is_due(start: dt.datetime, period: str, as_of: dt.datetime) -> bool:
    return add_period(start, period) <= as_of


@dataclass(frozen=True)
class ActiveHold:
    """A hold that keeps a value: its kind (statute, litigation), what it cites, and when it ends (None: open)."""

    kind: str
    statute: str
    ends_on: dt.date | None
    hold_id: str | None = None


@dataclass(frozen=True)
class HoldScope:
    """A hold set in hogo (not the ledger's): on one person, a subject kind, some items — or everything."""

    hold_id: str
    kind: str
    statute: str
    person_id: str | None
    subject_kinds: frozenset[str]
    items: frozenset[str]
    starts_on: dt.date
    ends_on: dt.date | None

    def covers(self, person_id: str, subject_kind: str, items: frozenset[str], today: dt.date) -> bool:
        if today < self.starts_on or (self.ends_on is not None and today >= self.ends_on):
            return False
        if self.person_id is not None and self.person_id != person_id:
            return False
        if self.subject_kinds and subject_kind not in self.subject_kinds:
            return False
        return not self.items or bool(self.items & items)


def ledger_hold(
    rule: RetentionRule, clock_start: dt.datetime, starts: dict[str, dt.datetime], today: dt.date
) -> ActiveHold | None:
    """The rule's statutory hold while it runs: from its own trigger's event when recorded, else from the rule's
    clock start."""
    hold = rule.legal_hold
    if hold is None:
        return None
    start = starts.get(hold.starts.value, clock_start)
    until = add_period(start, hold.period).date()
    if until <= today:
        return None
    return ActiveHold("statute", hold.statute.ja, until)


def holds_for(
    rule: RetentionRule,
    person_id: str,
    subject_kind: str,
    clock_start: dt.datetime,
    starts: dict[str, dt.datetime],
    scopes: list[HoldScope],
    today: dt.date,
) -> list[ActiveHold]:
    """Every hold that keeps this rule's items of this person today: the ledger's statute, and those set in hogo."""
    found: list[ActiveHold] = []
    statutory = ledger_hold(rule, clock_start, starts, today)
    if statutory is not None:
        found.append(statutory)
    items = frozenset(rule.items)
    found += [
        ActiveHold(s.kind, s.statute, s.ends_on, s.hold_id)
        for s in scopes
        if s.covers(person_id, subject_kind, items, today)
    ]
    return found
