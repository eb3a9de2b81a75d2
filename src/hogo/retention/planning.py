"""What is due: each rule's clocks read from the vault (acquisitions) and from the recorded events, with the holds
that keep what is due. Used by the preview and by the sweep, inside the caller's transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from hogo.clock import JST
from hogo.ledger.schemas.catalogue import RetentionRule, RetentionTrigger
from hogo.ledger.schemas.ledger import Ledger
from hogo.retention import policy
from hogo.retention.models import RetentionEvent, RetentionHold
from hogo.subjects.service import SubjectService

SLACK = dt.timedelta(days=2)
"""Read a little past the cutoff, then decide exactly in Python (months and years end on the calendar)."""


@dataclass(frozen=True)
class DueUnit:
    rule: RetentionRule
    person_id: str
    subject_kind: str
    clock_start: dt.datetime
    due_at: dt.datetime
    records: int
    outcome: policy.Outcome
    holds: list[policy.ActiveHold]
    reason: str | None


def hold_scopes(session: Session) -> list[policy.HoldScope]:
    rows = session.execute(select(RetentionHold).where(RetentionHold.released_at.is_(None))).scalars()
    return [
        policy.HoldScope(
            h.id,
            h.kind,
            h.statute,
            h.person_id,
            frozenset(h.subject_kinds),
            frozenset(h.items),
            h.starts_on,
            h.ends_on,
        )
        for h in rows
    ]


def event_starts(session: Session, person_ids: list[str] | None = None) -> dict[str, dict[str, dt.datetime]]:
    """person → trigger → when the latest unreversed event of it occurred."""
    query = select(RetentionEvent.person_id, RetentionEvent.trigger, RetentionEvent.occurred_at).where(
        RetentionEvent.reversed_at.is_(None)
    )
    out: dict[str, dict[str, dt.datetime]] = {}
    ids = person_ids
    chunks = [None] if ids is None else [ids[i : i + 500] for i in range(0, len(ids), 500)]
    for chunk in chunks:
        q = query if chunk is None else query.where(RetentionEvent.person_id.in_(chunk))
        for person_id, trigger, at in session.execute(q):
            mine = out.setdefault(person_id, {})
            if trigger not in mine or at > mine[trigger]:
                mine[trigger] = at
    return out


def _clock_starts(
    session: Session,
    subjects: SubjectService,
    rule: RetentionRule,
    cutoff: dt.datetime,
    starts: dict[str, dict[str, dt.datetime]],
) -> dict[str, tuple[str, dt.datetime, int]]:
    """person → (subject kind, clock start, live records of the rule's items) for clocks started by `cutoff`."""
    items, kinds = list(rule.items), list(rule.subject_kinds)
    if rule.starts in (RetentionTrigger.acquisition, RetentionTrigger.last_use):
        found = {p: (k, at) for p, k, at in subjects.acquired(session, items, kinds, cutoff)}
        if rule.starts is RetentionTrigger.last_use:  # a later recorded use restarts the clock
            for person_id in list(found):
                used = starts.get(person_id, {}).get(RetentionTrigger.last_use.value)
                if used is not None and used > found[person_id][1]:
                    if used > cutoff:
                        del found[person_id]
                    else:
                        found[person_id] = (found[person_id][0], used)
        held = subjects.holding(session, list(found), items)
        return {p: (k, at, held[p][1]) for p, (k, at) in found.items() if p in held}
    started = {
        p: mine[rule.starts.value]
        for p, mine in starts.items()
        if rule.starts.value in mine and mine[rule.starts.value] <= cutoff
    }
    held = subjects.holding(session, list(started), items)
    return {p: (held[p][0], at, held[p][1]) for p, at in started.items() if p in held and held[p][0] in kinds}


def due_units(session: Session, subjects: SubjectService, ledger: Ledger, as_of: dt.datetime) -> list[DueUnit]:
    """Every rule's due persons as of `as_of`, each with what the sweep would do and the holds that stop it."""
    starts = event_starts(session)
    scopes = hold_scopes(session)
    today = as_of.astimezone(JST).date()
    units: list[DueUnit] = []
    for rule in ledger.retention:
        cutoff = policy.subtract_period(as_of, rule.period) + SLACK
        outcome, reason = policy.method_outcome(rule.disposal)
        for person_id, (kind, start, records) in sorted(_clock_starts(session, subjects, rule, cutoff, starts).items()):
            if not policy.is_due(start, rule.period, as_of):
                continue
            holds = policy.holds_for(rule, person_id, kind, start, starts.get(person_id, {}), scopes, today)
            units.append(
                DueUnit(
                    rule,
                    person_id,
                    kind,
                    start,
                    policy.ends(start, rule.period),
                    records,
                    policy.Outcome.held if holds else outcome,
                    holds,
                    None if holds else reason,
                )
            )
    return units
