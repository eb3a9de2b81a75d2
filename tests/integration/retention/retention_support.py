"""People for the retention tests, acquired as the vault ledger's channels would."""

from __future__ import annotations

from hogo.bootstrap import Container
from hogo.identity.policy import Actor
from hogo.subjects.schemas import AcquisitionIn, IdentifierIn


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
