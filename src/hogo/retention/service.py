"""Retention use cases: record and reverse the events that start clocks, set and release holds, preview the
sweep, read sweeps and their disposal records. The sweep itself is sweep.py (same service, kept apart for size).

Every change is one unit of work with its audit event. Free text (a reference, a reason) is kept as a sealed note;
the audit trail carries its id.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import Counter
from collections.abc import Callable

from sqlalchemy import select

from hogo.clock import Clock, today_jst
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import Conflict, InvalidInput, NotFound
from hogo.identity.policy import Actor, Permission
from hogo.ledger.compiled import add_period
from hogo.ledger.schemas.ledger import Ledger
from hogo.ledger.service import LedgerService
from hogo.retention import planning, policy
from hogo.retention.models import RetentionDisposal, RetentionEvent, RetentionHold, RetentionSweep
from hogo.retention.schemas import DisposalView, EventView, HoldView, Preview, RulePreview, SweepView
from hogo.subjects.service import SubjectService

HOLD_KINDS = ("statute", "litigation")
UNSETTLED = ("planned", "pending")


class RetentionService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ledger: LedgerService, subjects: SubjectService) -> None:
        self._uow = uow
        self._clock = clock
        self._ledger = ledger
        self._subjects = subjects
        self.datasets_of: Callable[[], list[str]] = list
        """Set by the composition root: the connected datasets a disposal reaches (shown in the preview)."""

    # -- events ---------------------------------------------------------------------------------
    def record_event(
        self, person_id: str, event: str, actor: Actor, *, occurred_at: dt.datetime | None = None, reference: str = ""
    ) -> EventView:
        """Record that an event happened to the person (契約終了, 退会, …): the clocks of the rules it names start."""
        actor.require(Permission.record)
        try:
            name, trigger = policy.event_trigger(event)
        except policy.UnknownEvent as exc:
            raise InvalidInput(str(exc)) from None
        now = self._clock.now()
        at = (occurred_at or now).astimezone(dt.UTC)
        if at > now + dt.timedelta(minutes=5):
            raise InvalidInput("an event is recorded once it has happened: occurred_at is in the future")
        ledger = self._ledger.index().ledger
        with self._uow() as uow:
            session = uow.session
            ref = self._subjects.person_ref(session, person_id)
            if ref.erased:
                raise Conflict(f"person {person_id} was erased: no clock is left to start")
            rules = [r for r in ledger.retention if r.starts is trigger and ref.subject_kind in r.subject_kinds]
            if not rules:
                raise InvalidInput(
                    f"no retention rule of the ledger starts at {trigger.value} for {ref.subject_kind}: "
                    "the event would start no clock"
                )
            row = RetentionEvent(
                id="re_" + secrets.token_hex(10),
                person_id=person_id,
                event=name,
                trigger=trigger.value,
                occurred_at=at,
                recorded_at=now,
                recorded_by=actor.id,
                reference_note=uow.note(reference.strip(), person_id=person_id) if reference.strip() else None,
            )
            session.add(row)
            for rule in rules:  # the decision point reads the end on the records (check_use denies after it)
                self._subjects.stamp_retention(session, person_id, rule.id, rule.items, add_period(at, rule.period))
            uow.record(
                actor=actor.id,
                action="retention.event_recorded",
                entity_type="person",
                entity_id=person_id,
                data={
                    "event": row.id,
                    "name": name,
                    "occurred_at": at.isoformat(),
                    "rules": [r.id for r in rules],
                    "reference": row.reference_note,
                },
            )
            uow.changed(person_id)
            session.flush()
            view = _event(row)
            uow.commit()
        return view

    def reverse_event(self, event_id: str, reason: str, actor: Actor) -> EventView:
        """Undo an event recorded for the wrong person or day, before a sweep disposed of anything by it."""
        actor.require(Permission.record)
        if not reason.strip():
            raise InvalidInput("give the reason for the reversal")
        ledger = self._ledger.index().ledger
        with self._uow() as uow:
            session = uow.session
            row = session.get(RetentionEvent, event_id, with_for_update=True)
            if row is None:
                raise NotFound(f"no retention event {event_id}")
            if row.reversed_at is not None:
                raise Conflict(f"event {event_id} was reversed on {row.reversed_at:%Y-%m-%d}")
            rules = [r for r in ledger.retention if r.starts.value == row.trigger]
            disposed = session.execute(
                select(RetentionDisposal.sweep_id, RetentionDisposal.done_at).where(
                    RetentionDisposal.person_id == row.person_id,
                    RetentionDisposal.rule_id.in_([r.id for r in rules]),
                    RetentionDisposal.due_at >= row.occurred_at,
                    RetentionDisposal.vault_done.is_(True) | (RetentionDisposal.dataset_run_id.is_not(None)),
                )
            ).first()
            if disposed is not None:
                raise Conflict(
                    f"sweep {disposed[0]} has already disposed of what this event made due"
                    f"{f' on {disposed[1]:%Y-%m-%d}' if disposed[1] else ''}: a disposal cannot be undone, "
                    "so the event stands (record a correction in the ledger's review instead)"
                )
            row.reversed_at = self._clock.now()
            row.reversed_by = actor.id
            row.reversal_note = uow.note(reason.strip(), person_id=row.person_id)
            session.flush()
            earlier = planning.event_starts(session, [row.person_id]).get(row.person_id, {})
            for rule in rules:
                start = earlier.get(rule.starts.value)
                until = add_period(start, rule.period) if start is not None else None
                self._subjects.stamp_retention(session, row.person_id, rule.id, rule.items, until)
            uow.record(
                actor=actor.id,
                action="retention.event_reversed",
                entity_type="person",
                entity_id=row.person_id,
                data={"event": row.id, "name": row.event, "reason": row.reversal_note},
            )
            uow.changed(row.person_id)
            view = _event(row)
            uow.commit()
        return view

    def events(self, actor: Actor, person_id: str | None = None, limit: int = 200) -> list[EventView]:
        actor.require(Permission.read_people)
        with self._uow(read_only=True) as uow:
            query = select(RetentionEvent).order_by(RetentionEvent.recorded_at.desc()).limit(limit)
            if person_id:
                query = query.where(RetentionEvent.person_id == person_id)
            return [_event(r) for r in uow.session.execute(query).scalars()]

    # -- holds ----------------------------------------------------------------------------------
    def set_hold(
        self,
        kind: str,
        actor: Actor,
        *,
        statute: str = "",
        person_id: str | None = None,
        subject_kinds: list[str] | None = None,
        items: list[str] | None = None,
        starts_on: dt.date | None = None,
        ends_on: dt.date | None = None,
        reason: str = "",
    ) -> HoldView:
        """Hold data back from disposal: a statute's hold (with its end) or a litigation hold set by the officer."""
        actor.require(Permission.manage_retention)
        if kind not in HOLD_KINDS:
            raise InvalidInput(f"a hold is one of: {', '.join(HOLD_KINDS)}")
        if kind == "statute" and not statute.strip():
            raise InvalidInput("a statutory hold names its statute (法人税法第126条, 労働基準法第109条, …)")
        if kind == "litigation" and not reason.strip():
            raise InvalidInput("a litigation hold gives its reason (the case, the counsel's request)")
        start = starts_on or today_jst(self._clock)
        if ends_on is not None and ends_on <= start:
            raise InvalidInput("a hold ends after it starts")
        index = self._ledger.index()
        unknown = sorted(set(items or ()) - set(index.categories))
        if unknown:
            raise InvalidInput(f"not items of the ledger: {', '.join(unknown)}")
        kinds = {k.id for k in index.ledger.subject_kinds}
        if set(subject_kinds or ()) - kinds:
            raise InvalidInput(
                f"not subject kinds of the ledger: {', '.join(sorted(set(subject_kinds or ()) - kinds))}"
            )
        with self._uow() as uow:
            if person_id:
                self._subjects.person_ref(uow.session, person_id)
            row = RetentionHold(
                id="rh_" + secrets.token_hex(10),
                kind=kind,
                statute=(statute.strip() or "訴訟ホールド / litigation hold")[:200],
                person_id=person_id or None,
                subject_kinds=sorted(subject_kinds or []),
                items=sorted(items or []),
                starts_on=start,
                ends_on=ends_on,
                reason_note=uow.note(reason.strip(), person_id=person_id) if reason.strip() else None,
                set_by=actor.id,
                set_at=self._clock.now(),
            )
            uow.session.add(row)
            uow.record(
                actor=actor.id,
                action="retention.hold_set",
                entity_type="retention_hold",
                entity_id=row.id,
                data={
                    "kind": kind,
                    "statute": row.statute,
                    "person": row.person_id,
                    "subject_kinds": row.subject_kinds,
                    "items": row.items,
                    "starts_on": start.isoformat(),
                    "ends_on": ends_on.isoformat() if ends_on else None,
                    "reason": row.reason_note,
                },
            )
            uow.session.flush()
            view = _hold(row)
            uow.commit()
        return view

    def release_hold(self, hold_id: str, actor: Actor) -> HoldView:
        actor.require(Permission.manage_retention)
        with self._uow() as uow:
            row = uow.session.get(RetentionHold, hold_id, with_for_update=True)
            if row is None:
                raise NotFound(f"no hold {hold_id}")
            if row.released_at is not None:
                raise Conflict(f"hold {hold_id} was released on {row.released_at:%Y-%m-%d}")
            row.released_at = self._clock.now()
            row.released_by = actor.id
            uow.record(actor=actor.id, action="retention.hold_released", entity_type="retention_hold", entity_id=row.id)
            view = _hold(row)
            uow.commit()
        return view

    def holds(self, actor: Actor, *, include_released: bool = False) -> list[HoldView]:
        actor.require(Permission.read_people)
        with self._uow(read_only=True) as uow:
            query = select(RetentionHold).order_by(RetentionHold.set_at.desc())
            if not include_released:
                query = query.where(RetentionHold.released_at.is_(None))
            return [_hold(h) for h in uow.session.execute(query).scalars()]

    # -- preview --------------------------------------------------------------------------------
    def preview(self, actor: Actor, *, as_of: dt.datetime | None = None, ledger: Ledger | None = None) -> Preview:
        """What the next sweep would do, per rule, by the ledger in force — or by a draft ledger, to see what a
        changed period would dispose of before it is applied. Nothing is changed, nothing is opened."""
        actor.require(Permission.read_people)
        when = as_of or self._clock.now()
        version = None if ledger is not None else self._ledger.index().version
        rules_of = ledger or self._ledger.index().ledger
        with self._uow(read_only=True) as uow:
            units = planning.due_units(uow.session, self._subjects, rules_of, when)
            busy = Counter(
                rule
                for (rule,) in uow.session.execute(
                    select(RetentionDisposal.rule_id).where(RetentionDisposal.status.in_(UNSETTLED))
                )
            )
        rules = {
            r.id: RulePreview(r.id, list(r.items), list(r.subject_kinds), r.period, r.starts.value, r.disposal.value)
            for r in rules_of.retention
        }
        for unit in units:
            row = rules[unit.rule.id]
            if unit.outcome is policy.Outcome.held:
                row.held_persons += 1
                for hold in unit.holds:
                    end = hold.ends_on.isoformat() if hold.ends_on else None
                    known = row.holds.get(hold.statute, "")
                    row.holds[hold.statute] = None if end is None or known is None else max(end, known or end)
            elif unit.outcome is policy.Outcome.pending:
                row.pending_persons += 1
                row.pending_reason = unit.reason
            else:
                row.due_persons += 1
                row.due_records += unit.records
        for rule_id, count in busy.items():
            if rule_id in rules:
                rules[rule_id].in_progress = count
        return Preview(when, version, list(rules.values()), self.datasets_of())

    # -- sweeps ---------------------------------------------------------------------------------
    def sweeps(self, actor: Actor, limit: int = 50) -> list[SweepView]:
        actor.require(Permission.read_people)
        with self._uow(read_only=True) as uow:
            rows = uow.session.execute(
                select(RetentionSweep).order_by(RetentionSweep.started_at.desc()).limit(limit)
            ).scalars()
            return [_sweep(s) for s in rows]

    def disposals(
        self, actor: Actor, *, sweep_id: str | None = None, status: str | None = None, limit: int = 500
    ) -> list[DisposalView]:
        actor.require(Permission.read_people)
        with self._uow(read_only=True) as uow:
            query = select(RetentionDisposal).order_by(RetentionDisposal.id.desc()).limit(limit)
            if sweep_id:
                query = query.where(RetentionDisposal.sweep_id == sweep_id)
            if status:
                query = query.where(RetentionDisposal.status == status)
            return [disposal_view(d) for d in uow.session.execute(query).scalars()]


def _event(r: RetentionEvent) -> EventView:
    return EventView(
        r.id, r.person_id, r.event, r.trigger, r.occurred_at, r.recorded_at, r.recorded_by, r.reversed_at, r.reversed_by
    )


def _hold(h: RetentionHold) -> HoldView:
    return HoldView(
        h.id,
        h.kind,
        h.statute,
        h.person_id,
        list(h.subject_kinds),
        list(h.items),
        h.starts_on,
        h.ends_on,
        h.set_by,
        h.set_at,
        h.released_at,
    )


def _sweep(s: RetentionSweep) -> SweepView:
    return SweepView(s.id, s.as_of, s.status, s.started_at, s.started_by, s.finished_at, s.ledger_version, s.counts)


def disposal_view(d: RetentionDisposal) -> DisposalView:
    return DisposalView(
        d.sweep_id,
        d.rule_id,
        d.person_id,
        list(d.items),
        d.method,
        d.status,
        d.vault_records,
        d.shredded,
        d.dataset_run_id,
        d.dataset_rows,
        list(d.holds),
        d.reason,
        d.done_at,
    )
