"""What may be acquired: the ledger's items and purposes, special care and My Number rules, valid values. Pure.

A rejected acquisition lists every problem at once, each with a code, the item and the article; no message
ever contains the value given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from hogo.errors import InvalidInput
from hogo.ledger.compiled import LedgerIndex, add_period
from hogo.ledger.schemas.catalogue import ValueType
from hogo.subjects.values import ValueProblem, normalise


@dataclass(frozen=True)
class AcquisitionProblem:
    code: str
    message: str
    item: str | None = None
    article: str | None = None


class AcquisitionRejected(InvalidInput):
    code = "acquisition-rejected"


class PlannedRecord(NamedTuple):
    """A named tuple, not a dataclass: one is built per value acquired, and a tuple is built in one step."""

    item: str
    value: str
    purposes: tuple[str, ...]
    retention_rule: str | None
    retention_until: dt.datetime | None


@dataclass(frozen=True, slots=True)
class AcquisitionPlan:
    records: list[PlannedRecord] = field(default_factory=list)


def plan_acquisition(
    index: LedgerIndex,
    *,
    subject_kind: str,
    values: dict[str, Any],
    channel: str,
    purposes: list[str] | None,
    special_care_consented: AbstractSet[str],
    special_care_basis: str | None,
    now: dt.datetime,
    channel_consented: bool = False,
    normalise_value: Callable[[ValueType, Any], str] = normalise,
) -> AcquisitionPlan:
    """The records to store, or AcquisitionRejected with every problem found (`normalise_value`: `normalise`, or a
    batch's memoised `Normaliser`)."""
    problems: list[AcquisitionProblem] = []
    add = problems.append
    if subject_kind not in index.subject_kinds:
        add(
            AcquisitionProblem(
                "unknown-subject-kind", f"subject kind {subject_kind!r} is not in the ledger", None, "Art. 17(1)"
            )
        )
        raise _rejected(problems)
    chan = index.channels.get(channel)
    if chan is None:
        add(AcquisitionProblem("unknown-channel", f"channel {channel!r} is not in the ledger", None, "Art. 21"))
    unconsented = chan is not None and chan.consent_required and not channel_consented
    given = purposes if purposes is not None else (list(chan.purposes) if chan is not None and chan.purposes else None)
    explicit = purposes is not None
    problems.extend(_purpose_problems(index, subject_kind, list(values), channel, given, explicit=explicit))
    if not values:
        add(AcquisitionProblem("no-values", "give at least one item value", None, None))

    records: list[PlannedRecord] = []
    purposes_key = tuple(given) if given is not None else None
    for item, raw in values.items():
        rule = _item_plan(index, subject_kind, channel, purposes_key, item)
        if rule is None:
            add(AcquisitionProblem("unknown-item", f"item {item!r} is not in the ledger", item, "Art. 17(1)"))
            continue
        problems.extend(rule.off_channel)
        if unconsented:
            add(
                AcquisitionProblem(
                    "channel-consent-missing",
                    f"item {item!r}: channel {channel!r} is used only with the person's consent, as the notice "
                    "says; give a `channel` consent for it first (or with these values)",
                    item,
                    "Art. 20(1)",
                )
            )
        problems.extend(rule.without_purpose)
        if rule.special_care and item not in special_care_consented and special_care_basis is None:
            add(
                AcquisitionProblem(
                    "special-care-without-consent",
                    f"item {item!r} is special care-required ({rule.special_care}): "
                    "give the person's consent or the Art. 20(2) basis relied on",
                    item,
                    "Art. 20(2)",
                )
            )
        problems.extend(rule.my_number)
        try:
            value = normalise_value(rule.value_type, raw)
        except ValueProblem as problem:
            add(AcquisitionProblem(problem.code, f"item {item!r}: {problem.message}", item, None))
            continue
        until = _until(now, now.tzinfo, rule.period) if rule.period is not None else None
        records.append(PlannedRecord(item, value, rule.notified, rule.retention_rule, until))
    if problems:
        raise _rejected(problems)
    return AcquisitionPlan(records)


@lru_cache(maxsize=64)
def _until(now: dt.datetime, zone: dt.tzinfo | None, period: str) -> dt.datetime:
    """`add_period`, memoised: a batch has one instant and a ledger a few periods. Keyed by the zone too: one instant
    in two zones is one key for a datetime, but months are added on the calendar of its own zone."""
    return add_period(now, period)


@dataclass(frozen=True, slots=True)
class _ItemPlan:
    """What the ledger version says about one item acquired for a subject kind, on a channel, for given purposes:
    everything but the value and the person's consents (memoised: the same few combinations come every time)."""

    value_type: ValueType
    notified: tuple[str, ...]
    special_care: str | None
    retention_rule: str | None
    period: str | None
    """The retention period, if it starts at acquisition."""
    off_channel: tuple[AcquisitionProblem, ...]
    without_purpose: tuple[AcquisitionProblem, ...]
    my_number: tuple[AcquisitionProblem, ...]


def _item_plan(
    index: LedgerIndex, subject_kind: str, channel: str, given: tuple[str, ...] | None, item: str
) -> _ItemPlan | None:
    key = ("item_plan", subject_kind, channel, given, item)
    found: _ItemPlan | None = index.memo.get(key)
    if found is not None or item not in index.items:
        return found
    rule_item = index.items[item]
    chan = index.channels.get(channel)
    off_channel: tuple[AcquisitionProblem, ...] = ()
    if chan is not None and chan.items and item not in chan.items:
        off_channel = (
            AcquisitionProblem(
                "item-not-on-channel", f"channel {channel!r} does not collect {item!r}", item, "Art. 21(2)"
            ),
        )
    covering = index.purposes_covering(subject_kind, item)
    notified = tuple(p for p in given if p in covering) if given is not None else tuple(covering)
    without_purpose: tuple[AcquisitionProblem, ...] = ()
    if not notified:
        without_purpose = (
            AcquisitionProblem(
                "item-without-purpose",
                f"no notified purpose covers item {item!r} for subject kind {subject_kind!r}",
                item,
                "Art. 18(1)",
            ),
        )
    my_number: tuple[AcquisitionProblem, ...] = ()
    if rule_item.my_number:
        outside = [p for p in notified if not index.purposes[p].my_number_task]
        if outside or not notified:
            my_number = (
                AcquisitionProblem(
                    "my-number-outside-statutory-task",
                    f"item {item!r} is a My Number; it may be acquired only for the statutory tasks "
                    f"(tax, social security); not for {', '.join(outside) or 'no purpose'}",
                    item,
                    "My Number Act Art. 20",
                ),
            )
    retention = index.retention.get((item, subject_kind))
    found = _ItemPlan(
        rule_item.value_type,
        notified,
        rule_item.special_care,
        retention.id if retention else None,
        retention.period if retention is not None and retention.starts.value == "acquisition" else None,
        off_channel,
        without_purpose,
        my_number,
    )
    if len(index.memo) >= 10_000:  # item keys come from the caller: keep the memo bounded
        index.memo.clear()
    index.memo[key] = found
    return found


def _purpose_problems(
    index: LedgerIndex, subject_kind: str, values: list[str], channel: str, given: list[str] | None, *, explicit: bool
) -> tuple[AcquisitionProblem, ...]:
    """`_check_purposes`, memoised on the ledger version: the same few combinations come with every acquisition."""
    key = ("check_purposes", subject_kind, tuple(values), channel, tuple(given) if given else None, explicit)
    found: tuple[AcquisitionProblem, ...] | None = index.memo.get(key)
    if found is None:
        collected: list[AcquisitionProblem] = []
        _check_purposes(index, subject_kind, values, channel, given, explicit=explicit, add=collected.append)
        if len(index.memo) >= 10_000:  # item keys come from the caller: keep the memo bounded
            index.memo.clear()
        index.memo[key] = found = tuple(collected)
    return found


def _check_purposes(
    index: LedgerIndex,
    subject_kind: str,
    values: list[str],
    channel: str,
    given: list[str] | None,
    *,
    explicit: bool,
    add: Callable[[AcquisitionProblem], None],
) -> None:
    """The purposes notified must exist, cover the subject kind and an item, and be stated by the channel."""
    chan = index.channels.get(channel)
    for pid in given or []:
        rule = index.purposes.get(pid)
        if rule is None:
            add(AcquisitionProblem("unknown-purpose", f"purpose {pid!r} is not in the ledger", None, "Art. 17(1)"))
        elif subject_kind not in rule.subject_kinds:
            add(
                AcquisitionProblem(
                    "purpose-not-for-subject-kind",
                    f"purpose {pid!r} does not cover subject kind {subject_kind!r}",
                    None,
                    "Art. 18(1)",
                )
            )
        elif explicit and not any(pid in index.purposes_covering(subject_kind, i) for i in values if i in index.items):
            add(
                AcquisitionProblem(
                    "purpose-not-for-item", f"purpose {pid!r} covers none of the items given", None, "Art. 18(1)"
                )
            )
        elif explicit and chan is not None and chan.purposes and pid not in chan.purposes:
            add(
                AcquisitionProblem(
                    "purpose-not-on-channel",
                    f"channel {channel!r} does not state purpose {pid!r} to the person",
                    None,
                    "Art. 21(2)",
                )
            )


def _rejected(problems: list[AcquisitionProblem]) -> AcquisitionRejected:
    summary = "; ".join(f"{p.code}: {p.message}" for p in problems[:5])
    more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
    return AcquisitionRejected(
        f"nothing was stored — {summary}{more}",
        details={"problems": [p.__dict__ for p in problems]},
    )
