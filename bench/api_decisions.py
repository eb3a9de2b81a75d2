"""Requests per second and latency of `POST /api/v1/decisions/use` under uvicorn, against a trivial FastAPI app.

The store is a temporary SQLite file with the Japanet example ledger and 1,000 sample people (bench/decisions.py
sets it up) and an application API key. uvicorn serves it in a subprocess with two workers, each building its
own container on the same SQLite file and key file (`hogo_app` below, an import-string factory reading the
HOGO_ environment; `serve` below works around uvicorn's lost TCP_NODELAY with --workers). This process drives
it with `concurrency` keep-alive connections, each sending the request mix of bench/decisions.py one request
after another for `seconds` after a warm-up: first with a minimal asyncio HTTP client (the figures that count),
then with httpx AsyncClients for half as long. Unpinned, the load generator shares the machine's cores with the
server; `--pin on|both` also measures with the load generator pinned to the first core and the server's supervisor
and workers to the others (`os.sched_setaffinity`, what `taskset` does), so that the latency belongs to the server.
The server's CPU time (its processes' utime + stime from /proc over the timed window) is reported beside the
wall-clock rate.

Baseline, same run and same load generator: `trivial_app` below, a FastAPI app whose one synchronous endpoint
returns {"ok": true}, served the same way (two workers), so that hogo's own share of the cost is visible.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI

LOAD_AT_START = round(os.getloadavg()[0], 2)
"""The machine's 1-minute load when the benchmark started: other work on the cores skews the figures."""
BENCH = Path(__file__).resolve().parent
PATH = "/api/v1/decisions/use"


# -- the servers (imported by the uvicorn workers) ----------------------------------------------
def hogo_app() -> FastAPI:
    """hogo's application on the store named by HOGO_DATABASE_URL and HOGO_KEY_FILE, as each `hogo serve` worker
    builds it (the jobs worker is off: HOGO_JOBS_WORKER=false in the server's environment)."""
    from hogo.cli.serve import app_from_environment

    return app_from_environment()


def trivial_app() -> FastAPI:
    app = FastAPI()

    @app.post(PATH)
    def ok() -> dict[str, bool]:
        return {"ok": True}

    return app


# -- the load generator -------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    factory: str, port: int, workers: int, env: dict[str, str], stock: bool, cpus: set[int] | None = None
) -> subprocess.Popen[bytes]:
    """The server in a subprocess; `cpus`: its supervisor and workers pinned there (as `taskset` does)."""
    if stock:  # `uvicorn --workers N` itself: its listener loses TCP_NODELAY (see serve() below)
        command = [sys.executable, "-m", "uvicorn", "--factory", f"api_decisions:{factory}", "--app-dir", str(BENCH)]
        command += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
        command += ["--log-level", "warning", "--no-access-log"]
    else:
        command = [sys.executable, str(Path(__file__).resolve()), "--serve", factory]
        command += ["--port", str(port), "--workers", str(workers)]
    pin = (lambda: os.sched_setaffinity(0, cpus)) if cpus else None
    return subprocess.Popen(command, env={**os.environ, **env}, preexec_fn=pin)  # noqa: PLW1509 (no threads yet)


def split_cpus() -> tuple[set[int], set[int]]:
    """(load generator's cores, server's cores): the first core this process may use, and the others."""
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        raise SystemExit("--pin needs at least two cores")
    return {cpus[0]}, set(cpus[1:])


