"""The yearly cycle's records: ledger reviews, internal audits and their findings, training courses and who
attended, security measures, and the register of responsible persons.

These are the company's own management records, not records about the persons whose data it holds: their text
(findings, corrective actions, evidence) stays readable for the auditor who asks for them (ADR 0024). The audit
events of their changes carry ids and codes only.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hogo.db.base import Base
from hogo.db.types import UtcDateTime


class LedgerReview(Base):
    """One signed review of a section of the ledger (or of all of it)."""

    __tablename__ = "pms_reviews"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    section: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    reviewer_id: Mapped[str] = mapped_column(String(32), nullable=False)
    reviewed_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    ledger_version: Mapped[int] = mapped_column(Integer, nullable=False)
    findings: Mapped[str] = mapped_column(String(4000), nullable=False)
    next_due: Mapped[dt.date] = mapped_column(Date, nullable=False, index=True)
    created_by: Mapped[str] = mapped_column(String(200), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)


class InternalAudit(Base):
    """An internal audit: its plan, its auditor, and when it closed (once every finding had)."""

    __tablename__ = "pms_audits"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    scope: Mapped[str] = mapped_column(String(2000), nullable=False)
    planned_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    auditor_id: Mapped[str] = mapped_column(String(32), nullable=False)
    closed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_by: Mapped[str] = mapped_column(String(200), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)


class AuditFinding(Base):
    """One finding of an internal audit, its corrective action (owner, due date) and its closure."""

    __tablename__ = "pms_findings"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    audit_id: Mapped[str] = mapped_column(ForeignKey("pms_audits.id"), nullable=False, index=True)
    text: Mapped[str] = mapped_column(String(4000), nullable=False)
    severity: Mapped[str] = mapped_column(String(16), nullable=False)
    action: Mapped[str | None] = mapped_column(String(4000), nullable=True)
    owner_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    action_due: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    completion: Mapped[str | None] = mapped_column(String(4000), nullable=True)
    closed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)


class Course(Base):
    __tablename__ = "pms_courses"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    interval_months: Mapped[int] = mapped_column(Integer, nullable=False)
    required: Mapped[bool] = mapped_column(Boolean, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)


class Training(Base):
    """An operator attended a course on a day."""

    __tablename__ = "pms_trainings"
    __table_args__ = (Index("ix_pms_trainings_last", "operator_id", "course_id", "attended_on"),)
    """Each operator's last attendance per course (what is overdue) is read from this index alone."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    course_id: Mapped[str] = mapped_column(ForeignKey("pms_courses.id"), nullable=False, index=True)
    operator_id: Mapped[str] = mapped_column(String(32), nullable=False)
    attended_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    created_by: Mapped[str] = mapped_column(String(200), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)


class Measure(Base):
    """A security control measure in one of the PPC guideline's categories, with its status and review dates."""

    __tablename__ = "pms_measures"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    category: Mapped[str] = mapped_column(String(32), nullable=False)
    title: Mapped[str] = mapped_column(String(2000), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    evidence: Mapped[str] = mapped_column(String(2000), nullable=False)
    last_reviewed: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    next_review: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    source: Mapped[str] = mapped_column(String(16), nullable=False)
    """"ledger" (seeded from the ledger's security_measures) or "officer"."""
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)


class Responsible(Base):
    """An appointment in the register of responsible persons: an operator, or a person outside the console."""

    __tablename__ = "pms_responsibles"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    operator_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    title: Mapped[str | None] = mapped_column(String(200), nullable=True)
    since: Mapped[dt.date] = mapped_column(Date, nullable=False)
    until: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_by: Mapped[str] = mapped_column(String(200), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
