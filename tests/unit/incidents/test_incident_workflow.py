"""The incident's state machine: the allowed transitions, and a refusal that names what may follow."""

from __future__ import annotations

import pytest

from hogo.incidents.workflow import TRANSITIONS, Status, TransitionNotAllowed, transition

S = Status
ALLOWED = [
    (S.reported_internally, S.assessed),
    (S.reported_internally, S.not_reportable),
    (S.reported_internally, S.reported_by_principal),
    (S.assessed, S.preliminary_filed),
    (S.assessed, S.final_filed),  # one report serving as both (GL-G 3-5-3-3)
    (S.assessed, S.not_reportable),  # new facts
    (S.preliminary_filed, S.final_filed),
    (S.final_filed, S.closed),
    (S.not_reportable, S.closed),
    (S.not_reportable, S.assessed),  # a new finding makes it reportable
    (S.reported_by_principal, S.closed),
]
REFUSED = [
    (S.reported_internally, S.closed),  # never closed unassessed
    (S.reported_internally, S.preliminary_filed),
    (S.assessed, S.closed),  # reports are owed
    (S.preliminary_filed, S.closed),  # the 確報 is owed
    (S.preliminary_filed, S.not_reportable),  # once filed, a report is not taken back
    (S.closed, S.assessed),
]


@pytest.mark.parametrize(("current", "target"), ALLOWED)
def test_allowed(current: Status, target: Status) -> None:
    assert transition(current, target) is target


@pytest.mark.parametrize(("current", "target"), REFUSED)
def test_refused_with_what_may_follow(current: Status, target: Status) -> None:
    with pytest.raises(TransitionNotAllowed, match=f"an incident in state {current.value}") as refused:
        transition(current, target)
    assert refused.value.code == "incident-transition-not-allowed"
    assert refused.value.details == {"from": current.value, "to": target.value}


def test_closed_is_final_and_every_state_is_in_the_table() -> None:
    assert TRANSITIONS[S.closed] == frozenset()
    assert set(TRANSITIONS) == set(Status)
