"""Probe 4 — schemathesis `run --checks all` over hogo's OpenAPI document (docs/web.md).

A demo store and an admin key; `hogo serve`; schemathesis from the repository's root (so that
schemathesis.toml applies). Two passes:

* `documented`: the command of docs/web.md as it is (ids are generated, so most operations on one person,
  request or consent only meet 404s);
* `real-ids`: the same, with the repository's schemathesis.toml plus `[parameters]` naming a real person,
  consent, request, status-link token and recipients, so that those operations are exercised past the 404.

Counts the generated cases and the failures (JUnit report). Prints JSON.

    .venv/bin/pip install schemathesis    # a tool for this probe, not a dependency of hogo
    .venv/bin/python bench/security/schemathesis_run.py [--max-examples N] [--seed 1]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import xml.etree.ElementTree as ET

import httpx
from common import BIN, REPO, Server, api_key, bearer, demo_store, emit, workdir


def ids(base: str, key: str) -> dict[str, str]:
    c = httpx.Client(base_url=base, headers=bearer(key), timeout=60)
    pid = c.post("/api/v1/persons/lookup", json={"kind": "email", "value": "customer000002@example.jp"}).json()[
        "person_id"
    ]
    consent = c.post(
        f"/api/v1/persons/{pid}/consents",
        json={"kind": "purpose", "target": "direct-mail-and-catalogues", "method": "paper_form", "evidence": "form"},
    ).json()["id"]
    filed = c.post(
        "/api/v1/requests",
        json={
            "kind": "disclosure",
            "channel": "post",
            "identifier": {"kind": "email", "value": "customer000004@example.jp"},
        },
    ).json()
    return {
        "person_id": pid,
        "consent_id": consent,
        "request_id": filed["request"]["id"],
        "token": filed["token"],
        "recipient": "foreign-third-party",
    }


def run(base: str, key: str, config: str | None, args: argparse.Namespace, report: str) -> dict:
    cmd = [str(BIN / "schemathesis")]
    if config:
        cmd += ["--config-file", config]
    cmd += [
        "run",
        f"{base}/openapi.json",
        "--checks",
        "all",
        "-H",
        f"Authorization: Bearer {key}",
        "--seed",
        str(args.seed),
        "--report",
        "junit",
        "--report-junit-path",
        report,
    ]
    if args.max_examples:
        cmd += ["--max-examples", str(args.max_examples)]
    p = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False)
    tree = ET.parse(report).getroot()
    failures = []
    for case in tree.iter("testcase"):
        for bad in list(case.findall("failure")) + list(case.findall("error")):
            failures.append({"operation": case.get("name"), "message": (bad.get("message") or bad.text or "")[:300]})
    summary = re.search(r"(\d+) generated, (\d+) passed(?:, (\d+) failed)?(?:, (\d+) skipped)?", p.stdout)
    return {
        "exit": p.returncode,
        "operations": len(list(tree.iter("testcase"))),
        "generated": int(summary.group(1)) if summary else None,
        "passed": int(summary.group(2)) if summary else None,
        "failures": failures,
        "warnings": re.findall(r"⚠️ (.+)", p.stdout),
        "tail": p.stdout.strip().splitlines()[-3:],
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-examples", type=int, default=0, help="0: schemathesis's default")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    d = workdir("schemathesis")
    store = demo_store(d / "demo", people=20)
    env = store["env"]
    key = api_key(env, "schemathesis-admin", "admin")
    out: dict = {"probe": "schemathesis"}
    with Server(env, log=d / "serve.log") as srv:
        out["documented"] = run(srv.url, key, None, args, str(d / "documented.xml"))
        real = ids(srv.url, key)
        config = d / "schemathesis-real-ids.toml"
        config.write_text(
            (REPO / "schemathesis.toml").read_text()
            + "\n[parameters]\n"
            + "".join(f'{name} = "{value}"\n' for name, value in real.items())
        )
        out["real_ids"] = run(srv.url, key, str(config), args, str(d / "real-ids.xml")) | {"ids": sorted(real)}
    out["server_tracebacks"] = (d / "serve.log").read_text(errors="replace").count("Traceback")
    emit(out)


if __name__ == "__main__":
    main()
