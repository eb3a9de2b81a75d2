"""Provision records (Arts. 29-31), suspensions of provision, periodic checks and Art. 31 confirmations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hogo.db.base import Base
from hogo.db.types import JsonDocument, UtcDateTime


class ProvisionRecord(Base):
    """One provider record (out) or recipient confirmation record (in), holding exactly its route's fields."""

    __tablename__ = "provision_records"
    __table_args__ = (Index("ix_provision_records_bulk", "person_id", "counterpart_id", "route", "method"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    direction: Mapped[str] = mapped_column(String(8), nullable=False)
    route: Mapped[str] = mapped_column(String(32), nullable=False)
    method: Mapped[str] = mapped_column(String(16), nullable=False)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), nullable=False, index=True)
    counterpart_id: Mapped[str] = mapped_column(String(64), nullable=False)
    basis: Mapped[str] = mapped_column(String(32), nullable=False)
    items: Mapped[list[str]] = mapped_column(JsonDocument, nullable=False)
    fields: Mapped[dict[str, Any]] = mapped_column(JsonDocument, nullable=False)
    ledger_version: Mapped[int] = mapped_column(Integer, nullable=False)
    made_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    first_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    last_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    times: Mapped[int] = mapped_column(Integer, nullable=False)
    retention_until: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False, index=True)
    recorded_by: Mapped[str] = mapped_column(String(200), nullable=False)


class ProvisionSuspension(Base):
    """The person's opt-out (Art. 27(2)) or request to stop provision (Art. 35(3), (5)); all or one recipient."""

    __tablename__ = "provision_suspensions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    recipient_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    reference: Mapped[str] = mapped_column(String(200), nullable=False)
    started_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    lifted_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)


class ProvisionCheck(Base):
    """A periodic check of a foreign recipient's equivalent measures (Rule 18) or an entrustee's supervision."""

    __tablename__ = "provision_checks"
    __table_args__ = (Index("ix_provision_checks_recipient", "register", "recipient_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    register: Mapped[str] = mapped_column(String(16), nullable=False)
    recipient_id: Mapped[str] = mapped_column(String(64), nullable=False)
    checked_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    passed: Mapped[bool] = mapped_column(Boolean, nullable=False)
    findings: Mapped[str | None] = mapped_column(String(500), nullable=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    recorded_by: Mapped[str] = mapped_column(String(200), nullable=False)


class ReferableConfirmation(Base):
    """That a recipient obtained the person's consent to acquire personally referable information (Rule 26)."""

    __tablename__ = "provision_referable_confirmations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), nullable=False, index=True)
    recipient_id: Mapped[str] = mapped_column(String(64), nullable=False)
    method: Mapped[str] = mapped_column(String(32), nullable=False)
    evidence: Mapped[str | None] = mapped_column(String(500), nullable=True)
    foreign_information: Mapped[bool] = mapped_column(Boolean, nullable=False)
    confirmed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    recorded_by: Mapped[str] = mapped_column(String(200), nullable=False)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)


class OverdueCheckNotice(Base):
    """That a periodic check or supervision was found overdue for its due date: one row per due period, so the
    `periodic-checks-overdue` job records (and later reminds) once, however often it runs."""

    __tablename__ = "provision_overdue_notices"
    __table_args__ = (UniqueConstraint("register", "recipient_id", "due_on", name="uq_provision_overdue_notices_due"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    register: Mapped[str] = mapped_column(String(16), nullable=False)
    recipient_id: Mapped[str] = mapped_column(String(64), nullable=False)
    due_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    noticed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
