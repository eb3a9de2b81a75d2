"""Messages enqueued per second inside the transactions that decide them, and what the message costs the use case.

Two use cases that exist, each timed with and without its message, alternating call by call in one process:

* **consent** — a consent given (what `ConsentService.give` does: the person's row read, the consent row, its
  `consent.given` audit event, the change journal), with or without a confirmation mail to the person queued
  by `uow.send(Outgoing("mail", …))` in the same unit of work;
* **request** — a request filed at the desk (`RequestService.file`), with a reply address (hogo queues the
  acknowledgement mail: rendered, sealed, one outbox row) or without one (nothing is queued).

The baseline is the same use case without the message, measured in the same run. Enqueue only: the mailer is
replaced by one that accepts every message at once, the outbox's sender thread is started (`Outbox.start()`,
as `hogo serve` does) so that a commit only wakes it instead of delivering inline, and while the enqueue
rounds run the thread's `deliver_due` is a no-op, so nothing is delivered during them. Then, separately:
enqueueing while the sender thread really delivers (as in `hogo serve`), and delivery throughput
(`deliver_due` over the queued messages with the instant mailer: claim, send, record the outcome).

Beside them: the time spent in the outbox's own part of the commit (`Outbox.write`: seal the payload, one
INSERT … ON CONFLICT DO NOTHING), and the least any transaction costs on the same store and disk (one INSERT of an
outbox-sized row and COMMIT through the bare driver), which bounds how many one-message transactions a second
one writer can commit. `--profile` adds a cProfile of the consent use case with its message.

    .venv/bin/python bench/outbox.py [--store sqlite|postgresql|both] [--calls 1000] [--rounds 5] [--quick]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from support import load, throwaway_database

from hogo import bootstrap
from hogo.adapters.keyring import FileKeyring
from hogo.adapters.mail import Envelope, Mailer, MailMessage
from hogo.adapters.sample_people import sample_people
from hogo.clock import SystemClock
from hogo.consent.schemas import ConsentIn, ConsentKind, ConsentMethod
from hogo.db import migrate
from hogo.db.uow import Outgoing, Pending
from hogo.identity.policy import Actor, Role, system_actor
from hogo.ledger.loader import load_ledger_file
from hogo.outbox.models import OutboxMessage
from hogo.outbox.service import DeliveryRun
from hogo.requests.schemas import ContactIn, RequestIn
from hogo.settings import Settings

LOAD_AT_START = load()
ROOT = Path(__file__).resolve().parent.parent
LEDGER = ROOT / "examples" / "japanet" / "ledger.yaml"
PEOPLE = 200
TARGET_PER_S = 2000
TARGET_COST = 0.10

UseCase = Callable[[int, bool], None]
"""One call of a use case: (call number, with its message?)."""


class InstantMailer(Mailer):
    """Accepts every message at once and only counts them."""

    def __init__(self) -> None:
        self.sent = 0

    def send(self, message: MailMessage, envelope: Envelope) -> None:
        self.sent += 1


def make_store(url: str, directory: Path) -> tuple[bootstrap.Container, list[str]]:
    keys = directory / "hogo-keys.json"
    if not keys.exists():
        FileKeyring.create(keys, SystemClock().now())
    settings = Settings(
        database_url=url, key_file=keys, actor="bench", mail_log=directory / "mail.log", outbox_poll_seconds=3600
    )
    container = bootstrap.build(settings)
    migrate.upgrade(container.engine)
    container.ledger.apply(load_ledger_file(LEDGER), actor="bench")
    people = [p for p in sample_people(PEOPLE) if p.subject_kind == "customer"]
    ids = [r.person_id for r in container.subjects.acquire_many(people, system_actor("bench"))]
    return container, ids


def consent_use_case(container: bootstrap.Container, ids: list[str]) -> UseCase:
    """A consent to direct mail given (as `ConsentService.give`), with or without a confirmation mail."""
    consents, subjects, uow_factory = container.consents, container.subjects, container.uow
    actor = Actor("bench-app", Role.application)
    data = ConsentIn(kind=ConsentKind.purpose, target="direct-mail-and-catalogues", method=ConsentMethod.web_checkbox)

    def give(i: int, mail: bool) -> None:
        person_id = ids[i % len(ids)]
        index = container.ledger.index()
        with uow_factory() as uow:
            consent = consents.add(uow, subjects.person_ref(uow.session, person_id), data, index, actor)
            uow.changed(person_id)
            if mail:
                payload = {
                    "to": f"customer{i % len(ids):06d}@example.jp",
                    "subject": "同意を受け付けました / Consent received",
                    "body": f"ダイレクトメールの送付への同意を受け付けました（{consent.id}）。\n"
                    "いつでも撤回できます。\nWe received your consent to direct mail; you may withdraw it at any time.",
                }
                key = f"consent|{consent.id}"
                uow.send(Outgoing("mail", key, payload, ("person", person_id), "consent.confirmation"))
            uow.commit()

    return give


def request_use_case(container: bootstrap.Container, ids: list[str]) -> UseCase:
    """A disclosure request filed at the desk: with a reply address hogo queues the acknowledgement mail."""
    desk = Actor("bench-desk", Role.desk)

    def file(i: int, mail: bool) -> None:
        contact = ContactIn(name="山田 花子", email=f"customer{i % len(ids):06d}@example.jp" if mail else None)
        request = RequestIn(kind="disclosure", channel="phone", person_id=ids[i % len(ids)], contact=contact)
        container.requests.file(request, desk)

    return file


@contextmanager
def sender_thread(container: bootstrap.Container, delivering: bool) -> Iterator[None]:
    """The outbox's sender thread, as `hogo serve` runs it: a commit that queues a message wakes it. With
    `delivering` false it wakes and does nothing (its `deliver_due` is a no-op), so only the enqueue is timed."""
    outbox = container.outbox
    if not delivering:
        outbox.deliver_due = lambda limit=1000: DeliveryRun()  # type: ignore[method-assign]
    outbox.start()
    try:
        yield
    finally:
        outbox.stop()
        if not delivering:
            del outbox.deliver_due


def timed(call: UseCase, start: int, n: int, mail: bool) -> float:
    started = time.perf_counter()
    for i in range(start, start + n):
        call(i, mail)
    return time.perf_counter() - started


class WriteTimer:
    """Seconds spent in the outbox's part of the commit (`Outbox.write`: seal, INSERT … ON CONFLICT DO NOTHING)."""

    def __init__(self, container: bootstrap.Container) -> None:
        self.seconds = 0.0
        outbox = container.outbox
        write = type(outbox).write

        def timed_write(session: Session, pending: Pending) -> None:
            started = time.perf_counter()
            write(outbox, session, pending)
            self.seconds += time.perf_counter() - started

        outbox.write = timed_write  # type: ignore[method-assign]


