"""Probe 7 — what the public sees, and the small promises around it.

* The public ledger endpoints and the notice (no key): no server path, no ledger comment, no accepted
  finding, no `applied_by`, no dataset connection (Japanet and Chinook ledgers).
* CSV downloads: every cell that starts with = + - @, a tab or a carriage return is neutralised (vault values
  and a Chinook row whose Company is a formula).
* The demo's mail log is mode 0600 (and the store's files: reported).
* Cookies: Secure behind a trusted proxy's X-Forwarded-Proto: https, not when the proxy is not trusted, always
  with HOGO_COOKIE_SECURE=true, never with false.
* The portal's rate limit (5 filings / 10 min per address) across two `hogo serve` processes on one store,
  and whether a forged X-Forwarded-For resets it.

Prints JSON.

    .venv/bin/python bench/security/surface.py
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import stat
from pathlib import Path

import httpx
from common import REPO, Server, bearer, demo_store, emit, operator, workdir

PUBLIC = [
    "/api/v1/ledger",
    "/api/v1/ledger/versions",
    "/api/v1/ledger/versions/1",
    "/api/v1/notice",
    "/api/v1/notice?lang=en&format=md",
    "/api/v1/notice?format=html",
    "/portal/privacy",
    "/portal/privacy?lang=en",
]
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def public_leaks(base: str, directory: Path, secrets_: list[str]) -> list[dict]:
    rows = []
    for path in PUBLIC:
        r = httpx.get(base + path, timeout=30)
        text = r.text
        found = [s for s in secrets_ if s and s in text]
        found += re.findall(r"(?:/tmp/|/work/|/root/|/home/|[A-Za-z]:\\\\)[^\s\"'<]*", text)[:3]
        rows.append({"path": path, "status": r.status_code, "found": found})
    return rows


def ledger_secrets(ledger: Path, directory: Path) -> list[str]:
    """Text that must not be published: comments of the ledger file, accepted findings' reasons, paths, names."""
    text = ledger.read_text()
    comments = [m.strip() for m in re.findall(r"^\s*#\s*(.{25,60})", text, re.M)][:30]
    reasons = (
        re.findall(r"en: ([^}]{20,60})\}", text.split("accepted_findings:")[1]) if "accepted_findings:" in text else []
    )
    return [
        *comments,
        *reasons,
        str(directory),
        str(ledger),
        "applied_by",
        "accepted_findings",
        "HOGO_CHINOOK_URL",
        "connection",
    ]


def csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row]


def csv_probe(base: str, full: str, values: dict[str, str], identifier: dict) -> dict:
    c = httpx.Client(base_url=base, headers=bearer(full), timeout=60)
    filed = c.post("/api/v1/requests", json={"kind": "disclosure", "channel": "post", "identifier": identifier}).json()
    rid, token = filed["request"]["id"], filed["token"]
    ident_doc = "callback_to_registered_phone"
    if c.post(f"/api/v1/requests/{rid}/identity", json={"document": ident_doc}).status_code >= 400:
        c.post(f"/api/v1/requests/{rid}/identity", json={"document": "drivers_licence"})
    if filed["request"]["fee_jpy"]:
        c.post(f"/api/v1/requests/{rid}/fee", json={"method": "cash", "amount_jpy": filed["request"]["fee_jpy"]})
    c.post(f"/api/v1/requests/{rid}/decision", json={"outcome": "full"})
    f = c.post(f"/api/v1/requests/{rid}/fulfilment", json={})
    api_csv = httpx.get(f"{base}/api/v1/person-requests/{token}/download?format=csv", timeout=60).text
    portal_csv = httpx.get(f"{base}/portal/requests/status/{token}/download/csv", timeout=60).text
    out = {"fulfilment": f.status_code}
    for label, text in (("api", api_csv), ("portal", portal_csv)):
        cells = csv_cells(text)
        dangerous = [cell for cell in cells if cell.startswith(FORMULA)]
        planted = {k: any(v.lstrip("'") in cell or v in cell for cell in cells) for k, v in values.items()}
        out[label] = {
            "cells": len(cells),
            "cells_starting_with_formula_char": dangerous[:10],
            "planted_values_present": planted,
        }
    return out


