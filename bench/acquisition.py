"""Records per second `acquire_many` stores, values sealed with each person's data key, against the bare driver.

hogo: sample people for the Japanet example ledger (nine in ten customers with four items, one in ten job
applicants with one) in batches of 500 acquisitions, each batch one transaction. Per new person that is a
person row, its identifiers (keyed hashes), a wrapped data key, one sealed record per item and an audit event.
The first batch is a warm-up and is not counted.

Baseline, same run and same store: the very records rows hogo wrote (same columns and values, ciphertexts
included) read back and inserted by the bare driver into a fresh table with the same columns and index, one
transaction per batch of the same size: `sqlite3.executemany` into a fresh SQLite file with the same pragmas,
or psycopg's `executemany` into a table of the same throw-away PostgreSQL database. Only the records rows:
hogo's other rows are its overhead.

    .venv/bin/python bench/acquisition.py [--quick] [--stores sqlite,postgresql] [--batch 500] [--database-url URL]
        [--profile] [--steps] [--freeze]

CPU time is this process's: on PostgreSQL the server's work runs in its own processes, so there the wall-clock
rate is the one to compare with the baseline's.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import pstats
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from itertools import islice
from pathlib import Path
from typing import Any

import psycopg
from acquisition_steps import Steps
from support import load, throwaway_database

from hogo import bootstrap
from hogo.adapters.keyring import FileKeyring
from hogo.adapters.sample_people import sample_people
from hogo.clock import SystemClock
from hogo.db import migrate
from hogo.identity.policy import system_actor
from hogo.ledger.loader import load_ledger_file
from hogo.settings import Settings

LOAD_AT_START = load()
"""The machine's load when the benchmark started: other work on the cores skews the figures."""
ROOT = Path(__file__).resolve().parent.parent
LEDGER = ROOT / "examples" / "japanet" / "ledger.yaml"
COLUMNS = (
    "person_id, item, ciphertext, channel, acquired_at, ledger_version, purposes, consents, basis, "
    "retention_rule, retention_until, superseded_at, acquired_by"
)
SCHEMA = """
CREATE TABLE records (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id VARCHAR(32) NOT NULL,
    item VARCHAR(64) NOT NULL,
    ciphertext BLOB NOT NULL,
    channel VARCHAR(64) NOT NULL,
    acquired_at DATETIME NOT NULL,
    ledger_version INTEGER NOT NULL,
    purposes JSON NOT NULL,
    consents JSON NOT NULL,
    basis JSON,
    retention_rule VARCHAR(64),
    retention_until DATETIME,
    superseded_at DATETIME,
    acquired_by VARCHAR(200) NOT NULL
);
CREATE INDEX ix_records_person_item ON records (person_id, item);
"""
PG_SCHEMA = """
CREATE TABLE raw_records (
    id SERIAL PRIMARY KEY,
    person_id VARCHAR(32) NOT NULL,
    item VARCHAR(64) NOT NULL,
    ciphertext BYTEA NOT NULL,
    channel VARCHAR(64) NOT NULL,
    acquired_at TIMESTAMP WITH TIME ZONE NOT NULL,
    ledger_version INTEGER NOT NULL,
    purposes JSONB NOT NULL,
    consents JSONB NOT NULL,
    basis JSONB,
    retention_rule VARCHAR(64),
    retention_until TIMESTAMP WITH TIME ZONE,
    superseded_at TIMESTAMP WITH TIME ZONE,
    acquired_by VARCHAR(200) NOT NULL
);
CREATE INDEX ix_raw_records_person_item ON raw_records (person_id, item);
CREATE INDEX ix_raw_records_retention_until ON raw_records (retention_until, superseded_at, person_id);
"""


class Timed:
    """Rows or records, wall-clock and CPU seconds of the timed part, and what the garbage collector took of it."""

    def __init__(self, count: int, wall: float, cpu: float, gc_spent: dict[str, float] | None = None) -> None:
        self.count, self.wall, self.cpu, self.gc = count, wall, cpu, gc_spent

    def summary(self, unit: str) -> dict[str, Any]:
        return {
            unit: self.count,
            "seconds": round(self.wall, 3),
            "cpu_seconds": round(self.cpu, 3),
            f"{unit}_per_s": round(self.count / self.wall),
            f"{unit}_per_cpu_s": round(self.count / self.cpu) if self.cpu else None,
        } | (self._gc_summary(unit) if self.gc is not None else {})

    def _gc_summary(self, unit: str) -> dict[str, Any]:
        """The collector's share: full collections land in the timed calls or between them (Faker) by chance, so
        the CPU rate without the collections inside the timed calls is the steadier one to compare."""
        assert self.gc is not None
        without = self.cpu - self.gc["timed_cpu_seconds"]
        return {"gc": self.gc, f"{unit}_per_cpu_s_without_gc": round(self.count / without) if without > 0 else None}


