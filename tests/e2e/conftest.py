"""The e2e request tests' shared parts: the app on a real port, and a known customer with an outbox for mail."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser import chromium
from live_server import live_server
from playwright.sync_api import Browser

from hogo.adapters.mail import MemoryMailer
from hogo.bootstrap import Container
from hogo.identity.policy import system_actor
from hogo.subjects.schemas import AcquisitionIn, IdentifierIn
from hogo.web.app import create_app


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium for the module's browser tests."""
    with chromium() as launched:
        yield launched


@pytest.fixture
def live_url(vault: Container) -> Iterator[str]:
    """hogo's web application served by uvicorn on a free local port, for the length of the test."""
    with live_server(create_app(vault)) as url:
        yield url


@pytest.fixture
def outbox(vault: Container) -> MemoryMailer:
    """Mail to persons kept in memory; a customer known by hanako@example.jp."""
    box = MemoryMailer()
    vault.outbox.mailer = box
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
