"""PII discovery: hogo's recognizers against Microsoft Presidio on one labelled Japanese/English corpus.

    .venv/bin/python bench/scanner.py [--mb 3] [--presidio-kb 100] [--seed 6] [--without PART]... [--profile]

Prints JSON: MB/s and per-entity precision/recall for hogo on the whole corpus, and for hogo and Presidio
on the same slice (Presidio is ~1,000× slower, so it gets the first `--presidio-kb` KB). A finding counts
as a true positive when it overlaps a labelled span of the same entity (each label matched once).
Presidio runs its predefined recognizers with a blank spaCy pipeline (tokenizer only): no spaCy model is
published on PyPI by its authors, so its NER-based PERSON/LOCATION find nothing here.

`--profile` adds where the time goes: CPU ms per MB of normalisation, of each shared pass (context words, the
native number pass when Hyperscan is there), of each recognizer alone after them and of the overlap resolution, on
1 MB of the dense corpus and 1 MB of prose (best of three).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import logging
import os
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scanner_corpus import Corpus, build, prose
from scanner_parts import PARTS, registry_without

from hogo.adapters.recognizers import Registry, scan_text
from hogo.adapters.recognizers.base import Finding
from hogo.adapters.recognizers.scan import MIN_SCORE, _default, _resolve

PRESIDIO_TO_HOGO = {
    "PERSON": "PERSON",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "CREDIT_CARD": "CREDIT_CARD",
    "IP_ADDRESS": "IP_ADDRESS",
    "DATE_TIME": "DATE_OF_BIRTH",
    "LOCATION": "JP_ADDRESS",
}

Span = tuple[str, int, int]


def score(predicted: Iterable[Span], gold: Iterable[Span]) -> dict[str, dict[str, float | int]]:
    by_entity: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for entity, start, end in gold:
        by_entity[entity].append((start, end))
    matched: set[tuple[str, int, int]] = set()
    tp: dict[str, int] = defaultdict(int)
    fp: dict[str, int] = defaultdict(int)
    for entity, start, end in predicted:
        hit = next(
            (g for g in by_entity.get(entity, ()) if g[0] < end and start < g[1] and (entity, *g) not in matched), None
        )
        if hit is None:
            fp[entity] += 1
        else:
            matched.add((entity, *hit))
            tp[entity] += 1
    out: dict[str, dict[str, float | int]] = {}
    for entity in sorted(set(by_entity) | set(fp)):
        n_gold = len(by_entity.get(entity, ()))
        found = tp[entity] + fp[entity]
        out[entity] = {
            "labels": n_gold,
            "tp": tp[entity],
            "fp": fp[entity],
            "precision": round(tp[entity] / found, 3) if found else 0.0,
            "recall": round(tp[entity] / n_gold, 3) if n_gold else 0.0,
        }
    return out


def run_hogo(text: str, registry: Registry | None = None) -> tuple[list[Span], float, float]:
    """Findings, wall seconds, CPU seconds (the machine is shared: CPU time is the steadier figure)."""
    # compiled patterns, the name lists, and (long enough for them) the native passes' databases
    scan_text("warm up ０９０-1234-5678 東京都千代田区 山田太郎\n" * 2_000, registry)
    started, cpu = time.perf_counter(), time.process_time()
    findings = scan_text(text, registry)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return [(f.entity, f.start, f.end) for f in findings], elapsed, cpu


def profile(text: str, registry: Registry | None = None) -> dict[str, float]:
    """CPU ms per MB of each step of `scan_text` over `text` (best of three), the shared passes on their own."""
    from hogo.adapters.recognizers import engine, needles
    from hogo.adapters.recognizers.normalize import normalize

    per_mb = 1000 / (len(text.encode()) / 1e6)
    best: dict[str, float] = {}

    def note(name: str, started: float) -> None:
        spent = (time.process_time() - started) * per_mb
        best[name] = min(best.get(name, spent), spent)

    for _ in range(3):
        started = time.process_time()
        normalized = normalize(text).text
        note("normalize", started)
        started = time.process_time()
        needles.prepare(normalized)
        note("pass: context words", started)
        started = time.process_time()
        engine.prepare(normalized)
        note("pass: native numbers", started)
        found: list[Finding] = []
        for recognizer in registry if registry is not None else _default():
            started = time.process_time()
            found += [f for f in recognizer.find(normalized) if f.score >= MIN_SCORE]
            note(recognizer.name, started)
        started = time.process_time()
        _resolve(found)
        note("resolve", started)
        needles.release(normalized)
        engine.release(normalized)
    return {name: round(ms, 1) for name, ms in sorted(best.items(), key=lambda item: -item[1])}


def presidio_analyzer() -> object:
    import spacy
    import tldextract
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())  # its bundled list, no fetch

    class BlankSpacy(SpacyNlpEngine):  # type: ignore[misc]
        def load(self) -> None:
            self.nlp = {"en": spacy.blank("en")}

    engine = BlankSpacy(models=[{"lang_code": "en", "model_name": "blank"}])
    engine.load()
    registry = RecognizerRegistry()
    registry.load_predefined_recognizers(nlp_engine=engine, languages=["en"])
    return AnalyzerEngine(nlp_engine=engine, registry=registry, supported_languages=["en"])


def run_presidio(corpus_slice: str) -> tuple[list[Span], float, float, str]:
    analyzer = presidio_analyzer()
    version = importlib.metadata.version("presidio-analyzer")

    analyzer.analyze(text="warm up 555-123-4567", language="en")  # type: ignore[attr-defined]
    spans: list[Span] = []
    started, cpu = time.perf_counter(), time.process_time()
    offset = 0
    for record in corpus_slice.split("\n"):  # spaCy limits document length; a line at a time
        for r in analyzer.analyze(text=record, language="en"):  # type: ignore[attr-defined]
            if r.entity_type in PRESIDIO_TO_HOGO:
                spans.append((PRESIDIO_TO_HOGO[r.entity_type], offset + r.start, offset + r.end))
        offset += len(record) + 1
    return spans, time.perf_counter() - started, time.process_time() - cpu, str(version)


def cut(corpus: Corpus, nbytes: int) -> tuple[str, list[Span]]:
    text = corpus.text.encode()[:nbytes].decode(errors="ignore")
    text = text[: text.rfind("\n") + 1]
    return text, [label for label in corpus.labels if label[2] <= len(text)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=3.0)
    parser.add_argument("--presidio-kb", type=int, default=100)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--without", action="append", default=[], choices=PARTS, help="switch a part off (repeat)")
    parser.add_argument("--profile", action="store_true", help="CPU ms per MB of each step, 1 MB dense and prose")
    args = parser.parse_args()
    registry = registry_without(args.without)

    corpus = build(int(args.mb * 1_000_000), args.seed)
    text = corpus.text
    nbytes = len(text.encode())
    spans, elapsed, cpu = run_hogo(text, registry)
    plain = prose(nbytes, args.seed)
    _, prose_elapsed, prose_cpu = run_hogo(plain, registry)
    result: dict[str, object] = {
        "benchmark": "scanner",
        "corpus": {"bytes": nbytes, "chars": len(text), "labels": len(corpus.labels), "seed": args.seed},
        "without": sorted(args.without),
        "load": [round(x, 2) for x in os.getloadavg()],
        "hogo": {
            "mb_per_s": round(nbytes / elapsed / 1e6, 2),
            "mb_per_cpu_s": round(nbytes / cpu / 1e6, 2),
            "entities": score(spans, corpus.labels),
        },
        "hogo_on_prose": {
            "bytes": len(plain.encode()),
            "mb_per_s": round(len(plain.encode()) / prose_elapsed / 1e6, 2),
            "mb_per_cpu_s": round(len(plain.encode()) / prose_cpu / 1e6, 2),
        },
    }
    if args.profile:
        result["profile_ms_per_mb"] = {
            "dense": profile(cut(corpus, 1_000_000)[0], registry),
            "prose": profile(prose(1_000_000, args.seed), registry),
        }
    if args.presidio_kb > 0:
        part, gold = cut(corpus, args.presidio_kb * 1000)
        part_bytes = len(part.encode())
        hogo_spans, hogo_elapsed, hogo_cpu = run_hogo(part, registry)
        try:
            p_spans, p_elapsed, p_cpu, version = run_presidio(part)
        except ImportError as exc:
            result["presidio"] = {"skipped": f"presidio-analyzer not installed ({exc.name}): pip install -e '.[bench]'"}
        else:
            result["slice"] = {"bytes": part_bytes, "labels": len(gold)}
            result["hogo_on_slice"] = {
                "mb_per_s": round(part_bytes / hogo_elapsed / 1e6, 2),
                "mb_per_cpu_s": round(part_bytes / hogo_cpu / 1e6, 2),
                "entities": score(hogo_spans, gold),
            }
            result["presidio"] = {
                "version": version,
                "nlp": "spacy.blank('en') (no model on PyPI)",
                "kb_per_s": round(part_bytes / p_elapsed / 1e3, 1),
                "kb_per_cpu_s": round(part_bytes / p_cpu / 1e3, 1),
                "entities": score(p_spans, gold),
            }
            result["hogo_vs_presidio_speed"] = {
                "wall": round(p_elapsed / hogo_elapsed, 1),
                "cpu": round(p_cpu / hogo_cpu, 1),
            }
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
