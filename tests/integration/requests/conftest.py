"""Fixtures of the request tests: the vault ledger, an outbox for mail, a few known people."""

from __future__ import annotations

import pytest
from request_support import Desk

from hogo.adapters.mail import MemoryMailer
from hogo.bootstrap import Container
from hogo.identity.policy import Actor, Role
from hogo.subjects.schemas import AcquisitionIn, IdentifierIn


def _customer(c: Container, admin: Actor, name: str, email: str) -> str:
    data = AcquisitionIn(
        subject_kind="customer",
        identifiers=[IdentifierIn(kind="email", value=email)],
        values={"name": name, "email": email, "phone": "090-1234-5678"},
        channel="web-order",
    )
    return c.subjects.acquire(data, admin).person_id


@pytest.fixture
def desk(vault: Container, admin: Actor) -> Desk:
    outbox = MemoryMailer()
    vault.outbox.mailer = outbox
    return Desk(
        vault,
        outbox,
        _customer(vault, admin, "山田 花子", "hanako@example.jp"),
        _customer(vault, admin, "佐藤 太郎", "taro@example.jp"),
    )


@pytest.fixture
def clerk() -> Actor:
    return Actor("desk-suzuki", Role.desk)
