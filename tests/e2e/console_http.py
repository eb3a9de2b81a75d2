"""Shared by the console tests over HTTP (TestClient, no browser): signing in through the form."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def signed_in(client: TestClient, login: str, password: str) -> str:
    """Sign in through the form; the session's CSRF token, read from the dashboard's sign-out form."""
    page = client.get("/console/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf is not None
    done = client.post("/console/login", data={"login": login, "password": password, "csrf": csrf.group(1)})
    token = re.search(r'name="csrf" value="([^"]+)"', done.text)
    assert done.status_code == 200 and token is not None
    return token.group(1)
