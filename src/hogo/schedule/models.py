"""The schedule: one row per periodic job, its next due time and the lease of the worker running it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hogo.db.base import Base
from hogo.db.types import JsonDocument, UtcDateTime


class ScheduledJob(Base):
    """A periodic job. A worker claims it for its due time by an atomic compare-and-set on `next_due_at` and
    a free lease (ADR 0014); the lease lets another worker take over from one that died mid-run."""

    __tablename__ = "scheduled_jobs"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    interval_seconds: Mapped[int] = mapped_column(Integer, nullable=False)
    description_ja: Mapped[str] = mapped_column(String(200), nullable=False)
    description_en: Mapped[str] = mapped_column(String(200), nullable=False)
    next_due_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    lease_owner: Mapped[str | None] = mapped_column(String(120), nullable=True)
    lease_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_due_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_started_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_finished_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)
    last_error_class: Mapped[str | None] = mapped_column(String(120), nullable=True)
    last_error: Mapped[str | None] = mapped_column(String(300), nullable=True)
    last_counts: Mapped[dict[str, Any] | None] = mapped_column(JsonDocument, nullable=True)
    run_count: Mapped[int] = mapped_column(Integer, nullable=False)
