"""Rows that belong to the person and to someone else: pure rules, no database.

The walk goes down the relations from the person's rows; a row it reaches may also be reached from
another person's rows (the delivery address of an order of theirs and of an order of a neighbour's).
Changing that row would change the other person's data, so a run holds it and reports it for the desk
to decide. `connected.shared_rows` reads each found row's owners up the same relations (the walk
reversed) and hands the links to `shared`, which says which of the person's rows another person reaches.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

RowId = tuple[str, tuple[Any, ...]]
"""(declared table, primary key)."""


@dataclass(frozen=True)
class Shared:
    """Rows of the person that other persons reach too, in one table: held, and reported to the desk."""

    dataset: str
    table: str
    key_columns: tuple[str, ...]
    keys: tuple[tuple[Any, ...], ...]
    others: tuple[str, ...]
    """The person tables of the other persons who reach these rows."""


def shared(
    ours: Iterable[RowId], parents: Mapping[RowId, set[RowId]], person_tables: set[str]
) -> dict[RowId, set[str]]:
    """The person's rows that another person reaches, each with the person tables it is reached from.

    `ours` are the rows the walk found for the person; `parents` links a row to the rows it belongs to
    through a relation (an address to every order delivered there, an order to its customer), for the
    person's rows and for the other rows met on the way up. A row of a person table that is not one of
    `ours` is another person (`person_tables` holds their names, as declared). A row is shared when
    such a row is above it, directly or through rows in between: through one of the person's own rows
    that is shared too (a row below a shared row is shared), or through rows that are not the person's.
    """
    mine = set(ours)
    nodes = set(parents) | {p for found in parents.values() for p in found}
    reach: dict[RowId, set[str]] = {n: {n[0]} for n in nodes if n not in mine and n[0] in person_tables}
    changed = True
    while changed:  # a fixpoint: relations may form cycles (a comment answering a comment)
        changed = False
        for child, found in parents.items():
            above = set().union(*(reach.get(p, set()) for p in found))
            if not above <= reach.get(child, set()):
                reach[child] = reach.get(child, set()) | above
                changed = True
    return {row: tables for row, tables in reach.items() if row in mine and tables}


def grouped(dataset: str, rows: Mapping[RowId, set[str]], keys: Mapping[str, tuple[str, ...]]) -> list[Shared]:
    """The shared rows by table and by who else reaches them, in a stable order."""
    groups: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]] = {}
    for (table, key), others in rows.items():
        groups.setdefault((table, tuple(sorted(others))), []).append(key)
    return [
        Shared(dataset, table, keys[table], tuple(sorted(found, key=str)), others)
        for (table, others), found in sorted(groups.items())
    ]
