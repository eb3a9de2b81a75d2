"""The disposal sweep (廃棄): plan what is due as journalled units, then carry each out, resumably.

A sweep first writes one unit per rule × person that is due (no values: the rule, the items, the person's opaque
id), in one transaction with its audit event. Carrying a unit out:

1. where a connected dataset finds persons by an identifier the vault holds, the person's identifiers are opened
   (an audited read) and an erasure run of the rule's items is planned over the company's databases through the
   dataset runs (ADR 0009); its id is booked on the unit. A dataset that cannot be reached leaves the unit
   pending, the vault untouched (its values are what finds the rows), and the sweep reports it;
2. the vault step: in one transaction, the holds are checked again (a hold set since the plan wins), the rule's
   records are deleted and a person left with none is crypto-shredded; the unit is marked with what went;
3. the dataset run is executed (or resumed: it skips what is done) and its rows and holds are booked.

A sweep killed at any point resumes on the next `run`: units already done are skipped, a vault step is one
transaction with its mark, and a dataset run redoes nothing it did (ADR 0018). Without connected datasets the
vault steps go in batches (one transaction per batch). Steps 1 and 3 are in `dataset_units.py`; what a ledger
change handed to disposal (`ledger.removed`) is deleted by each run through `ledger_removed.py`.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select, update

from hogo.clock import JST, Clock
from hogo.db.uow import Entry, UnitOfWorkFactory
from hogo.identity.policy import Actor, Permission
from hogo.ledger.schemas.catalogue import RetentionRule
from hogo.ledger.service import LedgerService
from hogo.requests.dataset_link import DatasetLink
from hogo.retention import planning, policy
from hogo.retention.dataset_units import DatasetUnits
from hogo.retention.ledger_removed import dispose_ledger_removed
from hogo.retention.models import RetentionDisposal, RetentionSweep
from hogo.retention.schemas import SweepView
from hogo.retention.service import UNSETTLED, RetentionService, _sweep
from hogo.subjects.service import SubjectService

log = logging.getLogger(__name__)
BATCH = 500
Progress = Callable[[int, int], None]
"""(units settled so far, units in the sweep): called after each committed step."""


@dataclass
class SweepResult:
    sweeps: list[SweepView] = field(default_factory=list)
    """The sweeps this run carried out: resumed ones first, then the new one (none when nothing was due)."""
    held: int = 0
    pending: int = 0
    """Due but reported only (anonymise, pseudonymise, paper), as the preview counts them."""
    ledger_removed: int = 0
    """Records a ledger change left under nothing and the officer handed to disposal (`hogo ledger apply
    --dispose`): deleted by this run."""

    @property
    def disposed(self) -> int:
        return sum(int(s.counts.get("done", 0)) for s in self.sweeps)


class RetentionSweeps:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        ledger: LedgerService,
        subjects: SubjectService,
        service: RetentionService,
        link: DatasetLink,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._ledger = ledger
        self._subjects = subjects
        self._service = service
        self._link = link
        self._datasets = DatasetUnits(uow, clock, subjects, link, self._vault_step)

    def run(
        self, actor: Actor, *, as_of: dt.datetime | None = None, batch: int = BATCH, progress: Progress | None = None
    ) -> SweepResult:
        """Resume any sweep left unfinished, then dispose of what is due now (or as of `as_of`, a rehearsal date)."""
        actor.require(Permission.manage_retention)
        result = SweepResult()
        with self._uow(read_only=True) as uow:
            unfinished = list(
                uow.session.execute(
                    select(RetentionSweep.id)
                    .where(RetentionSweep.status != "completed")
                    .order_by(RetentionSweep.started_at)
                ).scalars()
            )
        for sweep_id in unfinished:
            result.sweeps.append(self._carry_out(sweep_id, actor, batch, progress))
        planned = self._plan(actor, as_of or self._clock.now(), result)
        if planned is not None:
            result.sweeps.append(self._carry_out(planned, actor, batch, progress))
        result.ledger_removed = dispose_ledger_removed(self._uow, self._subjects, actor, as_of or self._clock.now())
        return result

    # -- planning -------------------------------------------------------------------------------
    def _plan(self, actor: Actor, as_of: dt.datetime, result: SweepResult) -> str | None:
        index = self._ledger.index()
        with self._uow() as uow:
            session = uow.session
            units = planning.due_units(session, self._subjects, index.ledger, as_of)
            busy = set(
                session.execute(
                    select(RetentionDisposal.rule_id, RetentionDisposal.person_id).where(
                        RetentionDisposal.status.in_(UNSETTLED)
                    )
                )
            )
            result.held = sum(1 for u in units if u.outcome is policy.Outcome.held)
            result.pending = sum(1 for u in units if u.outcome is policy.Outcome.pending)
            todo = [u for u in units if u.outcome is policy.Outcome.dispose and (u.rule.id, u.person_id) not in busy]
            if not todo:
                return None
            sweep_id = "rs_" + secrets.token_hex(10)
            now = self._clock.now()
            per_rule = Counter(u.rule.id for u in todo)
            session.add(
                RetentionSweep(
                    id=sweep_id,
                    as_of=as_of,
                    status="running",
                    started_at=now,
                    started_by=actor.id,
                    ledger_version=index.version,
                    counts={
                        "planned": len(todo),
                        "rules": dict(per_rule),
                        "held": result.held,
                        "pending_method": result.pending,
                    },
                )
            )
            session.flush()
            session.execute(
                insert(RetentionDisposal),
                [
                    {
                        "sweep_id": sweep_id,
                        "rule_id": u.rule.id,
                        "person_id": u.person_id,
                        "subject_kind": u.subject_kind,
                        "items": list(u.rule.items),
                        "method": u.rule.disposal.value,
                        "status": "planned",
                        "due_at": u.due_at,
                        "vault_done": False,
                        "vault_records": 0,
                        "shredded": False,
                        "dataset_rows": 0,
                        "holds": [],
                    }
                    for u in todo
                ],
            )
            uow.record(
                actor=actor.id,
                action="retention.sweep_started",
                entity_type="retention_sweep",
                entity_id=sweep_id,
                data={"as_of": as_of.isoformat(), "ledger_version": index.version, "persons": dict(per_rule)},
            )
            uow.commit()
        return sweep_id

    # -- carrying out ---------------------------------------------------------------------------
    def _carry_out(self, sweep_id: str, actor: Actor, batch: int, progress: Progress | None) -> SweepView:
        with self._uow(read_only=True) as uow:
            rows = uow.session.execute(
                select(RetentionDisposal.id, RetentionDisposal.status).where(RetentionDisposal.sweep_id == sweep_id)
            ).all()
        total = len(rows)
        todo = [i for i, status in rows if status in UNSETTLED]
        settled = total - len(todo)
        if self._link.identity_items():
            for unit_id in todo:
                self._datasets.carry_out(unit_id, actor)
                settled += 1
                if progress:
                    progress(settled, total)
        else:
            for start in range(0, len(todo), batch):
                chunk = todo[start : start + batch]
                self._vault_step(chunk, actor)
                settled += len(chunk)
                if progress:
                    progress(settled, total)
        return self._finish(sweep_id, actor)

    def _rules(self) -> dict[str, RetentionRule]:
        return {r.id: r for r in self._ledger.index().ledger.retention}

    def _vault_step(self, unit_ids: Sequence[int], actor: Actor) -> None:
        """Dispose of the units' vault records in one transaction, the holds checked again inside it."""
        rules = self._rules()
        with self._uow() as uow:
            session = uow.session
            units = session.execute(
                select(
                    RetentionDisposal.id,
                    RetentionDisposal.sweep_id,
                    RetentionDisposal.rule_id,
                    RetentionDisposal.person_id,
                    RetentionDisposal.subject_kind,
                    RetentionDisposal.items,
                    RetentionDisposal.due_at,
                    RetentionDisposal.dataset_run_id,
                )
                .where(RetentionDisposal.id.in_(list(unit_ids)), RetentionDisposal.vault_done.is_(False))
                .with_for_update()
            ).all()
            if not units:
                return
            scopes = planning.hold_scopes(session)
            starts = planning.event_starts(session, [u.person_id for u in units])
            now = self._clock.now()
            today = now.astimezone(JST).date()
            wanted: dict[str, list[str]] = {}
            changes: list[dict[str, Any]] = []
            events: list[Entry] = []
            go = []
            for unit in units:
                rule = rules.get(unit.rule_id)
                if rule is None:
                    changes.append({"id": unit.id, "status": "failed", "reason": "the rule is no longer in the ledger"})
                    continue
                start = policy.subtract_period(unit.due_at, rule.period)
                holds = policy.holds_for(
                    rule, unit.person_id, unit.subject_kind, start, starts.get(unit.person_id, {}), scopes, today
                )
                if holds:
                    kept = [_hold_json(h) for h in holds]
                    reason = "held when the sweep came to dispose of it"
                    changes.append({"id": unit.id, "status": "held", "holds": kept, "reason": reason})
                    data = {"sweep": unit.sweep_id, "rule": unit.rule_id, "holds": kept}
                    events.append(("retention.held", "person", unit.person_id, data))
                    continue
                wanted.setdefault(unit.person_id, []).extend(unit.items)
                go.append(unit)
            disposed = self._subjects.dispose_records(uow, wanted)
            for unit in go:
                done = disposed[unit.person_id]
                change: dict[str, Any] = {
                    "id": unit.id,
                    "vault_done": True,
                    "vault_records": done.records,
                    "shredded": done.shredded,
                }
                if unit.dataset_run_id is None:
                    change.update(status="done", done_at=now)
                changes.append(change)
                data = {
                    "sweep": unit.sweep_id,
                    "rule": unit.rule_id,
                    "items": list(unit.items),
                    "method": "crypto_shred" if done.shredded else "delete",
                    "records": done.records,
                }
                events.append(("retention.disposed", "person", unit.person_id, data))
            for keys in {tuple(sorted(c)) for c in changes}:  # one executemany per shape of change
                session.execute(update(RetentionDisposal), [c for c in changes if tuple(sorted(c)) == keys])
            uow.record_many(actor=actor.id, entries=events)
            uow.commit()

    def _finish(self, sweep_id: str, actor: Actor) -> SweepView:
        self._subjects.scrub()  # once per sweep: the deleted keys' pages leave the WAL (ADR 0013)
        with self._uow() as uow:
            session = uow.session
            sweep = session.get(RetentionSweep, sweep_id, with_for_update=True)
            assert sweep is not None
            statuses = Counter(
                s
                for (s,) in session.execute(
                    select(RetentionDisposal.status).where(RetentionDisposal.sweep_id == sweep_id)
                )
            )
            records = sum(
                n
                for (n,) in session.execute(
                    select(RetentionDisposal.vault_records).where(RetentionDisposal.sweep_id == sweep_id)
                )
            )
            counts = {
                **sweep.counts,
                **{s: statuses.get(s, 0) for s in ("done", "held", "pending", "failed")},
                "vault_records": records,
            }
            status = "incomplete" if statuses.get("pending") or statuses.get("planned") else "completed"
            if sweep.status != status or sweep.counts != counts:
                sweep.counts, sweep.status = counts, status
                if status == "completed":
                    sweep.finished_at = self._clock.now()
                uow.record(
                    actor=actor.id,
                    action=f"retention.sweep_{status}",
                    entity_type="retention_sweep",
                    entity_id=sweep_id,
                    data={k: v for k, v in counts.items() if k != "rules"},
                )
            view = _sweep(sweep)
            uow.commit()
        return view


def _hold_json(hold: policy.ActiveHold) -> dict[str, Any]:
    return {
        "kind": hold.kind,
        "statute": {"ja": hold.statute, "en": hold.statute},
        "until": hold.ends_on.isoformat() if hold.ends_on else None,
        "hold": hold.hold_id,
    }
