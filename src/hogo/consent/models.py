"""Consent records (本人の同意): what was agreed, what the person was shown, how, when, and its withdrawal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hogo.db.base import Base
from hogo.db.types import JsonDocument, UtcDateTime


class Consent(Base):
    __tablename__ = "consents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    target: Mapped[str] = mapped_column(String(64), nullable=False)
    ledger_version: Mapped[int] = mapped_column(Integer, nullable=False)
    shown: Mapped[dict[str, Any]] = mapped_column(JsonDocument, nullable=False)
    method: Mapped[str] = mapped_column(String(32), nullable=False)
    evidence: Mapped[str | None] = mapped_column(String(500), nullable=True)
    given_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False, index=True)
    recorded_by: Mapped[str] = mapped_column(String(200), nullable=False)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True, index=True)
    withdrawal_method: Mapped[str | None] = mapped_column(String(32), nullable=True)
