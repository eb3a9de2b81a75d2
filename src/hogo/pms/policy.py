"""The rules of the yearly cycle, pure: what is due, who may sign or audit, when a finding may close.

JIS Q 15001 asks the management system to be reviewed at least once a year: the ledger (台帳の見直し), the
internal audit (内部監査), the training of every worker (教育), the security measures (安全管理措置). The
functions here take small frozen facts and today's date (JST) and answer with codes and dates; the service
gathers the facts from the store and raises the errors.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

REVIEW_MONTHS = 12
"""JIS Q 15001: the ledger is reviewed at least once a year."""
DUE_SOON_DAYS = 30
"""Listed as due this long before the date; overdue after it."""
ALL = "all"
"""A ledger review of every section at once."""


class Severity(StrEnum):
    major = "major"
    minor = "minor"
    observation = "observation"


class MeasureCategory(StrEnum):
    """The PPC guideline's categories of security control measures (GL-G §10)."""

    basic_policy = "basic_policy"
    handling_rules = "handling_rules"
    organisational = "organisational"
    personnel = "personnel"
    physical = "physical"
    technical = "technical"
    external_environment = "external_environment"


class MeasureStatus(StrEnum):
    in_place = "in_place"
    partly = "partly"
    planned = "planned"


class ResponsibleRole(StrEnum):
    manager = "manager"
    """個人情報保護管理者: the privacy officer answerable for the system."""
    audit_lead = "audit_lead"
    """監査責任者: leads the internal audit; may not also be the manager (JIS Q 15001 A.3.7.2)."""
    desk = "desk"
    """窓口担当: the desk for requests and complaints."""


class DueKind(StrEnum):
    review = "review"
    corrective_action = "corrective_action"
    training = "training"
    measure = "measure"


SIGNING_ROLES = frozenset({"officer", "admin"})
"""Who may sign a ledger review: the privacy officer (or an administrator)."""
AUDITING_ROLES = frozenset({"auditor", "officer"})
"""Who may be an internal audit's auditor."""


def add_months(start: dt.date, months: int) -> dt.date:
    """`start` plus whole calendar months, the day clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    year, month0 = divmod(start.month - 1 + months, 12)
    year += start.year
    day = min(start.day, calendar.monthrange(year, month0 + 1)[1])
    return dt.date(year, month0 + 1, day)


def next_review(reviewed_on: dt.date, given: dt.date | None = None) -> dt.date:
    """The next review: the date given, else a year after this one."""
    return given if given is not None else add_months(reviewed_on, REVIEW_MONTHS)


# -- who may do what --------------------------------------------------------------------------------------
def signer_problem(role: str | None, disabled: bool = False) -> str | None:
    """Why an operator may not sign a ledger review, or None."""
    if role is None:
        return "is not a console operator"
    if disabled:
        return "is disabled"
    if role not in SIGNING_ROLES:
        return f"has the role {role}: only the privacy officer (officer) or an administrator signs a ledger review"
    return None


def auditor_problem(role: str | None, disabled: bool, is_manager: bool) -> str | None:
    """Why an operator may not be an internal audit's auditor, or None. The auditor must not audit their own work:
    the privacy manager (個人情報保護管理者) runs the system being audited and so may not audit it."""
    if role is None:
        return "is not a console operator"
    if disabled:
        return "is disabled"
    if role not in AUDITING_ROLES:
        return f"has the role {role}: an auditor is an operator with the auditor or officer role"
    if is_manager:
        return "is the privacy manager (個人情報保護管理者) and would audit their own work"
    return None


@dataclass(frozen=True)
class FindingState:
    action: str | None
    completion: str | None
    closed: bool


def closing_problem(finding: FindingState) -> str | None:
    """Why a finding may not be closed, or None: it needs its corrective action and a note that it was done."""
    if finding.closed:
        return "is already closed"
    if not finding.action:
        return "has no corrective action recorded: record the action, its owner and due date first"
    if not finding.completion:
        return "needs a completion note saying what was done"
    return None


def appointment_overlap(
    role: ResponsibleRole,
    since: dt.date,
    until: dt.date | None,
    operator_id: str | None,
    others: Iterable[tuple[ResponsibleRole, str | None, dt.date, dt.date | None]],
) -> str | None:
    """Why an appointment conflicts with another, or None: the manager and the audit lead may not be the same
    operator over the same days (the audit is independent of the system it audits)."""
    rival = {ResponsibleRole.manager: ResponsibleRole.audit_lead, ResponsibleRole.audit_lead: ResponsibleRole.manager}
    if operator_id is None or role not in rival:
        return None
    for other_role, other_op, other_since, other_until in others:
        if other_role is rival[role] and other_op == operator_id and _overlap(since, until, other_since, other_until):
            return f"the same operator is already {other_role.value} over these days"
    return None


def _overlap(a0: dt.date, a1: dt.date | None, b0: dt.date, b1: dt.date | None) -> bool:
    return (a1 is None or b0 <= a1) and (b1 is None or a0 <= b1)


def holds(since: dt.date, until: dt.date | None, today: dt.date) -> bool:
    return since <= today and (until is None or today <= until)


# -- what is due ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OpenAction:
    finding_id: str
    title: str
    due: dt.date | None
    """None: a finding with no corrective action yet (listed, due at once)."""


@dataclass(frozen=True)
class Attendance:
    operator_id: str
    operator: str
    course_id: str
    course: str
    interval_months: int
    last: dt.date | None
    """The operator's last attendance of the course; None: never."""