@contextmanager
def collections() -> Iterator[dict[str, float]]:
    """CPU seconds in garbage collections and how many walked the whole heap (generation 2), while open; and the
    part of them inside the timed calls (while `TIMING[0]` is set)."""
    spent: dict[str, float] = {"cpu_seconds": 0.0, "full_collections": 0, "timed_cpu_seconds": 0.0, "timed_full": 0}
    started: list[float] = []

    def meter(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(time.process_time())
        elif started:
            took = time.process_time() - started.pop()
            spent["cpu_seconds"] += took
            spent["full_collections"] += info["generation"] == 2
            if TIMING[0]:
                spent["timed_cpu_seconds"] += took
                spent["timed_full"] += info["generation"] == 2

    gc.callbacks.append(meter)
    try:
        yield spent
    finally:
        gc.callbacks.remove(meter)
        spent["cpu_seconds"] = round(spent["cpu_seconds"], 3)
        spent["timed_cpu_seconds"] = round(spent["timed_cpu_seconds"], 3)


TIMING = [False]
"""Set while a timed call runs (for `collections`)."""


@contextmanager
def _clocks() -> Iterator[list[float]]:
    out: list[float] = []
    wall, cpu = time.perf_counter(), time.process_time()
    yield out
    out.extend((time.perf_counter() - wall, time.process_time() - cpu))


def hogo_acquisition(
    directory: Path,
    database_url: str,
    people: int,
    batch: int,
    profile: cProfile.Profile | None,
    inputs_up_front: bool = False,
    freeze: bool = False,
    steps: Steps | None = None,
) -> tuple[Timed, bootstrap.Container]:
    """Records stored by the timed batches, and the container (open: the caller reads the rows back, then closes)."""
    directory.mkdir(parents=True, exist_ok=True)
    key_file = directory / "hogo-keys.json"
    FileKeyring.create(key_file, SystemClock().now())
    container = bootstrap.build(Settings(database_url=database_url, actor="bench", key_file=key_file))
    migrate.upgrade(container.engine)
    container.ledger.apply(load_ledger_file(LEDGER), actor="bench")
    actor = system_actor("bench")
    people_given = sample_people(people + batch)
    if inputs_up_front:
        people_given = iter(list(people_given))
    container.subjects.acquire_many(list(islice(people_given, batch)), actor)  # warm-up
    if freeze:  # what `hogo serve`'s workers do once started: the collector no longer walks what start-up built
        gc.collect()
        gc.freeze()
    records, wall, cpu = 0, 0.0, 0.0
    with collections() as gc_spent, steps.timing() if steps is not None else nullcontext():
        while part := list(islice(people_given, batch)):  # generated outside the timed calls
            if steps is not None:
                gc.collect()  # the breakdown is of hogo's own work: no collection inside the timed calls
            with _clocks() as took:
                if profile is not None:
                    profile.enable()
                TIMING[0] = True
                results = container.subjects.acquire_many(part, actor)
                TIMING[0] = False
                if profile is not None:
                    profile.disable()
            records += sum(len(r.records) for r in results)
            wall, cpu = wall + took[0], cpu + took[1]
    if freeze:
        gc.unfreeze()
    return Timed(records, wall, cpu, gc_spent), container


def raw_sqlite(source: Path, directory: Path, rows_per_batch: int) -> tuple[Timed, float]:
    """Rows inserted by the timed batches, and the mean ciphertext size in bytes."""
    with sqlite3.connect(source) as read:
        rows = read.execute(f"SELECT {COLUMNS} FROM records ORDER BY id").fetchall()
    blob = sum(len(r[2]) for r in rows) / len(rows)
    db = sqlite3.connect(directory / "raw.db", isolation_level=None)
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript(SCHEMA)
    insert = f"INSERT INTO records ({COLUMNS}) VALUES ({', '.join('?' * 13)})"

    def load_part(part: list[tuple[object, ...]]) -> None:
        db.execute("BEGIN")
        db.executemany(insert, part)
        db.execute("COMMIT")

    load_part(rows[:rows_per_batch])  # warm-up, like hogo's first batch
    timed = rows[rows_per_batch:]
    with _clocks() as took:
        for at in range(0, len(timed), rows_per_batch):
            load_part(timed[at : at + rows_per_batch])
    db.close()
    return Timed(len(timed), *took), blob


def raw_postgresql(database_url: str, rows_per_batch: int) -> tuple[Timed, float]:
    """The same on PostgreSQL: hogo's records rows read back, then psycopg's executemany into `raw_records`."""
    url = database_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url) as db:
        json_text = "purposes::text, consents::text, basis::text"
        rows = db.execute(
            f"SELECT person_id, item, ciphertext, channel, acquired_at, ledger_version, {json_text}, "
            "retention_rule, retention_until, superseded_at, acquired_by FROM records ORDER BY id"
        ).fetchall()
        db.execute(PG_SCHEMA)
        db.commit()
        blob = sum(len(r[2]) for r in rows) / len(rows)
        marks = "%s, %s, %s, %s, %s, %s, %s::jsonb, %s::jsonb, %s::jsonb, %s, %s, %s, %s"
        insert = f"INSERT INTO raw_records ({COLUMNS}) VALUES ({marks})"

        def load_part(part: list[tuple[Any, ...]]) -> None:
            with db.cursor() as cursor:
                cursor.executemany(insert, part)
            db.commit()

        load_part(rows[:rows_per_batch])  # warm-up, like hogo's first batch
        timed = rows[rows_per_batch:]
        with _clocks() as took:
            for at in range(0, len(timed), rows_per_batch):
                load_part(timed[at : at + rows_per_batch])
    return Timed(len(timed), *took), blob


