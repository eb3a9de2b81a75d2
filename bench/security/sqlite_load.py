"""Probe 5 — SQLite under `hogo serve --workers 2` with 16 concurrent writers for 60 s.

Each writer records persons (`POST /api/v1/persons`, one write transaction each: person, data key, records,
identifier digests, audit event) one after another on its own connection. Counts answers per status (500s
should be 0; a 503 must carry Retry-After), write latency p50/p99/max, and checks the audit chain afterwards.
Prints JSON.

    .venv/bin/python bench/security/sqlite_load.py [--writers 16] [--seconds 60]
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from collections import Counter

import httpx
from common import Server, bearer, cli, demo_store, emit, workdir


def writer(base: str, key: str, n: int, stop: float, out: list, statuses: Counter, lock: threading.Lock) -> None:
    client = httpx.Client(base_url=base, headers=bearer(key), timeout=30)
    i = 0
    while time.monotonic() < stop:
        i += 1
        body = {
            "subject_kind": "customer",
            "channel": "internet",
            "purposes": ["delivery-and-installation"],
            "identifiers": [{"kind": "member_id", "value": f"L{n:02d}{i:07d}"}],
            "values": {"name": f"負荷 {n}-{i}", "address": "東京都千代田区丸の内1-1-1", "phone": "090-1234-5678"},
        }
        t0 = time.monotonic()
        try:
            r = client.post("/api/v1/persons", json=body)
            status, retry = r.status_code, r.headers.get("retry-after")
        except httpx.HTTPError as exc:
            status, retry = f"error {type(exc).__name__}", None
        ms = (time.monotonic() - t0) * 1000
        with lock:
            statuses[status] += 1
            out.append((ms, status, retry))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--writers", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=60)
    args = ap.parse_args()
    d = workdir("load")
    store = demo_store(d / "demo", people=20)
    env, key = store["env"], store["keys"]["officer"]
    out: list = []
    statuses: Counter = Counter()
    lock = threading.Lock()
    with Server(env, workers=2, log=d / "serve.log") as srv:
        stop = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=writer, args=(srv.url, key, n, stop, out, statuses, lock))
            for n in range(args.writers)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    ok = sorted(ms for ms, s, _ in out if s == 201)
    every = sorted(ms for ms, _, _ in out)
    busy = [r for _, s, r in out if s == 503]
    verify = cli(env, "audit", "verify", check=False)
    log = (d / "serve.log").read_text(errors="replace")

    def pct(xs: list[float], p: float) -> float | None:
        return round(xs[min(len(xs) - 1, int(len(xs) * p))], 1) if xs else None

    emit(
        {
            "probe": "sqlite-load",
            "writers": args.writers,
            "seconds": args.seconds,
            "workers": 2,
            "writes": len(out),
            "statuses": {str(k): v for k, v in sorted(statuses.items(), key=str)},
            "server_errors": sum(v for k, v in statuses.items() if isinstance(k, int) and k >= 500 and k != 503),
            "busy_503": len(busy),
            "busy_503_without_retry_after": sum(1 for r in busy if not r),
            "writes_per_s": round(len(out) / args.seconds, 1),
            "latency_ms_created": {"p50": pct(ok, 0.5), "p99": pct(ok, 0.99), "max": round(ok[-1], 1) if ok else None},
            "latency_ms_all": {
                "p50": pct(every, 0.5),
                "p99": pct(every, 0.99),
                "mean": round(statistics.mean(every), 1) if every else None,
            },
            "audit_verify_exit": verify.returncode,
            "audit_verify": verify.stdout.strip().splitlines()[-1:] if verify.stdout else verify.stderr[-300:],
            "tracebacks_in_server_log": log.count("Traceback"),
        }
    )


if __name__ == "__main__":
    main()
