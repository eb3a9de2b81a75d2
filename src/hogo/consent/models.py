"""Consent records (本人の同意): what was agreed, what the person was shown, how, when, and its withdrawal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String
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


class WebBanner(Base):
    """A version of the website's consent banner: what visitors were shown (content from the ledger)."""

    __tablename__ = "web_banners"

    version: Mapped[str] = mapped_column(String(24), primary_key=True)
    ledger_version: Mapped[int] = mapped_column(Integer, nullable=False)
    content: Mapped[dict[str, Any]] = mapped_column(JsonDocument, nullable=False)
    first_shown_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)


class WebConsent(Base):
    """One choice of an anonymous visitor on the banner (append-only: a change or withdrawal is a new row).

    No personal data: a random visitor id, the banner version, the choice per category, how it was made."""

    __tablename__ = "web_consents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    visitor_id: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    nonce: Mapped[str] = mapped_column(String(32), nullable=False, unique=True)
    banner_version: Mapped[str] = mapped_column(String(24), nullable=False)
    choices: Mapped[dict[str, Any]] = mapped_column(JsonDocument, nullable=False)
    action: Mapped[str] = mapped_column(String(16), nullable=False)
    gpc: Mapped[bool] = mapped_column(Boolean, nullable=False)
    origin: Mapped[str | None] = mapped_column(String(200), nullable=True)
    given_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False, index=True)


class WebConsentLink(Base):
    """A visitor id linked to a person (they logged in, or gave an identifier): their banner choices are theirs."""

    __tablename__ = "web_consent_links"

    visitor_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), nullable=False, index=True)
    linked_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    linked_by: Mapped[str] = mapped_column(String(200), nullable=False)
