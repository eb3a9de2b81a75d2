"""Erasure throughput in a company database on PostgreSQL: rows changed per second by hogo's planned runs.

A throw-away PostgreSQL database is filled with the Chinook shape (bench/datasets_access.py's generator: N
customers, M invoices and lines). hogo's own store is a temporary SQLite file with examples/chinook applied.
For K customers picked at random, `DatasetService.plan_erasure` then `execute` carry out the erasure the
ledger declares (mask names and the billing address, null contact columns, keyed-hash the e-mail, keep the
amounts under the tax-law hold): planning walks the rows and journals the run, executing changes them in one
transaction and records the step. Figures: rows changed per second over plan + execute, and over execute
alone. Baseline, same run: the same changes for K other customers as hand-written UPDATEs through psycopg,
one transaction per customer.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg

from hogo import bootstrap
from hogo.adapters.keyring import FileKeyring
from hogo.clock import SystemClock
from hogo.datasets.policy import Identity
from hogo.identity.policy import system_actor
from hogo.ledger.loader import load_ledger_file
from hogo.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from datasets_access import LEDGER, generate_pg

LOAD_AT_START = round(os.getloadavg()[0], 2)
ADMIN_URL = os.environ.get("HOGO_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def baseline(url: str, customers: list[int]) -> tuple[int, float]:
    """The same erasure by hand: rows changed, seconds."""
    changed = 0
    started = time.perf_counter()
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        for customer in customers:
            with conn.transaction():
                changed += conn.execute(
                    'UPDATE "Customer" SET "FirstName" = %s, "LastName" = %s, "Address" = %s, "City" = NULL, '
                    '"State" = NULL, "Country" = NULL, "PostalCode" = NULL, "Phone" = NULL, "Fax" = NULL, '
                    '"Company" = NULL, "Email" = %s WHERE "CustomerId" = %s AND "FirstName" <> %s',
                    ("***", "***", "***", f"hk:{uuid.uuid4().hex}", customer, "***"),
                ).rowcount
                changed += conn.execute(
                    'UPDATE "Invoice" SET "BillingAddress" = %s, "BillingCity" = NULL, "BillingState" = NULL, '
                    '"BillingCountry" = NULL, "BillingPostalCode" = NULL '
                    'WHERE "CustomerId" = %s AND "BillingAddress" IS DISTINCT FROM %s',
                    ("***", customer, "***"),
                ).rowcount
    return changed, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=1_000_000, help="connected rows (invoices and lines)")
    parser.add_argument("--erasures", type=int, default=200, help="customers erased by hogo (and by the baseline)")
    args = parser.parse_args()
    name = f"hogo_bench_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(ADMIN_URL.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    url = ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    try:
        generated = round(generate_pg(url, args.people, args.rows), 1)
        rng = random.Random(7)
        picked = rng.sample(range(1, args.people + 1), 2 * args.erasures)
        mine, theirs = picked[: args.erasures], picked[args.erasures :]
        with tempfile.TemporaryDirectory() as tmp:
            keys = Path(tmp) / "keys.json"
            FileKeyring.create(keys, SystemClock().now())
            os.environ["HOGO_CHINOOK_URL"] = url
            container = bootstrap.build(Settings(database_url=f"sqlite:///{tmp}/hogo.db", key_file=keys))
            try:
                bootstrap.ensure_schema(container)
                container.ledger.apply(load_ledger_file(LEDGER), actor="bench")
                actor = system_actor("bench")
                changed, executing = 0, 0.0
                started = time.perf_counter()
                for customer in mine:
                    plan = container.datasets.plan_erasure(
                        [Identity("email", f"user{customer}@example.jp")], "b", actor
                    )
                    run_started = time.perf_counter()
                    done = container.datasets.execute(plan.id, actor)
                    executing += time.perf_counter() - run_started
                    changed += done.rows_changed
                total = time.perf_counter() - started
            finally:
                container.close()
        base_rows, base_s = baseline(url, theirs)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
    print(
        json.dumps(
            {
                "benchmark": "datasets_erasure",
                "database": "postgresql",
                "people": args.people,
                "connected_rows": args.rows,
                "generation_s": generated,
                "erasures": args.erasures,
                "rows_changed": changed,
                "rows_per_erasure": round(changed / args.erasures, 1),
                "rows_per_s_plan_and_execute": round(changed / total),
                "rows_per_s_execute": round(changed / executing),
                "erasures_per_s": round(args.erasures / total, 1),
                "baseline_psycopg_rows": base_rows,
                "baseline_psycopg_rows_per_s": round(base_rows / base_s),
                "load_at_start": LOAD_AT_START,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
