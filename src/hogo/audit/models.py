"""The audit trail's tables: an append-only chain of events and its head.

`body` holds the exact bytes that were hashed (see `hogo.audit.policy`) and is the source of truth;
the other content columns copy fields of it so events can be found by query, and `hogo audit verify`
checks each of them against the body. The event's `data` lives only in the body.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Integer, LargeBinary, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hogo.db.base import Base
from hogo.db.types import UtcDateTime


class AuditEvent(Base):
    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False
    )
    occurred_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False, index=True)
    actor: Mapped[str] = mapped_column(String(200), nullable=False, index=True)
    action: Mapped[str] = mapped_column(String(100), nullable=False, index=True)
    entity_type: Mapped[str] = mapped_column(String(100), nullable=False)
    entity_id: Mapped[str] = mapped_column(String(200), nullable=False, index=True)
    prev_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False)
    body: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    leaf: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    """The event's leaf in the Merkle tree: SHA-256(0x00 || body) (see `hogo.audit.merkle`)."""


class AuditHead(Base):
    """One row: the last sequence number and hash. Locking it serialises appends to the chain."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False)
    frontier: Mapped[bytes] = mapped_column(LargeBinary, nullable=False, default=b"", server_default="")
    """The Merkle tree's right edge at `seq` leaves: its complete subtrees' roots, largest first, 32 bytes each."""


class AuditNode(Base):
    """A complete subtree of the Merkle tree whose height is a multiple of `merkle.STRIDE` (leaves: `AuditEvent.leaf`).

    Written once, in the transaction of the event that completes it; never changed."""

    __tablename__ = "audit_nodes"

    level: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    idx: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    hash: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)


class AuditCheckpoint(Base):
    """A signed checkpoint as written: the tree's size and root under an origin, and the signed note itself."""

    __tablename__ = "audit_checkpoints"

    origin: Mapped[str] = mapped_column(String(200), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    root: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False)
    written_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, nullable=False, index=True)
    verified_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    """When the whole log was last verified against this checkpoint and found intact."""
