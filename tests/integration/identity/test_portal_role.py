"""The person portal acts with a role of its own that finds a person by identifier and does nothing else: it
cannot read values, records or consents, and no key or operator can be given its role."""

from __future__ import annotations

import pytest

from hogo.bootstrap import Container
from hogo.errors import Forbidden, InvalidInput
from hogo.identity.policy import Role, system_actor
from hogo.requests.person import PORTAL
from hogo.subjects.schemas import AcquisitionIn, IdentifierIn


def test_the_portal_finds_a_person_and_reads_nothing(vault: Container) -> None:
    admin = system_actor("test")
    person = vault.subjects.acquire(
        AcquisitionIn(
            subject_kind="customer",
            identifiers=[IdentifierIn(kind="email", value="hanako@example.jp")],
            values={"name": "山田 花子", "email": "hanako@example.jp"},
            channel="web-order",
        ),
        admin,
    ).person_id
    assert PORTAL.role is Role.portal
    assert vault.subjects.find("email", "hanako@example.jp", PORTAL) == person
    with pytest.raises(Forbidden):
        vault.usage.read(person, ["name", "email"], "service", PORTAL)
    with pytest.raises(Forbidden):
        vault.subjects.person(person, PORTAL)
    with pytest.raises(Forbidden):
        vault.consents.consents(person, PORTAL)
    vault.usage.flush()
    assert [e.action for e in vault.audit.events(action_prefix="records.")] == []  # no value was opened


def test_no_key_or_operator_gets_the_portal_role(vault: Container) -> None:
    admin = system_actor("test")
    with pytest.raises(InvalidInput, match="hogo's own"):
        vault.identity.create_key("fake portal", Role.portal, None, admin)
    with pytest.raises(InvalidInput, match="hogo's own"):
        vault.operators.create("portal", "Portal", Role.portal, None, "a long enough password", admin)
    assert vault.identity.keys(admin) == [] and vault.operators.operators(admin) == []
