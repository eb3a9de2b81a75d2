"""Fixtures of the incident tests: the vault ledger with a few customers and employees, mail kept in memory."""

from __future__ import annotations

import pytest
from incident_support import Office, customer, employee

from hogo.adapters.mail import MemoryMailer
from hogo.bootstrap import Container
from hogo.identity.policy import Actor, Role


@pytest.fixture
def office(vault: Container, admin: Actor) -> Office:
    mail = MemoryMailer()
    vault.outbox.mailer = mail
    return Office(
        vault, mail, [customer(vault, admin, n) for n in range(3)], [employee(vault, admin, n) for n in range(2)]
    )


@pytest.fixture
def officer() -> Actor:
    return Actor("officer-tanaka", Role.officer)
