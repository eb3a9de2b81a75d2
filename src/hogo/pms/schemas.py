"""The yearly cycle's input (Pydantic, checked once at the edge) and views (frozen dataclasses)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from hogo.pms.policy import MeasureCategory, MeasureStatus, ResponsibleRole, Severity
from hogo.text import SafeText

Login = SafeText


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ReviewIn(_In):
    """A review of the ledger (台帳の見直し), signed by the privacy officer."""

    section: str = Field(min_length=1, max_length=40, description="a top-level section of the ledger, or 'all'")
    reviewer: Login = Field(min_length=1, max_length=64, description="the signing operator's login")
    reviewed_on: dt.date | None = Field(default=None, description="the day (JST); default today")
    findings: SafeText = Field(default="", max_length=4000, description="what the review found")
    next_due: dt.date | None = Field(default=None, description="the next review; default a year later")


class AuditIn(_In):
    """An internal audit's plan."""

    title: SafeText = Field(min_length=1, max_length=300)
    scope: SafeText = Field(default="", max_length=2000)
    planned_on: dt.date
    auditor: Login = Field(min_length=1, max_length=64, description="the auditing operator's login")


class FindingIn(_In):
    text: SafeText = Field(min_length=1, max_length=4000)
    severity: Severity = Severity.minor


class ActionIn(_In):
    """A finding's corrective action: what, by whom, by when."""

    action: SafeText = Field(min_length=1, max_length=4000)
    owner: Login = Field(min_length=1, max_length=64, description="the owning operator's login")
    due: dt.date


class CloseFindingIn(_In):
    completion: SafeText = Field(default="", max_length=4000, description="what was done")
    closed_on: dt.date | None = None


class CourseIn(_In):
    title: SafeText = Field(min_length=1, max_length=300)
    interval_months: int = Field(default=12, ge=1, le=120)
    required: bool = True


class TrainingIn(_In):
    course: str = Field(min_length=1, max_length=32, description="the course id")
    operator: Login = Field(min_length=1, max_length=64, description="the attending operator's login")
    attended_on: dt.date


class MeasureIn(_In):
    category: MeasureCategory
    title: SafeText = Field(min_length=1, max_length=2000)
    status: MeasureStatus = MeasureStatus.in_place
    evidence: SafeText = Field(default="", max_length=2000, description="where the evidence is (a reference)")
    last_reviewed: dt.date | None = None
    next_review: dt.date | None = Field(default=None, description="default a year after the last review")


class MeasureReviewIn(_In):
    status: MeasureStatus
    evidence: SafeText | None = Field(default=None, max_length=2000)
    reviewed_on: dt.date | None = None
    next_review: dt.date | None = None


class ResponsibleIn(_In):
    """An appointment: an operator (by login), or a person outside the console by name and title."""

    role: ResponsibleRole
    operator: Login | None = Field(default=None, max_length=64)
    name: SafeText | None = Field(default=None, max_length=200)
    title: SafeText | None = Field(default=None, max_length=200)
    since: dt.date
    until: dt.date | None = None


@dataclass(frozen=True)
class ReviewView:
    id: str
    section: str
    reviewer: str
    reviewed_on: dt.date
    ledger_version: int
    findings: str
    next_due: dt.date


@dataclass(frozen=True)
class FindingView:
    id: str
    audit_id: str
    text: str
    severity: Severity
    action: str | None
    owner: str | None
    action_due: dt.date | None
    completion: str | None
    closed_on: dt.date | None
    overdue: bool


@dataclass(frozen=True)
class AuditView:
    id: str
    title: str
    scope: str
    planned_on: dt.date
    auditor: str
    closed_on: dt.date | None
    findings: tuple[FindingView, ...]

    @property
    def open_findings(self) -> int:
        return sum(1 for f in self.findings if f.closed_on is None)


@dataclass(frozen=True)
class CourseView:
    id: str
    title: str
    interval_months: int
    required: bool


@dataclass(frozen=True)
class TrainingView:
    id: int
    course_id: str
    course: str
    operator: str
    operator_name: str
    attended_on: dt.date


@dataclass(frozen=True)
class MeasureView:
    id: str
    category: MeasureCategory
    title: str
    status: MeasureStatus
    evidence: str
    last_reviewed: dt.date | None
    next_review: dt.date | None
    source: str


@dataclass(frozen=True)
class ResponsibleView:
    id: str
    role: ResponsibleRole
    operator: str | None
    name: str
    title: str
    since: dt.date
    until: dt.date | None
    current: bool
