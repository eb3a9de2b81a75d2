"""Probe 2 — erasure residue. A canary person gets values, an identifier, a fulfilled disclosure (download link
and letter), a rejected request whose reason names them, an identity check and a suspension whose references
name them, and is then erased over the API while `hogo serve` runs.

Then, byte by byte, the SQLite main file, -wal and -shm (while the server runs, and after it stops) are
searched for the person's wrapped data key and for their values and the text typed about them; every sealed
document left in the store (request details and packages, notes, outbox payloads) is opened with the key
file's index key and searched too; the download link and the letter are asked for (410/404 expected); the
audit trail is searched. Prints JSON.

    .venv/bin/python bench/security/erasure_residue.py
"""

from __future__ import annotations

import base64
import json
import secrets
import sqlite3
from pathlib import Path

import httpx
from common import Server, bearer, cli, demo_store, emit, workdir

from hogo.adapters.sealing import DocumentSealer
from hogo.subjects.crypto import CryptoError, unwrap_data_key


def files_of(db: Path) -> list[Path]:
    return [db, Path(f"{db}-wal"), Path(f"{db}-shm")]


def scan(db: Path, needles: dict[str, bytes]) -> dict[str, dict[str, int]]:
    """How many times each needle occurs in each of the store's files (absent files are skipped)."""
    out = {}
    for f in files_of(db):
        if f.exists():
            data = f.read_bytes()
            out[f.name] = {k: data.count(v) for k, v in needles.items() if v and data.count(v)}
            out[f.name]["_bytes"] = len(data)
    return out


def open_sealed(db: Path, key_file: Path, texts: dict[str, str]) -> dict[str, list[str]]:
    """Open every sealed document with the key file's index key; which canaries each kind still holds."""
    index = base64.b64decode(json.loads(key_file.read_text())["index_key"])
    sealers = {
        "request": DocumentSealer(lambda: index, b"hogo-requests-v1", b"hogo-request|"),
        "note": DocumentSealer(lambda: index, b"hogo-notes-v1", b"hogo-note|"),
        "outbox": DocumentSealer(lambda: index, b"hogo-outbox-v1", b"hogo-outbox|"),
    }
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = [("request", i, s) for i, s in con.execute("SELECT id, sealed FROM person_requests")]
    rows += [
        ("request-package", i + "|package", s)
        for i, s in con.execute("SELECT id, package FROM person_requests WHERE package IS NOT NULL")
    ]
    rows += [("note", i, s) for i, s in con.execute("SELECT id, sealed FROM notes")]
    rows += [("outbox", i, s) for i, s in con.execute("SELECT id, payload FROM outbox WHERE payload IS NOT NULL")]
    con.close()
    found: dict[str, list[str]] = {}
    for kind, owner, blob in rows:
        sealer = sealers[kind.split("-")[0]]
        try:
            text = json.dumps(sealer.open(owner, blob), ensure_ascii=False)
        except ValueError:
            continue
        hits = [k for k, v in texts.items() if v in text]
        if hits:
            found.setdefault(f"{kind} {owner.split('|')[0]}", []).extend(hits)
    return found


