"""Units of a sweep whose person the company's databases hold too (steps 1 and 3 of the sweep, ADR 0009 and 0018).

The person's identifiers are opened (an audited read) and an erasure run of the rule's items is planned over the
company's databases through the dataset runs; its id is booked on the unit. A dataset that cannot be reached leaves
the unit pending, the vault untouched (its values are what finds the rows). Then the vault step (the sweep's own,
handed in), then the run is executed (or resumed: it skips what is done) and its rows and holds are booked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from hogo.clock import Clock
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import DomainError
from hogo.identity.policy import Actor
from hogo.requests.dataset_link import DatasetLink
from hogo.retention.models import RetentionDisposal
from hogo.subjects.service import SubjectService


class DatasetUnits:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        subjects: SubjectService,
        link: DatasetLink,
        vault_step: Callable[[Sequence[int], Actor], None],
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._subjects = subjects
        self._link = link
        self._vault_step = vault_step

    def carry_out(self, unit_id: int, actor: Actor) -> None:
        """One unit where the company's databases hold the person too: plan the run, the vault step, the run."""
        with self._uow(read_only=True) as uow:
            unit = uow.session.get(RetentionDisposal, unit_id)
            assert unit is not None
            run_id, vault_done, person_id = unit.dataset_run_id, unit.vault_done, unit.person_id
            sweep_id, rule_id, items = unit.sweep_id, unit.rule_id, list(unit.items)
        if run_id is None and not vault_done:
            try:
                run_id = self._plan_run(unit_id, person_id, sweep_id, rule_id, items, actor)
            except DomainError as exc:
                self._mark(unit_id, actor, "pending", f"the company's database could not be searched: {exc.code}")
                return
        if not vault_done:
            self._vault_step([unit_id], actor)
            with self._uow(read_only=True) as uow:
                unit = uow.session.get(RetentionDisposal, unit_id)
                assert unit is not None
                if unit.status in ("held", "failed"):
                    return
        if run_id is None:
            self._mark(unit_id, actor, "done", None)
            return
        try:
            summary = self._link.execute(run_id, {}, actor)
        except DomainError as exc:
            self._mark(unit_id, actor, "pending", f"the dataset run {run_id} did not finish: {exc.code}")
            return
        self._mark(unit_id, actor, "done", None, rows=int(summary["rows_changed"] or 0), holds=summary["holds"])

    def _plan_run(
        self, unit_id: int, person_id: str, sweep_id: str, rule_id: str, items: list[str], actor: Actor
    ) -> str | None:
        kinds = self._link.identity_items()
        wanted = sorted({i for found in kinds.values() for i in found})
        with self._uow() as uow:
            if self._subjects.person_ref(uow.session, person_id).erased:
                return None
            values = self._subjects.open_for_matching(uow.session, person_id, wanted)
            uow.record(
                actor=actor.id,
                action="records.read",
                entity_type="person",
                entity_id=person_id,
                data={
                    "items": sorted(values),
                    "basis": "Art. 22",
                    "sweep": sweep_id,
                    "use": "find the person in the company's databases to dispose of what is due",
                },
            )
            uow.commit()
        identities = sorted({(kind, values[i]) for kind, found in kinds.items() for i in found if values.get(i)})
        if not identities:
            return None
        run_id = self._link.plan("erasure", identities, items, f"retention {sweep_id} {rule_id}", actor)
        with self._uow() as uow:
            unit = uow.session.get(RetentionDisposal, unit_id, with_for_update=True)
            assert unit is not None
            unit.dataset_run_id = run_id
            uow.record(
                actor=actor.id,
                action="retention.dataset_run_planned",
                entity_type="retention_sweep",
                entity_id=sweep_id,
                data={"rule": rule_id, "person": person_id, "run": run_id},
            )
            uow.commit()
        return run_id

    def _mark(
        self,
        unit_id: int,
        actor: Actor,
        status: str,
        reason: str | None,
        *,
        rows: int = 0,
        holds: list[dict[str, Any]] | None = None,
    ) -> None:
        with self._uow() as uow:
            unit = uow.session.get(RetentionDisposal, unit_id, with_for_update=True)
            assert unit is not None
            unit.status, unit.reason = status, reason
            if status == "done":
                unit.done_at = self._clock.now()
                unit.dataset_rows = rows
                unit.holds = list(unit.holds) + list(holds or [])
            uow.record(
                actor=actor.id,
                action=f"retention.unit_{status}",
                entity_type="person",
                entity_id=unit.person_id,
                data={
                    "sweep": unit.sweep_id,
                    "rule": unit.rule_id,
                    "run": unit.dataset_run_id,
                    "rows": rows,
                    "reason": reason,
                },
            )
            uow.commit()
