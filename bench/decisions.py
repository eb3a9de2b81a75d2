"""How many use decisions per second `check_use` makes in process, audit batches included, against pycasbin.

The store holds the Japanet example ledger and sample people (bench: 1,000). The request mix is generated
from those people: uses within the purposes notified at acquisition (allowed), direct mail to customers
who were not told about it (denied: purpose not notified), direct mail to the customers who consented
(allowed: consent), and direct mail over a job applicant's entry sheet (denied: the notice excludes the
recruitment category). The decision cache is warm (one pass over every request first) and the timed loop
ends with `usage.flush()`, so the batched audit writes are inside the figure.

The baseline is pycasbin (FastEnforcer indexed on person and item, so it does not scan every policy
line) with bench/casbin_model.conf and a policy generated from the same people; every request of the mix
is checked to get the same allowed/denied answer from both before anything is timed.

The second baseline is Cedar (`cedarpy`, the Rust engine) on the same model: one Cedar entity per item
held of a person (`Record::"person/item"`) whose parents are `Allowed::"purpose"` for the lines pycasbin
allows and `Denied::"purpose"` for the lines it denies, and two policies per purpose (`permit … resource in
Allowed::"p"`, `forbid … resource in Denied::"p"`; Cedar denies what no policy permits). The policy set and
the entities are parsed once into cedarpy's `PolicySet` and `Entities` handles and reused by every call;
a decision is one `is_authorized_batch` call with one request per item (allowed when every item is), and
its answers are checked against hogo's on every request before it is timed.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import random
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import casbin
import cedarpy

from hogo import bootstrap
from hogo.adapters.keyring import FileKeyring
from hogo.adapters.sample_people import sample_people
from hogo.clock import SystemClock
from hogo.identity.policy import system_actor
from hogo.ledger.compiled import LedgerIndex
from hogo.ledger.loader import load_ledger_file
from hogo.settings import Settings
from hogo.subjects.schemas import AcquisitionIn
from hogo.usage.policy import decide
from hogo.usage.service import UsageService

LOAD_AT_START = round(os.getloadavg()[0], 2)
"""The machine's 1-minute load when the benchmark started: other work on the cores skews the figures."""
ROOT = Path(__file__).resolve().parent.parent
LEDGER = ROOT / "examples" / "japanet" / "ledger.yaml"
CASBIN_MODEL = Path(__file__).resolve().parent / "casbin_model.conf"
DIRECT_MAIL = "direct-mail-and-catalogues"

Request = tuple[str, tuple[str, ...], str]
"""(person id, items, purpose)."""


def make_store(
    directory: Path, people: int, *, database_url: str | None = None, batch: int = 500
) -> tuple[bootstrap.Container, list[AcquisitionIn], list[str]]:
    """A store in `directory` (or at `database_url`) with the Japanet ledger and `people` sample people."""
    key_file = directory / "hogo-keys.json"
    if not key_file.exists():
        FileKeyring.create(key_file, SystemClock().now())
    url = database_url or f"sqlite:///{directory / 'hogo.db'}"
    container = bootstrap.build(Settings(database_url=url, actor="bench", key_file=key_file))
    bootstrap.ensure_schema(container)
    container.ledger.apply(load_ledger_file(LEDGER), actor="bench")
    acquisitions = list(sample_people(people))
    actor = system_actor("bench")
    ids: list[str] = []
    for start in range(0, len(acquisitions), batch):
        ids += [r.person_id for r in container.subjects.acquire_many(acquisitions[start : start + batch], actor)]
    return container, acquisitions, ids


