"""A processing job applied to a table held in memory (pure: the keyed pseudonym's key is passed in).

The columns come in as numpy arrays; the output is the released columns (no row id, no deleted column), the
engine's result for an anonymised job, and the report: the law's checks, the model, the loss, the risk.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from hogo.ledger.schemas.catalogue import Item
from hogo.ledger.schemas.processing import ColumnAction, ProcessedColumn, ProcessingJob, ProcessingKind
from hogo.processed.engine import Model, ModelError, Problem, Result, combine
from hogo.processed.hierarchies import BUILTIN_NAMES, Hierarchy, NumberBands, Table, builtin
from hogo.processed.standards import Check, checks, refusals

Columns = Mapping[str, npt.NDArray[Any]]


LABELS: dict[ProcessingKind, dict[str, str]] = {
    ProcessingKind.statistics: {
        "ja": "統計情報（特定の個人と対応しない集計）",
        "en": "Statistics (aggregates of no individual)",
    },
    ProcessingKind.pseudonymised: {
        "ja": "仮名加工情報（個人情報保護法第41条）: 第三者への提供、本人の識別、連絡への利用は禁止されています",
        "en": "Pseudonymised information (APPI Art. 41): not for third parties, re-identification or contact",
    },
    ProcessingKind.anonymised: {
        "ja": "匿名加工情報（個人情報保護法第43条）: 本人を識別するための照合は禁止されています",
        "en": "Anonymised information (APPI Art. 43): collating it to identify a person is prohibited",
    },
}
"""The statement that goes with the data wherever it goes (Art. 43(4): the recipient is told what it is)."""


@dataclass
class Outcome:
    job: str
    kind: ProcessingKind
    columns: dict[str, npt.NDArray[Any]]
    checks: list[Check]
    result: Result | None = None
    statistics: dict[str, Any] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return len(next(iter(self.columns.values()))) if self.columns else 0

    def report(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "job": self.job,
            "kind": self.kind.value,
            "label": LABELS[self.kind],
            "columns": list(self.columns),
            "rows_written": self.rows,
            "checks": [
                {"rule": c.rule, "ja": c.ja, "en": c.en, "ok": c.ok, "columns": list(c.columns), "detail": c.detail}
                for c in self.checks
            ],
        }
        if self.result is not None:
            out["anonymity"] = self.result.summary()
            out["k_holds"] = bool(self.result.min_class >= self.result.model.k)
        if self.statistics:
            out["statistics"] = self.statistics
        return out


def hierarchy_for(job: ProcessingJob, col: ProcessedColumn) -> Hierarchy:
    declared = {h.id: h for h in job.hierarchies}
    if col.hierarchy in declared:
        h = declared[col.hierarchy]
        return Table(name=h.id, level_names=tuple(h.levels), rows={k: tuple(v) for k, v in h.values.items()})
    if col.hierarchy in BUILTIN_NAMES:
        return builtin(col.hierarchy)
    if col.bands:
        return NumberBands(name=col.name, widths=tuple(col.bands))
    raise ModelError(col.name, f"no hierarchy {col.hierarchy!r}")


def _numbers(name: str, values: npt.NDArray[Any]) -> npt.NDArray[np.float64]:
    try:
        return values.astype(np.float64)
    except (TypeError, ValueError):
        raise ModelError(name, "holds values that are not numbers") from None


def _plain(x: npt.NDArray[np.float64]) -> npt.NDArray[np.str_]:
    whole = np.all(np.mod(x, 1) == 0)
    return (x.astype(np.int64) if whole else x).astype(np.str_)


def pseudonyms(values: npt.NDArray[Any], key: bytes) -> npt.NDArray[np.str_]:
    """HMAC-SHA256 of each distinct value under `key`, 16 bytes in hex (computed once per distinct value)."""
    uniq, inv = np.unique(values.astype(np.str_), return_inverse=True)
    mapped = np.asarray(
        [hmac.new(key, v.encode(), hashlib.sha256).hexdigest()[:32] for v in uniq.tolist()], dtype=np.str_
    )
    out: npt.NDArray[np.str_] = mapped[inv.reshape(-1)]
    return out


def _transform(col: ProcessedColumn, values: npt.NDArray[Any], key: bytes | None) -> npt.NDArray[Any]:
    a = col.action
    if a is ColumnAction.top_code:
        assert col.limit is not None
        x = _numbers(col.name, values)
        out = _plain(x)
        return np.where(x >= col.limit, f"{_plain(np.asarray([col.limit]))[0]}-", out)
    if a is ColumnAction.bottom_code:
        assert col.limit is not None
        x = _numbers(col.name, values)
        return np.where(x < col.limit, f"-{_plain(np.asarray([col.limit]))[0]}", _plain(x))
    if a is ColumnAction.round:
        assert col.step
        x = _numbers(col.name, values)
        return _plain(np.floor(x / col.step) * col.step)
    if a is ColumnAction.suppress:
        return np.full(values.shape[0], "*", dtype=np.str_)
    if a is ColumnAction.pseudonym:
        if key is None:
            raise ModelError(col.name, "a keyed pseudonym needs the job's key")
        return pseudonyms(values, key)
    return values


def run_job(
    job: ProcessingJob,
    items: Mapping[str, Item],
    source: Columns,
    *,
    key_columns: Sequence[str] = (),
    pseudonym_key: bytes | None = None,
    model: Model | None = None,
) -> Outcome:
    """Apply `job` to `source` (every declared column present). Raises `ModelError` naming the column at fault
    before anything is produced."""
    refusals(job, items, list(source), key_columns)
    found = checks(job, items, key_columns)
    out: dict[str, npt.NDArray[Any]] = {}
    quasi: dict[str, Hierarchy] = {}
    sensitive: list[str] = []
    for col in job.columns:
        values = np.asarray(source[col.name])
        if col.action is ColumnAction.delete:
            continue
        if col.action is ColumnAction.generalise:
            quasi[col.name] = hierarchy_for(job, col)
            out[col.name] = values
            continue
        if col.action is ColumnAction.sensitive:
            sensitive.append(col.name)
        out[col.name] = _transform(col, values, pseudonym_key)
    if job.kind is ProcessingKind.anonymised:
        assert job.model is not None
        m = model or Model(
            k=job.model.k,
            suppression=job.model.suppression,
            l=job.model.l,
            t=job.model.t,
            t_distance=job.model.t_distance,
        )
        problem = Problem(out, quasi, sensitive)
        result = problem.solve(m)
        released = {
            name: (result.generalised[name] if name in quasi else np.asarray(values)[result.keep])
            for name, values in out.items()
        }
        return Outcome(job.id, job.kind, released, found, result=result)
    # statistics and pseudonymised: generalise to the declared fixed level
    for name, h in quasi.items():
        col = next(c for c in job.columns if c.name == name)
        problem = Problem({name: out[name]}, {name: h})
        level = min(col.level if col.level is not None else 1, h.height)  # 0 keeps the values (checked)
        node = [level]
        out[name] = problem.apply(node, Model(k=1)).generalised[name]
    if job.kind is ProcessingKind.pseudonymised:
        return Outcome(job.id, job.kind, out, found)
    return _statistics(job, out, found)


def _statistics(job: ProcessingJob, cols: dict[str, npt.NDArray[Any]], found: list[Check]) -> Outcome:
    """Counts per group of the kept and generalised columns; groups smaller than k are suppressed."""
    k = job.model.k if job.model else 1
    names = list(cols)
    if not names:
        raise ModelError(None, "a statistics job needs at least one column kept or generalised")
    codes = []
    labels = []
    for n in names:
        u, inv = np.unique(cols[n].astype(np.str_), return_inverse=True)
        codes.append(inv.reshape(-1).astype(np.int64))
        labels.append(u)
    key, _ = combine(codes, [int(u.shape[0]) for u in labels])
    groups, first, counts = np.unique(key, return_index=True, return_counts=True)
    keep = counts >= k
    table: dict[str, npt.NDArray[Any]] = {n: u[c[first][keep]] for n, u, c in zip(names, labels, codes, strict=True)}
    table["count"] = counts[keep].astype(np.str_)
    stats = {"groups": int(groups.shape[0]), "groups_suppressed": int((~keep).sum()), "k": k}
    return Outcome(job.id, job.kind, table, found, statistics=stats)
