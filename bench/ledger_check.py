"""How fast a ledger is loaded, validated and linted: the cost of `hogo ledger check` per file."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import yaml

from hogo.ledger.loader import load_ledger_text
from hogo.ledger.policy import lint
from hogo.ledger.rules import rules_in_force

ROOT = Path(__file__).resolve().parent.parent


def main(rounds: int = 50) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("examples/*/ledger.yaml"))]
    today = dt.date(2026, 11, 20)
    rules = rules_in_force(today)

    start = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            yaml.safe_load(text)
    baseline = time.perf_counter() - start

    start = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            loaded = load_ledger_text(text)
            if loaded.ledger is not None:
                lint(loaded.ledger, today, rules)
    elapsed = time.perf_counter() - start

    n = rounds * len(texts)
    print(
        json.dumps(
            {
                "benchmark": "ledger_check",
                "ledgers": len(texts),
                "checks": n,
                "checks_per_s": round(n / elapsed, 1),
                "baseline_yaml_safe_load_per_s": round(n / baseline, 1),
                "overhead_vs_yaml_parse": round(elapsed / baseline, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
