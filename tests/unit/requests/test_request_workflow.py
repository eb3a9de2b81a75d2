"""The request state machine: the table of allowed transitions, and nothing else."""

from __future__ import annotations

import pytest

from hogo.requests.workflow import OPEN, TERMINAL, TRANSITIONS, Status, TransitionNotAllowed, transition

S = Status
PATHS = [
    [
        S.received,
        S.identity_pending,
        S.identity_verified,
        S.fee_pending,
        S.fee_paid,
        S.in_review,
        S.decided,
        S.fulfilled,
    ],
    [S.received, S.identity_verified, S.in_review, S.decided, S.answered, S.closed],
    [S.received, S.in_review, S.decided, S.answered, S.closed],
    [S.received, S.identity_pending, S.identity_pending, S.rejected],
    [S.received, S.identity_verified, S.fee_pending, S.withdrawn],
]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: "→".join(s.value for s in p))
def test_allowed_paths(path: list[Status]) -> None:
    state = path[0]
    for target in path[1:]:
        state = transition(state, target)
    assert state is path[-1]


FORBIDDEN = [
    (S.received, S.decided),
    (S.received, S.fee_paid),
    (S.identity_pending, S.in_review),
    (S.fee_pending, S.in_review),
    (S.in_review, S.fulfilled),
    (S.decided, S.withdrawn),
    (S.decided, S.closed),
    (S.closed, S.received),
    (S.withdrawn, S.in_review),
    (S.rejected, S.identity_verified),
    (S.fulfilled, S.answered),
]


@pytest.mark.parametrize(("current", "target"), FORBIDDEN)
def test_forbidden_transitions_raise_with_both_states(current: Status, target: Status) -> None:
    with pytest.raises(TransitionNotAllowed) as raised:
        transition(current, target)
    assert raised.value.details == {"from": current.value, "to": target.value}
    assert raised.value.code == "request-transition-not-allowed"


def test_every_state_is_in_the_table_and_open_and_terminal_partition_some() -> None:
    assert set(TRANSITIONS) == set(Status)
    assert {S.closed, S.withdrawn, S.rejected} == TERMINAL
    assert S.decided in OPEN and S.in_review in OPEN and S.answered not in OPEN and not OPEN & TERMINAL
    for targets in TRANSITIONS.values():
        assert targets <= set(Status)
