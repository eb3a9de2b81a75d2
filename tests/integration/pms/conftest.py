"""Fixtures of the yearly-cycle tests: the vault ledger and a small staff (officer, desk, auditor, admin)."""

from __future__ import annotations

import pytest

from hogo.bootstrap import Container
from hogo.identity.policy import Actor, Role

STAFF = {"sato": Role.officer, "suzuki": Role.desk, "kato": Role.auditor, "ito": Role.admin}


@pytest.fixture
def office(vault: Container, admin: Actor) -> Container:
    for login, role in STAFF.items():
        vault.operators.create(login, f"{login} san", role, None, "a long password 123", admin)
    return vault


@pytest.fixture
def officer() -> Actor:
    return Actor("operator:sato", Role.officer)


@pytest.fixture
def auditor() -> Actor:
    return Actor("operator:kato", Role.auditor)
