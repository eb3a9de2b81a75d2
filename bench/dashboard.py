"""The officer's dashboard and the audit export on a large store (issue 15's targets).

A SQLite store is migrated and filled by hand (SQL, not the services: it is the reading side being measured)
with P persons each holding one record (1% past their retention), R requests over the last twelve months
(a mix of states and channels), 2 consents per 10 persons (some withdrawn), and E audit events forming a valid
chain (built with hogo's own canonical form and hash). Then, in the same run:

- the dashboard: `DashboardService.build()` and the whole console page (`GET /console/` as the officer, in
  process through Starlette's test client), 15 times each, p50 and p90; target p50 < 300 ms;
- baseline: the largest single COUNT the dashboard needs (live persons), timed the same way;
- the audit export: every event written as CSV (verified as it streams) to a null sink; events/s (target
  ≥ 100,000/s) and the process's peak memory growth at E/10 and at E events (constant memory: the same).

    python bench/dashboard.py [--persons 1000000] [--requests 100000] [--events 10000000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import resource
import sqlite3
import tempfile
import time
from pathlib import Path

from support import load, percentiles

from hogo import bootstrap
from hogo.adapters.keyring import FileKeyring
from hogo.audit.policy import GENESIS, canonical, frame, stored_at
from hogo.audit.search import AuditQuery
from hogo.clock import SystemClock
from hogo.db import migrate
from hogo.db.session import make_engine
from hogo.identity.policy import Role, system_actor
from hogo.ledger.loader import load_ledger_file
from hogo.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
NOW = dt.datetime.now(dt.UTC)
KINDS = ("disclosure", "correction", "erasure", "suspension_of_use", "complaint", "purpose_notification")
CHANNELS = ("post", "email", "phone", "web")
STATES = ("received", "in_review", "decided", "answered", "closed", "closed", "closed", "withdrawn")
PASSWORD = "a long bench password"


def at(moment: dt.datetime) -> str:
    return stored_at(moment)


def fill(path: Path, persons: int, requests: int, events: int) -> dict[str, float]:
    took: dict[str, float] = {}
    conn = sqlite3.connect(path)
    conn.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-400000;")
    started = time.perf_counter()
    chunk = 100_000
    created = at(NOW - dt.timedelta(days=400))
    for first in range(0, persons, chunk):
        ids = range(first, min(persons, first + chunk))
        conn.executemany(
            "INSERT INTO persons (id, subject_kind, created_at, ledger_version) VALUES (?, 'customer', ?, 1)",
            ((f"p{i}", created) for i in ids),
        )
        conn.executemany(
            "INSERT INTO records (person_id, item, ciphertext, channel, acquired_at, ledger_version, purposes, "
            "consents, acquired_by, retention_rule, retention_until) "
            "VALUES (?, 'name', x'00', 'internet', ?, 1, '[\"delivery-and-installation\"]', '[]', 'bench', 'r', ?)",
            (
                (f"p{i}", created, at(NOW - dt.timedelta(days=1) if i % 100 == 0 else NOW + dt.timedelta(days=900)))
                for i in ids
            ),
        )
        conn.executemany(
            "INSERT INTO consents (id, person_id, kind, target, ledger_version, shown, method, given_at, "
            "recorded_by, withdrawn_at, withdrawal_method) VALUES (?, ?, 'purpose', 'campaigns-and-surveys', 1, "
            "'{}', 'web_checkbox', ?, 'bench', ?, ?)",
            (
                (
                    f"c{i}",
                    f"p{i}",
                    at(NOW - dt.timedelta(days=i % 365)),
                    at(NOW - dt.timedelta(days=i % 30)) if i % 50 == 0 else None,
                    "web_checkbox" if i % 50 == 0 else None,
                )
                for i in ids
                if i % 5 == 0
            ),
        )
    conn.commit()
    took["persons_s"] = time.perf_counter() - started

    started = time.perf_counter()
    rows = []
    for i in range(requests):
        received = NOW - dt.timedelta(days=i % 360, hours=i % 24)
        due = (received + dt.timedelta(days=14)).date()
        state = STATES[i % len(STATES)]
        answered = at(received + dt.timedelta(days=(i % 20) + 1)) if state in ("answered", "closed") else None
        rows.append(
            (
                f"rq_{i:020d}",
                KINDS[i % len(KINDS)],
                CHANNELS[i % len(CHANNELS)],
                state,
                f"p{i % persons}",
                "{}",
                hashlib.sha256(str(i).encode()).hexdigest(),
                at(received),
                due.isoformat(),
                due.isoformat(),
                answered,
                answered,
                at(received),
            )
        )
    conn.executemany(
        "INSERT INTO person_requests (id, kind, channel, status, person_id, ledger_version, language, scope, "
        "token_hash, code_attempts, codes_sent, fee_jpy, received_at, target_days, due_on, art39_from, answered_at, "
        "notified_at, sealed, created_by, updated_at) VALUES (?, ?, ?, ?, ?, 1, 'ja', ?, ?, 0, 0, 0, ?, 14, ?, ?, "
        "?, ?, x'00', 'bench', ?)",
        rows,
    )
    conn.commit()
    took["requests_s"] = time.perf_counter() - started

    started = time.perf_counter()
    prev, seq = GENESIS, 0
    sha = hashlib.sha256
    batch = []
    when = NOW - dt.timedelta(days=365)
    step = dt.timedelta(days=365) / max(events, 1)
    for i in range(events):
        seq += 1
        stamp, who = at(when + step * i), f"p{i % persons}"
        head, tail = frame(seq, stamp, "hogo:usage", "usage.decided", "person", who)  # canonical, in pieces
        body = head + b'{"n":%d}' % i + tail
        digest = sha(prev.encode() + body).hexdigest()
        batch.append((seq, stamp, "hogo:usage", "usage.decided", "person", who, prev, digest, body))
        prev = digest
        if len(batch) == chunk:
            conn.executemany("INSERT INTO audit_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
            batch.clear()
    if batch:
        conn.executemany("INSERT INTO audit_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
    conn.execute("DELETE FROM audit_head")
    conn.execute("INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)", (seq, prev))
    conn.commit()
    assert canonical(1, when, "hogo:usage", "usage.decided", "person", "p0", {"n": 0}) == first_body(conn)
    conn.execute("ANALYZE")
    conn.close()
    took["events_s"] = time.perf_counter() - started
    return {k: round(v, 1) for k, v in took.items()}


def first_body(conn: sqlite3.Connection) -> bytes:
    return bytes(conn.execute("SELECT body FROM audit_events WHERE seq = 1").fetchone()[0])


def timed(fn: object, n: int = 15) -> dict[str, float]:
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        samples.append((time.perf_counter() - started) * 1000)
    return percentiles(samples)


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_export(c: bootstrap.Container, events: int) -> dict[str, object]:
    """The audit export of a tenth of the events (by time) and of all of them: rate and peak memory growth."""
    export: dict[str, object] = {}
    first_tenth = AuditQuery(until=NOW - dt.timedelta(days=365) + dt.timedelta(days=36.5))
    for label, query in (("a_tenth_written", first_tenth), ("all_written", AuditQuery())):
        before = maxrss_mb()
        started = time.perf_counter()
        written = 0
        for chunk in c.audit_search.export_csv(query):
            written += len(chunk)
        elapsed = time.perf_counter() - started
        export[label] = {
            "events_read_per_s": round(events / elapsed),
            "seconds": round(elapsed, 2),
            "csv_mb": round(written / 2**20, 1),
            "maxrss_growth_mb": round(maxrss_mb() - before, 1),
        }
    return export


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--keep", type=Path, help="a folder to build the store in and keep it (reused if there)")
    parser.add_argument("--no-export", action="store_true", help="measure the dashboard only")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="hogo-dashboard-"))
    folder.mkdir(parents=True, exist_ok=True)
    store = folder / "hogo.db"
    keys = folder / "keys.json"
    fresh = not store.exists()
    engine = make_engine(f"sqlite:///{store}")
    migrate.upgrade(engine)  # a kept store is brought to the head too
    engine.dispose()
    if fresh:
        FileKeyring.create(keys, SystemClock().now())
        filled = fill(store, args.persons, args.requests, args.events)
    else:
        filled = {"reused": 1.0}
    settings = Settings(database_url=f"sqlite:///{store}", key_file=keys, jobs_worker=False)
    c = bootstrap.build(settings, SystemClock())
    try:
        if c.ledger.versions() == []:
            c.ledger.apply(load_ledger_file(ROOT / "examples" / "japanet" / "ledger.yaml"), actor="bench")
            c.operators.create("officer", "管理者", Role.officer, None, PASSWORD, system_actor("bench"))
        reviews = {d.id: d.last_review for d in c.ledger.current().ledger.datasets}
        board = c.dashboard.build(reviews)
        build = timed(lambda: c.dashboard.build(reviews))

        def count_persons() -> None:
            with c.engine.connect() as conn:
                conn.exec_driver_sql("SELECT count(*) FROM persons WHERE erased_at IS NULL").scalar()

        baseline = timed(count_persons)
        from fastapi.testclient import TestClient

        from hogo.web.app import create_app

        with TestClient(create_app(c), base_url="https://testserver") as client:
            login = client.get("/console/login")
            csrf = login.text.split('name="csrf" value="')[1].split('"')[0]
            client.post("/console/login", data={"login": "officer", "password": PASSWORD, "csrf": csrf})
            page = client.get("/console/")
            assert page.status_code == 200 and 'id="n-open"' in page.text, page.status_code
            render = timed(lambda: client.get("/console/"))

        export = {} if args.no_export else measure_export(c, args.events)
    finally:
        c.close()
    print(
        json.dumps(
            {
                "bench": "dashboard",
                "load": load(),
                "persons": args.persons,
                "requests": args.requests,
                "audit_events": args.events,
                "fill_s": filled,
                "numbers": {
                    "open": board.requests_open,
                    "week": board.requests_week,
                    "overdue": board.requests_overdue,
                    "retention_due": board.retention_due,
                },
                "dashboard_build_ms": build,
                "console_page_ms": render,
                "baseline_count_persons_ms": baseline,
                "target_p50_ms": 300,
                "audit_export": export,
                "target_export_events_per_s": 100_000,
                "store": str(store) if args.keep else "deleted",
            }
        )
    )


if __name__ == "__main__":
    main()