def process_tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by process `pid` and its descendants still running (the workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def serve(factory: str, port: int, workers: int) -> None:
    """What `uvicorn --factory api_decisions:<factory> --workers N` does, with a listener that keeps TCP_NODELAY.

    uvicorn's `Config.bind_socket()` leaves the listening socket's `proto` at 0; accepted sockets inherit it and
    asyncio sets TCP_NODELAY only when `proto == IPPROTO_TCP`, so with `--workers N` on Linux every keep-alive
    request after the first waits ~40 ms for a delayed ACK (Kludex/uvicorn#3149, open). Same supervisor and
    workers here, with the socket created as TCP.
    """
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(
        factory if ":" in factory else f"api_decisions:{factory}",  # another bench's app as "module:factory"
        factory=True,
        host="127.0.0.1",
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,
    )
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.set_inheritable(True)
    if workers > 1:
        Multiprocess(config, sockets=[sock]).run()
    else:
        uvicorn.Server(config).run(sockets=[sock])


def _loop_and_parser() -> str:
    """What uvicorn's `auto` picks here: uvloop and httptools when installed (`uvicorn[standard]`), else asyncio/h11."""
    import importlib.util

    loop = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
    return f"{loop}, {'httptools' if importlib.util.find_spec('httptools') else 'h11'}"


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


async def wait_ready(base: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(base_url=base) as client:
        while True:
            try:
                if (await client.get("/openapi.json")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"the server at {base} did not start within {timeout} s")
            await asyncio.sleep(0.2)


class Tally:
    """Latencies and statuses of the timed requests, and this process's CPU time while they ran."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.statuses: dict[int, int] = {}

    def add(self, status: int, seconds: float) -> None:
        self.latencies.append(seconds)
        self.statuses[status] = self.statuses.get(status, 0) + 1

    def summary(self, elapsed: float, cpu: float, server_cpu: float | None = None) -> dict[str, Any]:
        latencies = sorted(self.latencies)
        n = len(latencies)
        server = (
            {}
            if server_cpu is None
            else {
                "server_cpu_s_per_s": round(server_cpu / elapsed, 2),
                "server_cpu_us_per_request": round(server_cpu / n * 1e6, 1),
                "rps_per_server_cpu_s": round(n / server_cpu) if server_cpu else None,
            }
        )
        return {
            "requests": n,
            "rps": round(n / elapsed),
            "p50_ms": round(statistics.median(latencies) * 1000, 2),
            "p99_ms": round(latencies[min(n - 1, int(n * 0.99))] * 1000, 2),
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "load_generator_cpu_s_per_s": round(cpu / elapsed, 2),
            **server,
        }


async def drive_httpx(
    port: int,
    token: str,
    bodies: list[dict[str, Any]],
    concurrency: int,
    seconds: float,
    warmup: float,
    server_pid: int | None = None,
) -> dict[str, Any]:
    """httpx: one AsyncClient (one keep-alive connection) per task; a single client's pool of 32+ connections
    spends more time in its own bookkeeping than the trivial server does per request."""
    tally = Tally()
    base, headers = f"http://127.0.0.1:{port}", {"Authorization": f"Bearer {token}"}

    async def post(client: httpx.AsyncClient, body: dict[str, Any]) -> int:
        try:
            return (await client.post(PATH, json=body)).status_code
        except httpx.TransportError:
            return 0  # counted as status "0": the server dropped the connection

    async def worker(n: int, phase: Phase) -> None:
        async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30.0) as client:
            i = n * 97
            while time.perf_counter() < phase.warm_until:
                await post(client, bodies[i % len(bodies)])
                i += 1
            await phase.started.wait()
            while (now := time.perf_counter()) < phase.until:
                status = await post(client, bodies[i % len(bodies)])
                tally.add(status, time.perf_counter() - now)
                i += 1

    return await _run(worker, concurrency, seconds, warmup, tally, server_pid)


async def drive_raw(
    port: int,
    token: str,
    bodies: list[dict[str, Any]],
    concurrency: int,
    seconds: float,
    warmup: float,
    server_pid: int | None = None,
) -> dict[str, Any]:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams: requests encoded up front, responses read by
    Content-Length; it costs the shared cores far less per request than httpx, so the server's share shows."""
    requests = []
    for body in bodies:
        payload = json.dumps(body).encode()
        head = (
            f"POST {PATH} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
        )
        requests.append(head.encode() + payload)
    return await drive_requests(port, requests, concurrency, seconds, warmup, server_pid=server_pid)


async def drive_requests(
    port: int,
    requests: list[bytes],
    concurrency: int,
    seconds: float,
    warmup: float,
    *,
    once: bool = False,
    server_pid: int | None = None,
) -> dict[str, Any]:
    """Send the encoded `requests` over `concurrency` keep-alive connections; `once`: each request at most once
    (in order across the connections), e.g. requests that carry a one-time nonce."""
    tally = Tally()
    shared = iter(range(len(requests)))

    async def call(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> tuple[int, bool]:
        """The response's status, and whether the server keeps the connection open."""
        writer.write(request)
        head = await reader.readuntil(b"\r\n\r\n")
        length, keep = 0, True
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection" and value.strip().lower() == b"close":
                keep = False
        await reader.readexactly(length)
        return int(head[9:12]), keep

    async def worker(n: int, phase: Phase) -> None:
        i = n * 97
        connection = await asyncio.open_connection("127.0.0.1", port)
        while True:
            timed = phase.started.is_set()
            if (now := time.perf_counter()) >= (phase.until if timed else phase.warm_until):
                if timed:
                    break
                await phase.started.wait()
                continue
            if once:
                i = next(shared, -1)
                if i < 0:
                    raise SystemExit("ran out of prepared requests: prepare more")
            reader, writer = connection
            try:
                status, keep = await call(reader, writer, requests[i % len(requests)])
            except (ConnectionError, asyncio.IncompleteReadError):
                status, keep = 0, False  # counted as status "0": the server dropped the connection
            if timed:
                tally.add(status, time.perf_counter() - now)
            if not keep:
                writer.close()
                connection = await asyncio.open_connection("127.0.0.1", port)
            i += 1
        connection[1].close()

    return await _run(worker, concurrency, seconds, warmup, tally, server_pid)


class Phase:
    """Warm-up until `warm_until`, then (once `started` is set) timed requests until `until`."""

    def __init__(self, warmup: float) -> None:
        self.warm_until = time.perf_counter() + warmup
        self.started = asyncio.Event()
        self.until = 0.0


async def _run(
    worker: Any, concurrency: int, seconds: float, warmup: float, tally: Tally, server_pid: int | None = None
) -> dict[str, Any]:
    """Warm up every connection, then time all of them together for `seconds` (and the server's CPU time)."""
    phase = Phase(warmup)
    tasks = [asyncio.create_task(worker(n, phase)) for n in range(concurrency)]
    await asyncio.sleep(max(0.0, phase.warm_until - time.perf_counter()) + 0.5)
    start, cpu = time.perf_counter(), time.process_time()
    phase.until = start + seconds
    phase.started.set()
    server_cpu = process_tree_cpu(server_pid) if server_pid else 0.0
    await asyncio.gather(*tasks)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return tally.summary(elapsed, cpu, process_tree_cpu(server_pid) - server_cpu if server_pid else None)


async def measure(
    factory: str,
    client: str,
    env: dict[str, str],
    token: str,
    bodies: list[dict[str, Any]],
    args: argparse.Namespace,
    seconds: float,
    pinned: bool = False,
) -> dict[str, Any]:
    """One server measured; `pinned`: the server on every core but the first, this load generator on the first."""
    port = free_port()
    mine, theirs = split_cpus() if pinned else (None, None)
    server = start_server(factory, port, args.workers, env, args.stock_uvicorn, theirs)
    before = os.sched_getaffinity(0)
    try:
        await wait_ready(f"http://127.0.0.1:{port}")
        if mine:
            os.sched_setaffinity(0, mine)
        drive = drive_raw if client == "raw" else drive_httpx
        result = await drive(port, token, bodies, args.concurrency, seconds, args.warmup, server.pid)
        return result | ({"load_generator_cpus": sorted(mine), "server_cpus": sorted(theirs or ())} if mine else {})
    finally:
        os.sched_setaffinity(0, before)
        stop_server(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run (3 s per server and client)")
    parser.add_argument("--seconds", type=float, default=None, help="timed seconds per server (default 10)")
    parser.add_argument("--warmup", type=float, default=None, help="untimed seconds first (default 3)")
    parser.add_argument("--concurrency", type=int, default=32, help="requests in flight")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--people", type=int, default=1000, help="sample people in the store")
    parser.add_argument("--database-url", default=None, help="an existing store instead of a temporary SQLite file")
    parser.add_argument(
        "--stock-uvicorn", action="store_true", help="serve with `python -m uvicorn --workers N` (no TCP_NODELAY)"
    )
    parser.add_argument(
        "--client",
        choices=["raw", "httpx", "both"],
        default="both",
        help="load generator (both: httpx for half as long)",
    )
    parser.add_argument(
        "--pin",
        choices=["off", "on", "both"],
        default="both",
        help="on: the load generator on the first core, the server's workers on the others (taskset); both: each "
        "server measured unpinned, then pinned",
    )
    parser.add_argument("--serve", metavar="FACTORY", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=8000, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.port, args.workers)
        return
    args.seconds = args.seconds or (3.0 if args.quick else 10.0)
    args.warmup = args.warmup or (1.0 if args.quick else 3.0)

    sys.path.insert(0, str(BENCH))
    from decisions import make_store, request_mix

    from hogo.identity.policy import Role, system_actor

    with tempfile.TemporaryDirectory(prefix="hogo-bench-") as tmp:
        directory = Path(tmp)
        container, acquisitions, ids = make_store(directory, args.people, database_url=args.database_url)
        try:
            token = container.identity.create_key("bench", Role.application, None, system_actor("bench")).token
            url = str(container.settings.database_url)
        finally:
            container.close()
        bodies = [
            {"person_id": p, "items": list(items), "purpose": purpose}
            for p, items, purpose in request_mix(acquisitions, ids)
        ]
        env = {
            "HOGO_DATABASE_URL": url,
            "HOGO_KEY_FILE": str(directory / "hogo-keys.json"),
            "HOGO_JOBS_WORKER": "false",
        }
        main_client = "raw" if args.client == "both" else args.client
        modes = {"off": [False], "on": [True], "both": [False, True]}[args.pin]
        runs = [
            (f"{name}{'/pinned' if pinned else ''}", factory, server_env, main_client, args.seconds, pinned)
            for pinned in modes
            for name, factory, server_env in (("hogo", "hogo_app", env), ("trivial", "trivial_app", {}))
        ]
        if args.client == "both":
            runs += [
                ("hogo/httpx", "hogo_app", env, "httpx", args.seconds / 2, False),
                ("trivial/httpx", "trivial_app", {}, "httpx", args.seconds / 2, False),
            ]
        results = {
            name: asyncio.run(measure(factory, client, server_env, token, bodies, args, seconds, pinned))
            for name, factory, server_env, client, seconds, pinned in runs
        }

    first = "" if modes[0] is False else "/pinned"
    hogo, trivial = results[f"hogo{first}"], results[f"trivial{first}"]
    out: dict[str, Any] = {
        "bench": "api_decisions",
        **hogo,
        "pinned": bool(first),
        "workers": args.workers,
        "concurrency": args.concurrency,
        "seconds": args.seconds,
        "client": main_client,
        "baseline_trivial_fastapi": trivial,
        "ratio_vs_trivial": round(hogo["rps"] / trivial["rps"], 3),
    }
    if args.pin == "both":
        out["pinned_run"] = {
            "hogo": results["hogo/pinned"],
            "trivial_fastapi": results["trivial/pinned"],
            "ratio_vs_trivial": round(results["hogo/pinned"]["rps"] / results["trivial/pinned"]["rps"], 3),
        }
    if args.client == "both":
        out["httpx"] = {"hogo": results["hogo/httpx"], "trivial_fastapi": results["trivial/httpx"]}
    out |= {
        "target_rps": 3000,
        "target_p99_ms": 20,
        "server": f"uvicorn --workers {args.workers} ({_loop_and_parser()})"
        + (" (stock)" if args.stock_uvicorn else ", listener with TCP_NODELAY"),
        "loadavg_1m_at_start": LOAD_AT_START,
        "loadavg_1m_at_end": round(os.getloadavg()[0], 2),
        "note": "unpinned, the load generator shares the cores with the server: its CPU use is "
        "load_generator_cpu_s_per_s; pinned (taskset), it has the first core and the server the others",
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
