"""What is due across the yearly cycle (`Pms.due`, the dashboard's PMS figure) on a store with a large company's
records: 500 operators, 10 required courses, 50,000 attendance records (ten years), 200 audits with 1,000 findings,
200 security measures, 100 ledger reviews. Baseline, same run: the largest single query `due` needs (each operator's
last attendance per course, a GROUP BY over every attendance record), run by hand.

    .venv/bin/python bench/pms_due.py [--runs 30] [--database-url postgresql+psycopg://…  (an empty database)]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from support import load, percentiles

from hogo import bootstrap
from hogo.adapters.keyring import FileKeyring
from hogo.clock import FixedClock
from hogo.db import migrate
from hogo.identity.models import Operator
from hogo.identity.policy import system_actor
from hogo.ledger.loader import load_ledger_text
from hogo.pms.models import AuditFinding, Course, InternalAudit, LedgerReview, Measure, Training
from hogo.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
NOW = dt.datetime(2026, 11, 20, 1, 0, tzinfo=dt.UTC)
OPERATORS, COURSES, YEARS, AUDITS, FINDINGS, MEASURES, REVIEWS = 500, 10, 10, 200, 5, 200, 100


def fill(container: bootstrap.Container) -> None:
    rnd = random.Random(15)
    at = NOW
    day0 = dt.date(2016, 11, 20)
    with container.uow() as uow:
        s = uow.session
        s.execute(
            insert(Operator),
            [
                {
                    "id": f"o{n:05d}",
                    "login": f"op{n:05d}",
                    "name": f"Operator {n}",
                    "role": "desk",
                    "categories": None,
                    "password_hash": "x",
                    "failed_logins": 0,
                    "created_at": at,
                    "created_by": "bench",
                }
                for n in range(OPERATORS)
            ],
        )
        s.execute(
            insert(Course),
            [
                {"id": f"c{n}", "title": f"Course {n}", "interval_months": 12, "required": True, "created_at": at}
                for n in range(COURSES)
            ],
        )
        s.execute(
            insert(Training),
            [
                {
                    "course_id": f"c{c}",
                    "operator_id": f"o{o:05d}",
                    "created_by": "bench",
                    "created_at": at,
                    "attended_on": day0 + dt.timedelta(days=365 * y + rnd.randint(0, 60)),
                }
                for o in range(OPERATORS)
                for c in range(COURSES)
                for y in range(YEARS)
            ],
        )
        s.execute(
            insert(InternalAudit),
            [
                {
                    "id": f"a{n}",
                    "title": f"Audit {n}",
                    "scope": "",
                    "planned_on": day0 + dt.timedelta(days=15 * n),
                    "auditor_id": "o00001",
                    "closed_on": None,
                    "created_by": "bench",
                    "created_at": at,
                }
                for n in range(AUDITS)
            ],
        )
        s.execute(
            insert(AuditFinding),
            [
                {
                    "id": f"f{a}-{n}",
                    "audit_id": f"a{a}",
                    "text": "finding",
                    "severity": "minor",
                    "action": "fix",
                    "owner_id": "o00002",
                    "action_due": day0 + dt.timedelta(days=15 * a + 30),
                    "closed_on": None if a > AUDITS - 10 else day0,
                    "created_at": at,
                }
                for a in range(AUDITS)
                for n in range(FINDINGS)
            ],
        )
        s.execute(
            insert(Measure),
            [
                {
                    "id": f"m{n}",
                    "category": "technical",
                    "title": f"Measure {n}",
                    "status": "in_place",
                    "evidence": "",
                    "last_reviewed": None,
                    "next_review": day0 + dt.timedelta(days=18 * n),
                    "source": "officer",
                    "created_at": at,
                    "updated_at": at,
                }
                for n in range(MEASURES)
            ],
        )
        s.execute(
            insert(LedgerReview),
            [
                {
                    "id": f"r{n}",
                    "section": "all",
                    "reviewer_id": "o00000",
                    "reviewed_on": day0,
                    "ledger_version": 1,
                    "findings": "",
                    "next_due": day0 + dt.timedelta(days=30 * n),
                    "created_by": "bench",
                    "created_at": at,
                }
                for n in range(REVIEWS)
            ],
        )
        uow.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        keys = Path(tmp) / "keys.json"
        FileKeyring.create(keys, NOW)
        url = args.database_url or f"sqlite:///{tmp}/hogo.db"
        container = bootstrap.build(Settings(database_url=url, key_file=keys), FixedClock(NOW))
        try:
            migrate.upgrade(container.engine)
            text = (ROOT / "examples" / "japanet" / "ledger.yaml").read_text(encoding="utf-8")
            container.ledger.apply(load_ledger_text(text, source="ledger.yaml"), actor="bench")
            fill(container)
            actor = system_actor("bench")
            due = container.pms.due(actor)  # warm
            times, base = [], []
            for _ in range(args.runs):
                started = time.perf_counter()
                with container.uow(read_only=True) as uow:
                    uow.session.execute(
                        select(Training.operator_id, Training.course_id, func.max(Training.attended_on)).group_by(
                            Training.operator_id, Training.course_id
                        )
                    ).all()
                base.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                due = container.pms.due(actor)
                times.append((time.perf_counter() - started) * 1000)
        finally:
            container.close()
    print(
        json.dumps(
            {
                "store": "postgresql" if args.database_url else "sqlite",
                "records": {
                    "operators": OPERATORS,
                    "courses": COURSES,
                    "trainings": OPERATORS * COURSES * YEARS,
                    "findings": AUDITS * FINDINGS,
                    "measures": MEASURES,
                    "reviews": REVIEWS,
                },
                "due_counts": due.counts,
                "due_ms": percentiles(times),
                "baseline_group_by_ms": percentiles(base),
                "load": load(),
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
