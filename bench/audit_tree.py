"""The audit log's Merkle tree: what it costs to append, how big a proof is, how fast proofs and the log verify.

Figures, all in one run on SQLite files in a temporary directory:

- **append cost**: two stores, one keeping the tree (`AuditService`) and one the chain alone (`tree=False`, the
  baseline), fed the same events in alternating batches so that load on the machine hits both alike; one event per
  transaction (a use case) and 1,000 per transaction (the decision log's batches). Target: ≤ 1.2×.
- **full verify** against a signed checkpoint (`CheckpointService.verify`: bodies read in bulk, in several
  processes), and in one process; with a bare SHA-256 over the same bodies in memory as the baseline. Target
  ≥ 1,000,000 events/s.
- **incremental verify** of 10,000 events appended after a trusted checkpoint (`verify_from`). Target < 50 ms.
- **proofs**: generation time, JSON size, verification rate with the checkpoint's signature and without. The size
  at 10,000,000 events is computed from the tree's depth (24 hashes), not built. Targets ≤ 1 KB, ≥ 10,000/s.

    python bench/audit_tree.py [--events N] [--workers W]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import math
import random
import tempfile
import time
from pathlib import Path

from sqlalchemy import select
from support import load

from hogo.audit import merkle
from hogo.audit.checkpoints import CheckpointService, verify_bundle, verify_inclusion_bundle
from hogo.audit.keys import AuditKeyFile
from hogo.audit.models import AuditEvent
from hogo.audit.note import Checkpoint, open_checkpoint
from hogo.audit.service import AuditService
from hogo.clock import SystemClock
from hogo.db import migrate
from hogo.db.session import make_engine, make_session_factory
from hogo.db.uow import UnitOfWorkFactory

PURPOSES = ("order-fulfilment", "customer-support", "direct-mail-and-catalogues", "fraud-prevention")


def entries(start: int, stop: int) -> list[tuple[str, str, str, dict[str, object]]]:
    return [
        (
            "usage.decided",
            "person",
            f"{i * 2654435761 % 2**64:016x}{i:016x}",
            {"purpose": PURPOSES[i % 4], "items": ["email", "postal_address"], "reason": "notified", "n": i},
        )
        for i in range(start, stop)
    ]


class Store:
    def __init__(self, path: Path, *, tree: bool) -> None:
        self.engine = make_engine(f"sqlite:///{path}")
        migrate.upgrade(self.engine)
        self.uow = UnitOfWorkFactory(
            make_session_factory(self.engine), make_session_factory(self.engine, read_only=True)
        )
        self.audit = AuditService(self.uow, SystemClock(), tree=tree)
        self.uow.participants.append(self.audit)
        self.count = 0

    def append(self, n: int, per_transaction: int) -> float:
        started = time.perf_counter()
        for at in range(self.count, self.count + n, per_transaction):
            with self.uow() as unit:
                unit.record_many(actor="hogo:usage", entries=entries(at, min(at + per_transaction, self.count + n)))
                unit.commit()
        self.count += n
        return time.perf_counter() - started


def append_cost(directory: Path, events: int, per_transaction: int) -> dict[str, object]:
    """Tree and chain-only stores fed alternately, `per_transaction` events per transaction."""
    with_tree, without = (
        Store(directory / f"tree-{per_transaction}.db", tree=True),
        Store(directory / f"chain-{per_transaction}.db", tree=False),
    )
    step = max(per_transaction, events // 20)
    spent = {"tree": 0.0, "chain": 0.0}
    for turn, _ in enumerate(range(0, events, step)):
        first, second = ("chain", "tree") if turn % 2 else ("tree", "chain")  # neither always runs first
        for name in (first, second):
            spent[name] += (with_tree if name == "tree" else without).append(step, per_transaction)
    with_tree.engine.dispose()
    without.engine.dispose()
    return {
        "events": with_tree.count,
        "events_per_transaction": per_transaction,
        "tree_events_per_s": round(with_tree.count / spent["tree"]),
        "chain_only_events_per_s": round(without.count / spent["chain"]),
        "ratio": round(spent["tree"] / spent["chain"], 3),
        "target_ratio": 1.2,
    }


def verification(directory: Path, events: int, workers: int | None) -> dict[str, object]:
    store = Store(directory / "log.db", tree=True)
    store.append(events, 10_000)
    keys = AuditKeyFile(directory / "hogo-audit.key")
    keys.create("bench.example/audit")
    checkpoints = CheckpointService(store.uow, SystemClock(), keys)
    checkpoint = checkpoints.write()
    figures: dict[str, object] = {"events": checkpoint.size, "load_before": load()}

    started = time.perf_counter()
    report = checkpoints.verify(checkpoint.note, workers=workers)
    full = time.perf_counter() - started
    assert report.ok, report.problem
    started = time.perf_counter()
    assert checkpoints.verify(checkpoint.note, workers=1).ok
    serial = time.perf_counter() - started
    with store.uow(read_only=True) as unit:
        bodies = list(unit.session.execute(select(AuditEvent.body).order_by(AuditEvent.seq)).scalars())
    started = time.perf_counter()
    assert merkle.root_of_leaves([hashlib.sha256(b"\x00" + b).digest() for b in bodies[: checkpoint.size]])
    bare = time.perf_counter() - started
    del bodies
    figures["full_verify"] = {
        "workers": workers,
        "events_per_s_in_workers": round(report.events / full),
        "one_process_events_per_s": round(report.events / serial),
        "baseline_bare_tree_in_memory_events_per_s": round(report.events / bare),
        "target": 1_000_000,
    }

    store.append(10_000, 100)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        incremental, _root = checkpoints.verify_from(checkpoint.note)
        timings.append(time.perf_counter() - started)
        assert incremental.ok and incremental.events == 10_001, incremental  # and the checkpoint's event
    figures["incremental_verify_10001_events_ms"] = {
        "best": round(min(timings) * 1000, 1),
        "median": round(sorted(timings)[2] * 1000, 1),
        "target_below": 50,
    }

    figures["proofs"] = proofs(checkpoints, checkpoint, keys)
    figures["load_after"] = load()
    store.engine.dispose()
    return figures


def proofs(checkpoints: CheckpointService, checkpoint: Checkpoint, keys: AuditKeyFile) -> dict[str, object]:
    """1,000 proofs of random events: how long to make, how big, how fast to check."""
    rng = random.Random(16)
    seqs = [rng.randrange(1, checkpoint.size + 1) for _ in range(1000)]
    started = time.perf_counter()
    bundles = [checkpoints.prove(seq, checkpoint) for seq in seqs]
    generation = (time.perf_counter() - started) / len(seqs)
    verifiers = keys.verifiers()
    started = time.perf_counter()
    for _ in range(10):
        for bundle in bundles:
            verify_bundle(bundle, verifiers)
    signed_rate = 10 * len(bundles) / (time.perf_counter() - started)
    opened = open_checkpoint(checkpoint.note, verifiers)
    started = time.perf_counter()
    for _ in range(10):
        for bundle in bundles:
            verify_inclusion_bundle(bundle, opened)
    bundle_rate = 10 * len(bundles) / (time.perf_counter() - started)
    decoded = [
        (b["leaf_index"], merkle.leaf_hash(b["body"].encode()), [base64.b64decode(h) for h in b["inclusion"]])
        for b in bundles
    ]
    started = time.perf_counter()
    for _ in range(10):
        for index, leaf, path in decoded:
            merkle.verify_inclusion(index, checkpoint.size, leaf, path, checkpoint.root)
    path_rate = 10 * len(decoded) / (time.perf_counter() - started)
    sample = bundles[0]
    depth = len(sample["inclusion"])
    json_size = len(json.dumps(sample, ensure_ascii=False).encode())
    at_10m = math.ceil(math.log2(10_000_000))
    hash_json = len(json.dumps(sample["inclusion"][:1])) - 2 + 2  # one base64 hash, quoted, and ", "
    return {
        "depth_at_events": depth,
        "proof_hashes_bytes": depth * 32,
        "bundle_json_bytes": json_size,
        "generation_ms": round(generation * 1000, 2),
        "verify_with_signature_per_s": round(signed_rate),
        "verify_bundles_against_one_opened_checkpoint_per_s": round(bundle_rate),
        "verify_path_only_per_s": round(path_rate),
        "target_verify_per_s": 10_000,
        "at_10M_events_depth": at_10m,
        "at_10M_proof_hashes_bytes": at_10m * 32,
        "at_10M_bundle_json_bytes_computed": json_size + (at_10m - depth) * hash_json,
        "at_10M_computed_from_depth_not_built": True,
        "target_proof_bytes": 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="events in the verified log")
    parser.add_argument("--append-events", type=int, default=2_000, help="events per store, one per transaction")
    parser.add_argument("--workers", type=int, default=2, help="verification processes (default: 2)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        result = {
            "bench": "audit_tree",
            "database": "sqlite",
            "load_start": load(),
            "append_one_per_transaction": append_cost(directory, args.append_events, 1),
            "append_1000_per_transaction": append_cost(directory, args.append_events * 50, 1000),
            "verification": verification(directory, args.events, args.workers),
        }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
