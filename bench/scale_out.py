"""Two `hogo serve` processes on one PostgreSQL database: how long a withdrawal or an erasure made through one takes
to reach the other's decisions, and whether the other ever answers wrong once it has.

A throw-away PostgreSQL database is prepared with the CLI (`hogo keys init`, `hogo db upgrade`,
`hogo ledger apply examples/japanet/ledger.yaml`, `hogo apikey create --role officer`). For each
HOGO_DECISION_CACHE_SECONDS asked for, two real `hogo serve --port …` subprocesses, A and B, are started on it
(same HOGO_DATABASE_URL and HOGO_KEY_FILE; the jobs and outbox threads on, as by default), and 2 × `trials`
customers are recorded through A's REST API, each with a consent to direct mail given with the data.

Throughout, a thread asks B about another person every 20 ms, so that B reads the change journal once per
interval all the time, as a server in use does (an idle server reads it only when asked).

Withdrawal trial: B and A are asked `POST /api/v1/decisions/use` (name+address for direct mail) until both
allow it, so that B holds the person's facts in its cache; a random pause of 0–1 × the cache interval puts the
change at a random point of B's polling cycle; then `POST /api/v1/consents/{id}/withdrawal` on A. From A's
2xx, B is asked the same question every ~2 ms (plus its answer's 1–3 ms) until it denies, and then on until at
least 300 ms after the deny and the configured delay + 250 ms. The delay is from A's 2xx to the arrival of B's
first deny.

Erasure trial: the same with `POST /api/v1/persons/{id}/erasure` on A (name+address for delivery, a notified
purpose), B being asked `POST /api/v1/decisions/use` and `POST /api/v1/persons/{id}/values` (name) in turn.

Wrong answers (each must be 0): an allow from B after its first deny; an allow from B to a request sent later
than the configured delay + 100 ms after A's 2xx; a value returned by B to a request sent after A's 2xx
(erasure); an allow from A itself after its own 2xx (checked once the trial's window has passed).

    .venv/bin/python bench/scale_out.py [--trials 100] [--cache-seconds 1 0.25] [--kinds withdrawal erasure]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from support import free_port, load, percentiles, throwaway_database

from hogo.adapters.sample_people import sample_people

LOAD_AT_START = load()
ROOT = Path(__file__).resolve().parent.parent
LEDGER = ROOT / "examples" / "japanet" / "ledger.yaml"
HOGO = shutil.which("hogo", path=str(Path(sys.executable).parent)) or "hogo"
DIRECT_MAIL = "direct-mail-and-catalogues"
DELIVERY = "delivery-and-installation"
SLACK = 0.1
"""The target: B denies at most this long after the configured cache interval."""
TAIL = 0.3
"""How long B is still asked after its first deny (and after the configured delay + 250 ms)."""
GAP = 0.002
"""Pause between two questions to B while it is watched (its answer takes 1–3 ms more)."""
TRAFFIC_EVERY = 0.02
"""B's background traffic: a decision about another person every 20 ms, so that B polls the journal all the time
(as a server in use does) and a change lands at a uniformly random point of its polling cycle."""


def cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([HOGO, *args], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"hogo {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    client: httpx.Client

    def decide(self, person_id: str, purpose: str) -> tuple[float, float, dict[str, Any]]:
        """(sent, answered, decision) of `POST /decisions/use` for name+address."""
        body = {"person_id": person_id, "items": ["name", "address"], "purpose": purpose}
        sent = time.perf_counter()
        response = self.client.post("/api/v1/decisions/use", json=body)
        answered = time.perf_counter()
        if response.status_code != 200:
            raise RuntimeError(f"{self.name}: decisions/use answered {response.status_code}: {response.text[:300]}")
        return sent, answered, response.json()

    def values(self, person_id: str) -> tuple[float, float, int, dict[str, Any]]:
        """(sent, answered, status, body) of `POST /persons/{id}/values` for the name, for delivery."""
        sent = time.perf_counter()
        response = self.client.post(
            f"/api/v1/persons/{person_id}/values", json={"items": ["name"], "purpose": DELIVERY}
        )
        answered = time.perf_counter()
        return sent, answered, response.status_code, response.json()

    def stop(self) -> None:
        self.client.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_server(name: str, env: dict[str, str], token: str, log: Path) -> Server:
    port = free_port()
    with log.open("ab") as out:
        process = subprocess.Popen([HOGO, "serve", "--port", str(port)], env=env, stdout=out, stderr=subprocess.STDOUT)
    client = httpx.Client(
        base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {token}"}, timeout=30.0
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            if client.get("/api/v1/notice").status_code == 200:
                return Server(name, process, client)
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"hogo serve ({name}) did not start; see {log}")
        time.sleep(0.2)


class Traffic:
    """Decisions about one other person sent to a server every TRAFFIC_EVERY seconds, from a thread of its own."""

    def __init__(self, server: Server, person_id: str, token: str) -> None:
        self._client = httpx.Client(
            base_url=str(server.client.base_url), headers={"Authorization": f"Bearer {token}"}, timeout=30.0
        )
        self._body = {"person_id": person_id, "items": ["name", "address"], "purpose": DELIVERY}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="traffic", daemon=True)
        self.sent = 0
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(TRAFFIC_EVERY):
            self._client.post("/api/v1/decisions/use", json=self._body).raise_for_status()
            self.sent += 1

    def stop(self) -> int:
        self._stop.set()
        self._thread.join(timeout=30)
        self._client.close()
        return self.sent


@dataclass
class Trial:
    delay_s: float | None = None
    """From A's 2xx to the arrival of B's first deny (decisions/use)."""
    values_delay_s: float | None = None
    """Erasure: from A's 2xx to the arrival of B's first 200 from the values endpoint that is denied."""
    asked: int = 0
    allowed_after_deny: int = 0
    allowed_late: int = 0
    values_after_commit: int = 0
    a_allowed_after_own_change: int = 0
    values_statuses: Counter[str] = field(default_factory=Counter)


def record_people(a: Server, n: int) -> list[tuple[str, str]]:
    """n customers recorded through A's API, each with a consent to direct mail: (person id, consent id)."""
    people: list[tuple[str, str]] = []
    for i, data in enumerate(p for p in sample_people(3 * n + 10) if p.subject_kind == "customer"):
        if len(people) == n:
            break
        body = data.model_dump(mode="json", exclude_none=True)
        body["identifiers"] = [{"kind": "member_id", "value": f"S{time.time_ns()}{i}"}]  # new people on every run
        body["consents"] = [{"kind": "purpose", "target": DIRECT_MAIL, "method": "paper_form"}]
        response = a.client.post("/api/v1/persons", json=body)
        if response.status_code != 201:
            raise SystemExit(f"recording a person failed: {response.status_code} {response.text[:300]}")
        created = response.json()
        people.append((created["person_id"], created["consents"][0]))
    return people


