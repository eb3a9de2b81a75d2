"""Probe 8 — the outbox with the SMTP server down, then up.

`hogo serve` sends mail to HOGO_SMTP_HOST/PORT = a closed port on 127.0.0.1. A disclosure is filed with an
e-mail address for the answer, carried out, and the console's request page is read: the answer must show as
"sending failed, retrying" and the request must not count as notified. Then an SMTP server is started on that
port (`python -m aiosmtpd -n -l 127.0.0.1:PORT`, which prints every message it takes), and the page and the
server's output are watched until the answer is delivered (the first retry comes 30 s after the failure) and
for 20 s more: it must be delivered once, and the request then counts as notified. Prints JSON.

    .venv/bin/python bench/security/outbox.py [--wait 150]
"""

from __future__ import annotations

import argparse
import email
import email.header
import re
import subprocess
import sys
import time

import httpx
from common import Server, bearer, console_login, demo_store, emit, free_port, operator, workdir


def state(client: httpx.Client, rid: str) -> dict:
    page = client.get(f"/console/requests/{rid}").text
    messages = re.findall(r'<tr class="message" data-state="(\w+)" data-purpose="([\w.-]+)"', page)
    return {
        "messages": messages,
        "shows_retrying": "sending failed, retrying" in page,
        "shows_notified_by_mail": "電子メールで送信" in page,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--wait", type=float, default=150)
    args = ap.parse_args()
    d = workdir("outbox")
    store = demo_store(d / "demo", people=20)
    smtp_port = free_port()
    env = {
        **store["env"],
        "HOGO_SMTP_HOST": "127.0.0.1",
        "HOGO_SMTP_PORT": str(smtp_port),
        "HOGO_OUTBOX_POLL_SECONDS": "1",
    }
    full = store["keys"]["officer"]
    password = operator(env, "outboxofficer", "officer")
    out: dict = {"probe": "outbox", "smtp_port": smtp_port}
    with Server(env, log=d / "serve.log") as srv:
        c = httpx.Client(base_url=srv.url, headers=bearer(full), timeout=60)
        address = "customer000003@example.jp"
        filed = c.post(
            "/api/v1/requests",
            json={
                "kind": "disclosure",
                "channel": "email",
                "identifier": {"kind": "email", "value": address},
                "contact": {"email": address},
            },
        ).json()
        rid = filed["request"]["id"]
        c.post(f"/api/v1/requests/{rid}/identity", json={"document": "callback_to_registered_phone"})
        c.post(f"/api/v1/requests/{rid}/fee", json={"method": "cash", "amount_jpy": filed["request"]["fee_jpy"]})
        c.post(f"/api/v1/requests/{rid}/decision", json={"outcome": "full"})
        out["fulfilment"] = c.post(f"/api/v1/requests/{rid}/fulfilment", json={}).status_code
        console, _ = console_login(srv.url, "outboxofficer", password)
        time.sleep(4)  # a few polls of the outbox: the first attempt fails on the closed port
        out["smtp_down"] = state(console, rid) | {
            "api_notified_at": c.get(f"/api/v1/requests/{rid}").json().get("notified_at")
        }
        smtp = subprocess.Popen(
            [sys.executable, "-u", "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{smtp_port}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            t0 = time.monotonic()
            delivered_at = None
            while time.monotonic() - t0 < args.wait:
                s = state(console, rid)
                if delivered_at is None and any(p == "request.answer" and st == "sent" for st, p in s["messages"]):
                    delivered_at = time.monotonic() - t0
                if delivered_at is not None and time.monotonic() - t0 > delivered_at + 20:
                    break
                time.sleep(2)
            out["smtp_up"] = s | {
                "seconds_to_delivery": round(delivered_at, 1) if delivered_at else None,
                "api_notified_at": c.get(f"/api/v1/requests/{rid}").json().get("notified_at"),
            }
        finally:
            smtp.terminate()
            printed = smtp.communicate(timeout=10)[0]
    (d / "smtp.out").write_text(printed)
    blocks = printed.split("---------- MESSAGE FOLLOWS ----------")[1:]
    taken = []
    for block in blocks:
        message = email.message_from_string(block.split("------------ END MESSAGE ------------")[0].lstrip())
        subject = str(email.header.make_header(email.header.decode_header(message.get("Subject", ""))))
        taken.append({"subject": subject, "to": message.get("To"), "message_id": message.get("Message-ID")})
    out["smtp_server_output"] = {
        "messages": len(blocks),
        "taken": taken,
        "distinct_message_ids": len({t["message_id"] for t in taken}),
        "saved": str(d / "smtp.out"),
    }
    emit(out)


if __name__ == "__main__":
    main()
