"""Provision input and views."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from hogo.ledger.schemas.common import Id
from hogo.provision.policy import Basis, Decision, RecordRoute
from hogo.provision.records import RecordMethod
from hogo.text import SafeText

MAX_PERSONS = 1000
MAX_ITEMS = 200


class SuspensionKind(StrEnum):
    opt_out = "opt_out"
    """The person asked to stop provision by opt-out (Art. 27(2))."""
    request = "request"
    """A request to stop provision to third parties was granted (Art. 35(3), (5))."""


class Register(StrEnum):
    foreign = "foreign"
    """Periodic checks of a foreign recipient under equivalent measures or CBPR (Art. 28(3), Rule 18)."""
    entrustee = "entrustee"
    """Supervision of an entrustee (Art. 25)."""


class ProvideIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    person_ids: list[Annotated[SafeText, Field(max_length=32)]] = Field(min_length=1, max_length=MAX_PERSONS)
    items: list[Id] = Field(min_length=1, max_length=MAX_ITEMS)
    recipient: Id = Field(description="an entrustee, joint-use arrangement, third party or foreign recipient id")
    basis: Basis
    purpose: Id | None = Field(default=None, description="the purpose of the work entrusted or jointly used")
    joint_user: Id | None = Field(default=None, description="the joint user, where the arrangement lists them")
    justification: SafeText | None = Field(
        default=None, max_length=500, description="for a statutory exception: why it applies (no personal data)"
    )
    method: RecordMethod = Field(default=RecordMethod.each, description="how the Art. 29 record is kept")


class ProviderIn(BaseModel):
    """Who provided data to us and how they acquired it, as confirmed on intake (Art. 30(1))."""

    model_config = ConfigDict(extra="forbid")

    id: Id = Field(description="our key for the provider")
    name: SafeText = Field(min_length=1, max_length=200)
    address: SafeText | None = Field(default=None, max_length=300)
    representative: SafeText | None = Field(default=None, max_length=200)
    acquisition_history: SafeText | None = Field(
        default=None, max_length=500, description="how the provider acquired the data (Art. 30(1)(ii))"
    )
    business: bool = Field(default=True, description="false for a private individual (Rule 24(1)(iv))")


class ReceiptIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    person_id: SafeText = Field(min_length=1, max_length=32)
    items: list[Id] = Field(min_length=1, max_length=MAX_ITEMS)
    provider: ProviderIn
    route: RecordRoute
    consent_confirmed: bool = Field(default=False, description="the provider's consent (or Art. 31 consent) was seen")
    ppc_publication: SafeText | None = Field(
        default=None, max_length=200, description="where the PPC published the provider's opt-out filing"
    )
    method: RecordMethod = RecordMethod.each


class CheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Register
    recipient: Id
    checked_on: dt.date
    passed: bool
    findings: SafeText | None = Field(
        default=None, max_length=500, description="reference to the findings; no personal data"
    )


class ConfirmationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    person_id: SafeText = Field(min_length=1, max_length=32)
    recipient: Id
    method: SafeText = Field(min_length=1, max_length=32, description="declaration, written_pledge, consent_records…")
    evidence: SafeText | None = Field(default=None, max_length=500)
    foreign_information: bool = Field(default=False, description="Rule 26(1)(ii): the foreign information was given")


class SuspendIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: SuspensionKind = SuspensionKind.request
    recipient: Id | None = Field(default=None, description="leave out to stop provision to every third party")
    reference: SafeText = Field(min_length=1, max_length=200, description="the request or decision behind it")


@dataclass(frozen=True)
class RecordView:
    id: str
    direction: str
    route: str
    method: str
    person_id: str
    counterpart_id: str
    basis: str
    items: list[str]
    fields: dict[str, Any]
    made_at: dt.datetime
    first_at: dt.datetime
    last_at: dt.datetime
    times: int
    retention_until: dt.datetime


@dataclass(frozen=True)
class SuspensionView:
    id: int
    person_id: str
    kind: str
    recipient: str | None
    reference: str
    started_at: dt.datetime
    lifted_at: dt.datetime | None


@dataclass(frozen=True)
class CheckView:
    id: int
    register: str
    recipient: str
    checked_on: dt.date
    passed: bool
    findings: str | None
    recorded_at: dt.datetime
    recorded_by: str


@dataclass(frozen=True)
class CheckState:
    register: str
    recipient: str
    status: str
    last_passed: dt.date | None
    last_failed: dt.date | None
    next_due: dt.date | None


@dataclass(frozen=True)
class Outcome:
    person_id: str
    decision: Decision
    values: dict[str, str]
    """Opened values of the items; empty when refused."""
    record_id: str | None


@dataclass(frozen=True)
class ProvisionResult:
    recipient: str
    basis: Basis
    outcomes: list[Outcome]

    @property
    def allowed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.decision.allowed]

    @property
    def refused(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.decision.allowed]
