"""The e2e request tests' shared parts: the app on a real port, and a known customer with an outbox for mail."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

from hogo.adapters.mail import OutboxMailer
from hogo.bootstrap import Container
from hogo.identity.policy import system_actor
from hogo.subjects.schemas import AcquisitionIn, IdentifierIn
from hogo.web.app import create_app


@pytest.fixture
def live_url(vault: Container) -> Iterator[str]:
    """hogo's web application served by uvicorn on a free local port, for the length of the test."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(vault), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        time.sleep(0.01)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=5)


@pytest.fixture
def outbox(vault: Container) -> OutboxMailer:
    """Mail to persons kept in memory; a customer known by hanako@example.jp."""
    box = OutboxMailer()
    vault.requests.mailer = box
    vault.subjects.acquire(
        AcquisitionIn(
            subject_kind="customer",
            identifiers=[IdentifierIn(kind="email", value="hanako@example.jp")],
            values={"name": "山田 花子", "email": "hanako@example.jp", "phone": "090-1234-5678"},
            channel="web-order",
        ),
        system_actor("test"),
    )
    return box
