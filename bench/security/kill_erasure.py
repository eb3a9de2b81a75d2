"""Probe 6 — kill -9 during erasure runs in the company's database (the Chinook example), then resume.

`hogo demo --example chinook --no-serve` gives hogo's store and a copy of the Chinook SQLite database. For
each of N customers, `hogo datasets erase --email …` is started and sent SIGKILL: a third at a random delay
(0 to 2.5 s from the start: mostly before the plan is stored), two thirds at a random delay of 0 to 40 ms after
the plan appears in hogo's store (watched every 2 ms): while planning commits, while the step runs, between the
database's commit and hogo booking the step, or after. Then the run is finished: `hogo datasets resume` if
the plan was stored, else the erasure is started again (and not killed). At the end:

* every run is `completed`;
* the Chinook database is compared with a copy taken before: only the erased customers' Customer rows and
  their invoices' billing columns differ, nothing else (other customers, employees, invoice dates, totals,
  invoice lines) — cell by cell;
* the changes each run reports (its steps' `rows_changed`) equal the changes found by the comparison (a
  customer row counts once for its constants and once for the hashed e-mail, an invoice once).

Prints JSON.

    .venv/bin/python bench/security/kill_erasure.py [--kills 24] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from common import HOGO, cli, demo_store, emit, workdir

PERSONAL = {
    "Customer": [
        "FirstName",
        "LastName",
        "Company",
        "Address",
        "City",
        "State",
        "Country",
        "PostalCode",
        "Phone",
        "Fax",
        "Email",
    ],
    "Invoice": ["BillingAddress", "BillingCity", "BillingState", "BillingCountry", "BillingPostalCode"],
}


def dump(db: Path) -> dict[str, dict[tuple, dict]]:
    """Every row of every table, by primary key."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    out = {}
    for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"):
        cols = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
        pk = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")') if r[5]] or ["rowid"]
        rows = con.execute(f'SELECT {", ".join(pk)}, * FROM "{table}"').fetchall()
        out[table] = {tuple(r[: len(pk)]): dict(zip(cols, r[len(pk) :], strict=True)) for r in rows}
    con.close()
    return out


def run_row(hogo_db: Path, reference: str) -> tuple[str, str, int, list] | None:
    con = sqlite3.connect(f"file:{hogo_db}?mode=ro", uri=True)
    try:
        row = con.execute("SELECT id, status FROM dataset_runs WHERE reference = ?", (reference,)).fetchone()
        if row is None:
            return None
        steps = con.execute(
            "SELECT status, rows_changed, attempts, confirmed_on_resume FROM dataset_run_steps WHERE run_id = ?",
            (row[0],),
        ).fetchall()
        return row[0], row[1], sum(s[1] or 0 for s in steps), steps
    finally:
        con.close()


def main() -> None:  # noqa: PLR0915 (one scenario, read top to bottom)
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=24)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--max-delay", type=float, default=2.5)
    ap.add_argument("--after-plan-ms", type=float, default=40)
    ap.add_argument("--after-plan-min-ms", type=float, default=0, help="e.g. 18: aim at the step's commit")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    d = workdir("kill")
    store = demo_store(d / "demo", example="chinook")
    env = store["env"]
    chinook = Path(env["HOGO_CHINOOK_URL"].removeprefix("sqlite:///"))
    hogo_db = d / "demo" / "hogo.db"
    before_copy = d / "chinook-before.sqlite"
    shutil.copy(chinook, before_copy)
    con = sqlite3.connect(chinook)
    customers = con.execute("SELECT CustomerId, Email FROM Customer ORDER BY CustomerId").fetchall()
    con.close()
    chosen = rng.sample(customers, args.kills)
    rows = []
    for n, (cid, email) in enumerate(chosen):
        reference = f"KILL-{n:02d}"
        mode = "from start" if n % 3 == 0 else "after plan"
        delay = (
            rng.uniform(0, args.max_delay)
            if mode == "from start"
            else rng.uniform(args.after_plan_min_ms / 1000, args.after_plan_ms / 1000)
        )
        proc = subprocess.Popen(
            [HOGO, "datasets", "erase", "--email", email, "--reference", reference],
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if mode == "after plan":
            while proc.poll() is None and run_row(hogo_db, reference) is None:
                time.sleep(0.002)
        time.sleep(delay)
        finished_before_kill = proc.poll() is not None
        if not finished_before_kill:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        found = run_row(hogo_db, reference)
        state_at_kill = found[1] if found else "no plan stored"
        step_state = [s[0] for s in found[3]] if found else []
        if found is None:
            finish = cli(env, "datasets", "erase", "--email", email, "--reference", reference, check=False)
        else:
            finish = cli(env, "datasets", "resume", found[0], check=False)
        after = run_row(hogo_db, reference)
        rows.append(
            {
                "customer": cid,
                "mode": mode,
                "delay_s": round(delay, 3),
                "finished_before_kill": finished_before_kill,
                "at_kill": state_at_kill,
                "steps_at_kill": step_state,
                "finish_exit": finish.returncode,
                "run": after[0] if after else None,
                "status": after[1] if after else None,
                "reported_changes": after[2] if after else None,
                "attempts": [s[2] for s in after[3]] if after else None,
                "confirmed_on_resume": [bool(s[3]) for s in after[3]] if after else None,
                "finish_error": finish.stderr.strip()[-300:] if finish.returncode else None,
            }
        )
    before, after = dump(before_copy), dump(chinook)
    erased = {cid for cid, _ in chosen}
    invoices_of = {k[0]: v["CustomerId"] for k, v in before["Invoice"].items()}
    untouched_violations, actual = [], {}
    for table, rows_before in before.items():
        for key, old in rows_before.items():
            new = after[table].get(key)
            if new is None:
                untouched_violations.append({"table": table, "key": key, "change": "deleted"})
                continue
            changed = [c for c in old if old[c] != new[c]]
            if not changed:
                continue
            owner = key[0] if table == "Customer" else invoices_of.get(key[0]) if table == "Invoice" else None
            allowed = owner in erased and set(changed) <= set(PERSONAL.get(table, []))
            if not allowed:
                untouched_violations.append({"table": table, "key": key, "columns": changed})
                continue
            count = 1 if table == "Invoice" else int(bool(set(changed) - {"Email"})) + int("Email" in changed)
            actual[owner] = actual.get(owner, 0) + count
    for r in rows:
        r["changes_found_in_database"] = actual.get(r["customer"], 0)
        r["truthful"] = r["reported_changes"] == r["changes_found_in_database"]
    emit(
        {
            "probe": "kill-during-erasure",
            "kills": sum(1 for r in rows if not r["finished_before_kill"]),
            "runs": len(rows),
            "killed_at": {s: sum(1 for r in rows if r["at_kill"] == s) for s in sorted({r["at_kill"] for r in rows})},
            "completed": sum(1 for r in rows if r["status"] == "completed"),
            "confirmed_on_resume": sum(1 for r in rows if r["confirmed_on_resume"] and any(r["confirmed_on_resume"])),
            "untruthful_reports": [r for r in rows if not r["truthful"]],
            "changes_outside_the_erased_persons_columns": untouched_violations[:20],
            "changes_outside_count": len(untouched_violations),
            "rows": rows,
        }
    )
    json.dumps(rows)


if __name__ == "__main__":
    main()
