"""Fixtures of the retention tests: the vault ledger with retention rules that start at events, and people."""

from __future__ import annotations

import pytest

from hogo.bootstrap import Container
from hogo.ledger.loader import load_ledger_text
from retention_support import retention_ledger


@pytest.fixture
def kept(container: Container) -> Container:
    container.ledger.apply(load_ledger_text(retention_ledger(), source="vault.yaml"), actor="test")
    return container
