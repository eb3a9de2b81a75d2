"""Scanning free text and classifying a column from sampled values."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from operator import itemgetter

from hogo.adapters.recognizers import engine, needles
from hogo.adapters.recognizers.base import Finding
from hogo.adapters.recognizers.normalize import normalize
from hogo.adapters.recognizers.registry import Registry, default_registry

_START = itemgetter(1)  # Finding.start
MIN_SCORE = 0.5
"""Findings below this are dropped: e.g. an unseparated 10-digit number that would be a landline only by
chance (0.4), a 12-digit number passing the My Number check digit without context is kept (0.55)."""


@cache
def _default() -> Registry:
    return default_registry()


def scan_text(text: str, registry: Registry | None = None, min_score: float = MIN_SCORE) -> list[Finding]:
    """Every piece of personal information in `text`, in order, spans in the text as given.

    Overlaps are resolved for the higher score (then the longer span): `〒100-0001` is one postal code, not
    a postal code and a phone fragment."""
    normalized = normalize(text)
    found: list[Finding] = []
    try:
        for recognizer in registry if registry is not None else _default():
            found.extend(f for f in recognizer.find(normalized.text) if f.score >= min_score)
    finally:
        needles.release(normalized.text)  # the shared passes hold the text only during its scan
        engine.release(normalized.text)
    if not found:
        return []
    kept = _resolve(found)
    if normalized.shifted:
        kept = [Finding(f.entity, *normalized.original_span(f.start, f.end), f.score, f.recognizer) for f in kept]
    return kept


def _resolve(found: list[Finding]) -> list[Finding]:
    """Keep the best of overlapping findings: highest score, then longest, then first.

    One sweep in start order; only a cluster of findings that overlap one another is sorted by score. Most
    findings overlap nothing (a cluster of one, kept as is) and most clusters are a pair, of which the better
    is kept: those two cases cost no list and no sort (the sweep reads the tuples' fields by index)."""
    found.sort(key=_START)
    kept: list[Finding] = []
    keep = kept.append
    first = 0  # where the current cluster begins in `found`
    reach = -1
    for i, f in enumerate(found):
        if f[1] >= reach:
            size = i - first
            if size == 1:
                keep(found[first])
            elif size == 2:
                keep(_better(found[first], found[first + 1]))
            elif size:
                kept.extend(_best(found[first:i]))
            first, reach = i, f[2]
        elif f[2] > reach:
            reach = f[2]
    size = len(found) - first
    if size == 1:
        keep(found[first])
    elif size == 2:
        keep(_better(found[first], found[first + 1]))
    elif size:
        kept.extend(_best(found[first:]))
    return kept


def _rank(f: Finding) -> tuple[float, int, int]:
    return (-f[3], f[1] - f[2], f[1])


def _better(a: Finding, b: Finding) -> Finding:
    """The one `_best` keeps of two overlapping findings (on a tie, the first in start order, as its stable sort)."""
    return a if _rank(a) <= _rank(b) else b


def _best(cluster: list[Finding]) -> list[Finding]:
    cluster.sort(key=_rank)
    kept: list[Finding] = []
    for f in cluster:
        if all(f.end <= k.start or k.end <= f.start for k in kept):
            kept.append(f)
    kept.sort(key=_START)
    return kept


@dataclass(frozen=True, slots=True)
class ColumnEntity:
    """An entity found in a column: in what share of the non-empty sampled values (0–1)."""

    entity: str
    share: float
    samples: int


COLUMN_THRESHOLD = 0.3


def classify_column(
    samples: Sequence[str],
    column: str | None = None,
    *,
    table: str | None = None,
    threshold: float = COLUMN_THRESHOLD,
    registry: Registry | None = None,
) -> list[ColumnEntity]:
    """The entities found in at least `threshold` of the non-empty samples, most frequent first.

    `column` (e.g. `BirthDate`, `customer_name`) and `table` are read as the context words a value in a table
    lacks: each value is scanned as `Employee Birth Date: <value>`, and only findings inside the value count
    (so `Genre.Name` is not a person's name and `Customer.FirstName` is).

    The values are scanned as one text, a blank line between them, and each finding is counted for the value
    it falls in: one scan per column instead of one per value."""
    values = [s for s in samples if s and not s.isspace()]
    if not values:
        return []
    label = " ".join(humanise(part) for part in (table, column) if part)
    prefix = f"{label}: " if label else ""
    starts: list[int] = []  # where each value begins in the joined text
    ends: list[int] = []
    pos = len(prefix)
    for value in values:
        starts.append(pos)
        ends.append(pos + len(value))
        pos += len(value) + 2 + len(prefix)
    joined = "\n\n".join(prefix + value for value in values)
    seen: set[tuple[int, str]] = set()
    for f in scan_text(joined, registry):
        i = bisect.bisect_right(starts, f.end - 1) - 1  # the value the finding ends in
        if i >= 0 and f.end > starts[i] and f.start < ends[i]:
            seen.add((i, f.entity))
    counts = Counter(entity for _, entity in seen)
    result = [ColumnEntity(e, n / len(values), len(values)) for e, n in counts.items() if n / len(values) >= threshold]
    return sorted(result, key=lambda c: (-c.share, c.entity))


def humanise(column: str) -> str:
    """`BirthDate`, `birth_date`, `birth-date` → `Birth Date` / `birth date`: words a context pattern knows."""
    spaced = "".join(" " + c if c.isupper() and i and column[i - 1].islower() else c for i, c in enumerate(column))
    words = spaced.replace("_", " ").replace("-", " ").split()
    return " ".join(w[:1].upper() + w[1:] for w in words)
