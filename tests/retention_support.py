"""The retention tests' ledger (vault.yaml with rules that start at events) and people, acquired as its channels
would."""

from __future__ import annotations

from pathlib import Path

from hogo.bootstrap import Container
from hogo.identity.policy import Actor
from hogo.subjects.schemas import AcquisitionIn, IdentifierIn

FIXTURES = Path(__file__).resolve().parent / "fixtures"
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


def customer(c: Container, admin: Actor, n: int) -> str:
    data = AcquisitionIn(
        subject_kind="customer",
        identifiers=[IdentifierIn(kind="email", value=f"customer{n}@example.jp")],
        values={"name": f"顧客 {n}", "email": f"customer{n}@example.jp"},
        channel="web-order",
    )
    return c.subjects.acquire(data, admin).person_id


def applicant(c: Container, admin: Actor, n: int) -> str:
    data = AcquisitionIn(
        subject_kind="applicant",
        identifiers=[IdentifierIn(kind="email", value=f"applicant{n}@example.jp")],
        values={"name": f"応募者 {n}", "email": f"applicant{n}@example.jp", "entry-sheet": f"ES-{n}"},
        channel="recruit-form",
    )
    return c.subjects.acquire(data, admin).person_id


def employee(c: Container, admin: Actor, n: int) -> str:
    data = AcquisitionIn(
        subject_kind="employee",
        identifiers=[IdentifierIn(kind="member_id", value=f"E{n}")],
        values={"name": f"社員 {n}"},
        channel="hr-system",
        purposes=["payroll"],
    )
    return c.subjects.acquire(data, admin).person_id
