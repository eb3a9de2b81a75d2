"""Probe 1 — clearance: keys and operators cleared only for `identity` must never obtain a value of another
category, by any route (values, provisions, person view, consents, audit, request letters, disclosure
downloads, dataset access, console pages and letters).

A canary person is recorded with distinct values per category; every answer a restricted subject gets is
searched for the non-identity canaries (also in the text of PDFs). Prints JSON: one row per probe with the
status, and `leaks` listing the probes whose answer held a value the subject is not cleared for.

    .venv/bin/python bench/security/clearance.py [--skip-chinook]
"""

from __future__ import annotations

import argparse
import re
import secrets

import httpx
from common import Server, api_key, bearer, console_login, demo_store, emit, operator, pdf_text, workdir

PURPOSES = ["delivery-and-installation", "product-support"]


def canaries() -> dict[str, str]:
    tag = secrets.token_hex(4).upper()
    digits = f"{secrets.randbelow(9000) + 1000}"
    return {
        "name": f"カナリア{tag}",  # identity: the restricted subjects may see this one
        "address": f"東京都千代田区CANARYADDR{tag}",
        "phone": f"090-{digits}-{digits[::-1]}",
        "contact-information": f"canary.{tag.lower()}@example.jp",
        "order-details": f"CANARYORDER{tag}",
        "inquiry-details": f"CANARYINQUIRY{tag}",
    }


def needles(values: dict[str, str]) -> dict[str, list[str]]:
    """What to look for per non-identity item (a phone also in digits only, as a store may normalise it)."""
    out = {item: [v] for item, v in values.items() if item != "name"}
    digits = re.sub(r"\D", "", values["phone"])
    out["phone"] += [digits, digits[1:]]
    for extra in ("address2",):
        if extra in values:
            out[extra] = [values[extra]]
    return out


class Probe:
    def __init__(self, look_for: dict[str, list[str]]) -> None:
        self.rows: list[dict] = []
        self.look_for = look_for

    def check(self, subject: str, route: str, r: httpx.Response, expect: str = "") -> None:
        body = r.content
        text = pdf_text(body) if body[:5] == b"%PDF-" else r.text
        found = sorted({item for item, ns in self.look_for.items() for n in ns if n and n in text})
        self.rows.append(
            {"subject": subject, "route": route, "status": r.status_code, "leaked": found, "expect": expect}
        )


def run_requests(base: str, full: str, values: dict[str, str]) -> dict[str, str]:
    """With the fully cleared officer key: a disclosure (letter), a correction of the address (letter) and a
    partial disclosure, fulfilled; returns their ids."""
    ids = {}
    c = httpx.Client(base_url=base, headers=bearer(full), timeout=60)
    ident = {"kind": "email", "value": values["contact-information"]}
    contact = {"name": values["name"], "postal_code": "100-0005", "postal_address": "丸の内1-1 (typed at intake)"}
    for label, kind, outcome, extra in [
        ("disclosure", "disclosure", "full", {}),
        ("partial", "disclosure", "partial", {"ground": "business_hindrance", "reason": "part withheld"}),
        ("correction", "correction", "full", {}),
    ]:
        body = {"kind": kind, "channel": "post", "identifier": ident, "contact": contact}
        if kind == "correction":
            body["scope"] = {"items": ["address"]}
        r = c.post("/api/v1/requests", json=body).json()
        rid, fee = r["request"]["id"], r["request"]["fee_jpy"]
        c.post(f"/api/v1/requests/{rid}/identity", json={"document": "callback_to_registered_phone"}).raise_for_status()
        if fee:
            c.post(f"/api/v1/requests/{rid}/fee", json={"method": "cash", "amount_jpy": fee}).raise_for_status()
        c.post(f"/api/v1/requests/{rid}/decision", json={"outcome": outcome, **extra}).raise_for_status()
        fulfil = {"withheld": ["phone"]} if label == "partial" else {}
        if kind == "correction":
            fulfil = {"corrections": {"address": values["address2"]}}
        c.post(f"/api/v1/requests/{rid}/fulfilment", json=fulfil).raise_for_status()
        ids[label] = rid
    return ids


