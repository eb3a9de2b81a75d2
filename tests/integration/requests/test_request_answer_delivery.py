"""The answer to a request reaches the person through the outbox and a real SMTP server (aiosmtpd): the request
counts as notified only once the server took the mail; a server that is down is retried with back-off, one that
refuses the message for good gives the desk a failure to handle, and nothing is sent twice."""

from __future__ import annotations

import datetime as dt
import email
import socket
from collections.abc import Iterator
from email.message import Message
from email.policy import default
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from request_support import trail

from hogo.adapters.mail import SmtpMailer
from hogo.bootstrap import Container
from hogo.clock import FixedClock
from hogo.identity.policy import Actor, Role
from hogo.ledger.schemas.procedures import IdentityDocument, PaymentMethod, RequestChannel, RequestKind
from hogo.outbox.policy import State
from hogo.requests.policy import Outcome
from hogo.requests.schemas import ContactIn, DecisionIn, FeeIn, FulfilIn, IdentityCheckIn, RequestIn
from hogo.subjects.schemas import AcquisitionIn, IdentifierIn

DESK = Actor("desk-sato", Role.desk)


class Inbox:
    """An SMTP server's mailbox; `refuse` makes it answer DATA with that reply instead."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.refuse: str | None = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            return self.refuse
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=default))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Server:
    def __init__(self) -> None:
        self.inbox, self.port = Inbox(), free_port()
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@pytest.fixture
def smtp(vault: Container) -> Iterator[Server]:
    """An SMTP server that is not running yet; the store's mail goes to its port."""
    server = Server()
    vault.outbox.mailer = SmtpMailer("127.0.0.1", server.port, "privacy@example.jp", timeout=5)
    try:
        yield server
    finally:
        server.stop()


def answered_by_mail(c: Container, admin: Actor) -> str:
    """A disclosure filed at the desk with a reply address, decided and fulfilled: its answer mail is queued."""
    person = c.subjects.acquire(
        AcquisitionIn(
            subject_kind="customer",
            identifiers=[IdentifierIn(kind="email", value="hanako@example.jp")],
            values={"name": "山田 花子", "email": "hanako@example.jp"},
            channel="web-order",
        ),
        admin,
    ).person_id
    data = RequestIn(
        kind=RequestKind.disclosure,
        channel=RequestChannel.post,
        person_id=person,
        contact=ContactIn(email="hanako@example.jp"),
    )
    rid = c.requests.file(data, DESK).request.id
    c.requests.check_identity(rid, IdentityCheckIn(document=IdentityDocument.passport), DESK)
    c.requests.record_fee(rid, FeeIn(method=PaymentMethod.postal_money_order, amount_jpy=500), DESK)
    c.requests.decide(rid, DecisionIn(outcome=Outcome.full), DESK)
    c.requests.fulfil(rid, FulfilIn(), DESK)
    return rid


def answer_messages(c: Container, rid: str) -> list[Any]:
    return [m for m in c.requests.messages(rid, DESK) if m.purpose == "request.answer"]


def test_an_answer_is_notified_only_once_the_server_took_it_and_is_sent_once(
    vault: Container, admin: Actor, clock: FixedClock, smtp: Server
) -> None:
    rid = answered_by_mail(vault, admin)  # the server is down: the acknowledgement and the answer both fail
    view = vault.requests.get(rid, DESK)
    assert view.answered_at is not None and view.notified_at is None
    [answer] = answer_messages(vault, rid)
    assert (answer.state, answer.attempts, answer.sent_at) == (State.retrying, 1, None)
    assert answer.last_error is not None and "hanako" not in answer.last_error
    assert "request.notified" not in trail(vault, rid)

    assert vault.outbox.deliver_due().total == 0  # not before its back-off
    smtp.start()
    clock.advance(dt.timedelta(seconds=31))
    done = vault.outbox.deliver_due()
    assert done.sent == 2 and done.failed == 0  # the acknowledgement and the answer
    subjects = [m["Subject"] for m in smtp.inbox.messages]
    assert len(subjects) == 2 and all(rid in s for s in subjects)
    view = vault.requests.get(rid, DESK)
    assert view.notified_at == clock.now()
    [answer] = answer_messages(vault, rid)
    assert (answer.state, answer.attempts, answer.sent_at) == (State.sent, 2, clock.now())
    assert trail(vault, rid).count("request.notified") == 1

    clock.advance(dt.timedelta(hours=3))
    assert vault.outbox.deliver_due().total == 0  # sent: never again
    assert len(smtp.inbox.messages) == 2


def test_a_message_the_server_refuses_for_good_is_given_up_and_sent_again_by_the_desk(
    vault: Container, admin: Actor, clock: FixedClock, smtp: Server
) -> None:
    smtp.start()
    smtp.inbox.refuse = "550 5.1.1 mailbox unavailable"
    rid = answered_by_mail(vault, admin)
    [answer] = answer_messages(vault, rid)
    assert (answer.state, answer.attempts) == (State.failed, 1)  # no retry can help a 5xx
    assert answer.last_error is not None and "550" in answer.last_error
    assert "request.notification_failed" in trail(vault, rid)
    assert vault.requests.get(rid, DESK).notified_at is None
    clock.advance(dt.timedelta(days=1))
    assert vault.outbox.deliver_due().total == 0  # given up: only the desk sends it again

    smtp.inbox.refuse = None
    again = vault.requests.send_again(rid, answer.id, DESK)
    assert again.state is State.sent and again.attempts == 1
    assert [m["Subject"] for m in smtp.inbox.messages if "回答" in m["Subject"] or "answer" in m["Subject"]]
    assert vault.requests.get(rid, DESK).notified_at == clock.now()
    assert [e.action for e in vault.audit.events(action_prefix="message.") if e.entity_id == answer.id] == [
        "message.sent",
        "message.requeued",
        "message.failed",
    ]


def test_a_server_down_for_every_attempt_ends_as_a_failure_for_the_desk(
    vault: Container, admin: Actor, clock: FixedClock, smtp: Server
) -> None:
    rid = answered_by_mail(vault, admin)
    attempts = vault.outbox.retry.attempts
    for _ in range(attempts + 2):
        clock.advance(vault.outbox.retry.longest + dt.timedelta(seconds=1))
        vault.outbox.deliver_due()
    [answer] = answer_messages(vault, rid)
    assert (answer.state, answer.attempts) == (State.failed, attempts)
    assert vault.requests.get(rid, DESK).notified_at is None
