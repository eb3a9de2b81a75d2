"""The yearly cycle's rules from tables: what is due or overdue, who may sign or audit, when a finding closes."""

from __future__ import annotations

import datetime as dt

import pytest

from hogo.pms import policy
from hogo.pms.policy import (
    Attendance,
    CycleFacts,
    DueKind,
    FindingState,
    MeasureDue,
    OpenAction,
    ResponsibleRole,
    add_months,
    due_items,
)

TODAY = dt.date(2026, 11, 20)
D = dt.date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2026, 11, 20), 12, D(2027, 11, 20)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2026, 12, 15), 3, D(2027, 3, 15)),
    ],
)
def test_months_on_the_calendar(start: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(start, months) == expected


def _attend(last: dt.date | None, months: int = 12) -> Attendance:
    return Attendance("o1", "sato", "c1", "研修", months, last)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (CycleFacts(), []),
        # a section's review: within 30 days is due, past is overdue, later is not listed
        (CycleFacts(section_due={"items": D(2026, 12, 20)}), [("review", "items", D(2026, 12, 20), False)]),
        (CycleFacts(section_due={"items": D(2026, 12, 21)}), []),
        (CycleFacts(section_due={"items": D(2026, 11, 19)}), [("review", "items", D(2026, 11, 19), True)]),
        (CycleFacts(section_due={"items": TODAY}), [("review", "items", TODAY, False)]),
        # a corrective action: overdue after its day; a finding with no action yet is due today
        (
            CycleFacts(actions=[OpenAction("f1", "x", D(2026, 11, 1))]),
            [("corrective_action", "f1", D(2026, 11, 1), True)],
        ),
        (CycleFacts(actions=[OpenAction("f1", "x", None)]), [("corrective_action", "f1", TODAY, False)]),
        # training: never attended is overdue at once; 12 months and one day ago is overdue; 11 months is due soon
        (CycleFacts(attendance=[_attend(None)]), [("training", "o1:c1", TODAY, True)]),
        (CycleFacts(attendance=[_attend(D(2025, 11, 19))]), [("training", "o1:c1", D(2026, 11, 19), True)]),
        (CycleFacts(attendance=[_attend(D(2025, 11, 20))]), [("training", "o1:c1", TODAY, False)]),
        (CycleFacts(attendance=[_attend(D(2025, 12, 25))]), []),
        (CycleFacts(attendance=[_attend(D(2026, 6, 1), months=6)]), [("training", "o1:c1", D(2026, 12, 1), False)]),
        # a measure without a next review is never listed
        (
            CycleFacts(measures=[MeasureDue("m1", "x", None), MeasureDue("m2", "y", D(2026, 10, 1))]),
            [("measure", "m2", D(2026, 10, 1), True)],
        ),
    ],
)
def test_what_is_due(facts: CycleFacts, expected: list[tuple[str, str, dt.date, bool]]) -> None:
    due = due_items(TODAY, facts)
    assert [(i.kind.value, i.id, i.due, i.overdue) for i in due.items] == expected


def test_counts_and_order() -> None:
    facts = CycleFacts(
        section_due={"items": D(2026, 12, 1), "purposes": D(2026, 11, 1)},
        actions=[OpenAction("f1", "x", D(2026, 11, 25))],
        attendance=[_attend(None)],
        measures=[MeasureDue("m1", "x", D(2027, 5, 1))],
    )
    due = due_items(TODAY, facts)
    assert [i.id for i in due.items] == ["purposes", "o1:c1", "f1", "items"]  # soonest first
    assert due.counts == {"review": 2, "corrective_action": 1, "training": 1, "measure": 0}
    assert due.overdue_counts == {"review": 1, "corrective_action": 0, "training": 1, "measure": 0}
    assert due.total == 4 and [i.id for i in due.of(DueKind.review)] == ["purposes", "items"]


def test_each_section_due_from_its_latest_review_or_all_or_the_baseline() -> None:
    reviews = [("items", D(2027, 1, 1)), ("items", D(2026, 6, 1)), ("all", D(2026, 12, 1))]
    assert policy.section_due(["items", "purposes", "datasets"], reviews, D(2026, 4, 1)) == {
        "items": D(2027, 1, 1),
        "purposes": D(2026, 12, 1),
        "datasets": D(2026, 12, 1),
    }
    assert policy.section_due(["items"], [], D(2026, 4, 1)) == {"items": D(2027, 4, 1)}
    assert policy.section_due(["items"], [], None) == {}


@pytest.mark.parametrize(
    ("role", "disabled", "problem"),
    [
        ("officer", False, None),
        ("admin", False, None),
        ("desk", False, "has the role desk"),
        ("auditor", False, "has the role auditor"),
        ("application", False, "has the role application"),
        ("officer", True, "is disabled"),
        (None, False, "is not a console operator"),
    ],
)
def test_who_signs_a_review(role: str | None, disabled: bool, problem: str | None) -> None:
    found = policy.signer_problem(role, disabled)
    assert found == problem if problem is None else (found is not None and found.startswith(problem))


@pytest.mark.parametrize(
    ("role", "manager", "problem"),
    [
        ("auditor", False, None),
        ("officer", False, None),
        ("officer", True, "is the privacy manager"),
        ("desk", False, "has the role desk"),
        ("admin", False, "has the role admin"),
    ],
)
def test_who_audits(role: str, manager: bool, problem: str | None) -> None:
    found = policy.auditor_problem(role, False, manager)
    assert found == problem if problem is None else (found is not None and found.startswith(problem))


@pytest.mark.parametrize(
    ("state", "problem"),
    [
        (FindingState("fix it", "fixed", False), None),
        (FindingState(None, "fixed", False), "has no corrective action recorded"),
        (FindingState("fix it", None, False), "needs a completion note"),
        (FindingState("fix it", "fixed", True), "is already closed"),
    ],
)
def test_when_a_finding_closes(state: FindingState, problem: str | None) -> None:
    found = policy.closing_problem(state)
    assert found == problem if problem is None else (found is not None and found.startswith(problem))


@pytest.mark.parametrize(
    ("since", "until", "other", "conflict"),
    [
        (D(2026, 4, 1), None, (ResponsibleRole.manager, "o1", D(2025, 4, 1), None), True),
        (D(2026, 4, 1), None, (ResponsibleRole.manager, "o1", D(2025, 4, 1), D(2026, 3, 31)), False),
        (D(2026, 4, 1), D(2026, 9, 30), (ResponsibleRole.manager, "o1", D(2026, 10, 1), None), False),
        (D(2026, 4, 1), None, (ResponsibleRole.manager, "o2", D(2025, 4, 1), None), False),
        (D(2026, 4, 1), None, (ResponsibleRole.desk, "o1", D(2025, 4, 1), None), False),
    ],
)
def test_the_audit_lead_is_never_the_manager_on_the_same_days(
    since: dt.date, until: dt.date | None, other: tuple[ResponsibleRole, str, dt.date, dt.date | None], conflict: bool
) -> None:
    found = policy.appointment_overlap(ResponsibleRole.audit_lead, since, until, "o1", [other])
    assert (found is not None) is conflict
