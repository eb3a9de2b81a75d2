"""Who is affected, computed: the persons the vault holds the items of (by subject kind, time window, known persons)
and the person rows of the company's databases that hold them, each person once.

A database row is the vault's person when one of its identifiers (e-mail, phone, member number, …) is an
identifier the vault holds (keyed hashes compared); rows of two databases are one person when they share an
identifier. A database that cannot be read makes the count incomplete, with the reason and the most it may add
(its declared record count), never a silent zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from hogo.clock import JST
from hogo.datasets.exposure import DatasetHolders, Owner, Window
from hogo.datasets.service import DatasetService
from hogo.identity.policy import Actor
from hogo.incidents.policy import Headcount
from hogo.subjects.service import SubjectService
from hogo.subjects.values import normal_form

LISTED = 200
"""How many persons a view lists (the count covers all)."""


@dataclass(frozen=True)
class Scope:
    items: tuple[str, ...]
    subject_kinds: tuple[str, ...] = ()
    datasets: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()
    window_from: dt.date | None = None
    window_to: dt.date | None = None

    @classmethod
    def of(cls, scope: dict[str, Any]) -> Scope:
        day = dt.date.fromisoformat
        return cls(
            tuple(scope.get("items") or ()),
            tuple(scope.get("subject_kinds") or ()),
            tuple(scope.get("datasets") or ()),
            tuple(scope.get("persons") or ()),
            day(scope["window_from"]) if scope.get("window_from") else None,
            day(scope["window_to"]) if scope.get("window_to") else None,
        )


@dataclass
class Counted:
    vault: list[str] = field(default_factory=list)
    """Vault persons concerned (ids), erased ones included."""
    erased: set[str] = field(default_factory=set)
    elsewhere: list[tuple[str, Owner]] = field(default_factory=list)
    """Persons only the company's databases hold: (dataset, row)."""
    datasets: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per dataset: rows counted, matched to the vault, error, bound, tables where the window was not applied."""
    my_number_persons: int = 0

    @property
    def persons(self) -> int:
        return len(self.vault) + len(self.elsewhere)

    @property
    def complete(self) -> bool:
        return not any(d.get("error") for d in self.datasets.values())

    @property
    def max_possible(self) -> int:
        return self.persons + sum(int(d.get("bound", 0)) for d in self.datasets.values() if d.get("error"))

    def headcount(self) -> Headcount:
        return Headcount(self.persons, self.max_possible, self.complete, self.my_number_persons)

    def as_json(self) -> dict[str, Any]:
        return {
            "persons": self.persons,
            "max_possible": self.max_possible,
            "complete": self.complete,
            "vault": len(self.vault),
            "vault_erased": len(self.erased),
            "datasets": self.datasets,
            "my_number_persons": self.my_number_persons,
        }


class Affected:
    def __init__(self, subjects: SubjectService, datasets: DatasetService) -> None:
        self._subjects = subjects
        self._datasets = datasets

    def count(self, scope: Scope, my_number_items: Sequence[str], actor: Actor) -> Counted:
        counted = self._count(scope, actor)
        mine = [i for i in scope.items if i in set(my_number_items)]
        if mine:
            narrowed = Scope(
                tuple(mine), scope.subject_kinds, scope.datasets, scope.persons, scope.window_from, scope.window_to
            )
            counted.my_number_persons = self._count(narrowed, actor).persons
        return counted

    def _count(self, scope: Scope, actor: Actor) -> Counted:
        start = day_start(scope.window_from)
        end = day_start(scope.window_to + dt.timedelta(days=1)) if scope.window_to else None
        held = self._subjects.holders(scope.items, scope.subject_kinds, start, end, scope.persons)
        counted = Counted(vault=list(held.person_ids), erased=set(held.erased))
        if scope.persons:  # known persons: the vault's own; the databases are not searched beyond them
            return counted
        window = Window(scope.window_from, scope.window_to)
        found = self._datasets.holders(
            scope.items, actor, subject_kinds=scope.subject_kinds, window=window, datasets=scope.datasets
        )
        self._merge(counted, found)
        return counted

    def _merge(self, counted: Counted, found: list[DatasetHolders]) -> None:
        in_vault = set(counted.vault)
        by_kind: dict[str, set[str]] = {}
        for holders in found:
            for owner in holders.owners:
                for kind, value in owner.identities.items():
                    by_kind.setdefault(kind, set()).add(value)
        matched = {kind: self._subjects.persons_by_identifier(kind, sorted(values)) for kind, values in by_kind.items()}
        seen: set[tuple[str, str]] = set()
        for holders in found:
            rows = matched_rows = 0
            for owner in holders.owners:
                rows += 1
                person = next((matched[k][v] for k, v in owner.identities.items() if v in matched.get(k, {})), None)
                if person is not None:
                    matched_rows += 1
                    if person not in in_vault:
                        in_vault.add(person)
                        counted.vault.append(person)
                    continue
                keys = _keys(holders.dataset, owner)
                if seen.isdisjoint(keys):
                    counted.elsewhere.append((holders.dataset, owner))
                seen.update(keys)
            counted.datasets[holders.dataset] = {
                "rows": rows,
                "in_vault": matched_rows,
                "error": holders.error,
                "bound": holders.bound,
                "window_ignored": list(holders.window_ignored),
            }


def day_start(day: dt.date | None) -> dt.datetime | None:
    return dt.datetime.combine(day, dt.time(), JST).astimezone(dt.UTC) if day else None


def _keys(dataset: str, owner: Owner) -> set[tuple[str, str]]:
    keys = {("row", f"{dataset}:{owner.table}:{'|'.join(owner.key)}")}
    for kind, value in owner.identities.items():
        normal = normal_form(kind, value)
        if normal is not None:
            keys.add((kind, normal))
    return keys
