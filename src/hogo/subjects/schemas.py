"""Acquisition input, and views of persons and records (metadata only; values are read through `usage`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from hogo.consent.schemas import ConsentIn
from hogo.ledger.schemas.common import Id
from hogo.text import SafeText, SafeValue

IdentifierKind = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]


class IdentifierIn(BaseModel):
    """A way to find the person again: e-mail, phone, member id, … Stored only as a keyed hash."""

    model_config = ConfigDict(extra="forbid")

    kind: IdentifierKind
    value: SafeText = Field(min_length=1, max_length=500)


class SpecialCareBasis(StrEnum):
    """Art. 20(2) items 1-8 and CO 9: when a special care-required item may be acquired without consent."""

    law = "law"
    life_body_property = "life_body_property"
    public_health_children = "public_health_children"
    government_cooperation = "government_cooperation"
    academic = "academic"
    made_public = "made_public"
    visible_appearance = "visible_appearance"
    received_as_entrustee_or_joint_user = "received_as_entrustee_or_joint_user"


class AcquisitionIn(BaseModel):
    """What an application acquired from or about one person, through one channel."""

    model_config = ConfigDict(extra="forbid")

    subject_kind: Id
    person_id: SafeText | None = Field(
        default=None, max_length=32, description="an existing person; else by identifiers"
    )
    identifiers: list[IdentifierIn] = Field(default_factory=list, max_length=20)
    values: dict[Id, SafeValue] = Field(
        default_factory=dict, description="item key → value, as the ledger declares items"
    )
    channel: Id
    purposes: list[Id] | None = Field(
        default=None,
        description="the purposes notified or shown at this acquisition; by default the channel's purposes, "
        "else every purpose of the ledger that covers the subject kind and the item",
    )
    consents: list[ConsentIn] = Field(default_factory=list, description="consents given together with the data")
    special_care_basis: SpecialCareBasis | None = Field(
        default=None, description="the Art. 20(2) exception relied on instead of consent for special care items"
    )


@dataclass(frozen=True, slots=True)
class RecordView:
    id: int
    item: str
    channel: str
    acquired_at: dt.datetime
    ledger_version: int
    purposes: list[str]
    consents: list[str]
    retention_rule: str | None
    retention_until: dt.datetime | None
    superseded_at: dt.datetime | None


@dataclass(frozen=True)
class SuspensionView:
    id: int
    scope: str
    purposes: list[str] | None
    reference: str
    started_at: dt.datetime
    lifted_at: dt.datetime | None


@dataclass(frozen=True)
class PersonView:
    id: str
    subject_kind: str
    created_at: dt.datetime
    ledger_version: int
    erased_at: dt.datetime | None
    identifier_kinds: list[str]
    records: list[RecordView]
    suspensions: list[SuspensionView]


@dataclass(frozen=True, slots=True)
class AcquisitionResult:
    person_id: str
    created: bool
    records: list[RecordView]
    consents: list[str]


@dataclass(frozen=True)
class PersonRef:
    id: str
    subject_kind: str
    erased: bool
