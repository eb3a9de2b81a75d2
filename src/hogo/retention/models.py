"""Retention tables: events that start clocks, holds set in hogo, sweeps and their content-free disposal records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, Date, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hogo.db.base import Base
from hogo.db.types import JsonDocument, UtcDateTime


class RetentionEvent(Base):
    """An event that starts the clock of the rules it names (契約終了, 退会, 退職, …); undone only by a reversal."""

    __tablename__ = "retention_events"
    __table_args__ = (Index("ix_retention_events_person", "person_id", "trigger"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(32), nullable=False)
    event: Mapped[str] = mapped_column(String(40), nullable=False)
    trigger: Mapped[str] = mapped_column(String(40), nullable=False)
    occurred_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    recorded_by: Mapped[str] = mapped_column(String(200), nullable=False)
    reference_note: Mapped[str | None] = mapped_column(String(32), nullable=True)
    reversed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    reversed_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    reversal_note: Mapped[str | None] = mapped_column(String(32), nullable=True)


class RetentionHold(Base):
    """A hold set in hogo: a statute's (法人税法, 労働基準法 §109, …) or a litigation hold set by the officer."""

    __tablename__ = "retention_holds"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    statute: Mapped[str] = mapped_column(String(200), nullable=False)
    person_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    subject_kinds: Mapped[list[str]] = mapped_column(JsonDocument, nullable=False)
    items: Mapped[list[str]] = mapped_column(JsonDocument, nullable=False)
    starts_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    ends_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reason_note: Mapped[str | None] = mapped_column(String(32), nullable=True)
    set_by: Mapped[str] = mapped_column(String(200), nullable=False)
    set_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    released_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    released_by: Mapped[str | None] = mapped_column(String(200), nullable=True)


class RetentionSweep(Base):
    """One sweep: what was due as of `as_of`, planned as units, carried out until every unit is settled."""

    __tablename__ = "retention_sweeps"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    as_of: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    started_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    started_by: Mapped[str] = mapped_column(String(200), nullable=False)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    ledger_version: Mapped[int] = mapped_column(Integer, nullable=False)
    counts: Mapped[dict[str, Any]] = mapped_column(JsonDocument, nullable=False)


class RetentionDisposal(Base):
    """One rule's items of one person in a sweep, and what became of them: a content-free record (no values)."""

    __tablename__ = "retention_disposals"
    __table_args__ = (
        UniqueConstraint("sweep_id", "rule_id", "person_id"),
        Index("ix_retention_disposals_status", "sweep_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sweep_id: Mapped[str] = mapped_column(String(32), nullable=False)
    rule_id: Mapped[str] = mapped_column(String(64), nullable=False)
    person_id: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    subject_kind: Mapped[str] = mapped_column(String(64), nullable=False)
    items: Mapped[list[str]] = mapped_column(JsonDocument, nullable=False)
    method: Mapped[str] = mapped_column(String(24), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    due_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    vault_done: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    vault_records: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    shredded: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    dataset_run_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    dataset_rows: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    holds: Mapped[list[dict[str, Any]]] = mapped_column(JsonDocument, nullable=False)
    reason: Mapped[str | None] = mapped_column(String(200), nullable=True)
    done_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