def measure(call: UseCase, calls: int, rounds: int, writes: WriteTimer) -> dict[str, Any]:
    """`rounds` rounds of `calls` calls with and `calls` without the message, alternating call by call (so that
    both variants see the same load and disk), each call timed on its own."""
    call(0, False)  # warm caches (ledger index, compiled statements) and connections
    call(1, True)
    without: list[float] = []
    with_: list[float] = []
    each: dict[bool, list[float]] = {False: [], True: []}
    n, writing = 2, 0.0
    for _ in range(rounds):
        spent = {False: 0.0, True: 0.0}
        for i in range(2 * calls):
            mail = i % 2 == 1
            before, started = writes.seconds, time.perf_counter()
            call(n + i, mail)
            took = time.perf_counter() - started
            spent[mail] += took
            each[mail].append(took)
            if mail:
                writing += writes.seconds - before
        without.append(spent[False] / calls)
        with_.append(spent[True] / calls)
        n += 2 * calls
    base_us, mail_us = statistics.median(without) * 1e6, statistics.median(with_) * 1e6
    paired = [100 * (m - b) / b for b, m in zip(without, with_, strict=True)]
    base_p50, mail_p50 = statistics.median(each[False]) * 1e6, statistics.median(each[True]) * 1e6
    return {
        "calls_per_round": calls,
        "rounds": rounds,
        "messages_per_s": round(1e6 / mail_us),
        "use_case_per_s_without_message": round(1e6 / base_us),
        "us_per_call_without_message": round(base_us, 1),
        "us_per_call_with_message": round(mail_us, 1),
        "message_cost_us": round(mail_us - base_us, 1),
        "message_cost_pct": round(100 * (mail_us - base_us) / base_us, 1),
        "message_cost_pct_per_round": [round(x, 1) for x in paired],
        "p50_us_per_call_without_message": round(base_p50, 1),
        "p50_us_per_call_with_message": round(mail_p50, 1),
        "p50_message_cost_pct": round(100 * (mail_p50 - base_p50) / base_p50, 1),
        "outbox_write_us_per_message": round(writing / (rounds * calls) * 1e6, 1),
        "load_after": load(),
    }