@dataclass(frozen=True)
class MeasureDue:
    measure_id: str
    title: str
    next_review: dt.date | None


@dataclass(frozen=True)
class CycleFacts:
    """What the store holds, as the due rules need it."""

    section_due: Mapping[str, dt.date] = field(default_factory=dict)
    """Each ledger section's next review."""
    actions: Sequence[OpenAction] = ()
    attendance: Sequence[Attendance] = ()
    measures: Sequence[MeasureDue] = ()


@dataclass(frozen=True)
class DueItem:
    kind: DueKind
    id: str
    title: str
    due: dt.date
    overdue: bool


@dataclass(frozen=True)
class Due:
    """What is due (within `DUE_SOON_DAYS`) or overdue across the cycle, with counts per kind."""

    today: dt.date
    items: tuple[DueItem, ...]

    def of(self, kind: DueKind) -> list[DueItem]:
        return [i for i in self.items if i.kind is kind]

    @property
    def counts(self) -> dict[str, int]:
        return {k.value: len(self.of(k)) for k in DueKind}

    @property
    def overdue_counts(self) -> dict[str, int]:
        return {k.value: sum(1 for i in self.of(k) if i.overdue) for k in DueKind}

    @property
    def total(self) -> int:
        return len(self.items)


def training_due(row: Attendance, today: dt.date) -> dt.date:
    """When an operator must next attend: the interval after the last attendance; never attended: today."""
    return today if row.last is None else add_months(row.last, row.interval_months)


def due_items(today: dt.date, facts: CycleFacts, soon_days: int = DUE_SOON_DAYS) -> Due:
    """Everything due within `soon_days` of today or overdue: sections of the ledger to review, corrective actions
    (a finding without one is due at once), trainings (a required course never attended is overdue), security
    measures to review — soonest first."""
    horizon = today + dt.timedelta(days=soon_days)
    found: list[DueItem] = []

    def add(kind: DueKind, key: str, title: str, due: dt.date, overdue: bool = False) -> None:
        if due <= horizon:
            found.append(DueItem(kind, key, title, due, overdue or due < today))

    for section, due in facts.section_due.items():
        add(DueKind.review, section, section, due)
    for action in facts.actions:
        add(DueKind.corrective_action, action.finding_id, action.title, action.due or today)
    for row in facts.attendance:
        key = f"{row.operator_id}:{row.course_id}"
        add(DueKind.training, key, f"{row.operator} — {row.course}", training_due(row, today), row.last is None)
    for measure in facts.measures:
        if measure.next_review is not None:
            add(DueKind.measure, measure.measure_id, measure.title, measure.next_review)
    found.sort(key=lambda i: (i.due, i.kind.value, i.id))
    return Due(today, tuple(found))


def section_due(
    sections: Iterable[str], reviews: Iterable[tuple[str, dt.date]], baseline: dt.date | None
) -> dict[str, dt.date]:
    """Each section's next review: the latest next-due of the reviews of the section or of all sections; a section
    never reviewed is due a year after the baseline (the day the ledger was first applied)."""
    latest: dict[str, dt.date] = {}
    for section, due in reviews:
        if due > latest.get(section, dt.date.min):
            latest[section] = due
    every = latest.get(ALL)
    out: dict[str, dt.date] = {}
    for section in sections:
        mine = [d for d in (latest.get(section), every) if d is not None]
        if mine:
            out[section] = max(mine)
        elif baseline is not None:
            out[section] = add_months(baseline, REVIEW_MONTHS)
    return out
