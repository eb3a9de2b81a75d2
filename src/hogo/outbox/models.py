"""Outbox rows: one per message, written in the transaction of the change that causes it.

The payload (recipient, subject, body: personal data) is sealed, bound to the row's id, and removed once the
message is sent or given up; the other columns hold codes, times and opaque ids only.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from hogo.db.base import Base
from hogo.db.types import UtcDateTime


class OutboxMessage(Base):
    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "state", "next_attempt_at"),
        Index("ix_outbox_about", "about_type", "about_id"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    """The idempotency key: a second message with the same key is not queued again."""
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    purpose: Mapped[str] = mapped_column(String(64), nullable=False)
    about_type: Mapped[str | None] = mapped_column(String(32), nullable=True)
    about_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    state: Mapped[str] = mapped_column(String(16), nullable=False)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    lease_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    expires_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    resent: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    """An attempt may have reached the server before a crash: the next one says it is a re-send."""
    last_error: Mapped[str | None] = mapped_column(String(300), nullable=True)
    payload: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
