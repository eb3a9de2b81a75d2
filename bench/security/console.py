"""Console probes: who reaches which page, CSRF, sign-in answers and lock-out, sessions that must end, open
redirects after sign-in, cookie flags and security headers. (Clearance on the console is in clearance.py;
odd text in its forms in bodies.py.) Prints JSON: each probe with what was expected and what came.

    .venv/bin/python bench/security/console.py
"""

from __future__ import annotations

import re

import httpx
from common import Server, cli, console_login, demo_store, emit, operator, workdir

PAGES = [
    "/console/",
    "/console/people",
    "/console/provisions",
    "/console/provisions/records",
    "/console/datasets/runs",
    "/console/audit",
    "/console/jobs",
    "/console/requests",
    "/console/requests/new",
]
# Who may open what (docs/console.md): "ok" or "refused".
ALLOWED = {
    "desk": {"/console/audit": False, "/console/jobs": False},
    "officer": {},
    "auditor": {
        "/console/people": False,
        "/console/provisions": False,
        "/console/provisions/records": False,
        "/console/datasets/runs": False,
        "/console/jobs": False,
        "/console/requests": False,
        "/console/requests/new": False,
    },
}


class Book:
    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, probe: str, expected: str, got: str, ok: bool) -> None:
        self.rows.append({"probe": probe, "expected": expected, "got": got, "ok": ok})


def signed_in_to(r: httpx.Response) -> bool:
    return r.status_code == 200 and "/console/login" not in str(r.url)