def run_store(
    store: str,
    directory: Path,
    people: int,
    batch: int,
    database_url: str | None,
    profile: bool,
    up_front: bool,
    freeze: bool = False,
    steps: bool = False,
) -> dict[str, Any]:
    profiler = cProfile.Profile(time.process_time) if profile else None
    breakdown = Steps() if steps else None
    sqlite_url = f"sqlite:///{directory / 'hogo.db'}"
    where: Any = throwaway_database() if store == "postgresql" and not database_url else nullcontext(database_url)
    with where as given:
        url = given or sqlite_url
        hogo, container = hogo_acquisition(
            directory / "hogo", url, people, batch, profiler, up_front, freeze, breakdown
        )
        container.close()
        per_batch = round(hogo.count / (people / batch))
        if store == "sqlite":
            raw, blob = raw_sqlite(directory / "hogo.db", directory, per_batch)
        else:
            raw, blob = raw_postgresql(url, per_batch)
    out: dict[str, Any] = {
        "store": store,
        "hogo": hogo.summary("records"),
        "raw": {"driver": "sqlite3 executemany" if store == "sqlite" else "psycopg executemany"}
        | raw.summary("rows")
        | {"rows_per_batch": per_batch},
        "mean_ciphertext_bytes": round(blob, 1),
        "ratio": round((hogo.count / hogo.wall) / (raw.count / raw.wall), 3),
        "ratio_cpu": round((hogo.count / hogo.cpu) / (raw.count / raw.cpu), 3) if store == "sqlite" else None,
    }
    if breakdown is not None:
        out["steps_cpu_us_per_acquisition"] = breakdown.per_acquisition(people)
    if profiler is not None:
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(30)
        print(text.getvalue(), file=sys.stderr)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run (a few seconds)")
    parser.add_argument("--batch", type=int, default=500, help="acquisitions per acquire_many call")
    parser.add_argument("--stores", default="sqlite,postgresql", help="comma-separated: sqlite, postgresql")
    parser.add_argument(
        "--database-url", default=None, help="an empty PostgreSQL database to use instead of a throw-away one"
    )
    parser.add_argument(
        "--inputs-up-front",
        action="store_true",
        help="generate every person before timing and keep them all (as the bench did before 2026-12-05)",
    )
    parser.add_argument(
        "--freeze", action="store_true", help="gc.freeze() after the warm-up, as `hogo serve`'s workers do once started"
    )
    parser.add_argument("--profile", action="store_true", help="a CPU-time cProfile of hogo's timed part, to stderr")
    parser.add_argument(
        "--steps", action="store_true", help="CPU µs per acquisition in each step of acquire_many, collector off"
    )
    args = parser.parse_args()
    people = 1_000 if args.quick else 6_000
    results = []
    for store in args.stores.split(","):
        with tempfile.TemporaryDirectory(prefix="hogo-bench-") as tmp:
            url = args.database_url if store == "postgresql" else None
            results.append(
                run_store(
                    store,
                    Path(tmp),
                    people,
                    args.batch,
                    url,
                    args.profile,
                    args.inputs_up_front,
                    args.freeze,
                    args.steps,
                )
            )
    print(
        json.dumps(
            {
                "bench": "acquisition",
                "people": people,
                "batch": args.batch,
                "inputs_up_front": args.inputs_up_front,
                "freeze": args.freeze,
                "stores": results,
                "target_per_s": 20_000,
                "target_ratio": 0.25,
                "load_at_start": LOAD_AT_START,
                "load_at_end": load(),
            }
        )
    )


if __name__ == "__main__":
    main()
