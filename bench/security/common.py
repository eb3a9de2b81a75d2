"""Shared helpers for the security probes: a throw-away demo store, `hogo serve` in a subprocess, keys and
operators made with the CLI, console sign-in, text out of PDFs. Everything lives in a temporary directory;
nothing the probes make is meant to be committed."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HOGO = str(BIN / "hogo")


def emit(result: dict[str, Any]) -> None:
    """Print the probe's result as JSON (the one thing each probe prints on stdout)."""
    print(json.dumps(result, ensure_ascii=False, indent=2, default=str))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def workdir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"hogo-sec-{prefix}-"))


def demo_store(directory: Path, example: str = "japanet", people: int = 60, extra_env: dict | None = None) -> dict:
    """`hogo demo --no-serve`: a store with the example's ledger and sample people. Returns the environment for
    the CLI and the server, and the keys and console passwords the demo printed."""
    env = {**os.environ, **(extra_env or {})}
    args = [HOGO, "demo", "--no-serve", "--directory", str(directory), "--example", example]
    if example == "japanet":
        args += ["--people", str(people)]
    out = subprocess.run(args, env=env, capture_output=True, text=True, check=True, cwd=directory.parent).stdout
    keys = re.findall(r"API key \((\w+)[^)]*\):\s+(hogo_\S+)", out)
    logins = dict(re.findall(r"(desk|officer) / (\S+?)[,)]", out))
    store = {
        **{k: v for k, v in env.items() if k.startswith("HOGO_")},
        "HOGO_DATABASE_URL": f"sqlite:///{directory / 'hogo.db'}",
        "HOGO_KEY_FILE": str(directory / "hogo-keys.json"),
        "HOGO_MAIL_LOG": str(directory / "mail.log"),
    }
    chinook = re.search(r"HOGO_CHINOOK_URL=(\S+)", out)
    if chinook:
        store["HOGO_CHINOOK_URL"] = chinook.group(1)
    return {"env": store, "keys": dict(keys), "logins": logins, "dir": directory, "output": out}


def cli(env: dict, *args: str, stdin: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [HOGO, *args], env={**os.environ, **env}, input=stdin, capture_output=True, text=True, check=check
    )


def api_key(env: dict, name: str, role: str, categories: list[str] | tuple[str, ...] = ()) -> str:
    args = ["apikey", "create", name, "--role", role]
    for c in categories:
        args += ["--category", c]
    out = cli(env, *args).stdout
    return re.search(r"hogo_\S+", out).group(0)


def operator(env: dict, login: str, role: str, categories: list[str] | tuple[str, ...] = ()) -> str:
    password = f"pw-{login}-0123456789"
    args = ["operators", "create", login, "--name", login, "--role", role, "--password-stdin"]
    for c in categories:
        args += ["--category", c]
    cli(env, *args, stdin=password + "\n")
    return password


class Server:
    """`hogo serve` in its own process group; stopped (SIGTERM, then SIGKILL) on exit."""

    def __init__(self, env: dict, port: int | None = None, workers: int = 1, log: Path | None = None) -> None:
        self.env = {**os.environ, **env}
        self.port = port or free_port()
        self.workers = workers
        self.log = log
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL
        args = [HOGO, "serve", "--port", str(self.port), "--workers", str(self.workers)]
        self.proc = subprocess.Popen(args, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.url + "/api/v1/ledger", timeout=2).status_code < 500:
                    return self
            if self.proc.poll() is not None:
                raise RuntimeError(f"hogo serve exited with {self.proc.returncode}")
            time.sleep(0.3)
        raise RuntimeError("hogo serve did not answer in 60 s")

    def __exit__(self, *exc: object) -> None:
        assert self.proc is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, 15)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, 9)
            self.proc.wait()

    def rss_kib(self) -> int:
        """Resident memory of the server and its workers (the whole process group), KiB."""
        total = 0
        for status in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = status.read_text().rsplit(")", 1)[1].split()
                if int(fields[2]) == self.proc.pid:  # process group id
                    total += int(Path(status.parent / "status").read_text().split("VmRSS:")[1].split()[0])
        return total


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def console_login(base: str, login: str, password: str) -> tuple[httpx.Client, str]:
    """A signed-in console client and the session's CSRF token."""
    client = httpx.Client(base_url=base, timeout=30, follow_redirects=True)
    page = client.get("/console/login").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    r = client.post("/console/login", data={"login": login, "password": password, "csrf": csrf})
    if r.status_code != 200 or "login" in str(r.url):
        raise RuntimeError(f"console sign-in of {login} failed: {r.status_code}")
    return client, session_csrf(client)


def session_csrf(client: httpx.Client) -> str:
    page = client.get("/console/requests/new").text
    found = re.search(r'name="csrf" value="([^"]+)"', page) or re.search(
        r'name="csrf" value="([^"]+)"', client.get("/console/people").text
    )
    return found.group(1)


def pdf_text(data: bytes) -> str:
    """The text of a PDF (reportlab's CID fonts map to Unicode), for searching."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
