"""The retention sweep: dispose of 100,000 of 1,000,000 people's records in hogo's vault (SQLite), against the same
deletes by hand through `sqlite3` in the same run; and what a running sweep costs the decision path (check_use p99
with and without a sweep running, from another process on the same store).

hogo's store is a SQLite file whose vault is written directly in SQL for speed (persons p1..pN of kind customer,
each with a data key, an e-mail identifier and two records — name and e-mail — whose ciphertexts are placeholders:
the sweep opens none). Every tenth person has a `contract-ended` event of 2025-06-01 in `retention_events`; the
examples/chinook ledger (without its `datasets:` section, so the sweep touches only the vault) keeps a customer's
data a year after the contract ends, then crypto-shreds it. The clock stands at 2026-11-20: those N/10 persons are
due. The sweep (`RetentionSweeps.run`) plans them as journalled units and disposes of them in batches of 500 per
transaction, each with its audit events: records deleted, data keys and identifiers destroyed, persons marked
erased, the erasure journal written, the store's WAL checkpointed (ADR 0013).

Baseline, same run, on a copy of the store made before the sweep: the same deletes by hand in one `sqlite3`
transaction (records, data keys, identifiers of the due persons; `erased_at` set), with the store's own
`secure_delete` on. Target (issue 13): >= 5,000 persons/s.

The decision path: a second process calls `check_use(person, ['name'], 'sales')` for random persons who are not due
(cache misses mostly: it reads the vault), first with nothing else running, then while the main process sweeps.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import os
import random
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

from hogo import bootstrap
from hogo.adapters.keyring import FileKeyring
from hogo.clock import FixedClock
from hogo.identity.policy import system_actor
from hogo.ledger.loader import load_ledger_text
from hogo.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
LEDGER = ROOT / "examples" / "chinook" / "ledger.yaml"
NOW = dt.datetime(2026, 11, 20, 1, 0, tzinfo=dt.UTC)
ACQUIRED = "2025-01-10 03:00:00.000000"
ENDED = "2025-06-01 00:00:00.000000"


def percentiles_ms(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    if not ordered:
        return {"n": 0}

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 3)

    return {"n": len(ordered), "p50": at(0.50), "p90": at(0.90), "p99": at(0.99), "max": at(1.0)}


def ledger_text() -> str:
    text = LEDGER.read_text(encoding="utf-8")
    return text[: text.index("\ndatasets:")] + "\n"


def fill(store: Path, people: int, every: int) -> float:
    started = time.perf_counter()
    conn = sqlite3.connect(store)
    conn.executescript("PRAGMA synchronous=OFF;")
    created = NOW.isoformat(sep=" ")
    chunk = 100_000
    for first in range(1, people + 1, chunk):
        ids = range(first, min(people, first + chunk - 1) + 1)
        conn.executemany(
            "INSERT INTO persons (id, subject_kind, created_at, ledger_version) VALUES (?, 'customer', ?, 1)",
            ((f"p{i}", created) for i in ids),
        )
        conn.executemany(
            "INSERT INTO data_keys (person_id, master_key_id, wrapped, created_at) VALUES (?, 'mk-bench', ?, ?)",
            ((f"p{i}", os.urandom(60), created) for i in ids),
        )
        conn.executemany(
            "INSERT INTO person_identifiers (person_id, kind, digest) VALUES (?, 'email', ?)",
            ((f"p{i}", f"{i:064x}") for i in ids),
        )
        conn.executemany(
            "INSERT INTO records (person_id, item, ciphertext, channel, acquired_at, ledger_version, purposes, "
            "consents, acquired_by) VALUES (?, ?, ?, 'web-shop', ?, 1, '[\"sales\"]', '[]', 'bench')",
            ((f"p{i}", item, os.urandom(40), ACQUIRED) for i in ids for item in ("name", "email")),
        )
        conn.executemany(
            "INSERT INTO retention_events (id, person_id, event, trigger, occurred_at, recorded_at, recorded_by) "
            "VALUES (?, ?, 'contract-ended', 'contract_end', ?, ?, 'bench')",
            ((f"re_{i}", f"p{i}", ENDED, ENDED) for i in ids if i % every == 0),
        )
        conn.commit()
    conn.close()
    return time.perf_counter() - started


def baseline(store: Path, every: int) -> dict[str, Any]:
    """The same deletes by hand, one transaction, the store's secure_delete on."""
    conn = sqlite3.connect(store)
    conn.execute("PRAGMA secure_delete=ON")
    conn.execute("PRAGMA journal_mode=WAL")
    started = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    due = "(SELECT person_id FROM retention_events WHERE trigger = 'contract_end' AND occurred_at <= '2025-11-20')"
    records = conn.execute(f"DELETE FROM records WHERE person_id IN {due}").rowcount
    conn.execute(f"DELETE FROM data_keys WHERE person_id IN {due}")
    conn.execute(f"DELETE FROM person_identifiers WHERE person_id IN {due}")
    persons = conn.execute(f"UPDATE persons SET erased_at = '{NOW.isoformat(sep=' ')}' WHERE id IN {due}").rowcount
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    seconds = time.perf_counter() - started
    conn.close()
    return {
        "persons": persons,
        "records": records,
        "seconds": round(seconds, 3),
        "persons_per_s": round(persons / seconds),
    }