def main() -> None:  # noqa: PLR0915 (one scenario, read top to bottom)
    d = workdir("erase")
    store = demo_store(d / "demo", people=20)
    env, full = store["env"], store["keys"]["officer"]
    db, key_file = d / "demo" / "hogo.db", d / "demo" / "hogo-keys.json"
    tag = secrets.token_hex(4)
    texts = {
        "name": f"消去カナリア{tag}",
        "address": f"東京都港区ERASECANARY{tag}",
        "phone": "090-7777-" + f"{secrets.randbelow(9000) + 1000}",
        "email": f"erase.{tag}@example.jp",
        "order": f"ORDERCANARY{tag}",
    }
    texts["typed_reject_reason"] = f"{texts['name']}様は二重請求"
    texts["typed_identity_ref"] = f"{texts['name']} 本人確認済"
    texts["typed_suspension_ref"] = f"{texts['name']} 電話で停止依頼"
    texts["typed_erasure_ref"] = f"{texts['name']} の消去"
    texts["typed_decision_reason"] = f"{texts['name']} 様への回答理由"
    texts["typed_intake_details"] = f"{texts['name']} の請求内容"
    out: dict = {"probe": "erasure-residue"}
    with Server(env, log=d / "serve.log") as srv:
        c = httpx.Client(base_url=srv.url, headers=bearer(full), timeout=60)
        r = c.post(
            "/api/v1/persons",
            json={
                "subject_kind": "customer",
                "channel": "toll-free-call",
                "purposes": ["delivery-and-installation", "product-support"],
                "identifiers": [{"kind": "email", "value": texts["email"]}],
                "values": {
                    "name": texts["name"],
                    "address": texts["address"],
                    "phone": texts["phone"],
                    "contact-information": texts["email"],
                    "order-details": texts["order"],
                },
            },
        )
        r.raise_for_status()
        pid = r.json()["person_id"]
        ident = {"kind": "email", "value": texts["email"]}
        contact = {"name": texts["name"], "postal_code": "105-0011", "postal_address": texts["address"]}
        # A disclosure carried out: a package, a download link, a letter.
        filed = c.post(
            "/api/v1/requests",
            json={
                "kind": "disclosure",
                "channel": "post",
                "identifier": ident,
                "contact": contact,
                "details": texts["typed_intake_details"],
            },
        ).json()
        rid, token = filed["request"]["id"], filed["token"]
        c.post(
            f"/api/v1/requests/{rid}/identity",
            json={"document": "callback_to_registered_phone", "reference": texts["typed_identity_ref"]},
        )
        c.post(f"/api/v1/requests/{rid}/fee", json={"method": "cash", "amount_jpy": filed["request"]["fee_jpy"]})
        c.post(
            f"/api/v1/requests/{rid}/decision",
            json={"outcome": "partial", "ground": "business_hindrance", "reason": texts["typed_decision_reason"]},
        )
        c.post(f"/api/v1/requests/{rid}/fulfilment", json={"withheld": ["order-details"]}).raise_for_status()
        before = {
            "download_json": httpx.get(f"{srv.url}/api/v1/person-requests/{token}/download?format=json").status_code,
            "letter": c.get(f"/api/v1/requests/{rid}/letter").status_code,
        }
        # The person files on the portal too: the code mail goes to their address (the mail log in the demo).
        out["portal_filing"] = httpx.post(
            f"{srv.url}/api/v1/person-requests", json={"kind": "disclosure", "email": texts["email"]}
        ).status_code
        # A rejected request whose reason names the person.
        filed2 = c.post(
            "/api/v1/requests", json={"kind": "disclosure", "channel": "phone", "identifier": ident, "contact": contact}
        ).json()
        rid2 = filed2["request"]["id"]
        rej = c.post(f"/api/v1/requests/{rid2}/rejection", json={"reason": texts["typed_reject_reason"]})
        susp = c.post(f"/api/v1/persons/{pid}/suspensions", json={"reference": texts["typed_suspension_ref"]})
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        wrapped = con.execute("SELECT wrapped FROM data_keys WHERE person_id = ?", (pid,)).fetchone()[0]
        ciphertexts = [bytes(b) for (b,) in con.execute("SELECT ciphertext FROM records WHERE person_id = ?", (pid,))]
        con.close()
        needles = {k: v.encode() for k, v in texts.items()}
        needles["wrapped_key"] = bytes(wrapped)
        needles["wrapped_key_tail16"] = bytes(wrapped)[-16:]
        out["setup"] = {
            "person": pid,
            "request": rid,
            "rejected": rid2,
            "rejection": rej.status_code,
            "suspension": susp.status_code,
            "before_erasure": before,
        }
        out["before_erasure_scan"] = scan(db, needles)
        er = c.post(f"/api/v1/persons/{pid}/erasure", json={"reference": texts["typed_erasure_ref"]})
        out["erasure_status"] = er.status_code
        out["running_scan"] = scan(db, needles)
        out["after"] = {
            **{
                f"api download {fmt}": httpx.get(
                    f"{srv.url}/api/v1/person-requests/{token}/download?format={fmt}"
                ).status_code
                for fmt in ("json", "csv", "pdf")
            },
            **{
                f"portal download {fmt}": httpx.get(
                    f"{srv.url}/portal/requests/status/{token}/download/{fmt}"
                ).status_code
                for fmt in ("json", "csv", "pdf")
            },
            "api letter": c.get(f"/api/v1/requests/{rid}/letter").status_code,
            "api letter (rejected request)": c.get(f"/api/v1/requests/{rid2}/letter").status_code,
            "values": c.post(
                f"/api/v1/persons/{pid}/values", json={"items": ["name"], "purpose": "delivery-and-installation"}
            ).text,
        }
        events = c.get("/api/v1/audit/events", params={"limit": 1000}).text
        out["audit_api_hits"] = [k for k, v in texts.items() if v in events]
        views = c.get(f"/api/v1/requests/{rid}").text + c.get(f"/api/v1/requests/{rid2}").text
        out["request_view_hits"] = [k for k, v in texts.items() if v in views]
        out["sealed_documents_opened_with_key_file_while_running"] = open_sealed(db, key_file, texts)
    out["stopped_scan"] = scan(db, needles)
    # A copy of the wrapped key anywhere in the files would open with a master key of the key file.
    masters = {k: base64.b64decode(v) for k, v in json.loads(key_file.read_text())["master_keys"].items()}
    blob = b"".join(f.read_bytes() for f in files_of(db) if f.exists())
    opened = []
    for mk, key in masters.items():
        if bytes(wrapped) in blob:
            try:
                unwrap_data_key(key, pid, bytes(wrapped))
                opened.append(mk)
            except CryptoError:
                pass
    out["wrapped_key_copies_that_unwrap"] = opened
    out["value_ciphertexts_left"] = sum(blob.count(ct) for ct in ciphertexts)
    out["sealed_documents_opened_with_key_file"] = open_sealed(db, key_file, texts)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    out["plain_columns"] = {
        "person_requests.identity_reference": [
            r[0]
            for r in con.execute(
                "SELECT identity_reference FROM person_requests WHERE person_id = ? OR id IN (?, ?)", (pid, rid, rid2)
            )
        ],
        "suspensions.reference": [
            r[0] for r in con.execute("SELECT reference FROM suspensions WHERE person_id = ?", (pid,))
        ],
    }
    con.close()
    mail = Path(env["HOGO_MAIL_LOG"])
    out["mail_log_hits"] = [k for k, v in texts.items() if mail.exists() and v in mail.read_text()]
    out["dataset_run_reference"] = dataset_reference()
    emit(out)


