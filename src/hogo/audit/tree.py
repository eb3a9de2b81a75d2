"""The Merkle tree as stored: complete subtrees read back in bulk, the root at any size, and proofs.

Leaves are the `leaf` column of `audit_events` (leaf i is event seq i+1); complete subtrees of height 4, 8, … are
rows of `audit_nodes`; any other complete subtree is computed from the stored level below it (at most 8 hashes,
one range query). A root or a proof reads O(log n) such subtrees and never an event's body.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, select

from hogo.audit import merkle
from hogo.audit.models import AuditEvent, AuditNode
from hogo.errors import DomainError


class TreeDamaged(DomainError):
    code = "audit-tree-damaged"


def complete_hashes(connection: Connection, subtrees: Iterable[merkle.Subtree]) -> dict[merkle.Subtree, bytes]:
    """The hash of each complete subtree (level, index), from the stored ones."""
    found: dict[merkle.Subtree, bytes] = {}
    for level, index in set(subtrees):
        base = level if level and merkle.stored(level) else level - level % merkle.STRIDE
        lo, hi = index << (level - base), (index + 1) << (level - base)
        if base == 0:
            rows = connection.execute(
                select(AuditEvent.seq, AuditEvent.leaf)
                .where(AuditEvent.seq > lo, AuditEvent.seq <= hi)
                .order_by(AuditEvent.seq)
            ).all()
            hashes = [bytes(leaf) if leaf is not None else None for _, leaf in rows]
            numbers = [seq - 1 for seq, _ in rows]
        else:
            rows = connection.execute(
                select(AuditNode.idx, AuditNode.hash)
                .where(AuditNode.level == base, AuditNode.idx >= lo, AuditNode.idx < hi)
                .order_by(AuditNode.idx)
            ).all()
            hashes = [bytes(h) for _, h in rows]
            numbers = [i for i, _ in rows]
        if numbers != list(range(lo, hi)) or any(h is None or len(h) != merkle.HASH_SIZE for h in hashes):
            what = "leaves of events" if base == 0 else f"stored subtrees of height {base}"
            first = lo + 1 if base == 0 else lo
            raise TreeDamaged(
                f"the audit tree is damaged: {what} from {first} are missing or malformed; run `hogo audit verify`"
            )
        found[level, index] = merkle.root_of_leaves([h for h in hashes if h is not None])
    return found


def _reader(connection: Connection, ranges: list[tuple[int, int]]) -> merkle.SubtreeHash:
    known = complete_hashes(connection, merkle.needs(ranges))
    return lambda level, index: known[level, index]


def root_at(connection: Connection, size: int) -> bytes:
    if size == 0:
        return merkle.root_of_leaves([])
    return merkle.mth(0, size, _reader(connection, [(0, size)]))


def inclusion(connection: Connection, index: int, size: int) -> list[bytes]:
    ranges = merkle.inclusion_ranges(index, size)
    return merkle.hashes_of(ranges, _reader(connection, ranges))


def consistency(connection: Connection, old: int, new: int) -> list[bytes]:
    ranges = merkle.consistency_ranges(old, new)
    return merkle.hashes_of(ranges, _reader(connection, ranges))
