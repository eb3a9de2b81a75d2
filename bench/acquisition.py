"""How many records per second `acquire_many` stores, values sealed with each person's data key, against raw SQLite.

hogo: sample people for the Japanet example ledger (nine in ten customers with four items, one in ten job
applicants with one) in batches of 500 acquisitions, each batch one transaction. Per new person that is a
person row, its identifiers (keyed hashes), a wrapped data key, one sealed record per item and an audit event.
The first batch is a warm-up and is not counted.

Baseline, same run: the very records rows hogo wrote (same columns and values, ciphertexts included) read
back and inserted with `sqlite3.executemany` into a fresh SQLite file with the same table, index and pragmas,
one transaction per batch of the same size. Only the records rows: hogo's other rows are its overhead.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import tempfile
import time
from pathlib import Path

from hogo import bootstrap
from hogo.adapters.keyring import FileKeyring
from hogo.adapters.sample_people import sample_people
from hogo.identity.policy import system_actor
from hogo.ledger.loader import load_ledger_file
from hogo.settings import Settings

LOAD_AT_START = round(os.getloadavg()[0], 2)
"""The machine's 1-minute load when the benchmark started: other work on the cores skews the figures."""
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


def hogo_acquisition(directory: Path, people: int, batch: int, database_url: str | None) -> tuple[int, float, Path]:
    """Records stored by the timed batches, seconds, and the SQLite file they are in."""
    directory.mkdir(parents=True, exist_ok=True)
    key_file = directory / "hogo-keys.json"
    FileKeyring.create(key_file)
    db_file = directory / "hogo.db"
    container = bootstrap.build(
        Settings(database_url=database_url or f"sqlite:///{db_file}", actor="bench", key_file=key_file)
    )
    try:
        bootstrap.ensure_schema(container)
        container.ledger.apply(load_ledger_file(LEDGER), actor="bench")
        actor = system_actor("bench")
        acquisitions = list(sample_people(people + batch))  # generated before timing
        container.subjects.acquire_many(acquisitions[:batch], actor)  # warm-up
        records = 0
        start = time.perf_counter()
        for at in range(batch, len(acquisitions), batch):
            results = container.subjects.acquire_many(acquisitions[at : at + batch], actor)
            records += sum(len(r.records) for r in results)
        elapsed = time.perf_counter() - start
    finally:
        container.close()
    return records, elapsed, db_file


def raw_sqlite(source: Path, directory: Path, rows_per_batch: int) -> tuple[int, float, float]:
    """Rows inserted by the timed batches, seconds, and the mean ciphertext size in bytes."""
    with sqlite3.connect(source) as read:
        rows = read.execute(f"SELECT {COLUMNS} FROM records ORDER BY id").fetchall()
    blob = sum(len(r[2]) for r in rows) / len(rows)
    db = sqlite3.connect(directory / "raw.db", isolation_level=None)
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript(SCHEMA)
    insert = f"INSERT INTO records ({COLUMNS}) VALUES ({', '.join('?' * 13)})"

    def load(part: list[tuple[object, ...]]) -> None:
        db.execute("BEGIN")
        db.executemany(insert, part)
        db.execute("COMMIT")

    load(rows[:rows_per_batch])  # warm-up, like hogo's first batch
    timed = rows[rows_per_batch:]
    start = time.perf_counter()
    for at in range(0, len(timed), rows_per_batch):
        load(timed[at : at + rows_per_batch])
    elapsed = time.perf_counter() - start
    db.close()
    return len(timed), elapsed, blob


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run (a few seconds)")
    parser.add_argument("--batch", type=int, default=500, help="acquisitions per acquire_many call")
    parser.add_argument(
        "--database-url", default=None, help="store hogo's rows there instead of a temporary SQLite file"
    )
    args = parser.parse_args()
    people = 1_000 if args.quick else 6_000
    with tempfile.TemporaryDirectory(prefix="hogo-bench-") as tmp:
        directory = Path(tmp)
        records, elapsed, db_file = hogo_acquisition(directory, people, args.batch, args.database_url)
        per_batch = round(records / (people / args.batch))
        if args.database_url:  # the rows are elsewhere: the baseline inserts rows of the same shape from a copy
            _, _, db_file = hogo_acquisition(directory / "copy", people, args.batch, None)
        raw_rows, raw_elapsed, blob = raw_sqlite(db_file, directory, per_batch)
    per_s = records / elapsed
    raw_per_s = raw_rows / raw_elapsed
    print(
        json.dumps(
            {
                "bench": "acquisition",
                "people": people,
                "batch": args.batch,
                "records": records,
                "seconds": round(elapsed, 3),
                "records_per_s": round(per_s),
                "raw_sqlite_rows": raw_rows,
                "raw_sqlite_rows_per_batch": per_batch,
                "raw_sqlite_rows_per_s": round(raw_per_s),
                "mean_ciphertext_bytes": round(blob, 1),
                "ratio": round(per_s / raw_per_s, 3),
                "target_per_s": 20_000,
                "target_ratio": 0.25,
                "loadavg_1m_at_start": LOAD_AT_START,
            }
        )
    )


if __name__ == "__main__":
    main()
