"""Ledger drift: what a scan of a connected database found, against what the ledger declares. Pure.

The scanner (discovery, issue 6) reports each column it sampled with the kinds of personal
information it recognised there. `drift` names the columns that hold personal information the
ledger does not declare (or declares as holding none), and the declared columns the database no
longer has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from hogo.datasets.policy import norm
from hogo.ledger.schemas import DataSet, Ledger


@dataclass(frozen=True)
class ColumnReport:
    """One sampled column and the entity kinds found in it (empty: nothing personal recognised)."""

    table: str
    column: str
    entities: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ScanReport:
    dataset: str
    columns: tuple[ColumnReport, ...]


class DriftKind(StrEnum):
    undeclared = "undeclared"
    """Personal information found in a column the ledger does not declare."""
    declared_not_personal = "declared_not_personal"
    """Personal information found in a column the ledger declares as holding no item."""
    missing = "missing"
    """A declared column the database no longer has."""


@dataclass(frozen=True)
class Drift:
    kind: DriftKind
    dataset: str
    table: str
    column: str
    entities: frozenset[str] = field(default_factory=frozenset)

    def message(self, lang: str = "en") -> str:
        """The finding in Japanese or English, naming the place and the kinds found (never a value)."""
        found = ", ".join(sorted(self.entities))
        texts = {
            DriftKind.missing: (
                "台帳に記載された列がデータベースにありません",
                "declared in the ledger but not in the database",
            ),
            DriftKind.declared_not_personal: (
                f"個人情報を含まない列として記載されていますが、{found} が見つかりました",
                f"declared as holding no item, but {found} found",
            ),
            DriftKind.undeclared: (
                f"台帳に記載のない個人情報（{found}）があります",
                f"holds personal information the ledger does not declare ({found})",
            ),
        }
        ja, en = texts[self.kind]
        return f"{self.dataset}: {self.table}.{self.column}: {ja if lang == 'ja' else en}"


def drift(report: ScanReport, ledger: Ledger) -> list[Drift]:
    """The differences between a scan of one dataset and its declaration in the ledger.

    A database may hold several data sets (a shop's customers and its catalogue's composers): a column counts as
    declared when any data set on the same connection declares it, and as missing only from its own."""
    dataset = next((d for d in ledger.datasets if d.id == report.dataset), None)
    own, names = _declared([dataset] if dataset is not None else [])
    env = dataset.connection.env if dataset is not None and dataset.connection is not None else None
    sharing = [d for d in ledger.datasets if env is not None and d.connection is not None and d.connection.env == env]
    declared, _ = _declared(sharing or ([dataset] if dataset is not None else []))
    out: list[Drift] = []
    seen: set[tuple[str, str]] = set()
    for col in report.columns:
        key = (norm(col.table), norm(col.column))
        seen.add(key)
        if not col.entities:
            continue
        if key not in declared:
            out.append(Drift(DriftKind.undeclared, report.dataset, col.table, col.column, col.entities))
        elif declared[key] is None:
            out.append(Drift(DriftKind.declared_not_personal, report.dataset, col.table, col.column, col.entities))
    for key in sorted(own.keys() - seen):
        table_name, column_name = names[key]
        out.append(Drift(DriftKind.missing, report.dataset, table_name, column_name))
    return out


def _declared(
    datasets: list[DataSet],
) -> tuple[dict[tuple[str, str], str | None], dict[tuple[str, str], tuple[str, str]]]:
    """(table, column) → the item declared there (None: declared as holding none), and → the names as written."""
    declared: dict[tuple[str, str], str | None] = {}
    names: dict[tuple[str, str], tuple[str, str]] = {}
    for dataset in datasets:
        for table in dataset.tables:
            for column in table.columns:
                key = (norm(table.name), norm(column.name))
                if declared.get(key) is None:
                    declared[key] = column.item
                names[key] = (table.name, column.name)
            for identity in table.identities:
                key = (norm(table.name), norm(identity.column))
                declared.setdefault(key, "identity")
                names.setdefault(key, (table.name, identity.column))
    return declared, names
