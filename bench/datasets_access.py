"""Access request latency: one person among N people and M connected rows, through `DatasetService.access`.

A Chinook-shaped SQLite database is generated in SQL (recursive CTEs, no Python loop): N customers,
and M connected rows split 3:7 into invoices (3 per customer on average) and invoice lines. The
e-mail column has an expression index on lower(Email), the foreign-key columns plain indexes. The
file is cached (`--db`) so that a second run skips generation. hogo's own store is a temporary
SQLite file with the examples/chinook ledger applied; `HOGO_CHINOOK_URL` points at the generated
database. Each timed access finds the customer by e-mail, walks to invoices and invoice lines, maps
every value to its ledger item and writes the `datasets.accessed` audit event (one commit).

Baseline, same run: the three SELECTs of the walk written by hand with `sqlite3` on the same file.
Target (DESIGN.md): p50 < 50 ms at 1,000,000 people and 10,000,000 connected rows.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from hogo import bootstrap
from hogo.adapters.keyring import FileKeyring
from hogo.clock import SystemClock
from hogo.datasets.policy import Identity
from hogo.identity.policy import system_actor
from hogo.ledger.loader import load_ledger_file
from hogo.settings import Settings

LOAD_AT_START = round(os.getloadavg()[0], 2)
ROOT = Path(__file__).resolve().parent.parent
LEDGER = ROOT / "examples" / "chinook" / "ledger.yaml"
NAMES = {"Employee", "Customer", "Invoice", "InvoiceLine"} | {
    "EmployeeId",
    "LastName",
    "FirstName",
    "Title",
    "ReportsTo",
    "BirthDate",
    "HireDate",
    "Address",
    "City",
    "State",
    "Country",
    "PostalCode",
    "Phone",
    "Fax",
    "Email",
    "CustomerId",
    "Company",
    "SupportRepId",
    "InvoiceId",
    "InvoiceDate",
    "BillingAddress",
    "BillingCity",
    "BillingState",
    "BillingCountry",
    "BillingPostalCode",
    "Total",
    "InvoiceLineId",
    "TrackId",
    "UnitPrice",
    "Quantity",
}

SCHEMA = """
CREATE TABLE Employee (EmployeeId INTEGER PRIMARY KEY, LastName TEXT NOT NULL, FirstName TEXT NOT NULL, Title TEXT,
  ReportsTo INTEGER, BirthDate TEXT, HireDate TEXT, Address TEXT, City TEXT, State TEXT, Country TEXT,
  PostalCode TEXT, Phone TEXT, Fax TEXT, Email TEXT);
CREATE TABLE Customer (CustomerId INTEGER PRIMARY KEY, FirstName TEXT NOT NULL, LastName TEXT NOT NULL, Company TEXT,
  Address TEXT, City TEXT, State TEXT, Country TEXT, PostalCode TEXT, Phone TEXT, Fax TEXT, Email TEXT NOT NULL,
  SupportRepId INTEGER);
CREATE TABLE Invoice (InvoiceId INTEGER PRIMARY KEY, CustomerId INTEGER NOT NULL, InvoiceDate TEXT NOT NULL,
  BillingAddress TEXT, BillingCity TEXT, BillingState TEXT, BillingCountry TEXT, BillingPostalCode TEXT,
  Total NUMERIC NOT NULL);
CREATE TABLE InvoiceLine (InvoiceLineId INTEGER PRIMARY KEY, InvoiceId INTEGER NOT NULL, TrackId INTEGER NOT NULL,
  UnitPrice NUMERIC NOT NULL, Quantity INTEGER NOT NULL);