def until_allowed(server: Server, person_id: str, purpose: str) -> None:
    for _ in range(100):
        if server.decide(person_id, purpose)[2]["allowed"]:
            return
        time.sleep(0.05)
    raise RuntimeError(f"{server.name} never allowed {purpose} for {person_id} before the change")


def trial(
    a: Server, b: Server, kind: str, person_id: str, consent_id: str, cache_s: float, rng: random.Random
) -> Trial:
    purpose = DIRECT_MAIL if kind == "withdrawal" else DELIVERY
    until_allowed(b, person_id, purpose)
    until_allowed(a, person_id, purpose)
    if kind == "erasure":
        status = b.values(person_id)[2]
        if status != 200:
            raise RuntimeError(f"B's values endpoint answered {status} before the erasure")
    time.sleep(rng.uniform(0, cache_s))
    if kind == "withdrawal":
        response = a.client.post(f"/api/v1/consents/{consent_id}/withdrawal", json={"method": "web_checkbox"})
    else:
        response = a.client.post(f"/api/v1/persons/{person_id}/erasure", json={"reference": "bench scale-out"})
    committed = time.perf_counter()
    if not response.is_success:
        raise RuntimeError(f"A answered {response.status_code} to the {kind}: {response.text[:300]}")
    result = Trial()
    late = committed + cache_s + SLACK
    watch_until = committed + cache_s + 0.25
    first_deny: float | None = None
    while True:
        sent, answered, decision = b.decide(person_id, purpose)
        result.asked += 1
        if decision["allowed"]:
            result.allowed_after_deny += first_deny is not None
            result.allowed_late += sent > late
        elif first_deny is None:
            first_deny = answered
            result.delay_s = answered - committed
        if kind == "erasure":
            sent, answered, status, body = b.values(person_id)
            result.asked += 1
            allowed = body.get("decision", {}).get("allowed") if status == 200 else None
            answer = "" if allowed is None else " allowed" if allowed else " denied"
            result.values_statuses[f"{status}{answer}"] += 1
            if status == 200 and body.get("values"):
                result.values_after_commit += 1
            if status == 200 and allowed is False and result.values_delay_s is None:
                result.values_delay_s = answered - committed
        now = time.perf_counter()
        if first_deny is not None and now > max(first_deny + TAIL, watch_until):
            break
        if now > committed + cache_s + 10:
            break  # never denied: reported as a missing delay
        time.sleep(GAP)
    result.a_allowed_after_own_change = int(a.decide(person_id, purpose)[2]["allowed"])
    if kind == "erasure":
        status, body = a.values(person_id)[2:]
        result.values_after_commit += int(status == 200 and bool(body.get("values")))
    return result


