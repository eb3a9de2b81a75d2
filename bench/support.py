"""Shared by the benchmarks: the machine's load, a throw-away PostgreSQL database, percentiles."""

from __future__ import annotations

import os
import socket
import statistics
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import psycopg

ADMIN_URL = os.environ.get("HOGO_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
"""A database on the PostgreSQL server the benchmarks may create throw-away databases on (trust auth)."""


def load() -> list[float]:
    """The machine's 1-, 5- and 15-minute load: other work on the shared cores skews every figure."""
    return [round(x, 2) for x in os.getloadavg()]


@contextmanager
def throwaway_database(prefix: str = "hogo_bench") -> Iterator[str]:
    """A new, empty PostgreSQL database at ADMIN_URL's server (its SQLAlchemy URL), dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(ADMIN_URL.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def percentiles(values: Sequence[float], digits: int = 2) -> dict[str, float]:
    """n, p50, p90, p99 and max of `values` (empty or a single value: what there is)."""
    if not values:
        return {"n": 0}
    if len(values) < 2:
        return {"n": 1, "max": round(values[0], digits)}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {
        "n": len(values),
        "p50": round(cuts[49], digits),
        "p90": round(cuts[89], digits),
        "p99": round(cuts[98], digits),
        "max": round(max(values), digits),
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
