"""Which fields a provision or receipt record holds, per route, and how long it is kept (Rules 19-25, 27-29). Pure.

A record names the person by their opaque id (Rule 20(1)(iii) "name or other information identifying the
individual"): the vault resolves it, and erasing the person leaves nothing readable in the record.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from hogo.ledger.compiled import add_period
from hogo.ledger.schemas.common import Organisation
from hogo.provision.policy import RecordRoute


class Direction(StrEnum):
    out = "out"
    """We provided (Art. 29, Art. 31(3))."""
    in_ = "in"
    """We received and confirmed (Art. 30)."""


class RecordMethod(StrEnum):
    """How the record is kept (Rule 19): one per provision, one bulk record for continuous provision, or a
    contract for goods or services to the person that holds the items."""

    each = "each"
    bulk = "bulk"
    contract = "contract"


FIELDS: dict[tuple[Direction, RecordRoute], tuple[str, ...]] = {
    # Rule 20(1)(ii): consent-based provision (Art. 27(1), 28(1)); the date is not a listed item.
    (Direction.out, RecordRoute.consent): ("consent_obtained", "recipient", "person", "items"),
    # Rule 20(1)(i): provision by opt-out.
    (Direction.out, RecordRoute.opt_out): ("provided_on", "recipient", "person", "items"),
    # Rule 28(1): personally referable information.
    (Direction.out, RecordRoute.personally_referable): ("consent_confirmed", "provided_on", "recipient", "items"),
    # Rule 24(1)(i): received from an opt-out provider.
    (Direction.in_, RecordRoute.opt_out): (
        "received_on",
        "provider",
        "acquisition_history",
        "person",
        "items",
        "ppc_publication",
    ),
    # Rule 24(1)(ii): received under consent.
    (Direction.in_, RecordRoute.consent): ("consent_obtained", "provider", "acquisition_history", "person", "items"),
    # Rule 24(1)(iii): personally referable information received as personal data.
    (Direction.in_, RecordRoute.personally_referable): ("consent_confirmed", "provider", "person", "items"),
    # Rule 24(1)(iv): received from a non-business (a private individual).
    (Direction.in_, RecordRoute.non_business): ("provider", "acquisition_history", "person", "items"),
}


def required_fields(direction: Direction, route: RecordRoute) -> tuple[str, ...]:
    fields = FIELDS.get((direction, route))
    if fields is None:
        raise ValueError(f"no record is defined for {direction.value} by {route.value}")
    return fields


def retention_until(method: RecordMethod, made_at: dt.datetime, last_at: dt.datetime) -> dt.datetime:
    """Rules 21, 25, 29: a contract record 1 year and a bulk record 3 years after the last provision covered;
    any other record 3 years from when it was made."""
    if method is RecordMethod.contract:
        return add_period(last_at, "1y")
    if method is RecordMethod.bulk:
        return add_period(last_at, "3y")
    return add_period(made_at, "3y")


def counterpart(counterpart_id: str, organisation: Organisation | None, name: dict[str, Any]) -> dict[str, Any]:
    """The recipient or provider as the rules name it: name, address and representative (Rule 20(1)(ii))."""
    return {
        "id": counterpart_id,
        "name": organisation.name.model_dump() if organisation else name,
        "address": organisation.address.model_dump() if organisation and organisation.address else None,
        "representative": (
            organisation.representative.model_dump() if organisation and organisation.representative else None
        ),
    }


def build_fields(direction: Direction, route: RecordRoute, values: dict[str, Any]) -> dict[str, Any]:
    """Exactly the fields the rules ask for on this route, taken from `values`; a missing one is an error."""
    fields = required_fields(direction, route)
    missing = [f for f in fields if values.get(f) in (None, "", [])]
    if missing:
        raise ValueError(f"the record lacks {', '.join(missing)}")
    return {f: values[f] for f in fields}