def cookies(env: dict) -> dict:
    out = {}
    cases = {
        "no proxy setting, X-Forwarded-Proto https": ({}, {"X-Forwarded-Proto": "https"}),
        "trusted 127.0.0.1, X-Forwarded-Proto https": (
            {"HOGO_TRUSTED_PROXIES": "127.0.0.1"},
            {"X-Forwarded-Proto": "https"},
        ),
        "trusted 127.0.0.1, plain http": ({"HOGO_TRUSTED_PROXIES": "127.0.0.1"}, {}),
        "trusted 10.0.0.0/8 only, X-Forwarded-Proto https": (
            {"HOGO_TRUSTED_PROXIES": "10.0.0.0/8"},
            {"X-Forwarded-Proto": "https"},
        ),
        "HOGO_COOKIE_SECURE=true, plain http": ({"HOGO_COOKIE_SECURE": "true"}, {}),
        "HOGO_COOKIE_SECURE=false, proxy https": (
            {"HOGO_COOKIE_SECURE": "false", "HOGO_TRUSTED_PROXIES": "*"},
            {"X-Forwarded-Proto": "https"},
        ),
    }
    login, password = "cookieofficer", operator(env, "cookieofficer", "officer")
    for label, (extra, headers) in cases.items():
        with Server({**env, **extra}) as srv:
            c = httpx.Client(base_url=srv.url, headers=headers, timeout=30)
            r = c.get("/console/login")
            login_cookie = r.headers.get_list("set-cookie")
            csrf = re.search(r'name="csrf" value="([^"]+)"', r.text).group(1)
            c.cookies.clear()  # a client keeps a Secure cookie to itself over http: send it by hand
            cookie = {"Cookie": f"hogo_login_csrf={csrf}"}
            r2 = c.post("/console/login", data={"login": login, "password": password, "csrf": csrf}, headers=cookie)
            session_cookie = r2.headers.get_list("set-cookie")
            portal_cookie = c.get("/portal/requests").headers.get_list("set-cookie")

            def secure(cookies: list[str], name: str) -> bool | None:
                found = [x for x in cookies if x.startswith(name + "=")]
                return ("; secure" in found[0].lower()) if found else None

            out[label] = {
                "hogo_login_csrf": secure(login_cookie, "hogo_login_csrf"),
                "hogo_console": secure(session_cookie, "hogo_console"),
                "hogo_csrf (portal)": secure(portal_cookie, "hogo_csrf"),
            }
    return out


def rate_limit(env: dict, earlier: int) -> dict:
    with Server(env) as a, Server(env) as b:
        answers = []
        for i in range(12):
            srv = a if i % 2 == 0 else b
            r = httpx.post(
                srv.url + "/api/v1/person-requests",
                json={"kind": "disclosure", "email": f"rl{i}@example.jp"},
                timeout=30,
            )
            answers.append(r.status_code)
        forged = []
        for i in range(4):
            r = httpx.post(
                b.url + "/api/v1/person-requests",
                json={"kind": "disclosure", "email": f"rlx{i}@example.jp"},
                headers={"X-Forwarded-For": f"203.0.113.{i + 1}"},
                timeout=30,
            )
            forged.append(r.status_code)
        portal = []
        for i in range(2):
            c = httpx.Client(base_url=(a if i == 0 else b).url, timeout=30)
            page = c.get("/portal/requests").text
            csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
            form = {"kind": "disclosure", "email": f"rlp{i}@example.jp", "language": "ja", "csrf": csrf}
            r = c.post("/portal/requests?lang=en", data=form)
            portal.append(f"{r.status_code} too-many page" if "Too many requests" in r.text else str(r.status_code))
    return {
        "api_filings_alternating_two_processes": answers,
        "accepted": sum(1 for s in answers if s == 201),
        "earlier_filings_from_this_address": earlier,
        "then_with_forged_x_forwarded_for": forged,
        "then_portal_form_on_each_process": portal,
    }


def main() -> None:
    out: dict = {"probe": "surface"}
    d = workdir("surface")
    store = demo_store(d / "demo", people=20)
    env, full = store["env"], store["keys"]["officer"]
    with Server(env) as srv:
        out["public_japanet"] = public_leaks(srv.url, d, ledger_secrets(REPO / "examples/japanet/ledger.yaml", d))
        values = {
            "name": '=HYPERLINK("http://x","y")',
            "address": "+SUM(1,2)",
            "order-details": "@cmd",
            "inquiry-details": "-2+3",
        }
        email = "csv.probe@example.jp"
        r = httpx.post(
            srv.url + "/api/v1/persons",
            headers=bearer(full),
            json={
                "subject_kind": "customer",
                "channel": "toll-free-call",
                "purposes": ["delivery-and-installation", "product-support"],
                "identifiers": [{"kind": "email", "value": email}],
                "values": {**values, "phone": "+81 90-1234-5678"},
            },
        )
        out["csv_person_recorded"] = r.status_code
        out["csv_japanet"] = csv_probe(srv.url, full, {**values, "phone": "+81"}, {"kind": "email", "value": email})
        # A filing on the portal writes the code mail to the demo's mail log.
        httpx.post(
            srv.url + "/api/v1/person-requests", json={"kind": "disclosure", "email": "customer000001@example.jp"}
        )
    mail = Path(env["HOGO_MAIL_LOG"])
    out["file_modes"] = {
        p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in [mail, *sorted((d / "demo").glob("hogo*"))] if p.exists()
    }
    out["cookies"] = cookies(env)
    out["rate_limit"] = rate_limit(env, earlier=1)
    # Chinook: the public endpoints with a ledger that connects a dataset, and a formula in the company's database.
    dc = workdir("surface-chinook")
    ch = demo_store(dc / "demo", example="chinook")
    chinook = ch["env"]["HOGO_CHINOOK_URL"].removeprefix("sqlite:///")
    con = sqlite3.connect(chinook)
    con.execute("UPDATE Customer SET Company = ?, City = ? WHERE CustomerId = 1", ("=cmd|' /C calc'!A0", "@SUM(A1)"))
    con.commit()
    con.close()
    with Server(ch["env"]) as srv:
        out["public_chinook"] = public_leaks(srv.url, dc, ledger_secrets(REPO / "examples/chinook/ledger.yaml", dc))
        out["csv_chinook"] = csv_probe(
            srv.url,
            ch["keys"]["officer"],
            {"company": "=cmd|' /C calc'!A0", "city": "@SUM(A1)"},
            {"kind": "email", "value": "luisg@embraer.com.br"},
        )
    emit(out)


if __name__ == "__main__":
    main()
