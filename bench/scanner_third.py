"""Score hogo's ``scan_text`` on the third development corpus (bench/corpus_third.py); JSON to stdout.

    python bench/scanner_third.py --records 3000 --seed 47 --dump-misses 5 --dump-false 5 --entity PERSON

A finding is a true positive when it overlaps a labelled span of the same entity; a span is found when a
finding of its entity overlaps it. Findings of entities the corpus never labels are counted apart.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_third import ENTITIES, Record, records

from hogo.adapters.recognizers.scan import scan_text

Span = tuple[int, int, str]


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return f"{left}⟦{text[start:end]}⟧{right}".replace("\n", "⏎")


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def score(
    recs: list[Record], dump_misses: int, dump_false: int, only: str | None
) -> tuple[dict[str, object], float, float]:
    spans_n: Counter[str] = Counter()
    found_n: Counter[str] = Counter()
    findings_n: Counter[str] = Counter()
    false_n: Counter[str] = Counter()
    unlabelled: Counter[str] = Counter()
    misses: dict[str, list[str]] = defaultdict(list)
    falses: dict[str, list[str]] = defaultdict(list)
    wall = cpu = 0.0
    for rec in recs:
        text = rec["text"]
        spans: list[Span] = [(int(s[0]), int(s[1]), str(s[2])) for s in rec["spans"]]
        w0, c0 = time.perf_counter(), time.process_time()
        findings = scan_text(text)
        wall += time.perf_counter() - w0
        cpu += time.process_time() - c0
        got = [(f.start, f.end, str(f.entity)) for f in findings]
        for s0, s1, ent in spans:
            spans_n[ent] += 1
            if any(e == ent and _overlaps(s0, s1, f0, f1) for f0, f1, e in got):
                found_n[ent] += 1
            elif len(misses[ent]) < dump_misses and only in (None, ent):
                misses[ent].append(_context(text, s0, s1))
        for f0, f1, ent in got:
            if ent not in ENTITIES:
                unlabelled[ent] += 1
                continue
            findings_n[ent] += 1
            if not any(e == ent and _overlaps(s0, s1, f0, f1) for s0, s1, e in spans):
                false_n[ent] += 1
                if len(falses[ent]) < dump_false and only in (None, ent):
                    falses[ent].append(_context(text, f0, f1))
    per: dict[str, object] = {}
    for ent in ENTITIES:
        recall = _ratio(found_n[ent], spans_n[ent])
        precision = _ratio(findings_n[ent] - false_n[ent], findings_n[ent])
        f_score = round(2 * recall * precision / (recall + precision), 4) if recall and precision else None
        per[ent] = {
            "spans": spans_n[ent], "found": found_n[ent], "recall": recall,
            "findings": findings_n[ent], "false": false_n[ent], "precision": precision, "f1": f_score,
        }  # fmt: skip
    tot_spans, tot_found = sum(spans_n.values()), sum(found_n.values())
    tot_findings, tot_false = sum(findings_n.values()), sum(false_n.values())
    micro_r, micro_p = _ratio(tot_found, tot_spans), _ratio(tot_findings - tot_false, tot_findings)
    result: dict[str, object] = {
        "per_entity": per,
        "micro": {
            "spans": tot_spans,
            "found": tot_found,
            "recall": micro_r,
            "findings": tot_findings,
            "false": tot_false,
            "precision": micro_p,
            "f1": round(2 * micro_r * micro_p / (micro_r + micro_p), 4) if micro_r and micro_p else None,
        },
        "unlabelled_entity_findings": dict(unlabelled),
    }
    for title, dumps in (("MISS", misses), ("FALSE", falses)):
        for ent, lines in sorted(dumps.items()):
            for line in lines:
                print(f"{title} {ent}: {line}", file=sys.stderr)
    return result, wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score scan_text on the third development corpus")
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=47)
    parser.add_argument("--dump-misses", type=int, default=0, metavar="N")
    parser.add_argument("--dump-false", type=int, default=0, metavar="N")
    parser.add_argument("--entity", default=None, help="restrict dumps to one entity")
    args = parser.parse_args(argv)
    recs = list(records(args.records, args.seed))
    scan_text("warm-up 山田太郎 03-1234-5678")
    result, wall, cpu = score(recs, args.dump_misses, args.dump_false, args.entity)
    megabytes = sum(len(r["text"].encode("utf-8")) for r in recs) / 1e6
    result["corpus"] = {"records": args.records, "seed": args.seed, "megabytes": round(megabytes, 3)}
    result["speed"] = {
        "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
        "mb_per_s_wall": round(megabytes / wall, 3) if wall else None,
        "mb_per_s_cpu": round(megabytes / cpu, 3) if cpu else None,
        "loadavg": [round(x, 2) for x in os.getloadavg()],
    }  # fmt: skip
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
