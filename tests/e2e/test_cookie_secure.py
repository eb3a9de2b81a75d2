"""Console and portal cookies are Secure over https; a proxy's X-Forwarded-Proto counts only from the addresses
HOGO_TRUSTED_PROXIES lists (also under `hogo serve`, whose uvicorn would otherwise trust 127.0.0.1);
HOGO_COOKIE_SECURE forces it either way (false for a local demo over http)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from live_server import free_port, wait_until_serving

from hogo import bootstrap
from hogo.bootstrap import Container
from hogo.web.app import create_app

PAGES = {"hogo_login_csrf": "/console/login", "hogo_csrf": "/portal/requests"}
HTTPS = {"X-Forwarded-Proto": "https"}


def secure_flags(client: TestClient | httpx.Client, headers: dict[str, str] | None = None) -> dict[str, bool]:
    flags = {}
    for cookie, path in PAGES.items():
        set_cookie = client.get(path, headers=headers).headers["set-cookie"]
        assert set_cookie.startswith(f"{cookie}=") and "HttpOnly" in set_cookie
        flags[cookie] = "secure" in set_cookie.lower().split("; ")
    return flags


@pytest.fixture
def app_with(vault: Container) -> Iterator[Callable[..., TestClient]]:
    """The app on the same store with other settings, over http unless `base_url` says otherwise."""
    built: list[Container] = []

    def make(base_url: str = "http://testserver", **settings: object) -> TestClient:
        built.append(bootstrap.build(vault.settings.model_copy(update=settings), vault.clock))
        return TestClient(create_app(built[-1]), base_url=base_url)

    yield make
    for container in built:
        container.close()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_secure_over_https_and_not_over_http(vault: Container) -> None:
    app = create_app(vault)
    assert secure_flags(TestClient(app, base_url="https://testserver")) == {"hogo_login_csrf": True, "hogo_csrf": True}
    assert secure_flags(TestClient(app)) == {"hogo_login_csrf": False, "hogo_csrf": False}


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_forwarded_proto_counts_only_from_a_trusted_proxy(app_with: Callable[..., TestClient]) -> None:
    untrusted = secure_flags(app_with(), HTTPS)
    assert untrusted == {"hogo_login_csrf": False, "hogo_csrf": False}
    trusted = secure_flags(app_with(trusted_proxies="testclient"), HTTPS)
    assert trusted == {"hogo_login_csrf": True, "hogo_csrf": True}
    other = secure_flags(app_with(trusted_proxies="10.0.0.0/8"), HTTPS)
    assert other == {"hogo_login_csrf": False, "hogo_csrf": False}


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_setting_forces_it_either_way(app_with: Callable[..., TestClient]) -> None:
    assert set(secure_flags(app_with(cookie_secure=True)).values()) == {True}
    demo = app_with(base_url="https://testserver", cookie_secure=False)
    assert set(secure_flags(demo).values()) == {False}


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(("trusted", "secure"), [(None, False), ("127.0.0.1", True)])
def test_hogo_serve_believes_only_the_trusted_proxies(
    vault: Container, tmp_path: Path, trusted: str | None, secure: bool
) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOGO_")}
    env |= {"HOGO_DATABASE_URL": vault.settings.database_url, "HOGO_KEY_FILE": str(vault.settings.key_file)}
    env |= {"HOGO_TRUSTED_PROXIES": trusted} if trusted else {}
    command = [sys.executable, "-c", "from hogo.cli.main import app; app()", "serve", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            wait_until_serving(client, "/portal/privacy")
            flags = secure_flags(client, HTTPS)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert flags == {"hogo_login_csrf": secure, "hogo_csrf": secure}