def api_probes(probe: Probe, base: str, subject: str, key: str, pid: str, consent: str, requests: dict) -> None:
    c = httpx.Client(base_url=base, headers=bearer(key), timeout=60)
    items = ["name", "address", "phone", "contact-information", "order-details", "inquiry-details"]
    for its in [items, ["address"], ["name", "address"], ["phone"], ["order-details"]]:
        for exc in (None, "law"):
            body = {"items": its, "purpose": "delivery-and-installation"} | ({"exception": exc} if exc else {})
            probe.check(
                subject, f"POST values {its} exception={exc}", c.post(f"/api/v1/persons/{pid}/values", json=body)
            )
    probe.check(subject, "GET person", c.get(f"/api/v1/persons/{pid}"))
    probe.check(subject, "GET consents", c.get(f"/api/v1/persons/{pid}/consents"))
    probe.check(subject, "GET consent receipt", c.get(f"/api/v1/consents/{consent}/receipt"))
    for its in (["name", "address", "phone"], ["address"], ["name"]):
        body = {
            "person_ids": [pid],
            "items": its,
            "recipient": "delivery-companies",
            "basis": "entrustment",
            "purpose": "delivery-and-installation",
        }
        probe.check(subject, f"POST provisions {its}", c.post("/api/v1/provisions", json=body))
    probe.check(subject, "GET provisions/records", c.get("/api/v1/provisions/records", params={"person_id": pid}))
    probe.check(subject, "GET person provision-records", c.get(f"/api/v1/persons/{pid}/provision-records"))
    probe.check(subject, "GET audit/events", c.get("/api/v1/audit/events", params={"limit": 1000}))
    probe.check(subject, "GET requests", c.get("/api/v1/requests", params={"all": "true"}))
    for label, rid in requests.items():
        probe.check(subject, f"GET request {label}", c.get(f"/api/v1/requests/{rid}"))
        probe.check(subject, f"GET letter {label}", c.get(f"/api/v1/requests/{rid}/letter"), "403")


def token_route(probe: Probe, base: str, subject: str, key: str, full: str, values: dict[str, str]) -> None:
    """The restricted key files a disclosure at the desk (it is answered with the person's status link), a
    cleared officer carries it out as usual, the restricted key downloads through the link."""
    c = httpx.Client(base_url=base, headers=bearer(key), timeout=60)
    body = {
        "kind": "disclosure",
        "channel": "post",
        "identifier": {"kind": "email", "value": values["contact-information"]},
    }
    r = c.post("/api/v1/requests", json=body)
    if r.status_code != 201:
        probe.check(subject, "file disclosure (desk)", r)
        return
    filed = r.json()
    rid, token = filed["request"]["id"], filed["token"]
    o = httpx.Client(base_url=base, headers=bearer(full), timeout=60)
    o.post(f"/api/v1/requests/{rid}/identity", json={"document": "callback_to_registered_phone"})
    if filed["request"]["fee_jpy"]:
        o.post(f"/api/v1/requests/{rid}/fee", json={"method": "cash", "amount_jpy": filed["request"]["fee_jpy"]})
    o.post(f"/api/v1/requests/{rid}/decision", json={"outcome": "full"})
    probe.check(subject, "fulfil disclosure itself", c.post(f"/api/v1/requests/{rid}/fulfilment", json={}), "403")
    o.post(f"/api/v1/requests/{rid}/fulfilment", json={}).raise_for_status()
    for fmt in ("json", "csv", "pdf"):
        probe.check(
            subject,
            f"download {fmt} by the status link it was given at filing",
            httpx.get(f"{base}/api/v1/person-requests/{token}/download", params={"format": fmt}, timeout=60),
        )


def console_probes(
    probe: Probe, base: str, subject: str, login: str, password: str, values: dict, requests: dict, intake: dict
) -> None:
    client, csrf = console_login(base, login, password)
    email = values["contact-information"]
    probe.check(
        subject,
        "console POST people (find)",
        client.post("/console/people", data={"kind": "email", "value": email, "csrf": csrf}),
    )
    probe.check(subject, "console requests queue", client.get("/console/requests", params={"show": "all"}))
    for label, rid in requests.items():
        probe.check(subject, f"console request page {label}", client.get(f"/console/requests/{rid}"))
        probe.check(subject, f"console letter {label}", client.get(f"/console/requests/{rid}/letter"), "403")
    probe.check(subject, "console provision records", client.get("/console/provisions/records"))
    probe.check(subject, "console audit", client.get("/console/audit"))
    probe.check(subject, "console dataset runs", client.get("/console/datasets/runs"))
    # Intake at the desk: the page shows the person's status link once.
    r = client.post(
        "/console/requests/new",
        data={
            "csrf": csrf,
            "kind": "disclosure",
            "channel": "post",
            "language": "ja",
            "identifier_kind": "email",
            "identifier": email,
        },
    )
    link = re.search(r"/portal/requests/status/([A-Za-z0-9_\-]+)", r.text)
    probe.rows.append(
        {
            "subject": subject,
            "route": "console intake shows status link",
            "status": r.status_code,
            "leaked": [],
            "link": bool(link),
        }
    )
    if link:
        token = link.group(1)
        rid = re.search(r"rq_[0-9a-f]+", r.text).group(0)
        intake[subject] = (rid, token)


