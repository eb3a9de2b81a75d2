"""The applied ledger as lookup tables for the run-time decisions (acquisition, consent, use). Pure."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from hogo.ledger.schemas import Ledger
from hogo.ledger.schemas.catalogue import Channel, IdentificationCode, RetentionRule, ValueType
from hogo.ledger.schemas.common import PERIOD_RE
from hogo.ledger.schemas.recipients import ForeignRecipient, ThirdParty


@dataclass(frozen=True, slots=True)
class PurposeRule:
    id: str
    kind: str
    subject_kinds: frozenset[str]
    items: frozenset[str]
    excluded_categories: frozenset[str]
    my_number_task: bool


@dataclass(frozen=True, slots=True)
class ItemRule:
    key: str
    category: str
    value_type: ValueType
    special_care: str | None
    my_number: bool


@dataclass(frozen=True)
class LedgerIndex:
    version: int
    ledger: Ledger
    purposes: dict[str, PurposeRule]
    items: dict[str, ItemRule]
    subject_kinds: frozenset[str]
    channels: dict[str, Channel]
    retention: dict[tuple[str, str], RetentionRule]
    third_parties: dict[str, ThirdParty]
    foreign_recipients: dict[str, ForeignRecipient]
    categories: dict[str, str] = field(default_factory=dict, compare=False)
    """Each item's category: what an actor's clearance is checked against (`identity.policy.require_cleared`)."""

    _covering: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    memo: dict[tuple[object, ...], Any] = field(default_factory=dict, compare=False, repr=False)
    """Results of pure checks over this version, kept by callers (e.g. the purposes an acquisition names)."""

    def purposes_covering(self, subject_kind: str, item: str) -> tuple[str, ...]:
        """The purposes that may cover this item of this kind of person (memoised: asked per acquired value)."""
        found = self._covering.get((subject_kind, item))
        if found is None:
            found = tuple(
                p.id
                for p in self.purposes.values()
                if subject_kind in p.subject_kinds
                and item in p.items
                and self.items[item].category not in p.excluded_categories
            )
            self._covering[(subject_kind, item)] = found
        return found


def compile_ledger(version: int, ledger: Ledger) -> LedgerIndex:
    retention: dict[tuple[str, str], RetentionRule] = {}
    for rule in ledger.retention:
        for item in rule.items:
            for kind in rule.subject_kinds:
                retention.setdefault((item, kind), rule)
    return LedgerIndex(
        version=version,
        ledger=ledger,
        purposes={
            p.id: PurposeRule(
                p.id,
                p.kind.value,
                frozenset(p.subject_kinds),
                frozenset(p.items),
                frozenset(c.value for c in p.excluded_item_categories),
                p.my_number_statutory_task,
            )
            for p in ledger.purposes
        },
        items={
            i.key: ItemRule(
                i.key,
                i.category.value,
                i.value_type,
                i.special_care.value if i.special_care else None,
                i.identification_code is IdentificationCode.my_number or i.value_type is ValueType.my_number,
            )
            for i in ledger.items
        },
        subject_kinds=frozenset(k.id for k in ledger.subject_kinds),
        channels={c.id: c for c in ledger.channels},
        retention=retention,
        third_parties={t.id: t for t in ledger.third_parties},
        foreign_recipients={f.id: f for f in ledger.foreign_recipients},
        categories={i.key: i.category.value for i in ledger.items},
    )


def add_period(start: dt.datetime, period: str) -> dt.datetime:
    """`start` plus a ledger period ('30d', '2w', '6m', '7y'); months and years on the calendar, clamped."""
    match = PERIOD_RE.match(period)
    if match is None:
        raise ValueError(f"not a period: {period!r}")
    n, unit = int(match["n"]), match["unit"]
    if unit == "d":
        return start + dt.timedelta(days=n)
    if unit == "w":
        return start + dt.timedelta(weeks=n)
    months = n if unit == "m" else 12 * n
    year, month0 = divmod(start.month - 1 + months, 12)
    year += start.year
    day = min(start.day, calendar.monthrange(year, month0 + 1)[1])
    return start.replace(year=year, month=month0 + 1, day=day)