def pending(container: bootstrap.Container) -> int:
    with container.uow(read_only=True) as uow:
        return uow.session.execute(
            select(func.count()).select_from(OutboxMessage).where(OutboxMessage.state == "pending")
        ).scalar_one()


def delivery(container: bootstrap.Container, mailer: InstantMailer) -> dict[str, Any]:
    """`deliver_due` (1,000 at a time, as the sender thread does) with the instant mailer until nothing is queued,
    in this thread: per message a claim (UPDATE, commit), the send, the outcome (UPDATE + audit event, commit)."""
    queued = pending(container)
    before, started, runs = mailer.sent, time.perf_counter(), DeliveryRun()
    while (run := container.outbox.deliver_due(limit=1000)).total:
        runs += run
    seconds = time.perf_counter() - started
    return {
        "queued_before": queued,
        "queued_after": pending(container),
        "delivered": runs.sent,
        "mailer_accepted": mailer.sent - before,
        "not_sent": runs.total - runs.sent,
        "messages_per_s": round(runs.sent / seconds),
        "us_per_message": round(seconds / max(runs.sent, 1) * 1e6, 1),
        "load_after": load(),
    }


def while_delivering(container: bootstrap.Container, call: UseCase, mailer: InstantMailer, calls: int) -> Any:
    """Enqueue `calls` messages while the sender thread delivers them (as in `hogo serve`)."""
    before = mailer.sent
    with sender_thread(container, delivering=True):
        seconds = timed(call, 10_000_000, calls, True)
        delivered_while = mailer.sent - before
    return {
        "calls": calls,
        "messages_per_s": round(calls / seconds),
        "us_per_call_with_message": round(seconds / calls * 1e6, 1),
        "delivered_meanwhile": delivered_while,
        "delivered_by_stop": mailer.sent - before,
        "load_after": load(),
    }


def profile(call: UseCase, calls: int) -> list[str]:
    """cProfile of `calls` calls with the message: the top functions by cumulative time (profiler overhead in)."""
    profiler = cProfile.Profile()
    profiler.enable()
    timed(call, 20_000_000, calls, True)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(35)
    return [line for line in out.getvalue().splitlines() if line.strip()]


