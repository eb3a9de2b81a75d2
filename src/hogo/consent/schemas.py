"""Consent input and views."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from hogo.ledger.schemas.common import Id
from hogo.text import SafeText


class ConsentKind(StrEnum):
    """What the person agreed to, and the article that asks for it."""

    purpose = "purpose"
    """A purpose beyond those notified at acquisition (Art. 18(1))."""
    provision = "provision"
    """Provision to a named third party (Art. 27(1))."""
    foreign_transfer = "foreign_transfer"
    """Provision to a recipient in a foreign country, after the country information was shown (Art. 28)."""
    special_care = "special_care"
    """Acquisition of a special care-required item (Art. 20(2))."""
    channel = "channel"
    """Acquisition through a channel the ledger (and so the notice) says is used only with consent: location
    information, device identifiers (Art. 20(1): acquiring against the terms notified is not proper acquisition)."""


ARTICLE = {
    ConsentKind.purpose: "Art. 18(1)",
    ConsentKind.provision: "Art. 27(1)",
    ConsentKind.foreign_transfer: "Art. 28(1)",
    ConsentKind.special_care: "Art. 20(2)",
    ConsentKind.channel: "Art. 20(1)",
}


class ConsentMethod(StrEnum):
    """How the consent was expressed (GL-G 2-16)."""

    web_checkbox = "web_checkbox"
    button = "button"
    paper_form = "paper_form"
    oral = "oral"
    email = "email"
    app = "app"


class ConsentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: ConsentKind
    target: Id = Field(description="the purpose id, third-party id, foreign-recipient id, item key or channel id")
    method: ConsentMethod
    evidence: SafeText | None = Field(
        default=None,
        max_length=500,
        description="where the proof is kept (form id and version, scanned document number, call id); no personal data",
    )
    given_at: AwareDatetime | None = Field(default=None, description="when it was given; now if left out")


@dataclass(frozen=True)
class ConsentView:
    id: str
    person_id: str
    kind: ConsentKind
    target: str
    article: str
    ledger_version: int
    shown: dict[str, Any]
    method: ConsentMethod
    evidence: str | None
    given_at: dt.datetime
    recorded_by: str
    withdrawn_at: dt.datetime | None
    withdrawal_method: str | None

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None
