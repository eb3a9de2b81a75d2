"""Incidents (漏えい等): the register, the reports each owes, their versions, the notices to persons, the timeline
and the clock warnings.

Columns hold codes, dates, counts and opaque ids only. What staff typed (the description, a report's text, an
announcement) is a sealed note (`hogo.notes`); the rows keep the note's id.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hogo.db.base import Base
from hogo.db.types import JsonDocument, UtcDateTime


class Incident(Base):
    __tablename__ = "incidents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    status: Mapped[str] = mapped_column(String(24), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    effects: Mapped[list[str]] = mapped_column(JsonDocument, nullable=False)
    occurred_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    aware_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    """When any part of the company became aware: day 1 of every clock."""
    found_by: Mapped[str] = mapped_column(String(24), nullable=False)
    entrustee_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    """The ledger's entrustee whose leak it is (the company is the principal and reports)."""
    as_entrustee: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    principal_notified_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    scope: Mapped[dict[str, Any]] = mapped_column(JsonDocument, nullable=False)
    """The data concerned: items, subject kinds, datasets, the time window, known persons, the source."""
    flags: Mapped[dict[str, Any]] = mapped_column(JsonDocument, nullable=False)
    """What the officer found: wrongful purpose, data being acquired, advanced encryption, low risk, …"""
    description_note: Mapped[str | None] = mapped_column(String(32), nullable=True)
    ledger_version: Mapped[int] = mapped_column(Integer, nullable=False)
    assessment: Mapped[dict[str, Any] | None] = mapped_column(JsonDocument, nullable=True)
    """The latest assessment: the headcount per source and the decision, with its reasons."""
    assessed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    announcement_note: Mapped[str | None] = mapped_column(String(32), nullable=True)
    announced_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    created_by: Mapped[str] = mapped_column(String(200), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)


class IncidentReport(Base):
    """One report an incident owes (or owed): to whom, under which law, which kind, by when, and its filing."""

    __tablename__ = "incident_reports"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    authority: Mapped[str] = mapped_column(String(16), nullable=False)
    basis: Mapped[str] = mapped_column(String(16), nullable=False)
    article: Mapped[str] = mapped_column(String(80), nullable=False)
    due_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    state: Mapped[str] = mapped_column(String(16), nullable=False)
    """owed, filed, or not_owed (a later assessment no longer calls for it)."""
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    filed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    filed_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    filed_reference: Mapped[str | None] = mapped_column(String(100), nullable=True)
    """The receipt number the authority gave (no personal data)."""
    filed_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)


class IncidentReportVersion(Base):
    """One version of a report's nine items (Rule 8(1)), sealed in a note."""

    __tablename__ = "incident_report_versions"
    __table_args__ = (UniqueConstraint("report_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("incident_reports.id"), nullable=False, index=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    content_note: Mapped[str] = mapped_column(String(32), nullable=False)
    created_by: Mapped[str] = mapped_column(String(200), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)


class IncidentNotice(Base):
    """The notice to one person concerned (Art. 26(2), Rule 10): by mail, by letter, or skipped and why."""

    __tablename__ = "incident_notices"
    __table_args__ = (UniqueConstraint("incident_id", "target"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), nullable=False, index=True)
    target: Mapped[str] = mapped_column(String(200), nullable=False)
    """`vault:<person id>` or `dataset:<dataset>:<table>:<key>`: whom, by opaque reference."""
    person_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    channel: Mapped[str] = mapped_column(String(16), nullable=False)
    state: Mapped[str] = mapped_column(String(16), nullable=False)
    reason: Mapped[str | None] = mapped_column(String(48), nullable=True)
    message_id: Mapped[str | None] = mapped_column(String(48), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)


class IncidentEvent(Base):
    """The incident's timeline: each change with its codes (the audit event's twin) and, where staff typed text,
    the id of its sealed note."""

    __tablename__ = "incident_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), nullable=False, index=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    actor: Mapped[str] = mapped_column(String(200), nullable=False)
    action: Mapped[str] = mapped_column(String(64), nullable=False)
    data: Mapped[dict[str, Any]] = mapped_column(JsonDocument, nullable=False)
    note_id: Mapped[str | None] = mapped_column(String(32), nullable=True)


class IncidentWarning(Base):
    """A clock warning given once: a report due in 2 days, in 1 day, or overdue (console and mail to the officer)."""

    __tablename__ = "incident_warnings"
    __table_args__ = (UniqueConstraint("report_id", "level", "due_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("incident_reports.id"), nullable=False, index=True)
    incident_id: Mapped[str] = mapped_column(String(32), nullable=False)
    level: Mapped[str] = mapped_column(String(16), nullable=False)
    due_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
