"""Pure retention rules from tables: event names, when a clock ends, which holds keep a value, what a method does."""

from __future__ import annotations

import datetime as dt

import pytest

from hogo.ledger.schemas.catalogue import DisposalMethod, LegalHold, RetentionRule, RetentionTrigger
from hogo.ledger.schemas.common import Text
from hogo.retention import policy

UTC = dt.UTC


@pytest.mark.parametrize(
    ("typed", "name", "trigger"),
    [
        ("contract-ended", "contract-ended", RetentionTrigger.contract_end),
        ("Contract-Ended ", "contract-ended", RetentionTrigger.contract_end),
        ("membership_end", "membership-cancelled", RetentionTrigger.membership_end),
        ("employment-ended", "employment-ended", RetentionTrigger.employment_end),
        ("application-closed", "application-closed", RetentionTrigger.recruitment_closed),
        ("last-used", "last-used", RetentionTrigger.last_use),
    ],
)
def test_event_names(typed: str, name: str, trigger: RetentionTrigger) -> None:
    assert policy.event_trigger(typed) == (name, trigger)


def test_an_unknown_event_names_the_known_ones() -> None:
    with pytest.raises(policy.UnknownEvent, match="contract-ended"):
        policy.event_trigger("acquisition")


@pytest.mark.parametrize(
    ("at", "period", "cutoff"),
    [
        (dt.datetime(2027, 3, 31, tzinfo=UTC), "1m", dt.datetime(2027, 2, 28, tzinfo=UTC)),
        (dt.datetime(2028, 2, 29, tzinfo=UTC), "1y", dt.datetime(2027, 2, 28, tzinfo=UTC)),
        (dt.datetime(2027, 1, 15, tzinfo=UTC), "2w", dt.datetime(2027, 1, 1, tzinfo=UTC)),
        (dt.datetime(2027, 1, 15, tzinfo=UTC), "30d", dt.datetime(2026, 12, 16, tzinfo=UTC)),
        (dt.datetime(2027, 1, 15, tzinfo=UTC), "7y", dt.datetime(2020, 1, 15, tzinfo=UTC)),
    ],
)
def test_subtract_period(at: dt.datetime, period: str, cutoff: dt.datetime) -> None:
    assert policy.subtract_period(at, period) == cutoff
    assert policy.is_due(cutoff, period, at)


def test_due_on_the_day_the_period_ends_and_not_before() -> None:
    start = dt.datetime(2026, 12, 1, tzinfo=UTC)
    assert not policy.is_due(start, "1y", dt.datetime(2027, 11, 30, 23, 59, tzinfo=UTC))
    assert policy.is_due(start, "1y", dt.datetime(2027, 12, 1, tzinfo=UTC))


def _rule(hold: LegalHold | None = None) -> RetentionRule:
    return RetentionRule(
        id="r",
        items=["name", "email"],
        subject_kinds=["employee"],
        period="1y",
        starts=RetentionTrigger.employment_end,
        legal_hold=hold,
    )


def _scope(**kw: object) -> policy.HoldScope:
    base: dict[str, object] = {
        "hold_id": "rh_1",
        "kind": "litigation",
        "statute": "訴訟",
        "person_id": None,
        "subject_kinds": frozenset(),
        "items": frozenset(),
        "starts_on": dt.date(2027, 1, 1),
        "ends_on": None,
    }
    return policy.HoldScope(**{**base, **kw})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("scope", "today", "held"),
    [
        (_scope(), dt.date(2027, 6, 1), True),
        (_scope(), dt.date(2026, 12, 31), False),  # not started
        (_scope(ends_on=dt.date(2027, 6, 1)), dt.date(2027, 6, 1), False),  # ended that day
        (_scope(person_id="p_other"), dt.date(2027, 6, 1), False),
        (_scope(person_id="p_1"), dt.date(2027, 6, 1), True),
        (_scope(subject_kinds=frozenset({"customer"})), dt.date(2027, 6, 1), False),
        (_scope(items=frozenset({"email"})), dt.date(2027, 6, 1), True),
        (_scope(items=frozenset({"phone"})), dt.date(2027, 6, 1), False),
    ],
)
def test_which_holds_cover(scope: policy.HoldScope, today: dt.date, held: bool) -> None:
    start = dt.datetime(2025, 1, 1, tzinfo=UTC)
    found = policy.holds_for(_rule(), "p_1", "employee", start, {}, [scope], today)
    assert bool(found) is held


def test_the_ledgers_hold_runs_from_its_own_event_else_from_the_clock() -> None:
    hold = LegalHold(
        statute=Text(ja="労働基準法第109条", en="LSA 109"), period="5y", starts=RetentionTrigger.transaction
    )
    clock = dt.datetime(2025, 1, 1, tzinfo=UTC)
    [found] = policy.holds_for(_rule(hold), "p_1", "employee", clock, {}, [], dt.date(2027, 1, 1))
    assert (found.kind, found.statute, found.ends_on) == ("statute", "労働基準法第109条", dt.date(2030, 1, 1))
    later = {"transaction": dt.datetime(2026, 4, 1, tzinfo=UTC)}
    [found] = policy.holds_for(_rule(hold), "p_1", "employee", clock, later, [], dt.date(2027, 1, 1))
    assert found.ends_on == dt.date(2031, 4, 1)
    assert policy.holds_for(_rule(hold), "p_1", "employee", clock, {}, [], dt.date(2030, 1, 1)) == []


@pytest.mark.parametrize(
    ("method", "outcome"),
    [
        (DisposalMethod.delete, policy.Outcome.dispose),
        (DisposalMethod.crypto_shred, policy.Outcome.dispose),
        (DisposalMethod.anonymise, policy.Outcome.pending),
        (DisposalMethod.shred_paper, policy.Outcome.pending),
    ],
)
def test_what_a_method_does(method: DisposalMethod, outcome: policy.Outcome) -> None:
    assert policy.method_outcome(method)[0] is outcome
