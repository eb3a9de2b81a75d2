"""The person portal acts with a role of its own that finds a person by identifier and does nothing else: it
cannot read values, records or consents, and no key or operator can be given its role."""

from __future__ import annotations

import pytest
from request_support import Desk

from hogo.errors import Forbidden, InvalidInput
from hogo.identity.policy import Actor, Role
from hogo.requests.person import PORTAL


def test_the_portal_finds_a_person_and_reads_nothing(desk: Desk) -> None:
    c = desk.c
    assert PORTAL.role is Role.portal
    assert c.subjects.find("email", "hanako@example.jp", PORTAL) == desk.hanako
    with pytest.raises(Forbidden):
        c.usage.read(desk.hanako, ["name", "email"], "service", PORTAL)
    with pytest.raises(Forbidden):
        c.subjects.person(desk.hanako, PORTAL)
    with pytest.raises(Forbidden):
        c.consents.consents(desk.hanako, PORTAL)
    c.usage.flush()
    assert [e.action for e in c.audit.events(action_prefix="records.")] == []  # no value was opened


def test_no_key_or_operator_gets_the_portal_role(desk: Desk, admin: Actor) -> None:
    c = desk.c
    with pytest.raises(InvalidInput, match="hogo's own"):
        c.identity.create_key("fake portal", Role.portal, None, admin)
    with pytest.raises(InvalidInput, match="hogo's own"):
        c.operators.create("portal", "Portal", Role.portal, None, "a long enough password", admin)
    assert c.identity.keys(admin) == [] and c.operators.operators(admin) == []
