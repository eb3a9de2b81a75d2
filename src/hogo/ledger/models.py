"""Applied ledger versions: immutable rows, one per `hogo ledger apply` that changed something."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Integer, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from hogo.db.base import Base
from hogo.db.types import JsonDocument, UtcDateTime
from hogo.errors import Conflict


class LedgerVersion(Base):
    __tablename__ = "ledger_versions"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    applied_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    applied_by: Mapped[str] = mapped_column(String(200), nullable=False)
    source_name: Mapped[str] = mapped_column(String(500), nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    source_text: Mapped[str] = mapped_column(Text, nullable=False)
    document: Mapped[dict[str, Any]] = mapped_column(JsonDocument, nullable=False)
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JsonDocument, nullable=False)


@event.listens_for(LedgerVersion, "before_update")
def _immutable(_mapper: object, _connection: object, target: LedgerVersion) -> None:
    raise Conflict(f"ledger version {target.version} is immutable; apply a new version instead")


@event.listens_for(LedgerVersion, "before_delete")
def _undeletable(_mapper: object, _connection: object, target: LedgerVersion) -> None:
    raise Conflict(f"ledger version {target.version} cannot be deleted; every acquisition refers to it")
