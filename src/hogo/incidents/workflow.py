"""The incident's state machine (STYLE rule 5): one table of allowed transitions and one `transition()`. Pure.

    reported_internally ─> assessed ─┬─> preliminary_filed (速報) ─> final_filed (確報) ─> closed
                                     ├──────────────────────────────> final_filed (one report serving as both)
                                     ├─> not_reportable ──────────────────────────────────> closed
                                     └─> reported_by_principal (we are the entrustee) ───> closed

An assessment may be made again while the incident is open (new facts): from `assessed`, `not_reportable` and
`reported_by_principal` it moves to what the new decision says; after a report was filed the status stays. Filing
moves the status; nothing else assigns it.
"""

from __future__ import annotations

from enum import StrEnum

from hogo.errors import Conflict
from hogo.statemachine import step


class Status(StrEnum):
    reported_internally = "reported_internally"
    """社内報告: recorded, not yet assessed."""
    assessed = "assessed"
    """Assessed as reportable (or not yet decidable): reports owed."""
    preliminary_filed = "preliminary_filed"
    """速報 filed."""
    final_filed = "final_filed"
    """確報 filed."""
    not_reportable = "not_reportable"
    reported_by_principal = "reported_by_principal"
    """The company is the entrustee and told its principal, who reports (Rule 9)."""
    closed = "closed"


S = Status
DECIDING = frozenset({S.assessed, S.not_reportable, S.reported_by_principal})
TRANSITIONS: dict[Status, frozenset[Status]] = {
    S.reported_internally: DECIDING,
    S.assessed: DECIDING | {S.preliminary_filed, S.final_filed},
    S.not_reportable: DECIDING | {S.preliminary_filed, S.final_filed, S.closed},
    S.reported_by_principal: DECIDING | {S.closed},
    S.preliminary_filed: frozenset({S.preliminary_filed, S.final_filed}),
    S.final_filed: frozenset({S.final_filed, S.closed}),
    S.closed: frozenset(),
}
OPEN: frozenset[Status] = frozenset(TRANSITIONS) - {S.closed}
REASSESSABLE = frozenset(TRANSITIONS) - {S.closed}


class TransitionNotAllowed(Conflict):
    code = "incident-transition-not-allowed"


def allowed(current: Status, target: Status) -> bool:
    return target in TRANSITIONS[current]


def transition(current: Status, target: Status) -> Status:
    """The new status, or TransitionNotAllowed naming both states and what may follow `current`."""
    return step(TRANSITIONS, current, target, TransitionNotAllowed, "an incident")
