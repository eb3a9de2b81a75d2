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
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from hogo.adapters.connectors import ForeignKey, RowPath
from hogo.clock import Clock, today_jst
from hogo.datasets import exposure, sharing
from hogo.datasets.connected import check, shared_rows, walk
from hogo.datasets.connections import Connections, ConnectorFactory, DatasetDeclarationInvalid, DatasetUnreachable
from hogo.datasets.execution import PERMISSION, RunExecution, load_run
from hogo.datasets.keys import UnsupportedKey
from hogo.datasets.models import DatasetRun, DatasetRunStep
from hogo.datasets.operations import (
    Ask,
    Hold,
    correction_operations,
    erasure_operations,
    refused_choices,
    suspension_operations,
)
from hogo.datasets.policy import Edge, Identity, disclosed_columns, norm, roots
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
from hogo.errors import InvalidInput
from hogo.identity.policy import Actor, Permission
from hogo.ledger.schemas.datasets import ActionKind, DataSet, ErasureAction
from hogo.ledger.service import LedgerService


@dataclass(frozen=True)
class _Planned:
    dataset: str
    operations: list[dict[str, Any]]
    rows: int
    holds: list[Hold]
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
        clock: Clock,
        ledger: LedgerService,
        connect: ConnectorFactory,
        environ: Mapping[str, str],
        hash_key: Callable[[], bytes],
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._ledger = ledger
        self._connections = Connections(connect, environ)
        self._environ = environ
        self._ledger_cache: tuple[int, list[DataSet], dict[str, str]] | None = None
        self._execution = RunExecution(uow, clock, self._connections, self._declared, hash_key)
        self.execute = self._execution.execute
        """Carry out a planned run, or resume one that stopped; steps already done are skipped (execution.py)."""

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
        for dataset in self._searchable(identities):
            with self._connections.open(dataset) as connector:
                found = walk(dataset, connector, identities)
            searched.append(dataset.id)
            skipped.extend(not_followed_view(dataset.id, u) for u in found.not_followed)
            for row in found.rows:
                columns = [c for c in disclosed_columns(dataset, row.table) if norm(c[0]) in row.values]
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
            uow.record(
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

    def holders(
        self,
        items: Sequence[str],
        actor: Actor,
        *,
        subject_kinds: Sequence[str] = (),
        window: exposure.Window = exposure.OPEN,
        datasets: Sequence[str] = (),
    ) -> list[exposure.DatasetHolders]:
        """For an incident: the person rows each dataset holds `items` of (written in `window`), with their
        identifiers; a dataset that cannot be read says why and how many it may hold (never a silent zero).
        `datasets` names those concerned (also ones not connected); by default every connected one holding an item."""
        actor.require(Permission.read_values)
        named = set(datasets)
        chosen = [d for d in self._declared() if d.id in named or (not named and d.connection and d.tables)]
        out = [self._holders(d, items, subject_kinds, window) for d in chosen if exposure.holds_items(d, items)]
        with self._uow() as uow:
            uow.record(
                actor=actor.id,
                action="datasets.holders_counted",
                entity_type="datasets",
                entity_id="incident",
                data={
                    "items": sorted(items),
                    "counts": {h.dataset: len(h.owners) for h in out},
                    "errors": {h.dataset: h.error for h in out if h.error},
                },
            )
            uow.commit()
        return out

    def _holders(
        self, dataset: DataSet, items: Sequence[str], kinds: Sequence[str], window: exposure.Window
    ) -> exposure.DatasetHolders:
        if dataset.connection is None or not dataset.tables:
            return exposure.DatasetHolders(dataset.id, [], "not connected to hogo", dataset.record_count)
        last = window.last + dt.timedelta(days=1) if window.last else None
        owners: dict[tuple[str, tuple[str, ...]], exposure.Owner] = {}
        ignored: set[str] = set()
        try:
            with self._connections.open(dataset) as connector:
                schema: list[Edge] = []
                if dataset.relations_from_schema:
                    fks = connector.foreign_keys([t.name for t in dataset.tables])
                    schema = [Edge(f.table, f.column, f.references_table, f.references_column) for f in fks]
                by_person: dict[str, list[exposure.Chain]] = {}
                for chain in exposure.chains(dataset, items, kinds, schema):
                    by_person.setdefault(chain.person.name, []).append(chain)
                    if not window.open and chain.time is None:
                        ignored.add(chain.start)
                for person, group in by_person.items():
                    key = connector.primary_key(person)
                    table = group[0].person
                    kinds_of = [c.kind for c in table.identities]
                    paths = [
                        RowPath(
                            c.start,
                            tuple(
                                ForeignKey(e.table, e.column, e.references_table, e.references_column) for e in c.hops
                            ),
                            c.columns,
                            None if window.open else c.time,
                        )
                        for c in group
                    ]
                    for row in connector.owners(paths, [*key, *group[0].identity_columns], window.first, last):
                        pk = tuple(str(v) for v in row[: len(key)])
                        found = {k: str(v) for k, v in zip(kinds_of, row[len(key) :], strict=True) if v is not None}
                        owners.setdefault((person, pk), exposure.Owner(person, pk, found))
        except (DatasetUnreachable, DatasetDeclarationInvalid) as exc:
            return exposure.DatasetHolders(dataset.id, [], exc.message, dataset.record_count)
        return exposure.DatasetHolders(dataset.id, list(owners.values()), None, 0, tuple(sorted(ignored)))

    def run(self, run_id: str, actor: Actor) -> RunView:
        actor.require(Permission.read_people)
        with self._uow(read_only=True) as uow:
            return run_view(*load_run(uow.session, run_id))

    def runs(self, actor: Actor, limit: int = 50) -> list[RunView]:
        actor.require(Permission.read_people)
        with self._uow(read_only=True) as uow:
            ids = uow.session.execute(
                select(DatasetRun.id).order_by(DatasetRun.planned_at.desc()).limit(limit)
            ).scalars()
            return [run_view(*load_run(uow.session, i)) for i in list(ids)]

    # -- planning --------------------------------------------------------------------------------
    def plan_erasure(self, identities: Sequence[Identity], reference: str, actor: Actor) -> RunView:
        return self.plan(RunKind.erasure, identities, reference, actor)

    def plan_correction(
        self, identities: Sequence[Identity], items: Sequence[str], reference: str, actor: Actor
    ) -> RunView:
        return self.plan(RunKind.correction, identities, reference, actor, items=items)

    def plan_suspension(self, identities: Sequence[Identity], reference: str, actor: Actor) -> RunView:
        return self.plan(RunKind.suspension, identities, reference, actor)

    def plan(
        self,
        kind: RunKind,
        identities: Sequence[Identity],
        reference: str,
        actor: Actor,
        *,
        items: Sequence[str] = (),
        actions: Mapping[str, str] | None = None,
    ) -> RunView:
        """Plan a run: nothing is changed yet. A correction sets the columns of `items` (the new values are given
        to `execute`). An erasure or a suspension of use acts on every item, or only on `items` (the person's
        narrower ask); each column takes the first action the ledger allows that kind there, or the one
        `actions` names for its item when the ledger allows it (docs/datasets.md, **actions**)."""
        actor.require(PERMISSION[kind])
        if kind is RunKind.correction and not items:
            raise InvalidInput("name the items to correct")
        _check(identities)
        if not reference.strip():
            raise InvalidInput("give the reference of the request behind this run")
        ask = self._ask(kind, items, actions or {})
        today = today_jst(self._clock)
        planned = [
            self._plan_dataset(kind, dataset, identities, items, ask, today) for dataset in self._searchable(identities)
        ]
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
            uow.record(
                actor=actor.id,
                action="dataset_run.planned",
                entity_type="dataset_run",
                entity_id=run_id,
                data={
                    "kind": kind.value,
                    "reference": uow.note(run.reference),
                    "rows": {p.dataset: p.rows for p in planned},
                    "holds": len(holds),
                    "shared": {where: rows for p in planned for where, rows in p.shared_rows().items()},
                    **ask.described(),
                },
            )
            view = run_view(*load_run(session, run_id))
            uow.commit()
        return view

    def _ask(self, kind: RunKind, items: Sequence[str], actions: Mapping[str, str]) -> Ask:
        """What an erasure or a suspension asks of the columns; a named action the ledger allows nowhere is refused."""
        try:
            chosen = tuple(sorted((item, ErasureAction(action)) for item, action in actions.items()))
        except ValueError:
            raise InvalidInput(f"an action is one of: {', '.join(a.value for a in ErasureAction)}") from None
        if kind is RunKind.correction:
            return Ask()  # a correction sets the items it names; it takes no erasure action
        action_kind = ActionKind.suspension_of_use if kind is RunKind.suspension else ActionKind.erasure
        ask = Ask(action_kind, frozenset(items) if items else None, chosen)
        refused = refused_choices(self._connected(), ask)
        if refused:
            raise InvalidInput(f"no connected column allows this {action_kind.value}: {', '.join(refused)}")
        return ask

    def _plan_dataset(
        self,
        kind: RunKind,
        dataset: DataSet,
        identities: Sequence[Identity],
        items: Sequence[str],
        ask: Ask,
        today: dt.date,
    ) -> _Planned:
        """One dataset's part of a plan: its operations and shared rows as journalled, and its holds.

        Rows another person reaches too are left out of the operations and reported (sharing.py)."""
        with self._connections.open(dataset) as connector:
            check(dataset, connector)
            found = walk(dataset, connector, identities)
            others = shared_rows(dataset, connector, found)
        rows, keys = [r for r in found.rows if (r.table, r.key) not in others], found.keys
        holds: list[Hold] = []
        if kind is RunKind.erasure:
            operations, holds = erasure_operations(dataset, rows, keys, today, ask)
        elif kind is RunKind.correction:
            operations, holds = correction_operations(dataset, rows, keys, items, today)
        else:
            operations, holds = suspension_operations(dataset, rows, keys, today, ask)
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

    def _searchable(self, identities: Sequence[Identity]) -> list[DataSet]:
        """The connected datasets with an identity column of a kind the person gave: the others cannot hold
        them by construction (a catalogue found by composer credit is not searched for a customer's e-mail)."""
        return [d for d in self._connected() if roots(d, identities)]

    def close(self) -> None:
        """Release the connections to the company's databases."""
        self._connections.close()


def _check(identities: Sequence[Identity]) -> None:
    if not any(i.value.strip() for i in identities):
        raise InvalidInput("give at least one identifier of the person (e-mail, customer number, …)")


def _hold_json(hold: Hold) -> dict[str, Any]:
    return {
        "dataset": hold.dataset,
        "table": hold.table,
        "column": hold.column,
        "item": hold.item,
        "statute": {"ja": hold.statute_ja, "en": hold.statute_en},
        "until": hold.until.isoformat(),
        "rows": hold.rows,
    }
