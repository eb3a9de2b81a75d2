"""Score hogo's ``scan_text`` on the development corpus (bench/corpus_dev.py), per entity and in total.

A finding is a true positive when it overlaps a labelled span of the same entity; a span is found when a
finding of its entity overlaps it.  Findings of entities the corpus never labels are counted apart, and
false findings that land on a known look-alike (order number, JAN code, non-birth date ...) are counted by
kind of look-alike.  JSON on stdout; ``--dump-misses N`` / ``--dump-false N`` print examples on stderr.

    python bench/scanner_dev.py --records 3000 --seed 31 --dump-misses 5 --entity PERSON
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from corpus_dev import records_with_decoys

from hogo.adapters.recognizers.scan import scan_text

CONTEXT = 30


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _show(text: str, start: int, end: int) -> str:
    left, right = text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]
    return f"{left}⟦{text[start:end]}⟧{right}".replace("\n", "⏎")


def score(
    recs: list[dict[str, Any]],
    dump_misses: int = 0,
    dump_false: int = 0,
    entity: str | None = None,
    scan: Callable[[str], Sequence[Any]] = scan_text,
) -> dict[str, Any]:
    """Score ``scan`` (``scan_text`` unless a test passes another) on records carrying ``decoys``."""
    labelled = {k for rec in recs for *_, k in rec["spans"]}
    spans: Counter[str] = Counter()
    found: Counter[str] = Counter()
    findings: Counter[str] = Counter()
    false: Counter[str] = Counter()
    unlabelled: Counter[str] = Counter()
    on_decoys: defaultdict[str, Counter[str]] = defaultdict(Counter)
    by_noise: defaultdict[str, Counter[str]] = defaultdict(Counter)  # clean/noisy -> spans, found
    by_template: defaultdict[str, Counter[str]] = defaultdict(Counter)  # first template -> spans, found
    shown_miss: Counter[str] = Counter()
    shown_false: Counter[str] = Counter()
    volume = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    results = []
    for rec in recs:
        results.append(scan(rec["text"]))
        volume += len(rec["text"].encode("utf-8"))
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    for rec, result in zip(recs, results, strict=True):
        text = rec["text"]
        hits = [(f.start, f.end, f.entity) for f in result]
        noise = "noisy" if rec["noisy"] else "clean"
        for s0, s1, ent in rec["spans"]:
            spans[ent] += 1
            by_noise[noise]["spans"] += 1
            by_template[rec["templates"][0]]["spans"] += 1
            if any(h[2] == ent and _overlaps(s0, s1, h[0], h[1]) for h in hits):
                found[ent] += 1
                by_noise[noise]["found"] += 1
                by_template[rec["templates"][0]]["found"] += 1
            elif shown_miss[ent] < dump_misses and entity in (None, ent):
                shown_miss[ent] += 1
                print(f"MISS {ent} [{','.join(rec['templates'])}] {_show(text, s0, s1)}", file=sys.stderr)
        for h0, h1, ent in hits:
            if ent not in labelled:
                unlabelled[ent] += 1
                continue
            findings[ent] += 1
            if any(k == ent and _overlaps(h0, h1, s0, s1) for s0, s1, k in rec["spans"]):
                continue
            false[ent] += 1
            for d0, d1, kind in rec["decoys"]:
                if _overlaps(h0, h1, d0, d1):
                    on_decoys[ent][kind] += 1
                    break
            if shown_false[ent] < dump_false and entity in (None, ent):
                shown_false[ent] += 1
                print(f"FALSE {ent} [{','.join(rec['templates'])}] {_show(text, h0, h1)}", file=sys.stderr)
    per_entity = {ent: _row(spans[ent], found[ent], findings[ent], false[ent]) for ent in sorted(labelled)}
    for ent, row in per_entity.items():
        row["false_on_lookalikes"] = dict(on_decoys[ent].most_common())
    return {
        "records": len(recs),
        "bytes": volume,
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3),
        "mb_per_s_wall": round(volume / 1e6 / wall, 3) if wall else None,
        "mb_per_s_cpu": round(volume / 1e6 / cpu, 3) if cpu else None,
        "loadavg": [round(x, 2) for x in os.getloadavg()],
        "entities": per_entity,
        "micro": _row(sum(spans.values()), sum(found.values()), sum(findings.values()), sum(false.values())),
        "recall_by_noise": {k: _r(v["found"] / v["spans"]) for k, v in sorted(by_noise.items()) if v["spans"]},
        "recall_by_template": {k: _r(v["found"] / v["spans"]) for k, v in sorted(by_template.items()) if v["spans"]},
        "unlabelled_entities": dict(unlabelled.most_common()),
    }


def _row(spans: int, found: int, findings: int, false: int) -> dict[str, Any]:
    recall = found / spans if spans else None
    precision = (findings - false) / findings if findings else None
    f1 = 2 * recall * precision / (recall + precision) if recall and precision else None
    return {
        "spans": spans,
        "found": found,
        "recall": _r(recall),
        "findings": findings,
        "false": false,
        "precision": _r(precision),
        "f1": _r(f1),
    }


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Recall and precision of scan_text on the dev corpus")
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=31)
    parser.add_argument("--dump-misses", type=int, default=0, metavar="N")
    parser.add_argument("--dump-false", type=int, default=0, metavar="N")
    parser.add_argument("--entity", default=None, help="restrict the dumps to this entity")
    args = parser.parse_args(argv)
    recs = list(records_with_decoys(args.records, args.seed))
    result = score(recs, args.dump_misses, args.dump_false, args.entity)
    result["seed"] = args.seed
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