def chinook_probe(rows: list[dict]) -> None:
    """Dataset access in the company's database with an identity-only key (Chinook: Luís Gonçalves)."""
    d = workdir("clear-chinook")
    store = demo_store(d / "demo", example="chinook")
    env = store["env"]
    keys = {
        "application/identity": api_key(env, "app-id", "application", ["identity"]),
        "officer/identity": api_key(env, "off-id", "officer", ["identity"]),
    }
    secret = {"address": ["Brigadeiro Faria Lima"], "phone": ["3923-5555"], "postal-code": ["12227-000"]}
    with Server(env) as srv:
        for subject, key in keys.items():
            c = httpx.Client(base_url=srv.url, headers=bearer(key), timeout=60)
            r = c.post(
                "/api/v1/datasets/access", json={"identities": [{"kind": "email", "value": "luisg@embraer.com.br"}]}
            )
            found = sorted(k for k, ns in secret.items() if any(n in r.text for n in ns))
            rows.append(
                {
                    "subject": subject,
                    "route": "POST datasets/access (chinook)",
                    "status": r.status_code,
                    "leaked": found,
                    "name_shown": "Gonçalves" in r.text,
                }
            )
            r = c.post(
                "/api/v1/datasets/plans",
                json={
                    "identities": [{"kind": "email", "value": "luisg@embraer.com.br"}],
                    "kind": "erasure",
                    "reference": "SEC-1",
                },
            )
            found = sorted(k for k, ns in secret.items() if any(n in r.text for n in ns))
            rows.append(
                {"subject": subject, "route": "POST datasets/plans (chinook)", "status": r.status_code, "leaked": found}
            )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip-chinook", action="store_true")
    args = ap.parse_args()
    d = workdir("clear")
    store = demo_store(d / "demo", people=20)
    env = store["env"]
    full = store["keys"]["officer"]
    keys = {
        f"{role}/identity": api_key(env, f"{role}-id", role, ["identity"])
        for role in ("application", "desk", "officer", "admin")
    }
    keys["auditor"] = api_key(env, "aud", "auditor")
    ops = {
        f"{role}/identity (console)": (f"{role}id", operator(env, f"{role}id", role, ["identity"]))
        for role in ("desk", "officer")
    }
    values = canaries()
    values["address2"] = values["address"].replace("CANARYADDR", "CANARYNEWADDR")
    probe = Probe(needles(values))
    with Server(env, log=d / "serve.log") as srv:
        c = httpx.Client(base_url=srv.url, headers=bearer(full), timeout=60)
        acq = {
            "subject_kind": "customer",
            "channel": "toll-free-call",
            "purposes": PURPOSES,
            "identifiers": [{"kind": "email", "value": values["contact-information"]}],
            "values": {k: v for k, v in values.items() if k != "address2"},
        }
        r = c.post("/api/v1/persons", json=acq)
        r.raise_for_status()
        pid = r.json()["person_id"]
        r = c.post(
            f"/api/v1/persons/{pid}/consents",
            json={
                "kind": "purpose",
                "target": "direct-mail-and-catalogues",
                "method": "paper_form",
                "evidence": "form",
            },
        )
        r.raise_for_status()
        consent = r.json()["id"]
        requests = run_requests(srv.url, full, values)
        for subject, key in keys.items():
            api_probes(probe, srv.url, subject, key, pid, consent, requests)
        for subject in ("desk/identity", "officer/identity"):
            token_route(probe, srv.url, subject, keys[subject], full, values)
        intake: dict = {}
        for subject, (login, pw) in ops.items():
            console_probes(probe, srv.url, subject, login, pw, values, requests, intake)
        for label, (rid, token) in intake.items():
            o = httpx.Client(base_url=srv.url, headers=bearer(full), timeout=60)
            o.post(f"/api/v1/requests/{rid}/identity", json={"document": "callback_to_registered_phone"})
            fee = o.get(f"/api/v1/requests/{rid}").json()["fee_jpy"]
            if fee:
                o.post(f"/api/v1/requests/{rid}/fee", json={"method": "cash", "amount_jpy": fee})
            o.post(f"/api/v1/requests/{rid}/decision", json={"outcome": "full"})
            o.post(f"/api/v1/requests/{rid}/fulfilment", json={})
            for fmt in ("json", "csv"):
                r = httpx.get(f"{srv.url}/portal/requests/status/{token}/download/{fmt}", timeout=60)
                probe.check(label, f"portal download {fmt} by the link console intake showed", r)
    if not args.skip_chinook:
        chinook_probe(probe.rows)
    leaks = [r for r in probe.rows if r["leaked"]]
    emit(
        {
            "probe": "clearance",
            "subjects": sorted({r["subject"] for r in probe.rows}),
            "probes": len(probe.rows),
            "statuses": {
                s: sum(1 for r in probe.rows if r["status"] == s) for s in sorted({r["status"] for r in probe.rows})
            },
            "server_errors": sum(1 for r in probe.rows if r["status"] >= 500),
            "leaks": leaks,
            "rows": probe.rows,
        }
    )


if __name__ == "__main__":
    main()
