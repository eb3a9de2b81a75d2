"""Running a processing job declared in the ledger: read the source table, check the law's standards, make the
output, write it (CSV, Parquet when pyarrow is installed, and the JSON report) and put the making on the audit
trail. The items of anonymised information are published on the portal from the trail's `processed.made` events
(Art. 43(3)); the keyed pseudonyms' key lives in its own file beside the keyring, never in the output (Rule 32).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hogo.audit.search import AuditQuery, AuditSearch
from hogo.clock import Clock
from hogo.datasets.connections import Connections
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import InvalidInput, NotFound
from hogo.identity.policy import system_actor
from hogo.ledger.schemas.processing import ColumnAction, ProcessingJob, ProcessingKind
from hogo.ledger.service import LedgerService
from hogo.subjects.service import SubjectService

if TYPE_CHECKING:
    from hogo.processed.engine import Model
    from hogo.processed.processing import Outcome

ENTITY = "processing"


class ProcessingRefused(InvalidInput):
    """The job cannot run as declared (a column the law or the engine refuses); nothing was written."""

    code = "processing-refused"


@dataclass(frozen=True)
class Written:
    job: str
    kind: str
    files: list[Path]
    report: dict[str, Any]
    parquet_skipped: bool


@dataclass(frozen=True)
class Published:
    """An anonymised job that has been made: what the portal publishes about it (Art. 43(3)(4))."""

    job: ProcessingJob
    made_at: dt.datetime
    rows: int


class ProcessedService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        ledger: LedgerService,
        connections: Connections,
        audit_search: AuditSearch,
        key_dir: Path,
        subjects: SubjectService,
    ) -> None:
        self._subjects = subjects
        self._uow = uow
        self._clock = clock
        self._ledger = ledger
        self._connections = connections
        self._audit = audit_search
        self._key_dir = key_dir

    # -- the ledger's jobs -------------------------------------------------------------------------------------
    def jobs(self) -> list[ProcessingJob]:
        return list(self._ledger.current().ledger.processing)

    def job(self, name: str) -> ProcessingJob:
        for j in self.jobs():
            if j.id == name:
                return j
        raise NotFound(f"the ledger declares no processing job {name!r}")

    # -- running -----------------------------------------------------------------------------------------------
    def _source(self, job: ProcessingJob) -> tuple[dict[str, Any], list[str], list[str]]:
        import numpy as np  # numpy only when a job runs: `hogo` starts without it

        if job.source.vault is not None:
            items = [c.name for c in job.columns]
            known = self._ledger.current().ledger.items_by_key()
            unknown = [i for i in items if i not in known]
            if unknown:
                raise ProcessingRefused(
                    f"{unknown[0]}: a vault source's columns are items; the ledger declares none so"
                )
            read = self._subjects.columns_for_processing(
                items, job.source.vault.subject_kinds, system_actor("processing"), job.id
            )
            return {n: np.asarray(v) for n, v in read.items()}, items, []
        assert job.source.dataset is not None and job.source.table is not None
        ledger = self._ledger.current().ledger
        dataset = next((d for d in ledger.datasets if d.id == job.source.dataset), None)
        if dataset is None or dataset.connection is None:
            raise ProcessingRefused(f"{job.id}: the data set {job.source.dataset!r} is not declared with a connection")
        declared = next((t for t in dataset.tables if t.name == job.source.table), None)
        with self._connections.open(dataset) as connector:
            names = [c.name for c in connector.columns(job.source.table)]
            wanted = [c.name for c in job.columns if c.name in names]
            keys = connector.primary_key(job.source.table)
            read = connector.read_columns(job.source.table, wanted)
        keys += [i.column for i in declared.identities] if declared else []
        cols = {n: np.asarray(["" if v is None else v for v in values]) for n, values in read.items()}
        return cols, names, keys

    def outcome(self, name: str, *, model: Model | None = None) -> Outcome:
        from hogo.processed.engine import ModelError
        from hogo.processed.processing import run_job

        job = self.job(name)
        items = self._ledger.current().ledger.items_by_key()
        cols, names, keys = self._source(job)
        missing = [c.name for c in job.columns if c.name not in names]
        if missing:
            raise ProcessingRefused(f"{missing[0]}: the source {job.source.label} has no such column")
        key = self._pseudonym_key(job) if job.kind is ProcessingKind.pseudonymised else None
        try:
            return run_job(job, items, cols, key_columns=keys, pseudonym_key=key, model=model)
        except ModelError as exc:
            raise ProcessingRefused(str(exc), details={"column": exc.column}) from None

    def run(self, name: str, out_dir: Path, actor: str) -> Written:
        """Make the job's output in `out_dir`; nothing is written if any check or the model fails."""
        job = self.job(name)
        outcome = self.outcome(name)
        report = outcome.report()
        now = self._clock.now()
        report["made_at"] = now.isoformat()
        if job.publish is not None:
            report["published_items"] = [t.model_dump() for t in job.publish.items]
        out_dir.mkdir(parents=True, exist_ok=True)
        files: list[tuple[Path, bytes]] = [
            (out_dir / f"{job.id}.csv", _csv(outcome).encode("utf-8-sig")),
            (out_dir / f"{job.id}.report.json", json.dumps(report, ensure_ascii=False, indent=1).encode()),
        ]
        parquet = _parquet(outcome)
        if parquet is not None:
            files.append((out_dir / f"{job.id}.parquet", parquet))
        for path, data in files:
            tmp = path.with_suffix(path.suffix + ".part")
            tmp.write_bytes(data)
            os.replace(tmp, path)
        with self._uow() as uow:
            event: dict[str, Any] = {"kind": job.kind.value, "rows": outcome.rows}
            if outcome.result is not None:
                event |= {"k": outcome.result.model.k, "suppressed": outcome.result.suppressed}
            uow.record(actor=actor, action="processed.made", entity_type=ENTITY, entity_id=job.id, data=event)
            uow.commit()
        return Written(job.id, job.kind.value, [p for p, _ in files], report, parquet is None)

    def loss_curve(self, name: str, ks: Sequence[int]) -> list[dict[str, float]]:
        """The least loss for each k (the same hierarchies and suppression budget): the console's chart."""
        from hogo.processed.engine import Model, ModelError, Problem
        from hogo.processed.processing import hierarchy_for
        from hogo.processed.standards import refusals

        job = self.job(name)
        if job.kind is not ProcessingKind.anonymised or job.model is None:
            raise InvalidInput(f"{name}: the loss against k is drawn for anonymised jobs")
        items = self._ledger.current().ledger.items_by_key()
        cols, _, keys = self._source(job)
        try:
            refusals(job, items, list(cols), keys)
            quasi = {c.name: hierarchy_for(job, c) for c in job.columns if c.action is ColumnAction.generalise}
            problem = Problem({n: cols[n] for n in quasi}, quasi)
        except ModelError as exc:
            raise ProcessingRefused(str(exc), details={"column": exc.column}) from None
        out = []
        for k in ks:
            if k > problem.n:
                break
            r = problem.solve(Model(k=k, suppression=job.model.suppression))
            out.append({"k": k, "loss": r.loss, "suppressed": r.suppressed})
        return out

    # -- deleted information kept apart (Rule 32) --------------------------------------------------------------
    def _pseudonym_key(self, job: ProcessingJob) -> bytes:
        path = self._key_dir / f"{job.id}.key"
        with self._uow() as uow:
            uow.record(actor="system", action="processed.key_used", entity_type=ENTITY, entity_id=job.id, data={})
            uow.commit()
        if path.exists():
            return bytes.fromhex(path.read_text().strip())
        self._key_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = secrets.token_bytes(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(key.hex())
        return key

    # -- publication (Art. 43(3)) ------------------------------------------------------------------------------
    def published(self) -> list[Published]:
        """Anonymised jobs made at least once, newest making first, with the ledger's items to publish."""
        jobs = {j.id: j for j in self.jobs() if j.kind is ProcessingKind.anonymised}
        if not jobs:
            return []
        seen: dict[str, Published] = {}
        page = self._audit.page(AuditQuery(action="processed.made"), limit=500)
        for event in page.events:
            job = jobs.get(event.entity_id)
            if job is not None and job.id not in seen:
                seen[job.id] = Published(job, event.occurred_at, int(event.data.get("rows", 0)))
        return list(seen.values())


def _csv(outcome: Outcome) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    names = list(outcome.columns)
    writer.writerow(names)
    writer.writerows(zip(*(outcome.columns[n].tolist() for n in names), strict=True))
    return buf.getvalue()


def _parquet(outcome: Outcome) -> bytes | None:
    try:
        import pyarrow as pa  # type: ignore[import-not-found, unused-ignore]
        import pyarrow.parquet as pq  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None
    table = pa.table({n: pa.array([str(v) for v in c.tolist()]) for n, c in outcome.columns.items()})
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return bytes(sink.getvalue().to_pybytes())
