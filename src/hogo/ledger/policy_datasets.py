"""Lint rules about connected datasets: every column, table and hold they declare must make sense."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from hogo.ledger.policy import Finding, error, rule, warning
from hogo.ledger.rules import LegalRules
from hogo.ledger.schemas import Ledger
from hogo.ledger.schemas.datasets import ActionKind, DataSet, ErasureAction

JIS = "JIS Q 15001"


@rule
def dataset_references(ledger: Ledger, today: dt.date, rules: LegalRules) -> Iterator[Finding]:
    """Items and subject kinds named by tables and columns exist; relations join declared tables."""
    items = {i.key for i in ledger.items}
    kinds = {k.id for k in ledger.subject_kinds}
    for d, dataset in enumerate(ledger.datasets):
        tables = {t.name.lower() for t in dataset.tables}
        for t, table in enumerate(dataset.tables):
            here = ("datasets", d, "tables", t)
            if table.subject_kind is not None and table.subject_kind not in kinds:
                yield error(
                    (*here, "subject_kind"),
                    "dataset-dangling-subject-kind",
                    JIS,
                    table_name=table.name,
                    dataset=dataset.id,
                    subject_kind=table.subject_kind,
                )
            if table.identities and table.subject_kind is None:
                yield error(
                    here,
                    "dataset-identity-kind-missing",
                    JIS,
                    table_name=table.name,
                    dataset=dataset.id,
                )
            for c, column in enumerate(table.columns):
                if column.item is None:
                    continue
                if column.item not in items:
                    yield error(
                        (*here, "columns", c, "item"),
                        "dataset-dangling-item",
                        JIS,
                        table_name=table.name,
                        column_name=column.name,
                        item=column.item,
                    )
                elif column.item not in dataset.items:
                    yield warning(
                        (*here, "columns", c, "item"),
                        "dataset-item-unlisted",
                        JIS,
                        table_name=table.name,
                        column_name=column.name,
                        item=column.item,
                        dataset=dataset.id,
                    )
        persons = {_norm(t.name) for t in dataset.tables if t.identities}
        for r, relation in enumerate(dataset.relations):
            for name in (relation.table, relation.references_table):
                if name.lower() not in tables:
                    yield error(
                        ("datasets", d, "relations", r),
                        "dataset-dangling-table",
                        JIS,
                        dataset=dataset.id,
                        name=name,
                    )
            if _norm(relation.table) in persons:
                yield warning(
                    ("datasets", d, "relations", r),
                    "dataset-relation-into-person-table",
                    "Art. 33(2)(i)",
                    table=relation.table,
                    column=relation.column,
                    references_table=relation.references_table,
                    references_column=relation.references_column,
                    dataset=dataset.id,
                )


@rule
def dataset_erasure(ledger: Ledger, today: dt.date, rules: LegalRules) -> Iterator[Finding]:
    """Holds say how long they run; a connected dataset can find persons; a held row is not deleted."""
    for d, dataset in enumerate(ledger.datasets):
        if dataset.connection is not None and not any(t.identities for t in dataset.tables):
            yield warning(
                ("datasets", d, "connection"),
                "dataset-no-identity",
                "Arts. 33-35",
                dataset=dataset.id,
            )
        if dataset.tables and dataset.connection is None:
            yield warning(
                ("datasets", d, "tables"),
                "dataset-not-connected",
                "Arts. 33-35",
                dataset=dataset.id,
            )
        for t, table in enumerate(dataset.tables):
            yield from _holds(dataset, d, t)
            yield from _actions(dataset, d, t)
            held = any(c.legal_hold is not None for c in table.columns)
            deletes = [k for k in ActionKind if any(ErasureAction.delete_row in c.allowed(k) for c in table.columns)]
            if held and deletes:
                yield warning(
                    ("datasets", d, "tables", t),
                    "dataset-hold-deletes-row",
                    "Art. 35",
                    table_name=table.name,
                    kinds=" and ".join(k.value for k in deletes),
                )


def _actions(dataset: DataSet, d: int, t: int) -> Iterator[Finding]:
    """The single-action form (`erasure: X`) and the list for erasures (`actions: {erasure: [...]}`) agree."""
    table = dataset.tables[t]
    for c, column in enumerate(table.columns):
        listed = column.actions.get(ActionKind.erasure)
        if listed is not None and "erasure" in column.model_fields_set and column.erasure not in listed:
            yield error(
                ("datasets", d, "tables", t, "columns", c, "actions"),
                "dataset-action-conflict",
                "Art. 35",
                table_name=table.name,
                column_name=column.name,
                erasure=column.erasure.value,
                actions=", ".join(a.value for a in listed),
            )


def _norm(name: str) -> str:
    """Names match the schema ignoring case and underscores, as the walk matches them."""
    return name.replace("_", "").lower()


def _holds(dataset: DataSet, d: int, t: int) -> Iterator[Finding]:
    table = dataset.tables[t]
    for c, column in enumerate(table.columns):
        hold = column.legal_hold
        if hold is None:
            continue
        path = ("datasets", d, "tables", t, "columns", c, "legal_hold")
        if hold.until is None and hold.period is None:
            yield error(
                path,
                "dataset-hold-endless",
                "Art. 35",
                table_name=table.name,
                column_name=column.name,
            )
        declared = {_norm(c.name) for c in table.columns}
        if hold.from_column is not None and _norm(hold.from_column) not in declared:
            yield error(
                path,
                "dataset-hold-column-undeclared",
                "Art. 35",
                table_name=table.name,
                column_name=column.name,
                from_column=hold.from_column,
            )
        if hold.from_column is not None and hold.period is None:
            yield error(
                path,
                "dataset-hold-endless",
                "Art. 35",
                variant="2",
                table_name=table.name,
                column_name=column.name,
            )
