"""The request's state machine (STYLE rule 5): one table of allowed transitions and one `transition()`. Pure.

    received ─┬─> identity_pending ─> identity_verified ─┬─> fee_pending ─> fee_paid ─┐
              └───────────────────────> identity_verified └───────────────────────────┴─> in_review
    in_review ─> decided ─┬─> fulfilled ─┐
                          ├─> answered ──┴─> closed
                          └─> handed_over ─> fulfilled / answered (by an officer), or back to decided
    any open state ─> withdrawn (the person withdraws) · received/identity_pending/fee_pending ─> rejected

A complaint (Art. 40) needs no identity check: it goes received → in_review. Nothing else assigns a status.
"""

from __future__ import annotations

from enum import StrEnum

from hogo.errors import Conflict
from hogo.statemachine import step


class Status(StrEnum):
    received = "received"
    identity_pending = "identity_pending"
    identity_verified = "identity_verified"
    fee_pending = "fee_pending"
    fee_paid = "fee_paid"
    in_review = "in_review"
    decided = "decided"
    handed_over = "handed_over"
    """Decided at the desk, to be carried out by someone who may (an officer: an erasure, or items outside the desk
    operator's categories); the officer's queue lists it."""
    fulfilled = "fulfilled"
    """The decided measure was carried out (disclosure package made, value corrected, data erased, …)."""
    answered = "answered"
    """A refusal or "no such data" was answered; nothing to carry out."""
    closed = "closed"
    withdrawn = "withdrawn"
    rejected = "rejected"
    """Not accepted: identity not verified, fee not paid, or the set procedure not followed (Art. 37(1))."""


S = Status
TRANSITIONS: dict[Status, frozenset[Status]] = {
    S.received: frozenset({S.identity_pending, S.identity_verified, S.in_review, S.withdrawn, S.rejected}),
    S.identity_pending: frozenset({S.identity_pending, S.identity_verified, S.withdrawn, S.rejected}),
    S.identity_verified: frozenset({S.fee_pending, S.in_review, S.withdrawn}),
    S.fee_pending: frozenset({S.fee_paid, S.withdrawn, S.rejected}),
    S.fee_paid: frozenset({S.in_review, S.withdrawn}),
    S.in_review: frozenset({S.decided, S.withdrawn}),
    S.decided: frozenset({S.fulfilled, S.answered, S.handed_over}),
    S.handed_over: frozenset({S.fulfilled, S.answered, S.decided}),
    S.fulfilled: frozenset({S.closed}),
    S.answered: frozenset({S.closed}),
    S.closed: frozenset(),
    S.withdrawn: frozenset(),
    S.rejected: frozenset(),
}

TERMINAL: frozenset[Status] = frozenset(s for s, targets in TRANSITIONS.items() if not targets)
OPEN: frozenset[Status] = frozenset(TRANSITIONS) - TERMINAL - {S.fulfilled, S.answered}
"""States in which the request still waits for hogo's answer: its deadline runs and it can be overdue."""


class TransitionNotAllowed(Conflict):
    code = "request-transition-not-allowed"


def allowed(current: Status, target: Status) -> bool:
    return target in TRANSITIONS[current]


def transition(current: Status, target: Status) -> Status:
    """The new status, or TransitionNotAllowed naming both states and what may follow `current`."""
    return step(TRANSITIONS, current, target, TransitionNotAllowed, "a request")
