"""Persons (本人), their keyed-hash identifiers, their wrapped data keys, their records and suspensions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hogo.db.base import Base
from hogo.db.types import JsonDocument, UtcDateTime


class Person(Base):
    __tablename__ = "persons"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    subject_kind: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    ledger_version: Mapped[int] = mapped_column(Integer, nullable=False)
    erased_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True, index=True)


class PersonIdentifier(Base):
    """A lookup identifier (e-mail, phone, member id, …) stored only as an HMAC of its normal form."""

    __tablename__ = "person_identifiers"
    __table_args__ = (UniqueConstraint("kind", "digest"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    digest: Mapped[str] = mapped_column(String(64), nullable=False)


class DataKey(Base):
    """The person's data key, wrapped by a master key. Deleting this row erases the person everywhere."""

    __tablename__ = "data_keys"

    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), primary_key=True)
    master_key_id: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    wrapped: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)


class Record(Base):
    """One acquired value of one item, sealed with the person's data key, with its provenance (Arts. 17, 21)."""

    __tablename__ = "records"
    __table_args__ = (
        Index("ix_records_person_item", "person_id", "item"),
        Index("ix_records_retention_until", "retention_until", "superseded_at", "person_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), nullable=False)
    item: Mapped[str] = mapped_column(String(64), nullable=False)
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    channel: Mapped[str] = mapped_column(String(64), nullable=False)
    acquired_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    ledger_version: Mapped[int] = mapped_column(Integer, nullable=False)
    purposes: Mapped[list[str]] = mapped_column(JsonDocument, nullable=False)
    consents: Mapped[list[str]] = mapped_column(JsonDocument, nullable=False)
    basis: Mapped[dict[str, Any] | None] = mapped_column(JsonDocument, nullable=True)
    retention_rule: Mapped[str | None] = mapped_column(String(64), nullable=True)
    retention_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    superseded_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    acquired_by: Mapped[str] = mapped_column(String(200), nullable=False)


class Suspension(Base):
    """The person's use suspended (Art. 35), for every purpose or for the listed ones, until lifted."""

    __tablename__ = "suspensions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), nullable=False, index=True)
    scope: Mapped[str] = mapped_column(String(16), nullable=False)
    purposes: Mapped[list[str] | None] = mapped_column(JsonDocument, nullable=True)
    reference: Mapped[str] = mapped_column(String(200), nullable=False)
    started_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False)
    lifted_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
