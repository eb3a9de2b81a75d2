"""Requests carried out where the data lives: access, and erasure/correction/suspension runs.

A run is planned first: the person's rows are found by walking each connected database from their
identifiers along the declared relations, and the operations (row keys and column actions, never
values) are journalled in hogo's store with the legal holds that keep some data. Executing a run
works one database at a time, in one transaction there; the step is marked done in hogo's store
after that transaction commits. Every operation changes only rows not yet in their target state,
so a run resumed after a crash redoes nothing already done (see docs/adr/0009).
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from hogo.adapters.connectors import Connector, ConnectorError
from hogo.audit.service import AuditService
from hogo.clock import Clock, today_jst
from hogo.datasets import policy, sharing
from hogo.datasets.connected import SchemaMismatch, apply, check, shared_rows, walk
from hogo.datasets.keys import UnsupportedKey
from hogo.datasets.models import DatasetRun, DatasetRunStep
from hogo.datasets.policy import Identity, Operation, norm
from hogo.datasets.schemas import (
    AccessResult,
    DatasetView,
    DisclosedRow,
    DisclosedValue,
    NotFollowedView,
    RunKind,
    RunStatus,
    RunView,
)
from hogo.datasets.views import jsonable, not_followed_view, run_view, shared_json
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import Conflict, DomainError, InvalidInput, NotFound
from hogo.identity.policy import Actor, Permission
from hogo.ledger.schemas.datasets import DataSet
from hogo.ledger.service import LedgerService

log = logging.getLogger(__name__)
ConnectorFactory = Callable[[str], Connector]
Progress = Callable[[str, int, int], None]
"""(dataset, operations done, operations in the step)."""


class DatasetUnreachable(Conflict):
    code = "dataset-unreachable"


class DatasetDeclarationInvalid(InvalidInput):
    code = "dataset-declaration-invalid"


class DatasetRunFailed(Conflict):
    code = "dataset-run-failed"


@dataclass(frozen=True)
class _Planned:
    dataset: str
    operations: list[dict[str, Any]]
    rows: int
    holds: list[policy.Hold]
    shared: list[dict[str, Any]]

    def shared_rows(self) -> dict[str, int]:
        """Rows held because another person reaches them, by dataset.table."""
        out: dict[str, int] = {}
        for group in self.shared:
            where = f"{self.dataset}.{group['table']}"
            out[where] = out.get(where, 0) + len(group["keys"])
        return out


class DatasetService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        audit: AuditService,
        clock: Clock,
        ledger: LedgerService,
        connect: ConnectorFactory,
        environ: Mapping[str, str],
        hash_key: Callable[[], bytes],
    ) -> None:
        self._uow = uow
        self._audit = audit
        self._clock = clock
        self._ledger = ledger
        self._connect = connect
        self._environ = environ
        self._hash_key = hash_key
        self._connectors: dict[str, Connector] = {}
        self._ledger_cache: tuple[int, list[DataSet], dict[str, str]] | None = None
        self._lock = threading.Lock()

    # -- reading ---------------------------------------------------------------------------------
    def datasets(self) -> list[DatasetView]:
        return [
            DatasetView(
                d.id,
                d.name.ja,
                d.connection.env if d.connection else None,
                bool(d.connection and self._environ.get(d.connection.env)),
                [t.name for t in d.tables],
            )
            for d in self._declared()
        ]

    def access(self, identities: Sequence[Identity], actor: Actor) -> AccessResult:
        """Every row of the person in every connected dataset, each value mapped to its ledger item.

        An actor limited to some item categories sees only the values of those categories.
        """
        actor.require(Permission.read_values)
        _check(identities)
        categories = self._categories()
        withheld = 0
        searched: list[str] = []
        disclosed: list[DisclosedRow] = []
        skipped: list[NotFollowedView] = []
        for dataset in self._connected():
            with self._connection(dataset) as connector:
                found = walk(dataset, connector, identities)
            searched.append(dataset.id)
            skipped.extend(not_followed_view(dataset.id, u) for u in found.not_followed)
            for row in found.rows:
                columns = [c for c in policy.disclosed_columns(dataset, row.table) if norm(c[0]) in row.values]
                values = [
                    DisclosedValue(column, item, jsonable(row.values[norm(column)]))
                    for column, item in columns
                    if actor.sees(categories.get(item, "other"))
                ]
                withheld += len(columns) - len(values)
                key = dict(zip(found.keys[row.table], (jsonable(k) for k in row.key), strict=True))
                disclosed.append(DisclosedRow(dataset.id, row.table, row.subject_kind, key, values))
        counts: dict[str, int] = {}
        for shown in disclosed:
            counts[f"{shown.dataset}.{shown.table}"] = counts.get(f"{shown.dataset}.{shown.table}", 0) + 1
        with self._uow() as uow:
            self._audit.record(
                uow.session,
                actor=actor.id,
                action="datasets.accessed",
                entity_type="datasets",
                entity_id="access",
                data={
                    "identity_kinds": sorted({i.kind for i in identities}),
                    "rows": counts,
                    "withheld": withheld,
                    "not_followed": [
                        f"{n.dataset}: {n.table}.{n.column} -> {n.references_table}.{n.references_column}"
                        for n in skipped
                    ],
                },
            )
            uow.commit()
        return AccessResult(searched, disclosed, withheld, skipped)

    def run(self, run_id: str, actor: Actor) -> RunView:
        actor.require(Permission.read_people)
        with self._uow(read_only=True) as uow:
            return run_view(*self._load(uow.session, run_id))

    def runs(self, actor: Actor, limit: int = 50) -> list[RunView]:
        actor.require(Permission.read_people)
        with self._uow(read_only=True) as uow:
            ids = uow.session.execute(
                select(DatasetRun.id).order_by(DatasetRun.planned_at.desc()).limit(limit)
            ).scalars()
            return [run_view(*self._load(uow.session, i)) for i in list(ids)]

    # -- planning --------------------------------------------------------------------------------
    def plan_erasure(self, identities: Sequence[Identity], reference: str, actor: Actor) -> RunView:
        actor.require(Permission.erase)
        return self._plan(RunKind.erasure, identities, reference, actor)

    def plan_correction(
        self, identities: Sequence[Identity], items: Sequence[str], reference: str, actor: Actor
    ) -> RunView:
        """Plan setting the columns of `items` on the person's rows; the new values are given to `execute`."""
        actor.require(Permission.record)
        if not items:
            raise InvalidInput("name the items to correct")
        return self._plan(RunKind.correction, identities, reference, actor, items)

    def plan_suspension(self, identities: Sequence[Identity], reference: str, actor: Actor) -> RunView:
        actor.require(Permission.suspend)
        return self._plan(RunKind.suspension, identities, reference, actor)

    def _plan(
        self, kind: RunKind, identities: Sequence[Identity], reference: str, actor: Actor, items: Sequence[str] = ()
    ) -> RunView:
        _check(identities)
        if not reference.strip():
            raise InvalidInput("give the reference of the request behind this run")
        today = today_jst(self._clock)
        planned = [self._plan_dataset(kind, dataset, identities, items, today) for dataset in self._connected()]
        holds = [h for p in planned for h in p.holds]
        run_id = "dr_" + secrets.token_hex(12)
        with self._uow() as uow:
            session = uow.session
            run = DatasetRun(
                id=run_id,
                kind=kind.value,
                reference=reference.strip(),
                status=RunStatus.planned.value,
                identity_kinds=sorted({i.kind for i in identities}),
                holds=[_hold_json(h) for h in holds],
                shared=[s for p in planned for s in p.shared],
                planned_at=self._clock.now(),
                planned_by=actor.id,
            )
            session.add(run)
            session.flush()
            for position, step in enumerate(planned):
                session.add(
                    DatasetRunStep(
                        run_id=run_id,
                        position=position,
                        dataset=step.dataset,
                        status=RunStatus.planned.value if step.operations else RunStatus.completed.value,
                        operations=step.operations,
                        planned_rows=step.rows,
                        rows_changed=None if step.operations else 0,
                        attempts=0,
                    )
                )
            session.flush()
            self._audit.record(
                session,
                actor=actor.id,
                action="dataset_run.planned",
                entity_type="dataset_run",
                entity_id=run_id,
                data={
                    "kind": kind.value,
                    "reference": run.reference,
                    "rows": {p.dataset: p.rows for p in planned},
                    "holds": len(holds),
                    "shared": {where: rows for p in planned for where, rows in p.shared_rows().items()},
                },
            )
            view = run_view(*self._load(session, run_id))
            uow.commit()
        return view

    def _plan_dataset(
        self, kind: RunKind, dataset: DataSet, identities: Sequence[Identity], items: Sequence[str], today: dt.date
    ) -> _Planned:
        """One dataset's part of a plan: its operations and shared rows as journalled, and its holds.

        Rows another person reaches too are left out of the operations and reported (sharing.py)."""
        with self._connection(dataset) as connector:
            check(dataset, connector)
            found = walk(dataset, connector, identities)
            others = shared_rows(dataset, connector, found)
        rows, keys = [r for r in found.rows if (r.table, r.key) not in others], found.keys
        holds: list[policy.Hold] = []
        if kind is RunKind.erasure:
            operations, holds = policy.erasure_operations(dataset, rows, keys, today)
        elif kind is RunKind.correction:
            operations, holds = policy.correction_operations(dataset, rows, keys, items, today)
        else:
            operations = policy.suspension_operations(dataset, rows, keys)
        try:
            return _Planned(
                dataset.id,
                [op.as_json() for op in operations],
                sum(len(op.keys) for op in operations),
                holds,
                [shared_json(s) for s in sharing.grouped(dataset.id, others, keys)],
            )
        except UnsupportedKey as exc:
            raise DatasetDeclarationInvalid(
                f"data set '{dataset.id}': a primary key holds values of type {exc}, which a run cannot record"
            ) from None

    # -- execution -------------------------------------------------------------------------------
    def execute(
        self,
        run_id: str,
        actor: Actor,
        *,
        corrections: Mapping[str, str] | None = None,
        progress: Progress | None = None,
    ) -> RunView:
        """Carry out a planned run, or resume one that stopped; steps already done are skipped."""
        with self._uow() as uow:
            run, steps = self._load(uow.session, run_id)
            kind = RunKind(run.kind)
            pending = [(s.position, s.dataset, [Operation.from_json(o) for o in s.operations]) for s in steps]
            pending = [p for p, s in zip(pending, steps, strict=True) if s.status != RunStatus.completed.value]
        actor.require(
            {RunKind.erasure: Permission.erase, RunKind.correction: Permission.record}.get(kind, Permission.suspend)
        )
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
            run, steps = self._load(uow.session, run_id, lock=True)
            if run.status != RunStatus.completed.value:
                run.status = RunStatus.completed.value
                run.finished_at = self._clock.now()
                self._audit.record(
                    uow.session,
                    actor=actor.id,
                    action="dataset_run.completed",
                    entity_type="dataset_run",
                    entity_id=run_id,
                    data={"kind": run.kind, "rows_changed": sum(s.rows_changed or 0 for s in steps)},
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
            run, steps = self._load(uow.session, run_id, lock=True)
            # an attempt that was neither booked nor failed was stopped (a kill, Ctrl-C): its transaction there
            # may have committed before hogo could book it
            interrupted = steps[position].attempts > 0 and steps[position].status != RunStatus.failed.value
            run.status = steps[position].status = RunStatus.running.value
            steps[position].attempts += 1
            uow.commit()
        changed = 0
        try:
            with self._connection(dataset) as connector, connector.begin() as writer:
                for done, operation in enumerate(operations, start=1):
                    changed += apply(writer, operation, corrections, self._hash_key())
                    if progress is not None:
                        progress(dataset.id, done, len(operations))
        except Exception as exc:
            reason = exc.code if isinstance(exc, DomainError) else type(exc).__name__
            log.warning("dataset run %s step %s (%s) failed: %s", run_id, position, dataset.id, reason)
            with self._uow() as uow:
                run, steps = self._load(uow.session, run_id, lock=True)
                run.status = RunStatus.failed.value
                steps[position].status = RunStatus.failed.value
                steps[position].error = reason
                self._audit.record(
                    uow.session,
                    actor=actor.id,
                    action="dataset_step.failed",
                    entity_type="dataset_run",
                    entity_id=run_id,
                    data={"dataset": dataset.id, "position": position, "error": reason},
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
            run, steps = self._load(uow.session, run_id, lock=True)
            step = steps[position]
            step.status = RunStatus.completed.value
            step.rows_changed = changed
            step.confirmed_on_resume = confirmed
            step.error = None
            step.finished_at = self._clock.now()
            self._audit.record(
                uow.session,
                actor=actor.id,
                action="dataset_step.completed",
                entity_type="dataset_run",
                entity_id=run_id,
                data={
                    "dataset": dataset.id,
                    "position": position,
                    "rows_changed": changed,
                    **({"confirmed_on_resume": True} if confirmed else {}),
                },
            )
            uow.commit()

    def _declared(self) -> list[DataSet]:
        """The datasets of the ledger in force, parsed once per ledger version."""
        version = self._ledger.index().version
        cached = self._ledger_cache
        if cached is None or cached[0] != version:
            ledger = self._ledger.get(version).ledger
            cached = (version, ledger.datasets, {i.key: i.category.value for i in ledger.items})
            self._ledger_cache = cached
        return cached[1]

    def _categories(self) -> dict[str, str]:
        self._declared()
        assert self._ledger_cache is not None
        return self._ledger_cache[2]

    def _connected(self) -> list[DataSet]:
        return [d for d in self._declared() if d.connection is not None and d.tables]

    @contextmanager
    def _connection(self, dataset: DataSet) -> Iterator[Connector]:
        """The dataset's connector, kept open between requests (its schema is reflected once).

        A connector whose database no longer matches the declaration is dropped, so that the next
        request reflects the schema again.
        """
        assert dataset.connection is not None
        url = self._environ.get(dataset.connection.env)
        if not url:
            raise DatasetUnreachable(
                f"data set '{dataset.id}' is not reachable: set the environment variable {dataset.connection.env}"
            )
        with self._lock:
            connector = self._connectors.get(url)
            if connector is None:
                try:
                    connector = self._connect(url)
                except ConnectorError as exc:
                    raise DatasetUnreachable(f"data set '{dataset.id}': {exc}") from None
                self._connectors[url] = connector
        try:
            yield connector
        except (ConnectorError, DatasetUnreachable) as exc:
            with self._lock:
                if self._connectors.pop(url, None) is connector:
                    connector.close()
            if isinstance(exc, SchemaMismatch):
                raise DatasetDeclarationInvalid(f"data set '{dataset.id}': {exc}") from None
            if isinstance(exc, ConnectorError):
                raise DatasetUnreachable(f"data set '{dataset.id}': {exc}") from None
            raise

    def close(self) -> None:
        """Release the connections to the company's databases."""
        with self._lock:
            connectors, self._connectors = list(self._connectors.values()), {}
        for connector in connectors:
            connector.close()

    def _load(self, session: Any, run_id: str, *, lock: bool = False) -> tuple[DatasetRun, list[DatasetRunStep]]:
        run = session.get(DatasetRun, run_id, with_for_update=lock)
        if run is None:
            raise NotFound(f"dataset run {run_id} does not exist")
        steps = list(
            session.execute(
                select(DatasetRunStep).where(DatasetRunStep.run_id == run_id).order_by(DatasetRunStep.position)
            ).scalars()
        )
        return run, steps


def _check(identities: Sequence[Identity]) -> None:
    if not any(i.value.strip() for i in identities):
        raise InvalidInput("give at least one identifier of the person (e-mail, customer number, …)")


def _hold_json(hold: policy.Hold) -> dict[str, Any]:
    return {
        "dataset": hold.dataset,
        "table": hold.table,
        "column": hold.column,
        "item": hold.item,
        "statute": {"ja": hold.statute_ja, "en": hold.statute_en},
        "until": hold.until.isoformat(),
        "rows": hold.rows,
    }
