"""Mail to the person through a real SMTP server running in this process (aiosmtpd)."""

from __future__ import annotations

import email
import re
import socket
from collections.abc import Iterator
from email.message import Message
from email.policy import default
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from hogo.adapters.mail import Envelope, MailFailed, MailMessage, SmtpMailer
from hogo.bootstrap import Container
from hogo.identity.policy import Actor
from hogo.ledger.schemas.procedures import RequestKind
from hogo.requests.schemas import PortalRequestIn
from hogo.requests.workflow import Status
from hogo.subjects.schemas import AcquisitionIn, IdentifierIn


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=default))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def _body(message: Message) -> str:
    part = message.get_body(preferencelist=("plain",))  # type: ignore[attr-defined]
    assert part is not None
    content: str = part.get_content()
    return content


def test_smtp_delivers_japanese_mail(smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    SmtpMailer("127.0.0.1", port, "privacy@example.jp").send(
        MailMessage("hanako@example.jp", "確認コード", "本文です"), Envelope("<k1@example.jp>")
    )
    [message] = inbox.messages
    assert (message["To"], message["From"], message["Subject"]) == (
        "hanako@example.jp",
        "privacy@example.jp",
        "確認コード",
    )
    assert _body(message).strip() == "本文です"


def test_an_unreachable_server_fails_without_naming_the_recipient() -> None:
    with pytest.raises(MailFailed) as raised:
        SmtpMailer("127.0.0.1", _free_port(), "privacy@example.jp").send(
            MailMessage("hanako@example.jp", "x", "y"), Envelope("<k2@example.jp>")
        )
    assert "hanako" not in raised.value.message


def test_the_code_reaches_the_person_over_smtp_and_verifies(
    vault: Container, admin: Actor, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    vault.outbox.mailer = SmtpMailer("127.0.0.1", port, "privacy@example.jp")
    vault.subjects.acquire(
        AcquisitionIn(
            subject_kind="customer",
            identifiers=[IdentifierIn(kind="email", value="hanako@example.jp")],
            values={"name": "山田 花子", "email": "hanako@example.jp"},
            channel="web-order",
        ),
        admin,
    )
    filed = vault.requests.person.file(PortalRequestIn(kind=RequestKind.correction, email="hanako@example.jp"))
    [message] = inbox.messages
    assert message["To"] == "hanako@example.jp" and filed.request.id in message["Subject"]
    body = _body(message)
    assert f"/portal/requests/status/{filed.token}" in body
    code = re.search(r"\b(\d{6})\b", body)
    assert code is not None
    assert vault.requests.person.verify_code(filed.token, code.group(1)).status is Status.in_review
