"""The hot path of a full verification: the tree's root recomputed from the stored bodies, read in bulk.

Only the bodies are read (the hashes need nothing else), `CHUNK` rows at a time through a raw cursor, and hashed
with list comprehensions level by level. On SQLite the log is cut into complete, aligned subtrees that worker
processes read and hash at the same time, each through its own read-only connection; the parent combines their
roots. This module imports nothing of hogo but the Merkle arithmetic, so a spawned worker starts quickly.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from hogo.audit import merkle

CHUNK = 1 << 16
PARALLEL_FROM = 1 << 18
"""Below this many events one process is faster than starting workers."""


def root_of_rows(batches: Iterable[list[tuple[bytes]]]) -> tuple[int, bytes]:
    """(events, root) over batches of (body,) rows in seq order; every batch but the last `CHUNK` long."""
    builder = merkle.RootBuilder()
    sha = hashlib.sha256
    for rows in batches:
        builder.add([sha(b"\x00" + body).digest() for (body,) in rows])
    return builder.size, builder.root()


def _sqlite_batches(path: str, lo: int, hi: int) -> Iterable[list[tuple[bytes]]]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        cursor = connection.execute("SELECT body FROM audit_events WHERE seq > ? AND seq <= ? ORDER BY seq", (lo, hi))
        while rows := cursor.fetchmany(CHUNK):
            yield rows
    finally:
        connection.close()


def subtree_root(path: str, lo: int, hi: int) -> tuple[int, bytes]:
    """A worker's part: (events read, root) of events lo+1..hi."""
    return root_of_rows(_sqlite_batches(path, lo, hi))


def tasks(size: int, workers: int) -> list[tuple[int, int]]:
    """[lo, hi) ranges, each a complete aligned subtree, that together make the tree of `size` leaves."""
    target = max(CHUNK, 1 << max(0, (size // (workers * 4)).bit_length() - 1))
    parts: list[tuple[int, int]] = []
    at = 0
    for level in merkle.frontier_levels(size):
        span = 1 << level
        part = min(span, target)
        parts.extend((lo, lo + part) for lo in range(at, at + span, part))
        at += span
    return parts


def sqlite_root(path: str, size: int, workers: int | None = None) -> tuple[int, bytes]:
    """(events read, root) of the first `size` events of a SQLite store; in `workers` processes when it is large
    (one by default: on a machine whose cores are busy, measured in bench/audit_tree.py, more are slower)."""
    workers = min(workers or 1, os.cpu_count() or 1)
    if size < PARALLEL_FROM or workers < 2:
        return subtree_root(path, 0, size)
    parts = tasks(size, workers)
    builder = merkle.RootBuilder()
    read = 0
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        results = pool.map(subtree_root, [path] * len(parts), [lo for lo, _ in parts], [hi for _, hi in parts])
        for (lo, hi), (count, root) in zip(parts, results, strict=True):
            read += count
            if count != hi - lo:
                return read, b""
            builder.frontier_push(root, hi - lo)
    return read, builder.root()
