"""Consent records written per second over HTTP (`POST /api/v1/web-consent/records`), and the banner script's size
and cost to page load in Chromium.

Throughput: a temporary SQLite store with the アズポケット example ledger (its Google Analytics tag) and a site origin
in `web_consent.origins`. uvicorn serves hogo with two workers (api_decisions.py's supervisor, TCP_NODELAY kept);
the client's address limit is raised so that the bench measures the write and not the 429. Every post is a
different visitor's choice with its own nonce and token, signed up front by this process with the store's key
(what `GET /api/v1/web-consent/config` hands the script), so that the load generator spends nothing on
HMACs; each post is sent once (a second would be a replay, 409). The load generator is api_decisions.py's minimal
asyncio HTTP/1.1 client. `--server-cpus`/`--client-cpus` pin the two with taskset / sched_setaffinity.
Baseline, same run, same client: a FastAPI app whose one async endpoint at the same path returns {"ok": true}.

Page load: a page served by a local HTTP server, loaded `--loads` times in fresh Chromium contexts (cold cache)
with and without `<script src=…/consent.js defer>`, alternating; Chromium's navigation timing (DOMContentLoaded
and load event end) and, with the script, the time until the banner is on screen.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import hashlib
import hmac
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from fastapi import FastAPI

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from api_decisions import (  # noqa: E402  (bench modules are plain scripts beside each other)
    LOAD_AT_START,
    _loop_and_parser,
    drive_requests,
    free_port,
    stop_server,
    wait_ready,
)

PATH = "/api/v1/web-consent/records"
ROOT = BENCH.parent


def hogo_app() -> FastAPI:
    from hogo import bootstrap
    from hogo.web.app import create_app

    if os.environ.get("BENCH_PROBE_DIR"):
        probe(Path(os.environ["BENCH_PROBE_DIR"]))
    container = bootstrap.build()
    synchronous = os.environ.get("BENCH_SQLITE_SYNCHRONOUS")
    if synchronous and container.engine.dialect.name == "sqlite":  # an experiment: not what hogo ships
        from sqlalchemy import event

        def pragma(connection: Any, _record: Any) -> None:
            connection.execute(f"PRAGMA synchronous={synchronous}")

        event.listen(container.engine, "connect", pragma)
        container.engine.dispose()
    return create_app(container)


def probe(directory: Path) -> None:
    """In a server worker: time each group the consent writer stores, and write the sums when the worker stops."""
    import signal

    from hogo.consent import web_writer

    groups: list[tuple[int, float]] = []
    store = web_writer.GroupWriter._store

    def timed(self: Any, jobs: list[Any]) -> list[str]:
        started = time.perf_counter()
        try:
            return store(self, jobs)
        finally:
            groups.append((len(jobs), time.perf_counter() - started))

    def dump(*_: Any) -> None:
        rows, seconds = sum(g[0] for g in groups), sum(g[1] for g in groups)
        summary = {"groups": len(groups), "rows": rows, "store_s": round(seconds, 3)}
        if groups:
            summary |= {
                "mean_group": round(rows / len(groups), 1),
                "mean_store_ms": round(seconds / len(groups) * 1000, 1),
            }
        (directory / f"worker-{os.getpid()}.json").write_text(json.dumps(summary))
        os._exit(0)

    web_writer.GroupWriter._store = timed  # type: ignore[method-assign]
    signal.signal(signal.SIGTERM, dump)


def trivial_app() -> FastAPI:
    app = FastAPI()

    @app.post(PATH, status_code=201)
    async def ok() -> dict[str, bool]:
        return {"ok": True}

    return app


def start(factory: str, port: int, workers: int, env: dict[str, str], cpus: str | None) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        str(BENCH / "api_decisions.py"),
        "--serve",
        factory if ":" in factory else f"web_consent:{factory}",
    ]
    command += ["--port", str(port), "--workers", str(workers)]
    if cpus:
        command = ["taskset", "-c", cpus, *command]
    return subprocess.Popen(command, env={**os.environ, **env})


def make_store(directory: Path, site: str, database_url: str | None) -> tuple[dict[str, str], bytes, str]:
    """A SQLite store with the ledger applied; the HOGO_ environment, the token secret and the banner version."""
    from hogo import bootstrap
    from hogo.adapters.keyring import FileKeyring
    from hogo.clock import SystemClock
    from hogo.db import migrate
    from hogo.ledger.loader import load_ledger_text
    from hogo.settings import Settings

    key_file = directory / "hogo-keys.json"
    FileKeyring.create(key_file, SystemClock().now())
    env = {
        "HOGO_DATABASE_URL": database_url or f"sqlite:///{directory / 'hogo.db'}",
        "HOGO_TRUSTED_PROXIES": "127.0.0.1",
        "HOGO_KEY_FILE": str(key_file),
        "HOGO_WEB_CONSENT_POSTS_PER_MINUTE": str(10**9),
        "HOGO_JOBS_WORKER": "off",
    }
    container = bootstrap.build(Settings(database_url=env["HOGO_DATABASE_URL"], key_file=key_file))
    try:
        migrate.upgrade(container.engine)
        text = (ROOT / "examples" / "azpocket" / "ledger.yaml").read_text(encoding="utf-8")
        text += f"\nweb_consent:\n  origins: [{site}]\n"
        container.ledger.apply(load_ledger_text(text, source="azpocket.yaml"), actor="bench")
        version = container.web_consents.banner().version  # also keeps the banner's content in the store
        secret = hmac.new(container.keyring.index_key, b"hogo-web-consent-token-v1", hashlib.sha256).digest()
    finally:
        container.close()
    return env, secret, version


def posts(port: int, site: str, secret: bytes, version: str, count: int, addresses: int) -> list[bytes]:
    """`count` posts, each a new visitor's choice with its own signed one-time token, from `addresses` client
    addresses (given as X-Forwarded-For by the proxy hogo trusts, as behind a site's load balancer)."""
    from hogo.consent.web_policy import sign

    expires = int(time.time()) + 3600
    out = []
    for n in range(count):
        visitor, nonce = "v_" + secrets.token_hex(16), secrets.token_hex(16)
        body = {
            "visitor": visitor,
            "nonce": nonce,
            "expires": expires,
            "token": sign(secret, visitor, nonce, expires, version),
            "banner": version,
            "action": ("accept_all", "reject_all", "custom")[n % 3],
            "choices": {"analytics": n % 2 == 0},
        }
        payload = json.dumps(body).encode()
        head = (
            f"POST {PATH} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: {site}\r\n"
            f"X-Forwarded-For: 198.51.{n % addresses // 256}.{n % addresses % 256}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
        )
        out.append(head.encode() + payload)
    return out


async def measure(factory: str, env: dict[str, str], args: argparse.Namespace, site: str, signed: Any) -> Any:
    port = free_port()
    server = start(factory, port, args.workers, env, args.server_cpus)
    try:
        await wait_ready(f"http://127.0.0.1:{port}")
        requests = signed(port)
        return await drive_requests(port, requests, args.concurrency, args.seconds, args.warmup, once=True)
    finally:
        stop_server(server)


def stored(env: dict[str, str]) -> int:
    import sqlalchemy as sa

    engine = sa.create_engine(env["HOGO_DATABASE_URL"])
    with engine.connect() as connection:
        count = int(connection.execute(sa.text("SELECT count(*) FROM web_consents")).scalar_one())
    engine.dispose()
    return count


# -- page load in Chromium ---------------------------------------------------------------------------
PAGE = """<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>bench</title>{script}
<script type="text/plain" data-hogo-category="analytics">window.tagRan = true;</script>
</head><body><h1>株式会社アズポケット</h1>{filler}</body></html>"""


def page_load(env: dict[str, str], site_port: int, loads: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    hogo_port = free_port()
    server = start("hogo_app", hogo_port, 1, env, None)
    hogo = f"http://127.0.0.1:{hogo_port}"
    filler = "".join(f"<p>段落 {n}：EV充電サービスのご案内。</p>" for n in range(200))

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            script = f'<script src="{hogo}/consent.js" defer></script>' if self.path.startswith("/with") else ""
            body = PAGE.format(script=script, filler=filler).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    site = ThreadingHTTPServer(("127.0.0.1", site_port), Handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    timings: dict[str, dict[str, list[float]]] = {"without": {}, "with": {}}
    try:
        asyncio.run(wait_ready(hogo))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            for n in range(loads * 2 + 2):
                kind = "with" if n % 2 else "without"
                context = browser.new_context()
                page = context.new_page()
                page.goto(f"http://localhost:{site_port}/{kind}", wait_until="load")
                if kind == "with":
                    page.wait_for_selector("#hogo-cb")
                    banner = page.evaluate("performance.now()")
                nav = page.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])")
                context.close()
                if n < 2:
                    continue  # the first of each warms Chromium and the servers
                entry = json.loads(nav)
                row = timings[kind]
                row.setdefault("dom_content_loaded_ms", []).append(entry["domContentLoadedEventEnd"])
                row.setdefault("load_event_end_ms", []).append(entry["loadEventEnd"])
                if kind == "with":
                    row.setdefault("banner_shown_ms", []).append(banner)
            browser.close()
    finally:
        site.shutdown()
        stop_server(server)
    return {
        kind: {name: round(statistics.median(values), 1) for name, values in row.items()}
        for kind, row in timings.items()
    } | {"loads_each": loads}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 s per server, 5 page loads each")
    parser.add_argument("--seconds", type=float, default=None, help="timed seconds per server (default 10)")
    parser.add_argument("--warmup", type=float, default=None, help="untimed seconds first (default 3)")
    parser.add_argument("--concurrency", type=int, default=32, help="requests in flight")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--server-cpus", default=None, help="taskset -c list for the server, e.g. 0")
    parser.add_argument("--client-cpus", default=None, help="CPUs of this load generator, e.g. 1")
    parser.add_argument("--loads", type=int, default=None, help="page loads with and without the script (20)")
    parser.add_argument("--addresses", type=int, default=1000, help="distinct client addresses (X-Forwarded-For)")
    parser.add_argument("--database-url", default=None, help="an empty PostgreSQL database instead of SQLite")
    parser.add_argument(
        "--sqlite-synchronous",
        choices=["NORMAL", "FULL"],
        default=None,
        help="an experiment: the server's SQLite connections with this PRAGMA synchronous (hogo ships the default)",
    )
    parser.add_argument("--skip-page", action="store_true", help="leave out the Chromium page-load part")
    args = parser.parse_args()
    args.seconds = args.seconds or (3.0 if args.quick else 10.0)
    args.warmup = args.warmup or (1.0 if args.quick else 3.0)
    loads = args.loads or (5 if args.quick else 20)
    if args.client_cpus:
        os.sched_setaffinity(0, {int(c) for c in args.client_cpus.split(",")})
    site_port = free_port()
    site = f"http://localhost:{site_port}"
    prepared = int(args.concurrency * 20 + 10_000 * (args.seconds + args.warmup + 1))

    with tempfile.TemporaryDirectory(prefix="hogo-bench-") as tmp:
        env, secret, version = make_store(Path(tmp), site, args.database_url)
        probes = Path(tmp) / "probe"
        probes.mkdir()

        def signed(port: int) -> list[bytes]:
            return posts(port, site, secret, version, prepared, args.addresses)

        server_env = env | {"BENCH_PROBE_DIR": str(probes)}
        if args.sqlite_synchronous:
            server_env["BENCH_SQLITE_SYNCHRONOUS"] = args.sqlite_synchronous
        hogo = asyncio.run(measure("hogo_app", server_env, args, site, signed))
        groups = [json.loads(p.read_text()) for p in sorted(probes.glob("*.json"))]
        rows = stored(env)
        trivial = asyncio.run(measure("trivial_app", {}, args, site, signed))
        script = (ROOT / "src" / "hogo" / "web" / "static" / "consent.js").read_bytes()
        page = None if args.skip_page else page_load(env, site_port, loads)

    out: dict[str, Any] = {
        "bench": "web_consent",
        **{k: hogo[k] for k in ("requests", "rps", "p50_ms", "p99_ms", "statuses", "load_generator_cpu_s_per_s")},
        "rows_in_store_after": rows,
        "writer_groups_per_worker": groups,
        "workers": args.workers,
        "concurrency": args.concurrency,
        "seconds": args.seconds,
        "client_addresses": args.addresses,
        "store": "postgresql" if args.database_url else "sqlite",
        "sqlite_synchronous": args.sqlite_synchronous or "default (FULL)",
        "server_cpus": args.server_cpus or "any",
        "client_cpus": args.client_cpus or "any",
        "baseline_trivial_fastapi": trivial,
        "ratio_vs_trivial": round(hogo["rps"] / trivial["rps"], 3),
        "target_rps": 2000,
        "target_p99_ms": 50,
        "script_bytes": len(script),
        "script_gzip_bytes": len(gzip.compress(script, 9)),
        "page_load": page,
        "server": f"uvicorn --workers {args.workers} ({_loop_and_parser()})",
        "loadavg_1m_at_start": LOAD_AT_START,
    }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
