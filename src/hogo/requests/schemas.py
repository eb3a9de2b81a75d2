"""Request input and views. Input names items, purposes and recipients by ledger id; values only where a
correction asks for them; contact details and free text are sealed at rest."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from hogo.ledger.schemas.common import Id
from hogo.ledger.schemas.procedures import (
    AgentEvidence,
    DisclosureMethod,
    IdentityDocument,
    PaymentMethod,
    RequestChannel,
    RequestKind,
)
from hogo.requests.policy import AgentKind, ClaimedGround, Ground, Outcome
from hogo.requests.workflow import Status
from hogo.subjects.schemas import IdentifierIn
from hogo.text import SafeText

Lang = Literal["ja", "en"]


class ContactIn(BaseModel):
    """Where the answer goes. Sealed at rest; never logged."""

    model_config = ConfigDict(extra="forbid")

    name: SafeText | None = Field(default=None, max_length=200)
    email: EmailStr | None = None
    postal_code: SafeText | None = Field(default=None, max_length=16)
    postal_address: SafeText | None = Field(default=None, max_length=500)
    phone: SafeText | None = Field(default=None, max_length=40)


class AgentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: AgentKind
    name: SafeText = Field(min_length=1, max_length=200)
    evidence: list[AgentEvidence] = Field(default_factory=list, max_length=10)
    identity_document: IdentityDocument | None = Field(default=None, description="the agent's own identity check")


class ScopeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[Id] = Field(default_factory=list, max_length=200, description="items concerned; all if none")
    purposes: list[Id] = Field(default_factory=list, max_length=100, description="purposes a suspension covers")
    recipients: list[Id] = Field(default_factory=list, max_length=100, description="third parties to stop")


class RequestIn(BaseModel):
    """A request as the desk records it, on any channel."""

    model_config = ConfigDict(extra="forbid")

    kind: RequestKind
    channel: RequestChannel
    person_id: SafeText | None = Field(default=None, max_length=32, description="the person, when already known")
    identifier: IdentifierIn | None = Field(default=None, description="finds the person by a keyed hash")
    contact: ContactIn = Field(default_factory=ContactIn)
    language: Lang = "ja"
    scope: ScopeIn = Field(default_factory=ScopeIn)
    claimed_ground: ClaimedGround | None = None
    disclosure_method: DisclosureMethod | None = None
    details: SafeText | None = Field(default=None, max_length=4000, description="the request in the person's words")
    agent: AgentIn | None = None
    received_at: dt.datetime | None = Field(default=None, description="arrival (a letter's date stamp); now if none")


class PortalRequestIn(BaseModel):
    """A request the person files on the portal: they give the e-mail address hogo knows them by."""

    model_config = ConfigDict(extra="forbid")

    kind: RequestKind
    email: EmailStr
    language: Lang = "ja"
    scope: ScopeIn = Field(default_factory=ScopeIn)
    claimed_ground: ClaimedGround | None = None
    disclosure_method: DisclosureMethod | None = DisclosureMethod.electronic
    details: SafeText | None = Field(default=None, max_length=4000)


class IdentityCheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    document: IdentityDocument
    reference: SafeText | None = Field(default=None, max_length=200, description="e.g. 'desk 2, shown'; never a number")


class FeeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    method: PaymentMethod
    amount_jpy: int = Field(ge=0)


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: Outcome
    ground: Ground | None = None
    reason: SafeText | None = Field(default=None, max_length=4000, description="told to the person (Art. 36)")


class FulfilIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    corrections: dict[Id, SafeText] = Field(
        default_factory=dict, description="item → corrected value, or the value of an item to add (Art. 34)"
    )
    deletions: list[Id] = Field(default_factory=list, description="items to delete (Art. 34: 削除)")
    withheld: list[Id] = Field(default_factory=list, description="items left out of a partial disclosure")
    note: SafeText | None = Field(default=None, max_length=2000)


@dataclass(frozen=True)
class RequestView:
    id: str
    kind: RequestKind
    channel: RequestChannel
    status: Status
    person_id: str | None
    language: str
    claimed_ground: str | None
    scope: dict[str, Any]
    disclosure_method: str | None
    agent_kind: str | None
    agent_identity: str | None
    identity_method: str | None
    identity_verified_at: dt.datetime | None
    fee_jpy: int
    fee_paid_at: dt.datetime | None
    received_at: dt.datetime
    target_days: int | None
    due_on: dt.date
    art39_from: dt.date
    overdue: bool
    days_left: int
    outcome: str | None
    ground: str | None
    article: str | None
    decided_at: dt.datetime | None
    fulfilled_at: dt.datetime | None
    answered_at: dt.datetime | None
    """When the answer was made; the person is told by the mail that follows it or the letter posted."""
    notified_at: dt.datetime | None
    """When the answer reached the person's mail server, or the letter was recorded as posted."""
    closed_at: dt.datetime | None
    measures: dict[str, Any] | None
    package_ready: bool
    package_until: dt.datetime | None = None


@dataclass(frozen=True)
class Filed:
    request: RequestView
    token: str | None
    """The person's status link secret; shown once, kept only as a keyed hash. None when the filer is not cleared
    for every item category: the link downloads the whole disclosure, so it goes only to the person (by mail)."""


@dataclass(frozen=True)
class RequestDetails:
    """What the person (or the desk at intake) wrote, opened for staff cleared for every item category."""

    request_id: str
    contact: dict[str, Any]
    details: str | None
    agent_name: str | None
    reason: str | None
    """The reason told to the person with the decision (Art. 36)."""
    rejection: str | None
    identity_reference: str | None
    erased: bool = False
    """The person was erased: what the request held about them is gone."""


@dataclass(frozen=True)
class PersonStatus:
    """What the person sees by their token: no operator ids, no other person's anything."""

    id: str
    kind: RequestKind
    status: Status
    received_on: dt.date
    due_on: dt.date
    identity_verified: bool
    fee_jpy: int
    fee_paid: bool
    outcome: str | None
    article: str | None
    reason: str | None
    package_ready: bool
    package_until: dt.datetime | None = None
    """The last instant the disclosure may be downloaded."""
    package_ended: str | None = None
    """Why it can no longer be: "expired" (its period ran out) or "erased" (deleted with the person's data)."""
    holds: tuple[dict[str, Any], ...] = ()
    """Data kept in the company's databases under a legal hold despite the request (statute, last day)."""
    notified_at: dt.datetime | None = None
    """When the answer reached the person's mail server (or the letter was posted); None until then."""
    incidents: tuple[str, ...] = ()
    """The incidents (漏えい等) that concern the person, once their identity is verified (Art. 26(2))."""
