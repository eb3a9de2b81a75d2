"""Carrying out a planned run, or resuming one that stopped: the part of the datasets service that executes.

Each step that is not done runs in one transaction in its database; hogo books it in its store after that
transaction commits (ADR 0009). An attempt marks its step running first, so that a step stopped between the
two commits (a kill, Ctrl-C) is known on resume, and confirmed there when its effect is found (ADR 0018).
Like the service, it commits: one unit of work per booking, with its audit event.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import select

from hogo.clock import Clock
from hogo.datasets.connected import apply
from hogo.datasets.connections import Connections
from hogo.datasets.models import DatasetRun, DatasetRunStep
from hogo.datasets.operations import Operation
from hogo.datasets.schemas import RunKind, RunStatus, RunView
from hogo.datasets.views import run_view
from hogo.db.uow import UnitOfWork, UnitOfWorkFactory
from hogo.errors import Conflict, DomainError, InvalidInput, NotFound
from hogo.identity.policy import Actor, Permission
from hogo.ledger.schemas.datasets import DataSet

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]
"""(dataset, operations done, operations in the step)."""
PERMISSION = {
    RunKind.erasure: Permission.erase,
    RunKind.correction: Permission.record,
    RunKind.suspension: Permission.suspend,
}
"""What an actor needs to plan or carry out a run of each kind."""


class DatasetRunFailed(Conflict):
    code = "dataset-run-failed"


class RunExecution:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        connections: Connections,
        declared: Callable[[], list[DataSet]],
        hash_key: Callable[[], bytes],
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._connections = connections
        self._declared = declared
        self._hash_key = hash_key

    @staticmethod
    def _record(uow: UnitOfWork, actor: Actor, action: str, run_id: str, data: dict[str, Any]) -> None:
        uow.record(actor=actor.id, action=action, entity_type="dataset_run", entity_id=run_id, data=data)

    def execute(
        self,
        run_id: str,
        actor: Actor,
        *,
        corrections: Mapping[str, str] | None = None,
        progress: Progress | None = None,
    ) -> RunView:
        """Carry out a planned run, or resume one that stopped; steps already done are skipped."""
        with self._uow(read_only=True) as uow:
            run, steps = load_run(uow.session, run_id)
            kind = RunKind(run.kind)
            pending = [(s.position, s.dataset, [Operation.from_json(o) for o in s.operations]) for s in steps]
            pending = [p for p, s in zip(pending, steps, strict=True) if s.status != RunStatus.completed.value]
        actor.require(PERMISSION[kind])
        needed = {item for _, _, ops in pending for op in ops for _, item in op.correct}
        if needed - set(corrections or {}):
            raise InvalidInput(f"give the corrected values of: {', '.join(sorted(needed - set(corrections or {})))}")
        datasets = {d.id: d for d in self._declared()}
        for position, dataset_id, operations in pending:
            dataset = datasets.get(dataset_id)
            if dataset is None:
                raise Conflict(f"data set '{dataset_id}' is no longer declared in the ledger")
            self._execute_step(run_id, position, dataset, operations, actor, dict(corrections or {}), progress)
        with self._uow() as uow:
            run, steps = load_run(uow.session, run_id, lock=True)
            if run.status != RunStatus.completed.value:
                run.status = RunStatus.completed.value
                run.finished_at = self._clock.now()
                self._record(
                    uow,
                    actor,
                    "dataset_run.completed",
                    run_id,
                    {"kind": run.kind, "rows_changed": sum(s.rows_changed or 0 for s in steps)},
                )
            view = run_view(run, steps)
            uow.commit()
        return view

    def _execute_step(
        self,
        run_id: str,
        position: int,
        dataset: DataSet,
        operations: list[Operation],
        actor: Actor,
        corrections: dict[str, str],
        progress: Progress | None,
    ) -> None:
        with self._uow() as uow:
            run, steps = load_run(uow.session, run_id, lock=True)
            # an attempt that was neither booked nor failed was stopped (a kill, Ctrl-C): its transaction there
            # may have committed before hogo could book it
            interrupted = steps[position].attempts > 0 and steps[position].status != RunStatus.failed.value
            run.status = steps[position].status = RunStatus.running.value
            steps[position].attempts += 1
            uow.commit()
        changed = 0
        try:
            with self._connections.open(dataset) as connector, connector.begin() as writer:
                for done, operation in enumerate(operations, start=1):
                    changed += apply(writer, operation, corrections, self._hash_key())
                    if progress is not None:
                        progress(dataset.id, done, len(operations))
        except Exception as exc:
            reason = exc.code if isinstance(exc, DomainError) else type(exc).__name__
            log.warning("dataset run %s step %s (%s) failed: %s", run_id, position, dataset.id, reason)
            with self._uow() as uow:
                run, steps = load_run(uow.session, run_id, lock=True)
                run.status = RunStatus.failed.value
                steps[position].status = RunStatus.failed.value
                steps[position].error = reason
                self._record(
                    uow,
                    actor,
                    "dataset_step.failed",
                    run_id,
                    {"dataset": dataset.id, "position": position, "error": reason},
                )
                uow.commit()
            raise DatasetRunFailed(
                f"run {run_id} stopped in data set '{dataset.id}' ({reason}); nothing there was changed. "
                "Run it again to resume"
            ) from None
        # Re-run after an interrupted attempt, the statements changed nothing: every planned row is already in
        # its target state, so that attempt committed. Report what it changed, as the plan counted it.
        confirmed = interrupted and changed == 0
        if confirmed:
            changed = sum(len(op.keys) if op.expected is None else op.expected for op in operations)
        with self._uow() as uow:
            run, steps = load_run(uow.session, run_id, lock=True)
            step = steps[position]
            step.status = RunStatus.completed.value
            step.rows_changed = changed
            step.confirmed_on_resume = confirmed
            step.error = None
            step.finished_at = self._clock.now()
            self._record(
                uow,
                actor,
                "dataset_step.completed",
                run_id,
                {
                    "dataset": dataset.id,
                    "position": position,
                    "rows_changed": changed,
                    **({"confirmed_on_resume": True} if confirmed else {}),
                },
            )
            uow.commit()


def load_run(session: Any, run_id: str, *, lock: bool = False) -> tuple[DatasetRun, list[DatasetRunStep]]:
    run = session.get(DatasetRun, run_id, with_for_update=lock)
    if run is None:
        raise NotFound(f"dataset run {run_id} does not exist")
    steps = list(
        session.execute(
            select(DatasetRunStep).where(DatasetRunStep.run_id == run_id).order_by(DatasetRunStep.position)
        ).scalars()
    )
    return run, steps