def summarise(kind: str, cache_s: float, trials: list[Trial]) -> dict[str, Any]:
    delays = [t.delay_s * 1000 for t in trials if t.delay_s is not None]
    target_ms = (cache_s + SLACK) * 1000
    p = percentiles(delays, 1)
    out: dict[str, Any] = {
        "kind": kind,
        "decision_cache_seconds": cache_s,
        "trials": len(trials),
        "delay_ms": p,
        "target_p99_ms": round(target_ms),
        "target_met": len(delays) == len(trials) and p.get("p99", p.get("max", 0)) <= target_ms,
        "never_denied": len(trials) - len(delays),
        "wrong": {
            "allowed_by_B_after_its_first_deny": sum(t.allowed_after_deny for t in trials),
            "allowed_by_B_later_than_delay_plus_100ms": sum(t.allowed_late for t in trials),
            "allowed_by_A_after_its_own_2xx": sum(t.a_allowed_after_own_change for t in trials),
        },
        "requests_to_B": sum(t.asked for t in trials),
        "load": load(),
    }
    if kind == "erasure":
        out["wrong"]["values_returned_after_erasure_committed"] = sum(t.values_after_commit for t in trials)
        out["values_delay_ms"] = percentiles([t.values_delay_s * 1000 for t in trials if t.values_delay_s], 1)
        statuses: Counter[str] = Counter()
        for t in trials:
            statuses.update(t.values_statuses)
        out["values_answers_from_B"] = dict(statuses)
    return out


def run(env: dict[str, str], token: str, cache_s: float, kinds: list[str], n: int, logs: Path) -> list[dict[str, Any]]:
    env = {**env, "HOGO_DECISION_CACHE_SECONDS": str(cache_s)}
    a = start_server("A", env, token, logs / f"a-{cache_s}.log")
    try:
        b = start_server("B", env, token, logs / f"b-{cache_s}.log")
        try:
            people = record_people(a, n * len(kinds) + 1)
            traffic = Traffic(b, people.pop()[0], token)
            rng = random.Random(19)
            results = []
            try:
                for k, kind in enumerate(kinds):
                    started = time.perf_counter()
                    done = [trial(a, b, kind, p, c, cache_s, rng) for p, c in people[k * n : (k + 1) * n]]
                    seconds = round(time.perf_counter() - started, 1)
                    results.append(summarise(kind, cache_s, done) | {"seconds": seconds})
                    print(json.dumps(results[-1]), file=sys.stderr)
            finally:
                background = traffic.stop()
            for result in results:
                result["background_decisions_to_B"] = background
            return results
        finally:
            b.stop()
    finally:
        a.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=100, help="trials per kind and cache interval")
    parser.add_argument("--cache-seconds", type=float, nargs="+", default=[1.0, 0.25])
    parser.add_argument("--kinds", nargs="+", choices=["withdrawal", "erasure"], default=["withdrawal", "erasure"])
    parser.add_argument("--keep-logs", type=Path, default=None, help="copy the servers' logs to this folder")
    args = parser.parse_args()
    figures: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="hogo-bench-") as tmp, throwaway_database() as url:
        directory = Path(tmp)
        env = {
            **os.environ,
            "HOGO_DATABASE_URL": url,
            "HOGO_KEY_FILE": str(directory / "hogo-keys.json"),
            "HOGO_MAIL_LOG": str(directory / "mail.log"),
            "HOGO_ACTOR": "bench",
        }
        cli(env, "keys", "init")
        cli(env, "db", "upgrade")
        cli(env, "ledger", "apply", str(LEDGER))
        token = cli(env, "apikey", "create", "bench-scale-out", "--role", "officer").strip().splitlines()[-1]
        for cache_s in args.cache_seconds:
            figures += run(env, token, cache_s, args.kinds, args.trials, directory)
        if args.keep_logs:
            args.keep_logs.mkdir(parents=True, exist_ok=True)
            for log in directory.glob("*.log"):
                shutil.copy(log, args.keep_logs / log.name)
    print(
        json.dumps(
            {
                "bench": "scale_out",
                "servers": "2 × `hogo serve` (1 worker each), one PostgreSQL database",
                "results": figures,
                "load_at_start": LOAD_AT_START,
                "load_at_end": load(),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
