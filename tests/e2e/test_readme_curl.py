"""The README's curl block, run as a user pastes it: `hogo demo` serving in one process, the block in bash in the
same folder (its only change: the demo's port instead of 8000, since tests choose a free one)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import httpx
from live_server import free_port, wait_until_serving

ROOT = Path(__file__).resolve().parents[2]


def readme_block() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-curl -->\n```sh\n(.*?)```", text, re.S)
    assert found is not None, "README has no curl block after <!-- readme-curl -->"
    return found.group(1)


def test_the_readme_curl_block_works_as_pasted_after_hogo_demo(tmp_path: Path) -> None:
    block = readme_block()
    commands = "\n".join(line.split("  # ")[0] for line in block.splitlines() if not line.startswith("#"))
    assert "…" not in commands  # nothing to fill in by hand (only the comments show what comes back)
    (tmp_path / ".venv").symlink_to(Path(sys.executable).parent.parent)  # the README's `.venv/bin/hogo`
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOGO_")} | {"HOGO_JOBS_WORKER": "off"}
    hogo = str(Path(sys.executable).parent / "hogo")
    demo = subprocess.Popen(
        [hogo, "demo", "--people", "0", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            wait_until_serving(client, "/api/v1/ledger")
        script = "set -euo pipefail\n" + block.replace("127.0.0.1:8000", f"127.0.0.1:{port}")
        run = subprocess.run(
            ["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False
        )
    finally:
        os.killpg(demo.pid, signal.SIGTERM)
        demo.wait(timeout=30)
    assert run.returncode == 0, run.stderr
    lines = [line for line in run.stdout.splitlines() if line.strip()]
    assert re.fullmatch(r"p_[0-9a-z]+", lines[0]), lines
    answers = [json.loads(line) for line in lines[1:]]
    denied, allowed, withdrawn, asked_again, verified = answers
    assert (denied["allowed"], denied["reason"], denied["article"]) == (False, "purpose-not-notified", "Art. 18(1)")
    assert allowed["allowed"] is True
    assert withdrawn["withdrawn_at"] is not None
    assert (asked_again["allowed"], asked_again["reason"]) == (False, "consent-withdrawn")
    assert verified["ok"] is True
