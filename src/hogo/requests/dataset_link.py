"""The requests workflow's link to the company's own databases: rows to disclose (Art. 33), and erasure,
correction and suspension runs carried out where the data lives (Arts. 34, 35). It calls the datasets service,
as one domain calls another; the composition root plugs it into `Fulfilment.datasets`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from hogo.datasets.policy import Identity
from hogo.datasets.schemas import HoldView, RunKind, RunView
from hogo.datasets.service import DatasetService
from hogo.identity.policy import Actor
from hogo.ledger.service import LedgerService

_KINDS = {"erasure", "correction", "suspension"}


class DatasetLink:
    def __init__(self, datasets: DatasetService, ledger: LedgerService) -> None:
        self._datasets = datasets
        self._ledger = ledger

    def identity_items(self) -> dict[str, list[str]]:
        """Each identifier kind a connected dataset finds persons by → the ledger items whose values are of it.

        An item matches a kind by its key (`email`, `member-id` for `member_id`) or by its value type (an item
        typed `email` or `phone` identifies by `email` or `phone`).
        """
        ledger = self._ledger.index().ledger
        kinds = {i.kind for d in ledger.datasets if d.connection is not None for t in d.tables for i in t.identities}
        out: dict[str, list[str]] = {}
        for kind in sorted(kinds):
            items = [
                item.key for item in ledger.items if item.key.replace("-", "_") == kind or item.value_type.value == kind
            ]
            if items:
                out[kind] = sorted(items)
        return out

    def disclose(self, identities: Sequence[tuple[str, str]], actor: Actor) -> dict[str, Any]:
        """Every row found in the connected datasets, each value with its column and ledger item."""
        result = self._datasets.access([Identity(k, v) for k, v in identities], actor)
        return {
            "searched": list(result.datasets),
            "withheld": result.withheld,
            "rows": [
                {
                    "dataset": r.dataset,
                    "table": r.table,
                    "subject_kind": r.subject_kind,
                    "key": dict(r.key),
                    "values": [{"column": v.column, "item": v.item, "value": v.value} for v in r.values],
                }
                for r in result.rows
            ],
            "not_followed": [asdict(n) for n in result.not_followed],
        }

    def plan(
        self, kind: str, identities: Sequence[tuple[str, str]], items: Sequence[str], reference: str, actor: Actor
    ) -> str:
        """Plan a run over every connected dataset (of `items` only, when the person asked about some); its id.
        Nothing is changed yet."""
        assert kind in _KINDS
        found = [Identity(k, v) for k, v in identities]
        return self._datasets.plan(RunKind(kind), found, reference, actor, items=items).id

    def execute(self, run_id: str, corrections: Mapping[str, str], actor: Actor) -> dict[str, Any]:
        """Carry out the run, or resume it where it stopped; what it did and the legal holds that keep data."""
        return summary(self._datasets.execute(run_id, actor, corrections=dict(corrections)))


def summary(run: RunView) -> dict[str, Any]:
    return {
        "run": run.id,
        "status": run.status,
        "rows_changed": run.rows_changed,
        "datasets": {s.dataset: s.rows_changed or 0 for s in run.steps},
        "confirmed_on_resume": [s.dataset for s in run.steps if s.confirmed_on_resume],
        "holds": [hold(h) for h in run.holds],
        "shared": [
            {"dataset": s.dataset, "table": s.table, "rows": s.rows, "others": list(s.others)} for s in run.shared
        ],
    }


def hold(h: HoldView) -> dict[str, Any]:
    return {
        "dataset": h.dataset,
        "table": h.table,
        "column": h.column,
        "item": h.item,
        "statute": dict(h.statute),
        "until": h.until.isoformat(),
        "rows": h.rows,
    }
