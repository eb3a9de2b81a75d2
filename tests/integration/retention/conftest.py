"""Fixtures of the retention tests: the vault ledger with retention rules that start at events, and people."""

from __future__ import annotations

from pathlib import Path

import pytest

from hogo.bootstrap import Container
from hogo.ledger.loader import load_ledger_text

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
RULES = """retention:
  - id: customer-data
    items: [name, email, phone, postal-code]
    subject_kinds: [customer]
    period: 1y
    starts: contract_end
    disposal: crypto_shred
  - id: applicant-data
    items: [name, email, entry-sheet]
    subject_kinds: [applicant]
    period: 30d
    starts: acquisition
  - id: employee-data
    items: [name, my-number]
    subject_kinds: [employee]
    period: 1y
    starts: employment_end
    legal_hold:
      statute: {ja: 労働基準法第109条, en: Labour Standards Act Art. 109}
      period: 5y
      starts: employment_end
third_parties:"""


def retention_ledger(**replace: str) -> str:
    """vault.yaml with the retention rules above (and any text replaced in them)."""
    text = (FIXTURES / "vault.yaml").read_text(encoding="utf-8")
    start, end = text.index("retention:\n  - id: customer-data"), text.index("third_parties:")
    rules = RULES
    for old, new in replace.items():
        rules = rules.replace(old, new)
    return text[:start] + rules + text[end + len("third_parties:") :]


@pytest.fixture
def kept(container: Container) -> Container:
    container.ledger.apply(load_ledger_text(retention_ledger(), source="vault.yaml"), actor="test")
    return container
