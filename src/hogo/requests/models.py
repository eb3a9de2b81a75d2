"""Requests from the person (開示等の請求) and complaints: one row per request, its status and its history's facts.

Whatever could identify or describe the person (name, reply address, the text of the request, the reason given,
corrected values, the disclosure package) is sealed in `sealed` / `package` (AES-GCM, bound to the request id);
the columns hold only codes, dates and opaque ids. The status token and the one-time code are kept as keyed hashes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from hogo.db.base import Base
from hogo.db.types import JsonDocument, UtcDateTime


class PersonRequest(Base):
    __tablename__ = "person_requests"
    __table_args__ = (
        Index("ix_person_requests_kind_received", "kind", "received_at"),
        Index("ix_person_requests_channel_received", "channel", "received_at"),
        Index("ix_person_requests_status_due", "status", "due_on"),
        Index("ix_person_requests_answer_times", "received_at", "due_on", "notified_at", "answered_at", "fulfilled_at"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    channel: Mapped[str] = mapped_column(String(16), nullable=False)
    status: Mapped[str] = mapped_column(String(24), nullable=False, index=True)
    person_id: Mapped[str | None] = mapped_column(ForeignKey("persons.id"), nullable=True, index=True)
    ledger_version: Mapped[int] = mapped_column(Integer, nullable=False)
    language: Mapped[str] = mapped_column(String(2), nullable=False)
    claimed_ground: Mapped[str | None] = mapped_column(String(40), nullable=True)
    scope: Mapped[dict[str, Any]] = mapped_column(JsonDocument, nullable=False)
    """{"items": [...], "purposes": [...], "recipients": [...]}: what the request is about (no values)."""
    disclosure_method: Mapped[str | None] = mapped_column(String(16), nullable=True)
    agent_kind: Mapped[str | None] = mapped_column(String(32), nullable=True)
    agent_evidence: Mapped[list[str] | None] = mapped_column(JsonDocument, nullable=True)
    agent_identity: Mapped[str | None] = mapped_column(String(40), nullable=True)
    """The check of the agent's own identity (document type only)."""
    identity_method: Mapped[str | None] = mapped_column(String(40), nullable=True)
    identity_reference: Mapped[str | None] = mapped_column(String(200), nullable=True)
    identity_verified_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    code_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    code_expires_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    code_attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    codes_sent: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    code_sent_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    fee_jpy: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    fee_paid_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    fee_method: Mapped[str | None] = mapped_column(String(32), nullable=True)
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False, index=True)
    target_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    due_on: Mapped[dt.date] = mapped_column(Date, nullable=False, index=True)
    art39_from: Mapped[dt.date] = mapped_column(Date, nullable=False)
    outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)
    ground: Mapped[str | None] = mapped_column(String(48), nullable=True)
    article: Mapped[str | None] = mapped_column(String(64), nullable=True)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    fulfilled_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    answered_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    """When the answer was made (fulfilled, or refused / no such data); the mail or letter follows."""
    notified_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    """When the person was told: the answer mail sent (the outbox says so), or the letter posted."""
    closed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    measures: Mapped[dict[str, Any] | None] = mapped_column(JsonDocument, nullable=True)
    """What fulfilment did, by opaque id: suspension ids, corrected record ids, erasure, provision stop."""
    sealed: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    package: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    package_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    """The last instant the person may download the package (the ledger's `download_days` after the answer)."""
    package_ended_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    """When the package was deleted: its download period ran out, or the person was erased."""
    created_by: Mapped[str] = mapped_column(String(200), nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
