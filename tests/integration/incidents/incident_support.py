"""What the incident tests share besides fixtures: the office's handles, known people, the incident they record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hogo.adapters.mail import MemoryMailer
from hogo.bootstrap import Container
from hogo.consent.schemas import ConsentIn, ConsentKind, ConsentMethod
from hogo.identity.policy import Actor
from hogo.incidents.schemas import IncidentIn
from hogo.subjects.schemas import AcquisitionIn, IdentifierIn
from hogo.subjects.values import my_number_check_digit

MY_NUMBER = "12345678901" + str(my_number_check_digit("12345678901"))


@dataclass
class Office:
    c: Container
    mail: MemoryMailer
    customers: list[str]
    employees: list[str]


def customer(c: Container, admin: Actor, n: int) -> str:
    data = AcquisitionIn(
        subject_kind="customer",
        identifiers=[IdentifierIn(kind="email", value=f"c{n}@example.jp")],
        values={"name": f"顧客 {n}", "email": f"c{n}@example.jp", "phone": "090-1234-5678"},
        channel="web-order",
    )
    return c.subjects.acquire(data, admin).person_id


def employee(c: Container, admin: Actor, n: int) -> str:
    data = AcquisitionIn(
        subject_kind="employee",
        identifiers=[IdentifierIn(kind="member_id", value=f"E{n}")],
        values={"name": f"社員 {n}", "health-check": "異常なし"},
        channel="hr-system",
        purposes=["health-management"],
        consents=[ConsentIn(kind=ConsentKind.special_care, target="health-check", method=ConsentMethod.paper_form)],
    )
    person = c.subjects.acquire(data, admin).person_id
    payroll = AcquisitionIn(
        subject_kind="employee",
        person_id=person,
        values={"my-number": MY_NUMBER},
        channel="hr-system",
        purposes=["payroll"],
    )
    c.subjects.acquire(payroll, admin)
    return person


def lost_usb(c: Container, **changes: object) -> IncidentIn:
    """Employees' health-check results on a USB stick lost yesterday (Rule 7(1))."""
    now = c.clock.now()
    data = {
        "kind": "lost_device",
        "aware_at": now,
        "occurred_at": now - dt.timedelta(days=1),
        "description": "人事部の鈴木さんが健診結果のUSBメモリを電車に置き忘れた",
        "items": ["name", "health-check"],
        "subject_kinds": ["employee"],
        **changes,
    }
    return IncidentIn.model_validate(data)
