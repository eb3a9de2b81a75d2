"""How long the `hogo` command takes to start: `hogo --help` and `hogo ledger check FILE`, against `python -c pass`
in the same run (the interpreter's own start). Target (DESIGN.md, issue 21): `hogo --help` < 0.3 s and
`hogo ledger check` < 0.6 s over the baseline. Each command is run `--runs` times; the median is reported.

    .venv/bin/python bench/cli_start.py [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOGO = str(Path(sys.executable).with_name("hogo"))


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    load = os.getloadavg()
    baseline = median_seconds([sys.executable, "-c", "pass"], args.runs)
    help_ = median_seconds([HOGO, "--help"], args.runs)
    check = median_seconds([HOGO, "ledger", "check", "examples/japanet/ledger.yaml"], args.runs)
    print(
        json.dumps(
            {
                "bench": "cli_start",
                "load": [round(x, 2) for x in load],
                "runs": args.runs,
                "python_c_pass_s": round(baseline, 3),
                "hogo_help_s": round(help_, 3),
                "hogo_help_over_baseline_s": round(help_ - baseline, 3),
                "ledger_check_s": round(check, 3),
                "ledger_check_over_baseline_s": round(check - baseline, 3),
                "targets_over_baseline_s": {"help": 0.3, "ledger_check": 0.6},
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