def dataset_reference() -> dict:
    """Chinook: an erasure run in the company's database with a reference that names the person, then the
    person's erasure in the vault; is the reference still in hogo's store, in clear?"""
    d = workdir("erase-chinook")
    store = demo_store(d / "demo", example="chinook")
    env, db = store["env"], d / "demo" / "hogo.db"
    typed = "Leonie Köhler rang: erase everything"
    run = cli(env, "datasets", "erase", "--email", "leonekohler@surfeu.de", "--reference", typed, check=False)
    with Server(env) as srv:
        c = httpx.Client(base_url=srv.url, headers=bearer(store["keys"]["officer"]), timeout=60)
        pid = c.post("/api/v1/persons/lookup", json={"kind": "email", "value": "leonekohler@surfeu.de"}).json()[
            "person_id"
        ]
        erased = c.post(f"/api/v1/persons/{pid}/erasure", json={"reference": "REQ-7"}).status_code
        listed = typed in c.get("/api/v1/datasets/runs").text
    return {
        "datasets_erase_exit": run.returncode,
        "vault_erasure": erased,
        "store_files_holding_it": {
            k: v for k, v in scan(db, {"typed_reference": typed.encode()}).items() if len(v) > 1
        },
        "listed_by_GET_datasets_runs": listed,
    }


if __name__ == "__main__":
    main()