def request_mix(acquisitions: Sequence[AcquisitionIn], ids: Sequence[str], seed: int = 7) -> list[Request]:
    requests: list[Request] = []
    for data, person_id in zip(acquisitions, ids, strict=True):
        if data.subject_kind == "job-applicant":
            requests.append((person_id, ("entry-sheet",), "recruitment"))  # allowed: notified
            requests.append((person_id, ("entry-sheet",), DIRECT_MAIL))  # denied: category excluded
        elif data.consents:
            requests.append((person_id, ("name", "address"), "delivery-and-installation"))  # allowed: notified
            requests.append((person_id, ("name", "address"), DIRECT_MAIL))  # allowed: consent
        else:
            requests.append((person_id, ("name", "address"), "delivery-and-installation"))  # allowed: notified
            requests.append((person_id, ("phone", "order-details"), "product-support"))  # allowed: notified
            requests.append((person_id, ("name", "address"), DIRECT_MAIL))  # denied: not notified
    random.Random(seed).shuffle(requests)
    return requests


def casbin_policy(container: bootstrap.Container, index: LedgerIndex, ids: Sequence[str]) -> list[list[str]]:
    """p, person, item, purpose, allow|deny lines equivalent to the hogo decisions for these people."""
    lines: list[list[str]] = []
    for person_id in ids:
        facts = container.subjects.facts(person_id)
        consented = {t for k, t in container.consents.state(person_id).active if k == "purpose"}
        for item, fact in facts.items.items():
            category = index.items[item].category
            for purpose, rule in index.purposes.items():
                if category in rule.excluded_categories:  # hogo checks this before the subject kind too
                    lines.append([person_id, item, purpose, "deny"])
                elif facts.subject_kind not in rule.subject_kinds:
                    continue
                elif item in rule.items and (purpose in fact.purposes or purpose in consented):
                    lines.append([person_id, item, purpose, "allow"])
    return lines


def cedar_model(index: LedgerIndex, policy: Sequence[Sequence[str]]) -> tuple[cedarpy.PolicySet, cedarpy.Entities]:
    """The pycasbin policy as Cedar: two policies per purpose, the allow/deny lines as entity parents."""
    text = "".join(
        f'permit(principal, action == Action::"{p}", resource in Allowed::"{p}");\n'
        f'forbid(principal, action == Action::"{p}", resource in Denied::"{p}");\n'
        for p in index.purposes
    )
    groups = [{"uid": {"type": kind, "id": p}, "attrs": {}, "parents": []} for p in index.purposes for kind in GROUPS]
    parents: dict[str, list[dict[str, str]]] = {}
    for person_id, item, purpose, effect in policy:
        parents.setdefault(f"{person_id}/{item}", []).append({"type": GROUPS[effect == "deny"], "id": purpose})
    records = [{"uid": {"type": "Record", "id": key}, "attrs": {}, "parents": up} for key, up in parents.items()]
    return cedarpy.PolicySet.from_str(text), cedarpy.Entities.from_json_str(json.dumps(groups + records))


GROUPS = ("Allowed", "Denied")


def cedar_requests(requests: Sequence[Request]) -> list[list[dict[str, dict[str, str]]]]:
    """One Cedar request per item of each decision (the actor is the same for all, as in the hogo loop)."""
    principal = {"type": "Actor", "id": "bench"}
    return [
        [
            {
                "principal": principal,
                "action": {"type": "Action", "id": purpose},
                "resource": {"type": "Record", "id": f"{p}/{item}"},
            }
            for item in items
        ]
        for p, items, purpose in requests
    ]


