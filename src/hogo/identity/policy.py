"""Who may do what: roles, their permissions, and the item categories an actor may touch. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hogo.errors import Forbidden, InvalidInput


class Role(StrEnum):
    admin = "admin"
    officer = "officer"
    desk = "desk"
    application = "application"
    auditor = "auditor"


class Permission(StrEnum):
    record = "record"
    read_values = "read_values"
    decide = "decide"
    manage_consent = "manage_consent"
    suspend = "suspend"
    erase = "erase"
    read_audit = "read_audit"
    manage_keys = "manage_keys"
    read_people = "read_people"
    provide = "provide"
    manage_provision = "manage_provision"
    read_jobs = "read_jobs"


P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.admin: frozenset(Permission),
    Role.officer: frozenset(
        {P.record, P.read_values, P.decide, P.manage_consent, P.suspend, P.erase, P.read_audit, P.read_people}
    ),
    Role.desk: frozenset({P.record, P.read_values, P.decide, P.manage_consent, P.suspend, P.read_people}),
    Role.application: frozenset({P.record, P.read_values, P.decide, P.manage_consent, P.read_people}),
    Role.auditor: frozenset({P.read_audit}),
}
"""Least privilege (GL-G 10-6(1)): an application cannot erase people or read the audit trail; an auditor
reads the trail but never a personal value."""
# Provision (issue 5): officers and applications may hand data out through the gate; officers keep the registers.
ROLE_PERMISSIONS[Role.officer] |= {P.provide, P.manage_provision}
ROLE_PERMISSIONS[Role.application] |= {P.provide}
# Scheduled duties: officers (and administrators, who hold every permission) see how the jobs ran.
ROLE_PERMISSIONS[Role.officer] |= {P.read_jobs}


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting: an API key, a console user, or the CLI. `categories` None means every item category."""

    id: str
    role: Role
    categories: frozenset[str] | None = None

    def may(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]

    def require(self, permission: Permission) -> None:
        if not self.may(permission):
            raise Forbidden(f"role {self.role.value} may not {permission.value.replace('_', ' ')}")

    def sees(self, category: str) -> bool:
        return self.categories is None or category in self.categories


def system_actor(name: str) -> Actor:
    """The CLI and jobs act as an administrator under the operator's name (HOGO_ACTOR)."""
    return Actor(id=name, role=Role.admin, categories=None)


def clearance(categories: list[str] | None, known: set[str]) -> list[str] | None:
    """The item categories a key or an operator is cleared for, checked and in order; None means every one."""
    if categories is None:
        return None
    unknown = sorted(set(categories) - known)
    if unknown:
        raise InvalidInput(f"unknown item categories: {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return sorted(set(categories))


def actor_of(actor_id: str, role: str, categories: list[str] | None) -> Actor:
    """The actor behind a stored key or operator row."""
    return Actor(actor_id, Role(role), frozenset(categories) if categories is not None else None)
