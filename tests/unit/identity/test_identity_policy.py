"""Roles and their permissions (least privilege), the Forbidden error, and the item categories an actor sees."""

from __future__ import annotations

import pytest

from hogo.errors import DomainError, Forbidden
from hogo.identity.policy import (
    ROLE_PERMISSIONS,
    Actor,
    Permission,
    Role,
    require_assignable,
    require_cleared,
    system_actor,
    uncleared,
)

P = Permission

# Spelled out in full, independently of ROLE_PERMISSIONS: role → what it may do.
EXPECTED: dict[Role, set[Permission]] = {
    Role.admin: set(Permission),
    Role.officer: {
        P.record,
        P.read_values,
        P.decide,
        P.manage_consent,
        P.suspend,
        P.erase,
        P.read_audit,
        P.read_people,
        P.find_person,
    },
    Role.desk: {P.record, P.read_values, P.decide, P.manage_consent, P.suspend, P.read_people, P.find_person},
    Role.application: {P.record, P.read_values, P.decide, P.manage_consent, P.read_people, P.find_person},
    Role.auditor: {P.read_audit},
    Role.portal: {P.find_person},  # the person portal: finds the person by the identifier typed, nothing else
}
EXPECTED[Role.officer] |= {P.provide, P.manage_provision}  # provision (issue 5)
EXPECTED[Role.application] |= {P.provide}
EXPECTED[Role.officer] |= {P.read_jobs}  # scheduled jobs: officers and admins read how they ran
EXPECTED[Role.officer] |= {P.manage_incidents}  # incidents (漏えい等): the privacy officer
EXPECTED[Role.officer] |= {P.manage_ledger}  # the ledger: the privacy officer keeps it
EXPECTED[Role.officer] |= {P.manage_pms, P.read_pms}  # the yearly cycle (PMS): the officer keeps it
EXPECTED[Role.auditor] |= {P.read_pms}  # ... and the auditor reads it
EXPECTED[Role.officer] |= {P.manage_retention}  # retention (保存期間): holds and the disposal sweep

MATRIX = [
    pytest.param(role, permission, permission in EXPECTED[role], id=f"{role.value}-{permission.value}")
    for role in Role
    for permission in Permission
]


@pytest.mark.parametrize(("role", "permission", "allowed"), MATRIX)
def test_role_permissions(role: Role, permission: Permission, allowed: bool) -> None:
    actor = Actor(id="key-1", role=role)
    assert actor.may(permission) is allowed
    if allowed:
        actor.require(permission)
    else:
        with pytest.raises(Forbidden):
            actor.require(permission)


def test_every_role_has_permissions_listed() -> None:
    assert set(ROLE_PERMISSIONS) == set(Role)


# (id, role, permission, allowed): the promises of least privilege, stated one by one
PROMISES = [
    ("application-cannot-erase", Role.application, P.erase, False),
    ("application-cannot-read-audit", Role.application, P.read_audit, False),
    ("application-cannot-manage-keys", Role.application, P.manage_keys, False),
    ("application-cannot-suspend", Role.application, P.suspend, False),
    ("application-decides", Role.application, P.decide, True),
    ("auditor-reads-audit", Role.auditor, P.read_audit, True),
    ("auditor-never-reads-values", Role.auditor, P.read_values, False),
    ("auditor-never-reads-people", Role.auditor, P.read_people, False),
    ("desk-cannot-erase", Role.desk, P.erase, False),
    ("desk-cannot-manage-keys", Role.desk, P.manage_keys, False),
    ("officer-erases", Role.officer, P.erase, True),
    ("officer-cannot-manage-keys", Role.officer, P.manage_keys, False),
    ("admin-manages-keys", Role.admin, P.manage_keys, True),
]


@pytest.mark.parametrize(("role", "permission", "allowed"), [pytest.param(*row[1:], id=row[0]) for row in PROMISES])
def test_least_privilege(role: Role, permission: Permission, allowed: bool) -> None:
    assert Actor(id="x", role=role).may(permission) is allowed


@pytest.mark.parametrize(
    ("role", "permission", "message"),
    [
        pytest.param(Role.application, P.erase, "role application may not erase", id="application-erase"),
        pytest.param(Role.auditor, P.read_values, "role auditor may not read values", id="auditor-read-values"),
        pytest.param(Role.desk, P.manage_keys, "role desk may not manage keys", id="desk-manage-keys"),
    ],
)
def test_require_raises_forbidden(role: Role, permission: Permission, message: str) -> None:
    with pytest.raises(Forbidden) as caught:
        Actor(id="key-7", role=role).require(permission)
    error = caught.value
    assert isinstance(error, DomainError)
    assert error.code == "forbidden"
    assert error.message == message
    assert error.details == {}


# (id, categories, category, sees)
SEES = [
    ("none-means-every-category", None, "health", True),
    ("none-means-even-unknown", None, "anything", True),
    ("listed-category", frozenset({"identity", "contact"}), "contact", True),
    ("unlisted-category", frozenset({"identity", "contact"}), "health", False),
    ("empty-sees-nothing", frozenset(), "identity", False),
]


@pytest.mark.parametrize(("categories", "category", "sees"), [pytest.param(*row[1:], id=row[0]) for row in SEES])
def test_sees(categories: frozenset[str] | None, category: str, sees: bool) -> None:
    assert Actor(id="x", role=Role.desk, categories=categories).sees(category) is sees


def test_categories_do_not_grant_permissions() -> None:
    auditor = Actor(id="audit", role=Role.auditor, categories=None)
    assert auditor.sees("identity")
    assert not auditor.may(P.read_values)


def test_system_actor_is_an_administrator_seeing_everything() -> None:
    actor = system_actor("operator@example.jp")
    assert actor == Actor(id="operator@example.jp", role=Role.admin, categories=None)
    assert all(actor.may(p) for p in Permission)


def test_clearance_checks_and_orders_the_categories() -> None:
    from hogo.errors import InvalidInput
    from hogo.identity.policy import actor_of, clearance

    known = {"identity", "contact", "health"}
    assert clearance(None, known) is None
    assert clearance(["health", "identity", "health"], known) == ["health", "identity"]
    with pytest.raises(InvalidInput, match="unknown item categories: nope"):
        clearance(["nope"], known)
    assert actor_of("operator:o1", "desk", ["contact"]).categories == frozenset({"contact"})
    assert actor_of("api-key:k1", "application", None).categories is None


def test_clearance_is_checked_per_item_and_an_unknown_item_needs_every_category() -> None:
    categories = {"name": "identity", "phone": "contact", "diagnosis": "health"}
    shop = Actor("shop", Role.application, frozenset({"identity", "contact"}))
    assert uncleared(shop, ["name", "phone"], categories) == []
    assert uncleared(shop, ["diagnosis", "name", "retired-item"], categories) == ["diagnosis", "retired-item"]
    assert uncleared(Actor("officer", Role.officer), ["retired-item"], categories) == []
    with pytest.raises(Forbidden, match="diagnosis") as refused:
        require_cleared(shop, ["phone", "diagnosis"], categories)
    assert refused.value.details == {"items": ["diagnosis"]}


def test_the_portal_role_is_never_given_to_a_key_or_operator() -> None:
    with pytest.raises(DomainError, match="hogo's own"):
        require_assignable(Role.portal)
    for role in set(Role) - {Role.portal}:
        require_assignable(role)
