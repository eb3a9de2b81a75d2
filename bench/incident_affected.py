"""Who is affected by an incident over one item: 1,000,000 people in hogo's vault and 10,000,000 rows in the
company's database, through `Affected.count` (the vault's records, the database's owners up the relations, each
person once by keyed-hash identifiers).

The company's database is Chinook-shaped SQLite generated in SQL (recursive CTEs): N customers, M rows split 3:7
into invoices (dated over three years, `InvoiceDate` indexed) and invoice lines. hogo's store is a SQLite file whose
vault is written directly in SQL for speed (the persons, their e-mail identifiers hashed with the store's index key
as acquisition would, and one `purchase-history` record each, acquired over the same three years); the values are
placeholders (the count opens none). The examples/chinook ledger is applied with `time_column: InvoiceDate` on
Invoice. Vault person `p<i>` is the database's customer `i` (same e-mail address), so the two sources overlap.

Two incidents over the item `purchase-history`: one month of data (the window on InvoiceDate and on acquisition),
and everything held (no window). Baseline, same run: one hand-written SQL query over both files (ATTACH) that knows
the generator's mapping (`p<i>` ↔ customer i) and counts the same union: the count hogo gives must be equal.
Target (DESIGN.md): p50 < 5 s at 1,000,000 people and 10,000,000 connected rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from hogo import bootstrap
from hogo.adapters.keyring import FileKeyring
from hogo.clock import FixedClock, SystemClock
from hogo.identity.policy import system_actor
from hogo.incidents.affected import Scope
from hogo.ledger.loader import load_ledger_text
from hogo.settings import Settings
from hogo.subjects.crypto import identifier_digest

LOAD_AT_START = round(os.getloadavg()[0], 2)
ROOT = Path(__file__).resolve().parent.parent
LEDGER = ROOT / "examples" / "chinook" / "ledger.yaml"
START = dt.date(2023, 1, 1)
DAYS = 3 * 365
MONTH = (dt.date(2024, 6, 1), dt.date(2024, 6, 30))
NOW = dt.datetime(2026, 11, 20, 1, 0, tzinfo=dt.UTC)

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


def generate_company(path: Path, people: int, rows: int) -> float:
    started = time.perf_counter()
    invoices, lines = rows * 3 // 10, rows - rows * 3 // 10
    conn = sqlite3.connect(path)
    conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-400000;" + SCHEMA)
    seq = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ?) "
    conn.execute(
        seq + "INSERT INTO Customer SELECT x, 'F' || x, 'L' || x, NULL, x || ' Main St', 'Tokyo', NULL, 'Japan', "
        "'100-0001', '+81 3 ' || x, NULL, 'user' || x || '@example.jp', 1 FROM n",
        (people,),
    )
    conn.execute(
        seq + "INSERT INTO Invoice SELECT x, 1 + (x * 7919) % ?, date(?, '+' || ((x * 104729) % ?) || ' days'), "
        "x || ' Main St', 'Tokyo', NULL, 'Japan', '100-0001', 9.99 FROM n",
        (invoices, people, START.isoformat(), DAYS),
    )
    conn.execute(seq + "INSERT INTO InvoiceLine SELECT x, 1 + x % ?, 1 + x % 3000, 0.99, 1 FROM n", (lines, invoices))
    conn.execute("INSERT INTO Employee (EmployeeId, LastName, FirstName) VALUES (1, 'Adams', 'Andrew')")
    conn.execute("CREATE INDEX ix_customer_email ON Customer (lower(Email))")
    conn.execute("CREATE INDEX ix_invoice_customer ON Invoice (CustomerId)")
    conn.execute("CREATE INDEX ix_invoice_date ON Invoice (InvoiceDate)")
    conn.execute("CREATE INDEX ix_line_invoice ON InvoiceLine (InvoiceId)")
    conn.commit()
    conn.close()
    return time.perf_counter() - started


def fill_vault(store: Path, index_key: bytes, people: int) -> float:
    """Persons p1..pN of kind customer, each with an e-mail identifier and one purchase-history record."""
    started = time.perf_counter()
    conn = sqlite3.connect(store)
    conn.executescript("PRAGMA synchronous=OFF;")
    created = NOW.isoformat(sep=" ")

    def acquired(i: int) -> str:
        day = START + dt.timedelta(days=(i * 104729) % DAYS)
        return dt.datetime.combine(day, dt.time(3, 0)).isoformat(sep=" ") + ".000000"

    chunk = 100_000
    for first in range(1, people + 1, chunk):
        ids = range(first, min(people, first + chunk - 1) + 1)
        conn.executemany(
            "INSERT INTO persons (id, subject_kind, created_at, ledger_version) VALUES (?, 'customer', ?, 1)",
            ((f"p{i}", created) for i in ids),
        )
        conn.executemany(
            "INSERT INTO person_identifiers (person_id, kind, digest) VALUES (?, 'email', ?)",
            ((f"p{i}", identifier_digest(index_key, "email", f"user{i}@example.jp")) for i in ids),
        )
        conn.executemany(
            "INSERT INTO records (person_id, item, ciphertext, channel, acquired_at, ledger_version, purposes, "
            "consents, acquired_by) VALUES (?, 'purchase-history', x'00', 'web-store', ?, 1, '[]', '[]', 'bench')",
            ((f"p{i}", acquired(i)) for i in ids),
        )
    conn.commit()
    conn.close()
    return time.perf_counter() - started


def baseline(store: Path, company: Path, window: tuple[dt.date, dt.date] | None) -> tuple[int, float]:
    """The same union by hand: vault persons holding the item (p<i> is customer i) and the customers owning invoices
    or invoice lines (dated by their invoice) holding it."""
    conn = sqlite3.connect(store)
    conn.execute("ATTACH DATABASE ? AS company", (str(company),))
    vault_when = invoice_when = ""
    args: list[str] = []
    if window:
        first, last = window[0].isoformat(), (window[1] + dt.timedelta(days=1)).isoformat()
        vault_when = " AND r.acquired_at >= ? AND r.acquired_at < ?"
        invoice_when = " AND i.InvoiceDate >= ? AND i.InvoiceDate < ?"
        start = (dt.datetime.combine(window[0], dt.time()) - dt.timedelta(hours=9)).isoformat(sep=" ")
        end = (dt.datetime.combine(window[1] + dt.timedelta(days=1), dt.time()) - dt.timedelta(hours=9)).isoformat(
            sep=" "
        )
        args = [start, end, first, last, first, last]
    query = f"""
        SELECT COUNT(*) FROM (
          SELECT CAST(substr(r.person_id, 2) AS INTEGER) FROM records r JOIN persons p ON p.id = r.person_id
           WHERE r.item = 'purchase-history' AND p.subject_kind = 'customer'{vault_when}
          UNION
          SELECT i.CustomerId FROM company.Invoice i
           WHERE (i.InvoiceDate IS NOT NULL OR i.Total IS NOT NULL){invoice_when}
          UNION
          SELECT i.CustomerId FROM company.InvoiceLine l JOIN company.Invoice i ON i.InvoiceId = l.InvoiceId
           WHERE (l.TrackId IS NOT NULL OR l.UnitPrice IS NOT NULL OR l.Quantity IS NOT NULL){invoice_when})
    """
    started = time.perf_counter()
    count = int(conn.execute(query, args).fetchone()[0])
    took = time.perf_counter() - started
    conn.close()
    return count, took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--samples", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=None, help="keep the generated files here (reused)")
    parser.add_argument("--cases", default="one_month,everything_held", help="which incidents to time")
    args = parser.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="hogo-bench-incident-"))
    work.mkdir(parents=True, exist_ok=True)
    company, store, keys = work / "company.sqlite", work / "hogo.db", work / "keys.json"
    generated = None if company.exists() else round(generate_company(company, args.people, args.rows), 1)
    fresh = not store.exists()
    if fresh:
        FileKeyring.create(keys, SystemClock().now())
    os.environ["HOGO_CHINOOK_URL"] = f"sqlite:///{company}"
    settings = Settings(database_url=f"sqlite:///{store}", key_file=keys)
    container = bootstrap.build(settings, FixedClock(NOW))
    bootstrap.ensure_schema(container)
    vault_s = None
    if fresh:
        text = LEDGER.read_text(encoding="utf-8").replace(
            "      - name: Invoice\n", "      - name: Invoice\n        time_column: InvoiceDate\n", 1
        )
        container.ledger.apply(load_ledger_text(text, source="chinook.yaml"), actor="bench")
        vault_s = round(fill_vault(store, container.keyring.index_key, args.people), 1)
    actor = system_actor("bench")
    results = {}
    cases = [c for c in (("one_month", MONTH), ("everything_held", None)) if c[0] in args.cases.split(",")]
    for name, window in cases:
        scope = Scope(("purchase-history",), ("customer",), (), (), *(window or (None, None)))
        times, counted = [], None
        for _ in range(args.samples):
            started = time.perf_counter()
            counted = container.incidents.service.affected.count(scope, [], actor)
            times.append(time.perf_counter() - started)
        assert counted is not None
        by_hand, by_hand_s = baseline(store, company, window)
        results[name] = {
            "window": [d.isoformat() for d in window] if window else None,
            "persons": counted.persons,
            "vault": len(counted.vault),
            "database_only": len(counted.elsewhere),
            "complete": counted.complete,
            "hand_sql_count": by_hand,
            "same_count": counted.persons == by_hand,
            "p50_s": round(statistics.median(times), 2),
            "max_s": round(max(times), 2),
            "hand_sql_s": round(by_hand_s, 2),
        }
    container.close()
    print(
        json.dumps(
            {
                "benchmark": "incident_affected",
                "people": args.people,
                "connected_rows": args.rows,
                "samples": args.samples,
                "generation_s": generated,
                "vault_fill_s": vault_s,
                "results": results,
                "target_p50_s": 5,
                "load_at_start": LOAD_AT_START,
                "load_at_end": round(os.getloadavg()[0], 2),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