"""


def generate(path: Path, people: int, rows: int) -> float:
    """Fill a new SQLite file; seconds taken."""
    started = time.perf_counter()
    invoices, lines = rows * 3 // 10, rows - rows * 3 // 10
    conn = sqlite3.connect(path)
    conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-400000;" + SCHEMA)
    seq = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ?) "
    conn.execute(
        seq + "INSERT INTO Customer SELECT x, 'F' || x, 'L' || x, NULL, x || ' Main St', 'Tokyo', NULL, 'Japan', "
        "'100-0001', '+81 3 ' || x, NULL, 'user' || x || '@example.jp', 1 + x % 8 FROM n",
        (people,),
    )
    conn.execute(
        seq + "INSERT INTO Invoice SELECT x, 1 + x % ?, '2025-01-01', x || ' Main St', 'Tokyo', NULL, 'Japan', "
        "'100-0001', 9.99 FROM n",
        (invoices, people),
    )
    conn.execute(seq + "INSERT INTO InvoiceLine SELECT x, 1 + x % ?, 1 + x % 3000, 0.99, 1 FROM n", (lines, invoices))
    conn.execute(
        "INSERT INTO Employee (EmployeeId, LastName, FirstName, Email) VALUES (1, 'Adams', 'Andrew', 'a@corp.example')"
    )
    conn.execute("CREATE INDEX ix_customer_email ON Customer (lower(Email))")
    conn.execute("CREATE INDEX ix_invoice_customer ON Invoice (CustomerId)")
    conn.execute("CREATE INDEX ix_line_invoice ON InvoiceLine (InvoiceId)")
    conn.commit()
    conn.close()
    return time.perf_counter() - started


def generate_pg(url: str, people: int, rows: int) -> float:
    """Fill an empty PostgreSQL database with the same shape (generate_series); seconds taken."""
    import psycopg

    started = time.perf_counter()
    invoices, lines = rows * 3 // 10, rows - rows * 3 // 10
    ddl = SCHEMA.replace("INTEGER PRIMARY KEY", "BIGINT PRIMARY KEY").replace(" TEXT", " VARCHAR(80)")
    ddl = "".join(f'"{w}"' if w in NAMES else w for w in re.split(r"(\w+)", ddl))
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute(ddl)
        conn.execute(
            "INSERT INTO \"Customer\" SELECT x, 'F' || x, 'L' || x, NULL, x || ' Main St', 'Tokyo', NULL, "
            "'Japan', '100-0001', '+81 3 ' || x, NULL, 'user' || x || '@example.jp', 1 + x %% 8 "
            "FROM generate_series(1, %s) AS x",
            (people,),
        )
        conn.execute(
            "INSERT INTO \"Invoice\" SELECT x, 1 + x %% %s, '2025-01-01', x || ' Main St', 'Tokyo', NULL, "
            "'Japan', '100-0001', 9.99 FROM generate_series(1, %s) AS x",
            (people, invoices),
        )
        conn.execute(
            'INSERT INTO "InvoiceLine" SELECT x, 1 + x %% %s, 1 + x %% 3000, 0.99, 1 FROM generate_series(1, %s) AS x',
            (invoices, lines),
        )
        conn.execute('INSERT INTO "Employee" ("EmployeeId", "LastName", "FirstName") VALUES (1, \'Adams\', \'Andrew\')')
        conn.execute('CREATE INDEX ix_customer_email ON "Customer" (lower("Email"))')
        conn.execute('CREATE INDEX ix_invoice_customer ON "Invoice" ("CustomerId")')
        conn.execute('CREATE INDEX ix_line_invoice ON "InvoiceLine" ("InvoiceId")')
        conn.execute("ANALYZE")
    return time.perf_counter() - started


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 2),
    }


def raw(path: Path, emails: list[str]) -> list[float]:
    conn = sqlite3.connect(path)
    times = []
    for email in emails:
        started = time.perf_counter()
        customers = conn.execute("SELECT * FROM Customer WHERE lower(Email) IN (?)", (email.lower(),)).fetchall()
        ids = [c[0] for c in customers]
        invoices = conn.execute(
            f"SELECT * FROM Invoice WHERE CustomerId IN ({','.join('?' * len(ids))})", ids
        ).fetchall()
        inv = [i[0] for i in invoices]
        conn.execute(f"SELECT * FROM InvoiceLine WHERE InvoiceId IN ({','.join('?' * len(inv))})", inv).fetchall()
        times.append(time.perf_counter() - started)
    conn.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--rows", type=int, default=10_000_000, help="connected rows (invoices and lines)")
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--db", type=Path, default=None, help="the generated file (reused when it exists)")
    parser.add_argument("--pg", default=None, help="an EMPTY PostgreSQL database to generate into instead (URL)")
    args = parser.parse_args()
    db = args.db or Path(tempfile.gettempdir()) / f"hogo-bench-chinook-{args.people}-{args.rows}.sqlite"
    if args.pg:
        generated: float | None = round(generate_pg(args.pg, args.people, args.rows), 1)
        target = args.pg
    else:
        generated = None if db.exists() else round(generate(db, args.people, args.rows), 1)
        target = f"sqlite:///{db}"

    with tempfile.TemporaryDirectory() as tmp:
        keys = Path(tmp) / "keys.json"
        FileKeyring.create(keys, SystemClock().now())
        os.environ["HOGO_CHINOOK_URL"] = target
        container = bootstrap.build(Settings(database_url=f"sqlite:///{tmp}/hogo.db", key_file=keys))
        bootstrap.ensure_schema(container)
        container.ledger.apply(load_ledger_file(LEDGER), actor="bench")
        actor = system_actor("bench")
        rng = random.Random(6)
        emails = [f"USER{rng.randint(1, args.people)}@example.jp" for _ in range(args.samples)]
        found = container.datasets.access([Identity("email", emails[0])], actor)  # warm-up, and a sanity check
        assert found.count("Customer") == 1 and found.count("InvoiceLine") > 0, "the walk found nothing"
        times = []
        for email in emails:
            started = time.perf_counter()
            container.datasets.access([Identity("email", email)], actor)
            times.append(time.perf_counter() - started)
        container.close()
    baseline = raw(db, emails) if not args.pg else []
    print(
        json.dumps(
            {
                "benchmark": "datasets_access",
                "people": args.people,
                "connected_rows": args.rows,
                "rows_per_access": sum(1 for _ in found.rows),
                "samples": args.samples,
                "generation_s": generated,
                "hogo": percentiles(times),
                "target_database": "postgresql" if args.pg else "sqlite",
                "raw_sqlite3": percentiles(baseline) if baseline else None,
                "target_p50_ms": 50,
                "load_at_start": LOAD_AT_START,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
