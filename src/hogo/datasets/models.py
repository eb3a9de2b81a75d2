"""The journal of requests carried out in the company's databases: one run, one step per dataset."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from hogo.db.base import Base
from hogo.db.types import JsonDocument, UtcDateTime


class DatasetRun(Base):
    """An erasure, correction or suspension planned over the connected datasets, and how far it got."""

    __tablename__ = "dataset_runs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    reference: Mapped[str] = mapped_column(String(200), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    identity_kinds: Mapped[list[str]] = mapped_column(JsonDocument, nullable=False)
    holds: Mapped[list[dict[str, Any]]] = mapped_column(JsonDocument, nullable=False)
    shared: Mapped[list[dict[str, Any]] | None] = mapped_column(JsonDocument, nullable=True)
    """Rows another person reaches too, held for the desk (table, key columns, keys); None before 0010."""
    planned_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    planned_by: Mapped[str] = mapped_column(String(200), nullable=False)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)


class DatasetRunStep(Base):
    """The work of a run in one database: its operations (row keys, no values), done in one transaction."""

    __tablename__ = "dataset_run_steps"
    __table_args__ = (UniqueConstraint("run_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("dataset_runs.id"), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    dataset: Mapped[str] = mapped_column(String(64), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    operations: Mapped[list[dict[str, Any]]] = mapped_column(JsonDocument, nullable=False)
    planned_rows: Mapped[int] = mapped_column(Integer, nullable=False)
    rows_changed: Mapped[int | None] = mapped_column(Integer, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    error: Mapped[str | None] = mapped_column(String(200), nullable=True)
    confirmed_on_resume: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false())
    """Done by an interrupted attempt whose database committed before hogo booked it; `rows_changed` is the
    plan's count, confirmed on resume (the re-run found every planned row in its target state)."""
    finished_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
