"""`hogo serve --workers 2`: two processes on one store answer decisions over keep-alive connections, and
their jobs threads run each due job once between them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
from live_server import free_port, wait_until_serving

from hogo.bootstrap import Container
from hogo.identity.policy import Role, system_actor
from hogo.jobs.catalogue import default_registry
from hogo.subjects.schemas import AcquisitionIn

SECRET = "Zk3v9Q-a-status-link-token-0123456789"


def test_two_workers_share_the_store_and_the_audit_trail(vault: Container, tmp_path: Path) -> None:
    actor = system_actor("test")
    person = vault.subjects.acquire(
        AcquisitionIn(subject_kind="customer", values={"name": "山田 花子"}, channel="web-order"), actor
    ).person_id
    token = vault.identity.create_key("app", Role.application, None, actor).token
    port = free_port()
    env = {
        **os.environ,
        "HOGO_DATABASE_URL": vault.settings.database_url,
        "HOGO_KEY_FILE": str(vault.settings.key_file),
        "HOGO_JOBS_POLL_SECONDS": "0.1",
    }
    command = [sys.executable, "-c", "from hogo.cli.main import app; app()", "serve", "--port", str(port)]
    output = (tmp_path / "server.log").open("w")
    server = subprocess.Popen([*command, "--workers", "2"], env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {token}"}) as client:
            wait_until_serving(client, "/api/v1/notice")
            body = {"person_id": person, "items": ["name"], "purpose": "service"}
            answers = [client.post("/api/v1/decisions/use", json=body) for _ in range(40)]
            assert client.get(f"/portal/requests/status/{SECRET}").status_code in (403, 404)
            deadline = time.monotonic() + 60
            while len([j for j in vault.schedule.jobs() if j.run_count]) < len(
                list(default_registry())
            ):  # each process's jobs thread races
                assert time.monotonic() < deadline, "the jobs did not run"
                time.sleep(0.2)
            time.sleep(1)  # ten more polls of each thread: none may run a job again
    finally:
        server.terminate()
        server.wait(timeout=30)
        output.close()
    log = (tmp_path / "server.log").read_text(encoding="utf-8")
    assert "/portal/requests/status/…" in log and SECRET not in log  # the access log keeps no status-link token
    assert {a.status_code for a in answers} == {200}
    assert {a.json()["reason"] for a in answers} == {"notified-purpose"}
    decided = sum(len(e.data["decisions"]) for e in vault.audit.events(action_prefix="usage.decided"))
    assert decided == 40  # each worker wrote its own decisions at shutdown
    assert vault.audit.verify().ok
    assert {j.name: j.run_count for j in vault.schedule.jobs()} == {job.name: 1 for job in default_registry()}
    assert all(j.lease_owner is None for j in vault.schedule.jobs())  # both threads stopped cleanly
