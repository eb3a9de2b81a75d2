"""What changed between two ledgers, and which changes need notice, consent or a filing. Pure.

Arts. 17(2), 21(3): a changed purpose must be notified or published, and only within what is
reasonably related to the old one; anything wider needs consent (Art. 18(1)) for data already held.
Art. 27(6): joint-use changes; Art. 27(3): opt-out changes need a PPC filing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from hogo.ledger.schemas import Ledger

ChangeKind = Literal["added", "removed", "changed"]
Action = Literal["notice", "consent", "filing"]

# Sections whose entries carry an id, with the name of the id field.
KEYED_SECTIONS: dict[str, str] = {
    "services": "id",
    "subject_kinds": "id",
    "items": "key",
    "purposes": "id",
    "channels": "id",
    "retention": "id",
    "entrustees": "id",
    "joint_use": "id",
    "third_parties": "id",
    "foreign_recipients": "id",
    "web_tracking": "id",
    "datasets": "id",
}


@dataclass(frozen=True)
class Flag:
    action: Action
    article: str
    message: str


@dataclass(frozen=True)
class Change:
    section: str
    key: str
    kind: ChangeKind
    fields: tuple[str, ...] = ()
    flags: tuple[Flag, ...] = ()


@dataclass(frozen=True)
class LedgerDiff:
    changes: tuple[Change, ...] = field(default_factory=tuple)

    @property
    def empty(self) -> bool:
        return not self.changes

    @property
    def flagged(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.flags)


def diff_ledgers(old: Ledger | None, new: Ledger) -> LedgerDiff:
    """Changes from `old` to `new`, section by section, entries matched by id."""
    old_doc = old.model_dump(mode="json") if old is not None else {}
    new_doc = new.model_dump(mode="json")
    changes: list[Change] = []
    for section in new_doc.keys() | old_doc.keys():
        before, after = old_doc.get(section), new_doc.get(section)
        if section in KEYED_SECTIONS:
            changes.extend(_keyed(section, KEYED_SECTIONS[section], before or [], after or [], old is None))
        elif before != after:
            fields = _changed_fields(before, after)
            changes.append(
                Change(section, section, "changed" if before else "added", fields, _section_flags(section, old is None))
            )
    order = list(Ledger.model_fields)
    return LedgerDiff(tuple(sorted(changes, key=lambda c: (order.index(c.section), c.key))))


def _keyed(
    section: str, id_field: str, before: list[dict[str, Any]], after: list[dict[str, Any]], first: bool
) -> list[Change]:
    old = {e[id_field]: e for e in before}
    new = {e[id_field]: e for e in after}
    out: list[Change] = []
    for key in new.keys() - old.keys():
        out.append(Change(section, key, "added", (), () if first else _added_flags(section, new[key])))
    for key in old.keys() - new.keys():
        out.append(Change(section, key, "removed", (), _removed_flags(section, old[key])))
    for key in old.keys() & new.keys():
        if old[key] != new[key]:
            fields = _changed_fields(old[key], new[key])
            out.append(Change(section, key, "changed", fields, _changed_flags(section, old[key], new[key], fields)))
    return out


def _changed_fields(before: Any, after: Any) -> tuple[str, ...]:
    if isinstance(before, dict) and isinstance(after, dict):
        return tuple(sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k)))
    return ()


NOTICE_21_3 = Flag("notice", "Art. 21(3)", "notify the persons or publish the changed notice")


def _added_flags(section: str, entry: dict[str, Any]) -> tuple[Flag, ...]:
    if section == "purposes":
        return (
            NOTICE_21_3,
            Flag(
                "consent",
                "Art. 18(1)",
                "a new purpose applies to data acquired from now on; data already held needs consent",
            ),
        )
    if section == "third_parties":
        return (Flag("consent", "Art. 27(1)", "provision to a new third party needs consent or a legal basis"),)
    if section == "foreign_recipients":
        return (Flag("consent", "Art. 28(1)", "transfer to a new foreign recipient needs consent after Rule 17 info"),)
    if section == "joint_use":
        return (Flag("notice", "Art. 27(5)(iii)", "make the five joint-use matters known before joint use starts"),)
    if section == "items":
        return (NOTICE_21_3,)
    return ()


def _removed_flags(section: str, entry: dict[str, Any]) -> tuple[Flag, ...]:
    if section in ("purposes", "joint_use", "third_parties", "foreign_recipients", "entrustees"):
        return (Flag("notice", "Art. 32(1)", "update the published notice"),)
    return ()


def _changed_flags(section: str, old: dict[str, Any], new: dict[str, Any], fields: tuple[str, ...]) -> tuple[Flag, ...]:
    flags: list[Flag] = []
    if section == "purposes":
        widened = any(set(new.get(f, [])) - set(old.get(f, [])) for f in ("items", "subject_kinds"))
        narrowed = any(set(old.get(f, [])) - set(new.get(f, [])) for f in ("items", "subject_kinds"))
        if "text" in fields:
            flags.append(
                Flag(
                    "notice",
                    "Arts. 17(2), 21(3)",
                    "the purpose was reworded: notify or publish it; if it is not reasonably related to the "
                    "old purpose, consent is needed (Art. 18(1))",
                )
            )
        if widened or (not old.get("third_party_provision") and new.get("third_party_provision")):
            flags.append(Flag("consent", "Art. 18(1)", "the purpose now covers more: data already held needs consent"))
        if narrowed:
            flags.append(NOTICE_21_3)
    elif section == "joint_use":
        if {"items", "users_scope"} & set(fields):
            flags.append(
                Flag("consent", "Art. 27(6)", "items and scope of joint users cannot be changed without consent")
            )
        if {"purposes", "purposes_text", "responsible_party"} & set(fields):
            flags.append(Flag("notice", "Art. 27(6)", "make the change known in advance (purposes, responsible party)"))
    elif section == "foreign_recipients" and {"country", "basis", "recipient_measures"} & set(fields):
        flags.append(Flag("consent", "Art. 28(1)", "the transfer changed: consent given before may not cover it"))
    elif section == "third_parties" and {"items", "purposes", "basis"} & set(fields):
        flags.append(Flag("consent", "Art. 27(1)", "the provision changed: consent given before may not cover it"))
    return tuple(flags)


def _section_flags(section: str, first: bool) -> tuple[Flag, ...]:
    if first:
        return ()
    if section == "operator":
        return (Flag("notice", "Art. 32(1)(i)", "update the published operator particulars"),)
    if section == "opt_out":
        return (Flag("filing", "Art. 27(3)", "file the change with the PPC (in advance for most items)"),)
    if section == "requests":
        return (Flag("notice", "Art. 32(1)(iii)", "update the published request procedures and fees"),)
    return ()