def main() -> None:  # noqa: PLR0915 (one list of probes, read top to bottom)
    d = workdir("console")
    store = demo_store(d / "demo", people=10)
    env = store["env"]
    pw = {role: operator(env, f"c{role}", role) for role in ("desk", "officer", "auditor")}
    book = Book()
    with Server(env, log=d / "serve.log") as srv:
        anon = httpx.Client(base_url=srv.url, timeout=30)
        for page in PAGES:
            r = anon.get(page)
            loc = r.headers.get("location", "")
            ok = r.status_code in (302, 303, 307, 401) and (r.status_code == 401 or "/console/login" in loc)
            book.add(f"anonymous GET {page}", "sign-in required", f"{r.status_code} {loc}", ok)
        for role, password in pw.items():
            client, _ = console_login(srv.url, f"c{role}", password) if role != "auditor" else (None, None)
            if client is None:  # an auditor has no request pages to read a CSRF token from
                client = httpx.Client(base_url=srv.url, timeout=30, follow_redirects=True)
                page = client.get("/console/login").text
                token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
                client.post("/console/login", data={"login": f"c{role}", "password": password, "csrf": token})
            for page in PAGES:
                r = client.get(page, follow_redirects=False)
                allowed = ALLOWED[role].get(page, True)
                ok = (r.status_code == 200) if allowed else (r.status_code == 403)
                book.add(f"{role} GET {page}", "200" if allowed else "403", str(r.status_code), ok)
            if role == "officer":
                headers = client.get("/console/").headers
                for name, want in [
                    ("cache-control", "no-store"),
                    ("x-frame-options", "DENY"),
                    ("content-security-policy", ""),
                ]:
                    got = headers.get(name, "")
                    book.add(f"header {name}", want or "present", got, bool(got) and want.lower() in got.lower())
                for data, label in [
                    ({"kind": "email", "value": "x@example.jp"}, "no csrf"),
                    ({"kind": "email", "value": "x@example.jp", "csrf": "forged"}, "forged csrf"),
                ]:
                    r = client.post("/console/people", data=data, follow_redirects=False)
                    refused = r.status_code in (403, 422)  # 422: the token is a required field
                    book.add(f"POST /console/people {label}", "403 or 422", str(r.status_code), refused)
                r = client.post("/console/logout", data={}, follow_redirects=False)
                still = client.get("/console/", follow_redirects=False).status_code
                ok = r.status_code in (403, 422) and still == 200
                book.add(
                    "POST /console/logout no csrf", "refused, still signed in", f"{r.status_code}, then {still}", ok
                )

        # Sign-in answers: an unknown login and a wrong password look the same; five failures lock.
        def attempt(login: str, password: str) -> httpx.Response:
            c = httpx.Client(base_url=srv.url, timeout=30)
            token = re.search(r'name="csrf" value="([^"]+)"', c.get("/console/login").text).group(1)
            return c.post("/console/login", data={"login": login, "password": password, "csrf": token})

        unknown, wrong = attempt("nobody-here", "x" * 12), attempt("cdesk", "x" * 12)
        strip = lambda t: re.sub(r'value="[^"]+"', "", t)  # noqa: E731
        book.add(
            "sign-in: unknown login vs wrong password",
            "same status and page",
            f"{unknown.status_code}/{wrong.status_code}",
            unknown.status_code == wrong.status_code and strip(unknown.text) == strip(wrong.text),
        )
        for _ in range(5):
            attempt("cofficer", "wrong-password-123")
        locked = attempt("cofficer", pw["officer"])
        book.add(
            "sign-in after five wrong passwords, right password",
            "refused (locked 15 min)",
            str(locked.status_code),
            locked.status_code != 303 and "hogo_console=" not in locked.headers.get("set-cookie", ""),
        )
        # Open redirect after sign-in.
        for target in [
            "//evil.example/",
            "https://evil.example/",
            "/console/../../evil",
            "/\\evil.example",
            "/console\\@evil.example",
        ]:
            c = httpx.Client(base_url=srv.url, timeout=30)
            token = re.search(r'name="csrf" value="([^"]+)"', c.get("/console/login").text).group(1)
            r = c.post("/console/login", data={"login": "cdesk", "password": pw["desk"], "csrf": token, "next": target})
            loc = r.headers.get("location", "")
            book.add(
                f"sign-in next={target}",
                "redirect within /console",
                loc,
                r.status_code == 303 and loc.startswith("/console") and not loc.startswith("//"),
            )
        # Cookie flags.
        c = httpx.Client(base_url=srv.url, timeout=30)
        token = re.search(r'name="csrf" value="([^"]+)"', c.get("/console/login").text).group(1)
        r = c.post("/console/login", data={"login": "cdesk", "password": pw["desk"], "csrf": token})
        cookie = next((x for x in r.headers.get_list("set-cookie") if x.startswith("hogo_console=")), "")
        low = cookie.lower()
        book.add(
            "session cookie flags",
            "HttpOnly; SameSite=Strict; Path=/console",
            cookie.split(";", 1)[-1].strip(),
            "httponly" in low and "samesite=strict" in low and "path=/console" in low,
        )
        # Sessions that must end: sign-out, a disabled operator, a new password.
        session = dict(c.cookies)
        csrf_desk = re.search(r'name="csrf" value="([^"]+)"', c.get("/console/requests/new").text).group(1)
        c.post("/console/logout", data={"csrf": csrf_desk})
        replay = httpx.get(srv.url + "/console/requests", cookies=session, timeout=30)
        book.add(
            "old session cookie after sign-out",
            "sign-in required",
            str(replay.status_code),
            replay.status_code in (302, 303, 401),
        )
        for action in ("password", "disable"):
            c2, _ = console_login(srv.url, "cdesk", pw["desk"])
            if action == "password":
                pw["desk"] = "another-password-456"
                cli(env, "operators", "password", "cdesk", "--password-stdin", stdin=pw["desk"] + "\n", check=False)
            else:
                cli(env, "operators", "disable", "cdesk", check=False)
            r = c2.get("/console/requests", follow_redirects=False)
            book.add(
                f"open session after `hogo operators {action}`",
                "sign-in required",
                str(r.status_code),
                r.status_code in (302, 303, 401),
            )
    failed = [r for r in book.rows if not r["ok"]]
    emit({"probe": "console", "probes": len(book.rows), "failed": failed, "rows": book.rows})


if __name__ == "__main__":
    main()
