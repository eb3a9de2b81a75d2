"""Who may do what: roles, their permissions, and the item categories an actor may touch. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from hogo.errors import Forbidden, InvalidInput


class Role(StrEnum):
    admin = "admin"
    officer = "officer"
    desk = "desk"
    application = "application"
    auditor = "auditor"
    portal = "portal"
    """hogo's own person portal: it only finds the person by the identifier they typed; never a key's or an
    operator's role."""


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
    find_person = "find_person"
    """Find a person's id by an identifier (a keyed-hash lookup); no record, value or consent is read."""
    provide = "provide"
    manage_provision = "manage_provision"
    read_jobs = "read_jobs"
    manage_incidents = "manage_incidents"
    """Record and assess incidents (漏えい等), edit and file their reports, tell the persons concerned."""
    manage_ledger = "manage_ledger"
    """Apply a new version of the ledger over the data held (from the console; the CLI acts as the operator)."""
    manage_pms = "manage_pms"
    """Keep the yearly cycle of the management system: reviews, audits, training, measures, responsible persons."""
    read_pms = "read_pms"
    """Read the yearly cycle's records and export them (the auditor's view)."""
    manage_retention = "manage_retention"
    """Set and release retention holds, run the disposal sweep, issue disposal certificates (保存期間・廃棄)."""


P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.admin: frozenset(Permission),
    Role.officer: frozenset(
        {
            P.record,
            P.read_values,
            P.decide,
            P.manage_consent,
            P.suspend,
            P.erase,
            P.read_audit,
            P.read_people,
            P.find_person,
        }
    ),
    Role.desk: frozenset(
        {P.record, P.read_values, P.decide, P.manage_consent, P.suspend, P.read_people, P.find_person}
    ),
    Role.application: frozenset({P.record, P.read_values, P.decide, P.manage_consent, P.read_people, P.find_person}),
    Role.auditor: frozenset({P.read_audit}),
    Role.portal: frozenset({P.find_person}),
}
"""Least privilege (GL-G 10-6(1)): an application cannot erase people or read the audit trail; an auditor
reads the trail but never a personal value; the portal only finds a person by the identifier they typed."""
# Provision (issue 5): officers and applications may hand data out through the gate; officers keep the registers.
ROLE_PERMISSIONS[Role.officer] |= {P.provide, P.manage_provision}
ROLE_PERMISSIONS[Role.application] |= {P.provide}
# Scheduled duties: officers (and administrators, who hold every permission) see how the jobs ran.
ROLE_PERMISSIONS[Role.officer] |= {P.read_jobs}
# Incidents (漏えい等): the privacy officer handles them (administrators hold every permission).
ROLE_PERMISSIONS[Role.officer] |= {P.manage_incidents}
# The ledger: the privacy officer keeps it (administrators hold every permission).
ROLE_PERMISSIONS[Role.officer] |= {P.manage_ledger}
# The yearly cycle (PMS): the officer keeps it; the auditor reads it (administrators hold every permission).
ROLE_PERMISSIONS[Role.officer] |= {P.manage_pms, P.read_pms}
ROLE_PERMISSIONS[Role.auditor] |= {P.read_pms}
# Retention (保存期間): the officer sets holds and runs the disposal sweep.
ROLE_PERMISSIONS[Role.officer] |= {P.manage_retention}

ASSIGNABLE = frozenset(Role) - {Role.portal}
"""The roles an API key or a console operator may be given."""


def require_assignable(role: Role) -> None:
    if role not in ASSIGNABLE:
        raise InvalidInput(f"role {role.value} is hogo's own; give one of: {', '.join(sorted(ASSIGNABLE))}")


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
            raise Forbidden.keyed(
                "error.forbidden.role",
                role=self.role,
                role_code=self.role.value,
                permission=permission,
                permission_words=permission.value.replace("_", " "),
            )

    def sees(self, category: str) -> bool:
        return self.categories is None or category in self.categories


def uncleared(actor: Actor, items: Iterable[str], categories: Mapping[str, str]) -> list[str]:
    """The items whose category the actor is not cleared for; an item the ledger does not (or no longer) know
    needs clearance for every category."""
    if actor.categories is None:
        return []
    return sorted({i for i in items if i not in categories or categories[i] not in actor.categories})


def require_cleared(actor: Actor, items: Iterable[str], categories: Mapping[str, str]) -> None:
    """The one check at every way out of the vault (reads, provision, letters, downloads, exports): Forbidden
    unless the actor is cleared for the category of every item. The message names the items, never a value."""
    missing = uncleared(actor, items, categories)
    if missing:
        raise Forbidden.keyed(
            "error.forbidden.not-cleared",
            details={"items": missing},
            role=actor.role,
            role_code=actor.role.value,
            items=", ".join(missing),
        )


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
