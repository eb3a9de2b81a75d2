"""Probe 3 — large bodies and odd text, on SQLite and on PostgreSQL.

* 100 MB bodies, with a Content-Length and chunked (none), to the portal, the person's API, the API and the
  console sign-in, over a raw socket: the status, how much the server read before it answered, the time.
* Odd text in every text field: for each API operation with a JSON body, each string field (found in the
  OpenAPI document, nested ones too) gets a NUL, a lone surrogate, U+FFFF and 100,000 characters; every path
  and query parameter the same; the portal's and the console's form fields too; and bodies that are not
  UTF-8. The rest of the body is a minimal one built from the schema.
* The server's resident memory (all workers) before and after.

Counts answers per status; 500s should be 0. Prints JSON.

    .venv/bin/python bench/security/bodies.py [--store sqlite|postgresql|both] [--pg postgresql+psycopg://postgres@127.0.0.1:5432]
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import secrets
import socket
import time
from collections import Counter
from typing import Any
from urllib.parse import quote

import httpx
from common import Server, api_key, bearer, cli, console_login, demo_store, emit, operator, workdir

MB100 = 100 * 1024 * 1024
ODD = {"nul": "a\u0000b", "surrogate": "a\ud800b", "uffff": "a\uffffb", "100k": "x" * 100_000}
# In an address the long text is 60,000 characters (over 10,000 and over SQLite's LIKE pattern limit of 50,000;
# clients refuse URLs over 64 KiB).
ODD_URL = {**ODD, "100k": "x" * 60_000}


def raw_post(port: int, path: str, chunked: bool, total: int = MB100, headers: str = "") -> dict[str, Any]:
    """POST `total` bytes; stop sending when the server answers or closes. Returns status and bytes sent."""
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    ctype = "application/json" if path.startswith("/api/") else "application/x-www-form-urlencoded"
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {ctype}\r\n{headers}"
    head += "Transfer-Encoding: chunked\r\n\r\n" if chunked else f"Content-Length: {total}\r\n\r\n"
    t0 = time.monotonic()
    s.sendall(head.encode())
    chunk = b"a" * 65536
    sent = 0
    s.setblocking(False)
    answer = b""
    try:
        while sent < total:
            try:
                answer += s.recv(65536)
                if answer:
                    break
            except BlockingIOError:
                pass
            data = (b"%x\r\n" % len(chunk) + chunk + b"\r\n") if chunked else chunk
            try:
                s.setblocking(True)
                s.settimeout(10)
                s.sendall(data)
                s.setblocking(False)
            except (BrokenPipeError, ConnectionResetError, TimeoutError):
                break
            sent += len(chunk)
        if chunked and sent >= total:
            s.setblocking(True)
            s.sendall(b"0\r\n\r\n")
        s.setblocking(True)
        s.settimeout(30)
        while b"\r\n" not in answer:
            got = s.recv(65536)
            if not got:
                break
            answer += got
    except (ConnectionResetError, TimeoutError, BrokenPipeError) as exc:
        answer = answer or f"ERR {type(exc).__name__}".encode()
    finally:
        s.close()
    m = re.match(rb"HTTP/1\.1 (\d{3})", answer)
    return {
        "path": path,
        "chunked": chunked,
        "status": int(m.group(1)) if m else answer[:40].decode(errors="replace"),
        "mb_sent_before_answer": round(sent / 1024 / 1024, 2),
        "seconds": round(time.monotonic() - t0, 2),
    }


class Schema:
    def __init__(self, doc: dict) -> None:
        self.doc = doc

    def resolve(self, s: dict) -> dict:
        while "$ref" in s:
            s = self.doc["components"]["schemas"][s["$ref"].split("/")[-1]]
        if "anyOf" in s:
            options = [o for o in s["anyOf"] if o.get("type") != "null"]
            s = self.resolve(options[0]) if options else {"type": "null"}
        if "allOf" in s and len(s["allOf"]) == 1:
            s = self.resolve(s["allOf"][0])
        return s

    def example(self, s: dict, depth: int = 0) -> Any:
        s = self.resolve(s)
        if "enum" in s:
            return s["enum"][0]
        if "const" in s:
            return s["const"]
        t = s.get("type")
        if t == "object" or "properties" in s:
            out = {}
            for name, sub in s.get("properties", {}).items():
                if name in s.get("required", []) or depth == 0:
                    out[name] = self.example(sub, depth + 1)
            if not s.get("properties") and isinstance(s.get("additionalProperties"), dict):
                out["name"] = self.example(s["additionalProperties"], depth + 1)
            return out
        if t == "array":
            return [self.example(s.get("items", {}), depth + 1)] if depth < 4 else []
        if t == "integer":
            return max(1, s.get("minimum", 1))
        if t == "number":
            return 1
        if t == "boolean":
            return False
        if s.get("format") == "email":
            return "someone@example.jp"
        if s.get("format") == "date-time":
            return "2026-01-01T00:00:00Z"
        if s.get("format") == "date":
            return "2026-01-01"
        return "x"


def q(text: str) -> str:
    """Percent-encode as a client would send it (a lone surrogate as its 3 bytes)."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def form_body(data: dict[str, str]) -> dict[str, Any]:
    body = "&".join(f"{k}={q(v)}" for k, v in data.items())
    return {"content": body.encode(), "headers": {"Content-Type": "application/x-www-form-urlencoded"}}