def commit_floor(url: str, directory: Path, n: int) -> dict[str, Any]:
    """The least a transaction costs on this store and disk: one INSERT of an outbox-sized row and COMMIT, through
    the bare driver (SQLite: a file of its own, WAL as hogo sets it; PostgreSQL: a table in the same database)."""
    rows = [(f"ob_{i:020d}", f"floor|{i}", os.urandom(400)) for i in range(n)]
    if url.startswith("sqlite"):
        conn = sqlite3.connect(directory / "floor.db", isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE floor (id TEXT PRIMARY KEY, key TEXT UNIQUE, payload BLOB)")
        started = time.perf_counter()
        for row in rows:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO floor VALUES (?, ?, ?)", row)
            conn.execute("COMMIT")
        seconds = time.perf_counter() - started
        conn.close()
    else:
        with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as pg:
            pg.execute("CREATE TABLE bench_floor (id TEXT PRIMARY KEY, key TEXT UNIQUE, payload BYTEA)")
            pg.commit()
            started = time.perf_counter()
            for row in rows:
                pg.execute("INSERT INTO bench_floor VALUES (%s, %s, %s)", row)
                pg.commit()
            seconds = time.perf_counter() - started
    return {"transactions": n, "per_s": round(n / seconds), "us_per_transaction": round(seconds / n * 1e6, 1)}


def batch_enqueue(container: bootstrap.Container, batch: int = 100, transactions: int = 20) -> dict[str, Any]:
    """A use case that tells many people at once (a policy-change notice): one unit of work, one audit event,
    `batch` mails queued. Messages per second enqueued, with the sender thread only woken (as above)."""
    started = time.perf_counter()
    for t in range(transactions):
        with container.uow() as uow:
            for i in range(batch):
                payload = {
                    "to": f"p{i}@example.jp",
                    "subject": "プライバシーポリシー改定のお知らせ",
                    "body": "本文" * 200,
                }
                uow.send(Outgoing("mail", f"notice|{t}|{i}|{time.time_ns()}", payload, ("notice", str(t)), "notice"))
            uow.record(actor="bench", action="notice.sent", entity_type="notice", entity_id=str(t), data={"n": batch})
            uow.commit()
    seconds = time.perf_counter() - started
    return {"batch": batch, "transactions": transactions, "messages_per_s": round(batch * transactions / seconds)}


def run(url: str, directory: Path, args: argparse.Namespace) -> dict[str, Any]:
    container, ids = make_store(url, directory)
    mailer = InstantMailer()
    container.outbox.mailer = mailer
    try:
        use_cases = {
            "consent": consent_use_case(container, ids),
            "request": request_use_case(container, ids),
        }
        results: dict[str, Any] = {"store": container.engine.dialect.name, "load_at_start": load()}
        results["commit_floor_bare_driver"] = commit_floor(url, directory, args.calls)
        writes = WriteTimer(container)
        with sender_thread(container, delivering=False):
            for name, call in use_cases.items():
                results[name] = measure(call, args.calls, args.rounds, writes)
            results["notice_to_many"] = batch_enqueue(container)
            if args.profile:
                results["profile_consent_with_message"] = profile(use_cases["consent"], args.calls)
        results["delivery"] = delivery(container, mailer)
        results["consent_while_sender_delivers"] = while_delivering(container, use_cases["consent"], mailer, args.calls)
        return results
    finally:
        container.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--calls", type=int, default=1000, help="calls per round and variant")
    parser.add_argument("--rounds", type=int, default=5, help="rounds, each with and without the message")
    parser.add_argument("--profile", action="store_true", help="cProfile the consent use case with its message")
    parser.add_argument("--quick", action="store_true", help="200 calls, 3 rounds")
    args = parser.parse_args()
    if args.quick:
        args.calls, args.rounds = 200, 3
    figures = []
    with tempfile.TemporaryDirectory(prefix="hogo-bench-") as tmp:
        if args.store in ("sqlite", "both"):
            figures.append(run(f"sqlite:///{tmp}/hogo.db", Path(tmp), args))
        if args.store in ("postgresql", "both"):
            with throwaway_database() as url:
                figures.append(run(url, Path(tmp), args))
    out = {
        "bench": "outbox",
        "results": figures,
        "target": {"messages_per_s": TARGET_PER_S, "message_cost_pct_at_most": TARGET_COST * 100},
        "enqueue_timing": "sender thread started and woken by each commit, its deliver_due a no-op while timed",
        "mailer": "instant (accepts and counts)",
        "load_at_start": LOAD_AT_START,
        "load_at_end": load(),
    }
    print(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
