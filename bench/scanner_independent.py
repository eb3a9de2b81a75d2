"""PII discovery on a corpus its recognizers' authors never saw (issue 20): per-entity precision, recall and F1.

The corpus comes from `bench/corpus_independent.py` (seeded; written by a helper who had not read the
recognizers). A finding is a true positive when it overlaps a labelled span of the same entity; a labelled span is
found when at least one finding of its entity overlaps it. Findings of entity types the corpus never labels are
counted apart and left out of the totals. "by_register" gives the same figures per template and for clean and noisy
records (a record made of two templates counts in both).

    .venv/bin/python bench/scanner_independent.py [--records 5000] [--seed 20] [--dump-misses N] [--dump-false N]
        [--without roles|bare-names|columns|street]...   (what each part adds: bench/scanner_parts.py)

Prints JSON on stdout; the dumps go to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Protocol

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_independent import ENTITIES, records
from scanner_parts import PARTS, registry_without

from hogo.adapters.recognizers.scan import scan_text


class Finding(Protocol):
    """What this bench reads of a finding from `scan_text`, and nothing more."""

    entity: str
    start: int
    end: int


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return f"{left}⟦{text[start:end]}⟧{right}".replace("\r", "\\r").replace("\n", "⏎")


def figures(tp_find: int, n_find: int, tp_span: int, n_span: int) -> dict[str, float | int]:
    p = tp_find / n_find if n_find else 1.0
    rc = tp_span / n_span if n_span else 1.0
    f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
    return {
        "spans": n_span,
        "found": tp_span,
        "findings": n_find,
        "false_findings": n_find - tp_find,
        "precision": round(p, 4),
        "recall": round(rc, 4),
        "f1": round(f1, 4),
    }


class Tally:
    """Counts per entity and per register, and a few examples of misses and false findings for humans."""

    def __init__(self, dump_misses: int, dump_false: int) -> None:
        self.spans: Counter[str] = Counter()
        self.found: Counter[str] = Counter()
        self.findings: Counter[str] = Counter()
        self.true: Counter[str] = Counter()
        self.unlabelled: Counter[str] = Counter()
        self.groups: dict[str, Counter[str]] = {}
        self.misses: dict[str, list[str]] = {}
        self.falses: dict[str, list[str]] = {}
        self.dump_misses, self.dump_false = dump_misses, dump_false

    def add(self, rec: dict[str, Any], findings: list[Finding]) -> None:
        text: str = rec["text"]
        spans = [(int(s), int(e), str(k)) for s, e, k in rec["spans"]]
        ours = [f for f in findings if f.entity in ENTITIES]
        for f in findings:
            if f.entity not in ENTITIES:
                self.unlabelled[f.entity] += 1
        true = [any(k == f.entity and _overlaps(f.start, f.end, s, e) for s, e, k in spans) for f in ours]
        hit = [any(f.entity == k and _overlaps(f.start, f.end, s, e) for f in ours) for s, e, k in spans]
        for f, ok in zip(ours, true, strict=True):
            self.findings[f.entity] += 1
            self.true[f.entity] += ok
            if not ok and len(self.falses.setdefault(f.entity, [])) < self.dump_false:
                self.falses[f.entity].append(_context(text, f.start, f.end))
        for (s, e, k), ok in zip(spans, hit, strict=True):
            self.spans[k] += 1
            self.found[k] += ok
            if not ok and len(self.misses.setdefault(k, [])) < self.dump_misses:
                self.misses[k].append(_context(text, s, e))
        for name in [f"template:{t}" for t in rec["templates"]] + ["noisy" if rec["noisy"] else "clean"]:
            c = self.groups.setdefault(name, Counter())
            c["spans"] += len(spans)
            c["found"] += sum(hit)
            c["findings"] += len(ours)
            c["true"] += sum(true)

    def report(self) -> dict[str, Any]:
        total = [sum(c.values()) for c in (self.true, self.findings, self.found, self.spans)]
        return {
            "per_entity": {k: figures(self.true[k], self.findings[k], self.found[k], self.spans[k]) for k in ENTITIES},
            "micro": figures(*total),
            "by_register": {
                name: figures(c["true"], c["findings"], c["found"], c["spans"])
                for name, c in sorted(self.groups.items())
            },
            "unlabelled_entity_findings": dict(self.unlabelled),
        }

    def dump(self) -> None:
        for title, dump in (("missed", self.misses), ("false", self.falses)):
            for entity, lines in sorted(dump.items()):
                for line in lines:
                    print(f"{title:6} {entity:20} {line}", file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--dump-misses", type=int, default=0, help="print N missed spans per entity with context")
    ap.add_argument("--dump-false", type=int, default=0, help="print N false findings per entity with context")
    ap.add_argument("--without", action="append", default=[], choices=PARTS, help="switch a part off (repeat)")
    args = ap.parse_args()
    registry = registry_without(args.without)

    corpus = list(records(args.records, args.seed))
    texts = [str(r["text"]) for r in corpus]
    load_before = [round(x, 2) for x in os.getloadavg()]

    scan_text(texts[0], registry)  # warm-up: compiled patterns, lazy tables (the name lists)
    t0, c0 = time.perf_counter(), time.process_time()
    results = [scan_text(t, registry) for t in texts]
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    load_after = [round(x, 2) for x in os.getloadavg()]

    tally = Tally(args.dump_misses, args.dump_false)
    for rec, findings in zip(corpus, results, strict=True):
        tally.add(rec, findings)
    size = sum(len(t.encode("utf-8")) for t in texts)
    out = {
        "bench": "scanner_independent",
        "corpus": {
            "generator": "bench/corpus_independent.py",
            "records": len(corpus),
            "seed": args.seed,
            "entities": sum(tally.spans.values()),
            "bytes": size,
        },
        **tally.report(),
        "without": sorted(args.without),
        "seconds": round(elapsed, 3),
        "mb_per_s": round(size / elapsed / 1e6, 3),
        "mb_per_cpu_s": round(size / cpu / 1e6, 3),
        "load": {"before": load_before, "after": load_after},
        "python": platform.python_version(),
    }
    print(json.dumps(out, ensure_ascii=False, indent=2))
    tally.dump()


if __name__ == "__main__":
    main()
