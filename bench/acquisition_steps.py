"""`bench/acquisition.py --steps`: the CPU time of each step of `acquire_many`, and of each table's `executemany`.

Each step's function is wrapped (module attributes patched) only while `Steps.timing` is open, with the garbage
collector off, so the figures are hogo's own work: what the profile would show without cProfile's cost per call.
"""

from __future__ import annotations

import gc
import importlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from hogo.db.bulk import BulkInsert


class Steps:
    """CPU time (`process_time`) of each step of `acquire_many`, collector off, summed over the timed calls: each
    step's function is wrapped while `timing` is open. Inclusive times; `per_acquisition` subtracts the nested ones
    (the audit append from the commit, which runs it)."""

    WRAPPED = (
        ("digests", "hogo.subjects.acquisition", None, "identifier_digests"),
        ("lookup", "hogo.subjects.acquisition", "Acquisition", "_known"),
        ("lookup_people", "hogo.subjects.acquisition", "Acquisition", "_stored_people"),
        ("resolve", "hogo.subjects.acquisition", "Acquisition", "_resolve"),
        ("plan", "hogo.subjects.acquisition", "Acquisition", "_plan_one"),
        ("people", "hogo.subjects.acquisition", "Acquisition", "_write_people"),
        ("consents", "hogo.subjects.acquisition", "Acquisition", "_add_consents"),
        ("records", "hogo.subjects.acquisition", "Acquisition", "_write_records"),
        ("audit", "hogo.audit.service", "AuditService", "append"),
        ("commit", "hogo.db.uow", "UnitOfWork", "commit"),
        ("all", "hogo.subjects.service", "SubjectService", "acquire_many"),
    )

    def __init__(self) -> None:
        self.cpu: dict[str, float] = dict.fromkeys((name for name, *_ in self.WRAPPED), 0.0)

    @contextmanager
    def timing(self) -> Iterator[None]:
        undo: list[tuple[Any, str, Any]] = []
        for name, module_name, owner_name, attribute in self.WRAPPED:
            module = importlib.import_module(module_name)
            owner = module if owner_name is None else getattr(module, owner_name)
            original = getattr(owner, attribute)
            setattr(owner, attribute, self._wrap(name, original))
            undo.append((owner, attribute, original))
        insert = BulkInsert.insert
        BulkInsert.insert = self._wrap_insert(insert)  # type: ignore[method-assign]
        undo.append((BulkInsert, "insert", insert))
        gc.disable()
        try:
            yield
        finally:
            gc.enable()
            for owner, attribute, original in reversed(undo):
                setattr(owner, attribute, original)

    def _wrap(self, name: str, function: Any) -> Any:
        cpu, clock = self.cpu, time.process_time

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = clock()
            try:
                return function(*args, **kwargs)
            finally:
                cpu[name] += clock() - started

        return timed

    def _wrap_insert(self, function: Any) -> Any:
        """The driver's `executemany` of each table, within the steps above (reported apart, `insert <table>`)."""
        cpu, clock = self.cpu, time.process_time

        def timed(insert: BulkInsert, *args: Any) -> Any:
            started = clock()
            try:
                return function(insert, *args)
            finally:
                key = f"insert {insert.table.name}"
                cpu[key] = cpu.get(key, 0.0) + clock() - started

        return timed

    def per_acquisition(self, acquisitions: int) -> dict[str, float]:
        out = dict(self.cpu)
        out["commit"] -= out["audit"]
        out["lookup"] += out.pop("lookup_people")
        out["other"] = out["all"] - sum(v for k, v in out.items() if k != "all" and not k.startswith("insert "))
        return {name: round(seconds / acquisitions * 1e6, 1) for name, seconds in out.items()}
