"""Incident input (Pydantic) and views (frozen dataclasses): codes, dates, counts and opaque ids."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from hogo.incidents.policy import Effect, FoundBy, Kind
from hogo.incidents.workflow import Status
from hogo.ledger.schemas.common import Id
from hogo.text import SafeText


class Source(StrEnum):
    company = "company"
    """The company's own systems, devices, paper or an entrustee."""
    vault = "vault"
    """hogo's own store (a copy of its database or a backup): every value in it is encrypted."""


class IncidentIn(BaseModel):
    """An incident as the officer records it (社内報告)."""

    model_config = ConfigDict(extra="forbid")

    kind: Kind
    aware_at: AwareDatetime = Field(description="when any part of the company became aware: day 1 of every clock")
    occurred_at: AwareDatetime | None = Field(default=None, description="when it happened, if known")
    found_by: FoundBy = FoundBy.staff
    description: SafeText = Field(
        default="", max_length=4000, description="what happened (kept sealed, never in the audit trail)"
    )
    effects: list[Effect] | None = Field(default=None, description="leakage / loss / damage; by default from kind")
    items: list[Id] = Field(min_length=1, max_length=200, description="the ledger's items concerned")
    subject_kinds: list[Id] = Field(default_factory=list, max_length=50)
    datasets: list[Id] = Field(default_factory=list, max_length=50)
    persons: list[Annotated[SafeText, Field(max_length=64)]] = Field(
        default_factory=list, max_length=10_000, description="known person ids"
    )
    window_from: dt.date | None = Field(default=None, description="first day (JST) the data concerned was written")
    window_to: dt.date | None = Field(default=None, description="last day (JST); default: the day of awareness")
    source: Source = Source.company
    entrustee: Id | None = Field(default=None, description="the ledger's entrustee whose leak it is")
    as_entrustee: bool = Field(default=False, description="the company handled the data for a principal")
    wrongful_purpose: bool | None = Field(default=None, description="possibly a wrongful purpose; default by kind")
    data_being_acquired: bool = False
    advanced_encryption: bool = False
    my_number_network: bool = False
    publicly_viewable: bool = False
    low_risk: bool = False


class AssessIn(BaseModel):
    """The officer's findings at an assessment: each given flag replaces the recorded one."""

    model_config = ConfigDict(extra="forbid")

    wrongful_purpose: bool | None = None
    data_being_acquired: bool | None = None
    advanced_encryption: bool | None = None
    my_number_network: bool | None = None
    publicly_viewable: bool | None = None
    low_risk: bool | None = None
    principal_notified: bool | None = Field(default=None, description="as entrustee: the principal was told")
    note: SafeText = Field(default="", max_length=4000, description="why (kept sealed)")


class ReportEditIn(BaseModel):
    """The officer's text for some of the nine items of Rule 8(1) ("1" … "9"); the others keep their text."""

    model_config = ConfigDict(extra="forbid")

    items: dict[str, Annotated[SafeText, Field(max_length=8000)]] = Field(max_length=9)


class FilingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reference: SafeText = Field(min_length=1, max_length=100, description="the receipt number the authority gave")


class AnnouncementIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: SafeText = Field(min_length=1, max_length=8000, description="the public announcement (Rule 10 substitute)")


class EnquiryIn(BaseModel):
    """The desk is asked whether someone is concerned: by an identifier they give."""

    model_config = ConfigDict(extra="forbid")

    kind: Id = "email"
    value: SafeText = Field(min_length=1, max_length=300)


@dataclass(frozen=True)
class ReportView:
    id: str
    incident_id: str
    kind: str
    authority: str
    basis: str
    article: str
    due_on: dt.date | None
    state: str
    version: int
    filed_at: dt.datetime | None
    filed_reference: str | None
    days_left: int | None
    overdue: bool


@dataclass(frozen=True)
class NoticeView:
    id: str
    target: str
    person_id: str | None
    channel: str
    state: str
    reason: str | None
    updated_at: dt.datetime


@dataclass(frozen=True)
class EventView:
    at: dt.datetime
    actor: str
    action: str
    data: dict[str, Any]
    note_id: str | None


@dataclass(frozen=True)
class IncidentView:
    id: str
    status: Status
    kind: Kind
    effects: list[str]
    occurred_at: dt.datetime | None
    aware_at: dt.datetime
    aware_on: dt.date
    found_by: str
    entrustee_id: str | None
    as_entrustee: bool
    principal_notified_at: dt.datetime | None
    scope: dict[str, Any]
    flags: dict[str, Any]
    ledger_version: int
    assessment: dict[str, Any] | None
    assessed_at: dt.datetime | None
    announced_at: dt.datetime | None
    created_at: dt.datetime
    closed_at: dt.datetime | None
    reports: list[ReportView] = field(default_factory=list)
    next_due: dt.date | None = None
    overdue: bool = False


@dataclass(frozen=True)
class Warning:
    report_id: str
    incident_id: str
    level: str
    due_on: dt.date
    kind: str
    authority: str
    created_at: dt.datetime


@dataclass(frozen=True)
class ClockRun:
    warned: tuple[str, ...]
    """`report:level` of the warnings given now."""
    watching: int