def as_json(value: Any) -> dict[str, Any]:
    return {"content": json.dumps(value).encode(), "headers": {"Content-Type": "application/json"}}


def call(fn: Any, *args: Any, **kwargs: Any) -> httpx.Response | str:
    try:
        return fn(*args, **kwargs)
    except httpx.TransportError as exc:
        return f"dropped ({type(exc).__name__})"


def string_paths(value: Any, path: tuple = ()) -> list[tuple]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in string_paths(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in string_paths(v, (*path, i))]
    return [path] if isinstance(value, str) else []


def put(value: Any, path: tuple, new: Any) -> Any:
    out = copy.deepcopy(value)
    cur = out
    for p in path[:-1]:
        cur = cur[p]
    cur[path[-1]] = new
    return out


def odd_input(srv: Server, key: str, officer: tuple[str, str], pid: str) -> tuple[Counter, list[dict], list[str]]:
    statuses: Counter = Counter()
    fails: list[dict] = []
    accepted: list[str] = []
    doc = httpx.get(srv.url + "/openapi.json").json()
    schema = Schema(doc)
    client = httpx.Client(base_url=srv.url, headers=bearer(key), timeout=120)

    def note(label: str, r: httpx.Response | str) -> None:
        if isinstance(r, str):  # the connection was dropped
            statuses[r] += 1
            accepted.append(f"{r} {label}")
            return
        statuses[r.status_code] += 1
        if r.status_code >= 500:
            fails.append({"probe": label, "status": r.status_code, "body": r.text[:200]})
        elif r.status_code < 400:
            accepted.append(f"{r.status_code} {label}")

    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            params = {p["name"]: p for p in op.get("parameters", [])}
            concrete = path
            for name in [p for p in params if params[p]["in"] == "path"]:
                concrete = concrete.replace(
                    "{" + name + "}",
                    pid if name == "person_id" else "rq_00000000000000000000" if name == "request_id" else "x",
                )
            body_schema = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            base = schema.example(body_schema) if body_schema else None
            if base is not None:
                for sp in string_paths(base):
                    for kind, text in ODD.items():
                        r = call(client.request, method, concrete, **as_json(put(base, sp, text)))
                        note(f"{method.upper()} {path} body.{'.'.join(map(str, sp))}={kind}", r)
                for bad in (b"\xff\xfe\x00", b'{"a": "\xed\xa0\x80"}', b"\x00" * 100):
                    r = call(
                        client.request, method, concrete, content=bad, headers={"Content-Type": "application/json"}
                    )
                    note(f"{method.upper()} {path} raw {bad[:8]!r}", r)
            for name, p in params.items():
                for kind, text in ODD_URL.items():
                    if p["in"] == "path":
                        url = path
                        for other in [q for q in params if params[q]["in"] == "path"]:
                            url = url.replace("{" + other + "}", q(text) if other == name else "x")
                        r = call(client.request, method, url, **as_json(base))
                    elif p["in"] == "query":
                        r = call(client.request, method, concrete + f"?{name}={q(text)}", **as_json(base))
                    else:
                        continue
                    note(f"{method.upper()} {path} {p['in']}.{name}={kind}", r)
    # The portal's form (double-submit CSRF) and the console's forms.
    portal = httpx.Client(base_url=srv.url, timeout=120)
    form = {
        "kind": "disclosure",
        "email": "someone@example.jp",
        "language": "ja",
        "details": "x",
        "disclosure_method": "electronic",
    }
    for field in ("kind", "email", "details", "language", "claimed_ground"):
        for kind, text in ODD.items():
            page = portal.get("/portal/requests").text
            token = re.search(r'name="csrf" value="([^"]+)"', page)
            data = {**form, field: text, "csrf": token.group(1) if token else ""}
            note(f"POST /portal/requests form.{field}={kind}", call(portal.post, "/portal/requests", **form_body(data)))
    for kind, text in ODD_URL.items():
        note(f"GET /portal/requests/status/{{token}}={kind}", call(portal.get, "/portal/requests/status/" + q(text)))
    console, csrf = console_login(srv.url, *officer)
    intake = {
        "kind": "disclosure",
        "channel": "post",
        "language": "ja",
        "identifier_kind": "email",
        "identifier": "someone@example.jp",
    }
    for field in (
        "name",
        "email",
        "postal_code",
        "postal_address",
        "phone",
        "details",
        "identifier",
        "received_at",
        "agent_name",
    ):
        for kind, text in ODD.items():
            data = {**intake, field: text, "csrf": csrf}
            note(
                f"POST /console/requests/new form.{field}={kind}",
                call(console.post, "/console/requests/new", **form_body(data)),
            )
    for kind, text in ODD.items():
        note(
            f"POST /console/people form.value={kind}",
            call(console.post, "/console/people", **form_body({"kind": "email", "value": text, "csrf": csrf})),
        )
        note(
            f"POST /console/login form.login={kind}",
            call(httpx.post, srv.url + "/console/login", **form_body({"login": text, "password": "x", "csrf": "x"})),
        )
    return statuses, fails, accepted