def decide(url: str, key_file: str, people: int, every: int, calls: int, stop: Any, out: Any) -> None:
    """check_use for random persons who are not due; latencies (s) to `out` — `calls` of them, or until `stop`."""
    container = bootstrap.build(Settings(database_url=url, key_file=Path(key_file)))
    actor = system_actor("bench-app")
    rng = random.Random(7)
    latencies: list[float] = []
    try:
        while (stop is None and len(latencies) < calls) or (stop is not None and not stop.is_set()):
            i = rng.randrange(1, people + 1)
            if i % every == 0:
                continue
            started = time.perf_counter()
            container.usage.check_use(f"p{i}", ["name"], "sales", actor)
            latencies.append(time.perf_counter() - started)
    finally:
        container.close()
    out.put(latencies)


def main() -> None:  # noqa: PLR0915  (one run, in order: set up, measure, report)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--every", type=int, default=10, help="one person in this many is due")
    parser.add_argument("--calls", type=int, default=20_000, help="check_use calls measured with no sweep running")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    work = Path(tempfile.mkdtemp(prefix="hogo-retention-bench-"))
    store, copy = work / "hogo.db", work / "baseline.db"
    key_file = work / "keys.json"
    FileKeyring.create(key_file, NOW)
    url = f"sqlite:///{store}"
    clock = FixedClock(NOW)
    container = bootstrap.build(Settings(database_url=url, key_file=key_file), clock)
    bootstrap.ensure_schema(container)
    container.ledger.apply(load_ledger_text(ledger_text(), source="chinook-vault.yaml"), actor="bench")
    container.close()
    filled = fill(store, args.people, args.every)
    conn = sqlite3.connect(store)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    shutil.copyfile(store, copy)

    ctx = mp.get_context("spawn")
    out: Any = ctx.Queue()
    alone = ctx.Process(
        daemon=True, target=decide, args=(url, str(key_file), args.people, args.every, args.calls, None, out)
    )
    alone.start()
    quiet = out.get()
    alone.join()

    container = bootstrap.build(Settings(database_url=url, key_file=key_file), clock)
    actor = system_actor("bench-officer")
    preview = container.retention.service.preview(actor)
    due = sum(r.due_persons for r in preview.rules)
    stop = ctx.Event()
    during = ctx.Process(daemon=True, target=decide, args=(url, str(key_file), args.people, args.every, 0, stop, out))
    during.start()
    time.sleep(3)  # the decider is warm before the sweep starts
    load_before_sweep = [round(x, 2) for x in os.getloadavg()]
    started = time.perf_counter()
    result = container.retention.sweeps.run(actor)
    swept = time.perf_counter() - started
    stop.set()
    busy = out.get()
    during.join()
    sweep = result.sweeps[0]
    again = container.retention.sweeps.run(actor)
    container.close()
    by_hand = baseline(copy, args.every)
    rate = round(sweep.counts["done"] / swept)
    report = {
        "bench": "retention_sweep",
        "store": "sqlite",
        "people": args.people,
        "due_in_preview": due,
        "fill_seconds": round(filled, 1),
        "sweep": {
            "persons": sweep.counts["done"],
            "records": sweep.counts["vault_records"],
            "seconds": round(swept, 3),
            "persons_per_s": rate,
            "status": sweep.status,
            "second_run_sweeps": len(again.sweeps),
        },
        "baseline_sqlite3_by_hand": by_hand,
        "ratio_to_baseline": round(rate / by_hand["persons_per_s"], 3),
        "target_persons_per_s": 5000,
        "check_use_ms_no_sweep": percentiles_ms(quiet),
        "check_use_ms_during_sweep": percentiles_ms(busy),
        "load_at_start": load_at_start,
        "load_before_sweep": load_before_sweep,
        "load_at_end": [round(x, 2) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
    }
    print(json.dumps(report, indent=2))
    if args.out:
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