def timed(loop: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (this process) that `loop()` takes."""
    wall, cpu = time.perf_counter(), time.process_time()
    loop()
    return time.perf_counter() - wall, time.process_time() - cpu


def time_check_use(
    usage: UsageService, requests: Sequence[Request], most: int, budget: float
) -> tuple[int, float, float]:
    """Decisions made, wall and CPU seconds: `most` decisions, or fewer if `budget` seconds run out; then a flush."""
    actor = system_actor("bench")
    n_requests = len(requests)
    check_use = usage.check_use
    done = 0
    wall, cpu = time.perf_counter(), time.process_time()
    while done < most and time.perf_counter() - wall < budget:
        for i in range(done, min(done + 1000, most)):
            person_id, items, purpose = requests[i % n_requests]
            check_use(person_id, items, purpose, actor)
        done = min(done + 1000, most)
    usage.flush()
    return done, time.perf_counter() - wall, time.process_time() - cpu


def time_decide(
    container: bootstrap.Container, ids: Sequence[str], requests: Sequence[Request], expected: list[bool], most: int
) -> dict[str, int]:
    """The pure rules: decide() on the same index and facts."""
    index = container.ledger.index()
    facts = {p: container.usage._person_facts(p) for p in ids}
    prepared = [(facts[p], items, purpose) for p, items, purpose in requests]
    now = container.clock.now().timestamp()
    assert [decide(index, f, i, pu, None, now).allowed for f, i, pu in prepared] == expected
    n = len(prepared)

    def loop() -> None:
        for i in range(most):
            f, items, purpose = prepared[i % n]
            decide(index, f, items, purpose, None, now)

    wall, cpu = timed(loop)
    return {"decide_per_s": round(most / wall), "decide_per_cpu_s": round(most / cpu)}


def agree(name: str, got: list[bool], expected: list[bool]) -> None:
    mismatches = sum(a != b for a, b in zip(got, expected, strict=True))
    if mismatches:
        raise SystemExit(f"{name} disagrees with hogo on {mismatches} of {len(expected)} requests")


def time_casbin(
    policy: list[list[str]], requests: Sequence[Request], expected: list[bool], most: int
) -> dict[str, Any]:
    """pycasbin over the same requests: one `enforce` per item."""
    enforcer = casbin.FastEnforcer(str(CASBIN_MODEL), cache_key_order=[0, 1])
    enforcer.add_policies(policy)
    enforce = enforcer.enforce
    agree("pycasbin", [all(enforce(p, item, purpose) for item in items) for p, items, purpose in requests], expected)
    n = len(requests)

    def loop() -> None:
        for i in range(most):
            person_id, items, purpose = requests[i % n]
            all(enforce(person_id, item, purpose) for item in items)

    wall, cpu = timed(loop)
    calls = sum(len(requests[i % n][1]) for i in range(most))
    return {
        "casbin_decisions": most,
        "casbin_per_s": round(most / wall),
        "casbin_per_cpu_s": round(most / cpu),
        "casbin_enforce_calls_per_s": round(calls / wall),
        "casbin_policy_lines": len(policy),
        "casbin_deny_lines": sum(line[3] == "deny" for line in policy),
    }


def time_cedar(
    index: LedgerIndex, policy: list[list[str]], requests: Sequence[Request], expected: list[bool], most: int
) -> dict[str, Any]:
    """Cedar over the same requests: the policy set and the entities parsed once, one batch call per decision."""
    policies, entities = cedar_model(index, policy)
    batches = cedar_requests(requests)
    authorize = cedarpy.is_authorized_batch
    agree("Cedar", [all(r.allowed for r in authorize(batch, policies, entities)) for batch in batches], expected)
    n = len(batches)

    def loop() -> None:
        for i in range(most):
            all(r.allowed for r in authorize(batches[i % n], policies, entities))

    wall, cpu = timed(loop)
    return {
        "cedar_decisions": most,
        "cedar_per_s": round(most / wall),
        "cedar_per_cpu_s": round(most / cpu),
        "cedar_policies": 2 * len(index.purposes),
        "cedar_entities": len(entities),
        "cedar": f"cedarpy {importlib.metadata.version('cedarpy')}: PolicySet + Entities handles, is_authorized_batch",
    }


def breakdown(
    usage: UsageService, requests: Sequence[Request], batches: int = 60, size: int = 5000
) -> dict[str, float]:
    """CPU ns per decision of `check_use` alone and of the audit write (`flush`), batch by batch of `size`, with the
    writer thread's own interval out of the way (it would take batches at moments the loop cannot see)."""
    actor = system_actor("bench")
    n = len(requests)
    check_use, flush, clock = usage.check_use, usage.flush, time.process_time_ns
    usage._batch, usage._flush_seconds = 10**9, 3600.0  # the loop flushes; the writer thread waits for its hour
    deciding = writing = 0
    for _ in range(batches):
        start = clock()
        for k in range(size):
            person_id, items, purpose = requests[k % n]
            check_use(person_id, items, purpose, actor)
        middle = clock()
        flush()
        deciding, writing = deciding + middle - start, writing + clock() - middle
    total = batches * size
    return {"check_use_ns": round(deciding / total), "audit_write_ns": round(writing / total)}


def run(
    people: int,
    decisions: int,
    baseline_decisions: tuple[int, int],
    database_url: str | None,
    budget: float,
    parts: bool = False,
) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="hogo-bench-") as tmp:
        container, acquisitions, ids = make_store(Path(tmp), people, database_url=database_url)
        try:
            usage = container.usage
            actor = system_actor("bench")
            requests = request_mix(acquisitions, ids)

            # warm up: facts of every person cached, ledger index compiled; the audit batches written
            reasons = Counter(usage.check_use(p, items, purpose, actor).reason.value for p, items, purpose in requests)
            usage.flush()
            expected = [usage.check_use(p, items, purpose, actor).allowed for p, items, purpose in requests]
            usage.flush()

            check_use_n, check_use_s, check_use_cpu = time_check_use(usage, requests, decisions, budget)
            cpu_parts = {"cpu_ns_per_decision": breakdown(usage, requests)} if parts else {}
            pure = time_decide(container, ids, requests, expected, decisions)
            index = container.ledger.index()
            policy = casbin_policy(container, index, ids)
            casbin_figures = time_casbin(policy, requests, expected, baseline_decisions[0])
            cedar_figures = time_cedar(index, policy, requests, expected, baseline_decisions[1])
        finally:
            container.close()

    check_use_per_s = check_use_n / check_use_s
    return {
        "bench": "decisions",
        "people": people,
        "distinct_requests": len(requests),
        "reasons": dict(reasons.most_common()),
        "decisions": check_use_n,
        "check_use_per_s": round(check_use_per_s),
        "check_use_per_cpu_s": round(check_use_n / check_use_cpu),
        "check_use_us": round(1e6 / check_use_per_s, 2),
        **cpu_parts,
        **pure,
        **casbin_figures,
        **cedar_figures,
        "ratio_vs_casbin": round(check_use_per_s / casbin_figures["casbin_per_s"], 2),
        "ratio_vs_cedar": round(check_use_per_s / cedar_figures["cedar_per_s"], 2),
        "ratio_vs_casbin_cpu": round(check_use_n / check_use_cpu / casbin_figures["casbin_per_cpu_s"], 2),
        "ratio_vs_cedar_cpu": round(check_use_n / check_use_cpu / cedar_figures["cedar_per_cpu_s"], 2),
        "target_per_s": 200_000,
        "target_ratio": 20,
        "loadavg_1m_at_start": LOAD_AT_START,
        "loadavg_1m_at_end": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run (a few seconds)")
    parser.add_argument("--people", type=int, default=None, help="sample people to load (default 1000)")
    parser.add_argument("--database-url", default=None, help="an existing store instead of a temporary SQLite file")
    parser.add_argument(
        "--breakdown", action="store_true", help="also CPU ns per decision: check_use alone and the audit write"
    )
    args = parser.parse_args()
    people = args.people or (200 if args.quick else 1000)
    decisions, baselines, budget = (50_000, (5_000, 10_000), 3.0) if args.quick else (300_000, (50_000, 100_000), 20.0)
    print(json.dumps(run(people, decisions, baselines, args.database_url, budget, args.breakdown)))


if __name__ == "__main__":
    main()