def big_bodies(srv: Server, key: str) -> list[dict]:
    auth = f"Authorization: Bearer {key}\r\n"
    rows = []
    for path, headers in [
        ("/portal/requests", ""),
        ("/api/v1/person-requests", ""),
        ("/api/v1/persons", auth),
        ("/api/v1/provisions", auth),
        ("/console/login", ""),
        ("/console/requests/new", ""),
    ]:
        for chunked in (False, True):
            rows.append(raw_post(srv.port, path, chunked, headers=headers))
    return rows


def setup_postgresql(base_url: str, d) -> tuple[dict, str]:
    import psycopg

    name = f"hogo_sec_{secrets.token_hex(4)}"
    admin = base_url.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    env = {
        "HOGO_DATABASE_URL": f"{base_url}/{name}",
        "HOGO_KEY_FILE": str(d / "keys.json"),
        "HOGO_MAIL_LOG": str(d / "mail.log"),
    }
    cli(env, "db", "upgrade")
    cli(env, "keys", "init")
    from common import REPO

    cli(env, "ledger", "apply", str(REPO / "examples/japanet/ledger.yaml"))
    return env, name


def drop_postgresql(base_url: str, name: str) -> None:
    import psycopg

    admin = base_url.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(store: str, pg: str) -> dict:
    d = workdir(f"bodies-{store}")
    dbname = None
    if store == "sqlite":
        env = demo_store(d / "demo", people=20)["env"]
    else:
        env, dbname = setup_postgresql(pg, d)
    try:
        key = api_key(env, "bodies-admin", "admin")
        officer = ("secofficer", operator(env, "secofficer", "officer"))
        with Server(env, log=d / "serve.log") as srv:
            r = httpx.post(
                srv.url + "/api/v1/persons",
                headers=bearer(key),
                json={
                    "subject_kind": "customer",
                    "channel": "internet",
                    "values": {"name": "試験 太郎"},
                    "purposes": ["delivery-and-installation"],
                },
            )
            pid = r.json().get("person_id", "p_x")
            rss0 = srv.rss_kib()
            t0 = time.monotonic()
            big = big_bodies(srv, key)
            rss_big = srv.rss_kib()
            statuses, fails, accepted = odd_input(srv, key, officer, pid)
            rss1 = srv.rss_kib()
            alive = httpx.get(srv.url + "/api/v1/ledger").status_code
        return {
            "store": store,
            "big_bodies": big,
            "odd_input_probes": sum(statuses.values()),
            "odd_input_statuses": dict(sorted(statuses.items(), key=str)),
            "server_errors": sum(v for k, v in statuses.items() if isinstance(k, int) and k >= 500)
            + sum(1 for b in big if isinstance(b["status"], int) and b["status"] >= 500),
            "failures": fails[:50],
            "accepted_odd_input": accepted,
            "rss_kib": {"start": rss0, "after_big_bodies": rss_big, "end": rss1, "growth": rss1 - rss0},
            "seconds": round(time.monotonic() - t0, 1),
            "alive_after": alive,
        }
    finally:
        if dbname:
            drop_postgresql(pg, dbname)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432")
    args = ap.parse_args()
    stores = ["sqlite", "postgresql"] if args.store == "both" else [args.store]
    emit({"probe": "bodies-and-odd-input", "runs": [run(s, args.pg) for s in stores]})


if __name__ == "__main__":
    main()
