"""How fast `hogo audit verify` recomputes the audit chain, against a bare SHA-256 chain over the same bytes.

A fresh store gets N events (default 1,000,000) appended with `AuditService.record_many` in batches,
each event the size and shape of one access decision. Then `AuditService.verify()` is timed: it reads
every row back, recomputes every hash, checks every link and checks every query column against the
hashed body. The baseline, measured in the same process, is the least any verifier has to do: a loop of
`sha256(prev_hash + body).hexdigest()` over the same bodies already in memory.

    python bench/audit_verify.py [--events N] [--database-url postgresql+psycopg://...]

Without --database-url the store is a SQLite file in a temporary directory. With it, the database is
used as it is: give it an empty one, or the events are appended to an existing chain and it is all verified.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from hogo.audit.models import AuditEvent
from hogo.audit.policy import GENESIS
from hogo.audit.service import AuditService
from hogo.clock import SystemClock
from hogo.db import migrate
from hogo.db.session import make_engine, make_session_factory
from hogo.db.uow import UnitOfWorkFactory

TARGET = 1_000_000
PURPOSES = ("order-fulfilment", "customer-support", "direct-mail-and-catalogues", "fraud-prevention")


def append(audit: AuditService, uow: UnitOfWorkFactory, events: int, batch: int = 10_000) -> float:
    """Append `events` decision-shaped events; the seconds it took."""
    started = time.perf_counter()
    for start in range(0, events, batch):
        entries = [
            (
                "usage.decided",
                "person",
                f"{i * 2654435761 % 2**64:016x}{i:016x}",
                {"purpose": PURPOSES[i % 4], "items": ["email", "postal_address"], "reason": "notified", "n": i},
            )
            for i in range(start, min(start + batch, events))
        ]
        with uow() as unit:
            unit.record_many(actor="hogo:usage", entries=entries)
            unit.commit()
    return time.perf_counter() - started


def baseline(uow: UnitOfWorkFactory) -> tuple[int, float]:
    """A bare SHA-256 chain over every stored body, in memory: (events, seconds)."""
    with uow() as unit:
        bodies = list(unit.session.execute(select(AuditEvent.body).order_by(AuditEvent.seq)).scalars())
    sha256 = hashlib.sha256
    started = time.perf_counter()
    prev = GENESIS
    for body in bodies:
        prev = sha256(prev.encode("ascii") + body).hexdigest()
    return len(bodies), time.perf_counter() - started


def run(url: str, events: int) -> dict[str, object]:
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        uow = UnitOfWorkFactory(make_session_factory(engine))
        audit = AuditService(uow, SystemClock())
        uow.participants.append(audit)
        appended = append(audit, uow, events)
        started = time.perf_counter()
        result = audit.verify()
        elapsed = time.perf_counter() - started
        if not result.ok:
            raise SystemExit(f"the chain does not verify: {result.broken}")
        hashed, base = baseline(uow)
    finally:
        engine.dispose()
    return {
        "bench": "audit_verify",
        "database": engine.dialect.name,
        "events": result.events,
        "seconds": round(elapsed, 3),
        "events_per_s": round(result.events / elapsed),
        "target": TARGET,
        "baseline_sha256_chain_per_s": round(hashed / base),
        "verify_vs_baseline": round(elapsed / base * hashed / result.events, 2),
        "append_events_per_s": round(events / appended),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--database-url", help="default: a SQLite file in a temporary directory")
    args = parser.parse_args()
    if args.database_url:
        print(json.dumps(run(args.database_url, args.events)))
        return
    with tempfile.TemporaryDirectory() as directory:
        print(json.dumps(run(f"sqlite:///{Path(directory) / 'hogo.db'}", args.events)))


if __name__ == "__main__":
    main()
