"""`hogo datasets scan`: sample every connected database with the PII recognizers and compare with the ledger.

For each dataset the ledger connects (its `connection.env` is set), the scanner opens the database
read-only, samples every column, and `drift` names the columns holding personal information the ledger
does not declare (or declares as holding none) and the declared columns that no longer exist. The scan
writes one `datasets.scanned` audit event per run: counts and places, never a value.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from hogo.adapters.recognizers.database import DatabaseReport, ScanFailed
from hogo.datasets.drift import ColumnReport, Drift, ScanReport, drift
from hogo.db.uow import UnitOfWorkFactory
from hogo.identity.policy import Actor, Permission
from hogo.ledger.service import LedgerService

Scanner = Callable[[str, int], DatabaseReport]
"""(SQLAlchemy URL, rows to sample per table) → what the recognizers found per column."""


@dataclass(frozen=True)
class DatasetScan:
    dataset: str
    scanned_columns: int
    drifts: list[Drift]
    error: str | None = None
    """Why the dataset could not be scanned (not connected, or the database failed); None when it was."""


class DiscoveryService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        ledger: LedgerService,
        environ: Mapping[str, str],
        scanner: Scanner,
    ) -> None:
        self._uow = uow
        self._ledger = ledger
        self._environ = environ
        self._scanner = scanner

    def scan(self, actor: Actor, *, sample: int = 200) -> list[DatasetScan]:
        """Scan every dataset the ledger declares with a connection; one result per dataset."""
        actor.require(Permission.read_people)
        applied = self._ledger.current()
        ledger = applied.ledger
        results: list[DatasetScan] = []
        for dataset in ledger.datasets:
            if dataset.connection is None:
                continue
            url = self._environ.get(dataset.connection.env)
            if not url:
                results.append(DatasetScan(dataset.id, 0, [], f"{dataset.connection.env} is not set"))
                continue
            try:
                found = self._scanner(url, sample)
            except ScanFailed as exc:
                results.append(DatasetScan(dataset.id, 0, [], exc.message))
                continue
            columns = tuple(
                ColumnReport(c.table, c.column, frozenset(e.entity for e in c.entities)) for c in found.columns
            )
            results.append(DatasetScan(dataset.id, len(columns), drift(ScanReport(dataset.id, columns), ledger)))
        with self._uow() as uow:
            uow.record(
                actor=actor.id,
                action="datasets.scanned",
                entity_type="ledger",
                entity_id=str(applied.version),
                data={
                    r.dataset: {
                        "columns": r.scanned_columns,
                        "drift": [f"{d.kind.value}:{d.table}.{d.column}" for d in r.drifts],
                        "error": r.error,
                    }
                    for r in results
                },
            )
            uow.commit()
        return results
