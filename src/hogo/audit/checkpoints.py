"""Signed checkpoints of the audit tree, and the proofs handed out against them.

- `write` signs the tree's current size and root with the key beside the master key (`AuditKeyFile`), keeps the
  note in `audit_checkpoints` and publishes it (`publishing`: a directory or a URL). Before it signs it checks that
  the log still extends every checkpoint published before and refuses with the first published size the log no
  longer matches (`RolledBack`).
- `prove` and `consistency` hand out RFC 9162 proofs as JSON bundles that carry everything an offline verifier
  needs besides the public key (`bundles`: their formats and their offline verification).
- `verify` / `verify_from` check the log against a checkpoint (`verification`).

The names other code imports from here (`RolledBack`, `TreeReport`, `verify_bundle`, …) are re-exported.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from hogo.audit import merkle, tree
from hogo.audit.bundles import (
    CONSISTENCY_FORMAT,
    INCLUSION_FORMAT,
    b64,
    verify_bundle,
    verify_consistency_bundle,
    verify_inclusion_bundle,
)
from hogo.audit.keys import AuditKeyFile
from hogo.audit.models import AuditCheckpoint, AuditEvent, AuditHead
from hogo.audit.note import Checkpoint, VerifierKey, open_checkpoint
from hogo.audit.publishing import Publisher, RolledBack
from hogo.audit.service import snapshot
from hogo.audit.verification import CHUNK, TreeReport, scan_leaves, verify_after, verify_log
from hogo.clock import Clock
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import InvalidInput, NotFound

__all__ = [
    "CHUNK",
    "CONSISTENCY_FORMAT",
    "INCLUSION_FORMAT",
    "CheckpointService",
    "NoCheckpoint",
    "RolledBack",
    "TreeReport",
    "b64",
    "scan_leaves",
    "verify_bundle",
    "verify_consistency_bundle",
    "verify_inclusion_bundle",
]


class NoCheckpoint(NotFound):
    code = "audit-no-checkpoint"


class CheckpointService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        keys: AuditKeyFile,
        *,
        publish: str | None = None,
        every_events: int = 1000,
        every: dt.timedelta = dt.timedelta(hours=1),
    ) -> None:
        self._uow = uow
        self._clock = clock
        self.keys = keys
        self._publisher = Publisher(publish, keys)
        self._every_events = every_events
        self._every = every

    # -- the tree's head and checkpoints ----------------------------------------------------------------------
    def head(self) -> tuple[int, bytes]:
        """The tree's size and root now (from the right edge kept in the head row)."""
        with self._uow(read_only=True) as uow:
            found = uow.session.execute(select(AuditHead.seq, AuditHead.frontier)).first()
        if found is None:
            return 0, merkle.root_of_leaves([])
        return found.seq, merkle.root_of_frontier(merkle.unpack(found.frontier))

    def latest(self) -> Checkpoint | None:
        with self._uow(read_only=True) as uow:
            row = uow.session.execute(
                select(AuditCheckpoint).order_by(AuditCheckpoint.written_at.desc(), AuditCheckpoint.size.desc())
            ).scalar()
            return Checkpoint(row.origin, row.size, row.root, row.note) if row is not None else None

    def last_verified(self) -> tuple[Checkpoint, dt.datetime] | None:
        """The newest checkpoint the whole log was verified against and found intact, and when."""
        with self._uow(read_only=True) as uow:
            row = uow.session.execute(
                select(AuditCheckpoint)
                .where(AuditCheckpoint.verified_at.is_not(None))
                .order_by(AuditCheckpoint.size.desc(), AuditCheckpoint.verified_at.desc())
            ).scalar()
            if row is None or row.verified_at is None:
                return None
            return Checkpoint(row.origin, row.size, row.root, row.note), row.verified_at

    def verify_latest(self) -> TreeReport | None:
        """Verify the log against the latest checkpoint; if intact, remember when (the console shows it)."""
        latest = self.latest()
        if latest is None:
            return None
        report = self.verify(latest.note)
        if report.ok:
            with self._uow() as uow:
                row = uow.session.get(AuditCheckpoint, (latest.origin, latest.size), with_for_update=True)
                if row is not None:
                    row.verified_at = self._clock.now()
                uow.commit()
        return report

    def covering(self, size: int) -> Checkpoint | None:
        """The smallest checkpoint of the active key whose tree holds `size` events."""
        origin = self.keys.active().name
        with self._uow(read_only=True) as uow:
            row = uow.session.execute(
                select(AuditCheckpoint)
                .where(AuditCheckpoint.origin == origin, AuditCheckpoint.size >= size)
                .order_by(AuditCheckpoint.size)
            ).scalar()
            return Checkpoint(row.origin, row.size, row.root, row.note) if row is not None else None

    def due(self) -> bool:
        size, _ = self.head()
        latest = self.latest()
        if latest is None:
            return size > 0
        if latest.origin != self.keys.active().name:
            return True  # the key was rotated: the new origin's first checkpoint
        new = size - latest.size - 1  # the events since, but the checkpoint's own (an idle log is left alone)
        if new <= 0:
            return False
        return new >= self._every_events or self._clock.now() - self._written_at(latest) >= self._every

    def _written_at(self, checkpoint: Checkpoint) -> dt.datetime:
        with self._uow(read_only=True) as uow:
            row = uow.session.get(AuditCheckpoint, (checkpoint.origin, checkpoint.size))
            return row.written_at if row is not None else self._clock.now()

    def write(self) -> Checkpoint:
        """Sign the tree as it is now, keep the checkpoint and publish it; refuse if the log was rolled back."""
        key = self.keys.active()
        with self._uow() as uow:
            connection = uow.session.connection()
            head = uow.session.get(AuditHead, 1, with_for_update=True)
            size = head.seq if head is not None else 0
            root = merkle.root_of_frontier(merkle.unpack(head.frontier if head is not None else b""))
            self._publisher.check_rollback(connection, size, root)
            existing = uow.session.get(AuditCheckpoint, (key.name, size))
            if existing is not None:
                checkpoint = Checkpoint(existing.origin, existing.size, existing.root, existing.note)
            else:
                checkpoint = Checkpoint(key.name, size, root).signed(key)
                uow.session.add(
                    AuditCheckpoint(
                        origin=key.name, size=size, root=root, note=checkpoint.note, written_at=self._clock.now()
                    )
                )
                uow.record(
                    actor="hogo:audit",
                    action="audit.checkpoint_signed",
                    entity_type="audit_checkpoint",
                    entity_id=f"{key.name}@{size}",
                    data={"size": size, "root": b64(root), "key": key.verifier.id.hex()},
                )
            uow.commit()
        self._publisher.publish(checkpoint)
        return checkpoint

    # -- publishing ---------------------------------------------------------------------------------------------
    def check_rollback(self) -> None:
        """Does the log still extend the checkpoint published last? `RolledBack` with the first divergent size if not
        (the scheduled job asks every run, also when no checkpoint is due)."""
        with self._uow(read_only=True) as uow:
            head = uow.session.execute(select(AuditHead.seq, AuditHead.frontier)).first()
            size = head.seq if head is not None else 0
            root = merkle.root_of_frontier(merkle.unpack(head.frontier if head is not None else b""))
            self._publisher.check_rollback(uow.session.connection(), size, root)

    def published(self) -> list[Checkpoint]:
        """The checkpoints published to the directory (oldest first), verified with this log's keys."""
        return self._publisher.published()

    # -- proofs --------------------------------------------------------------------------------------------------
    def prove(self, seq: int, checkpoint: Checkpoint | None = None) -> dict[str, Any]:
        """The inclusion proof of event `seq` in a checkpoint (by default the first one that holds it)."""
        checkpoint = checkpoint or self.covering(seq)
        if checkpoint is None:
            raise NoCheckpoint(
                f"no checkpoint holds event {seq} yet: the next one will (`hogo audit checkpoint --write`)"
            )
        if not 0 < seq <= checkpoint.size:
            raise InvalidInput(f"event {seq} is not in the checkpoint of {checkpoint.size} event(s)")
        with self._uow(read_only=True) as uow:
            connection = uow.session.connection()
            found = connection.execute(select(AuditEvent.body, AuditEvent.leaf).where(AuditEvent.seq == seq)).first()
            if found is None:
                raise NotFound(f"audit event {seq} does not exist")
            hashes = tree.inclusion(connection, seq - 1, checkpoint.size)
        body = bytes(found.body)
        if found.leaf is None or merkle.leaf_hash(body) != bytes(found.leaf):
            raise tree.TreeDamaged(
                f"audit event {seq} was altered: its body no longer hashes to its leaf in the tree; no proof is "
                "given for it (run `hogo audit verify --checkpoint`)"
            )
        return {
            "format": INCLUSION_FORMAT,
            "event": seq,
            "leaf_index": seq - 1,
            "tree_size": checkpoint.size,
            "body": body.decode(),
            "leaf_hash": b64(merkle.leaf_hash(body)),
            "inclusion": [b64(h) for h in hashes],
            "checkpoint": checkpoint.note,
        }

    def event_of(
        self, actions: Sequence[str], entity_type: str, entity_id: str, match: tuple[str, str] | None = None
    ) -> int | None:
        """The seq of the latest event of one of these actions on this entity (whose data[key] is value, if given)."""
        with self._uow(read_only=True) as uow:
            rows = uow.session.execute(
                select(AuditEvent.seq, AuditEvent.body)
                .where(
                    AuditEvent.action.in_(actions),
                    AuditEvent.entity_type == entity_type,
                    AuditEvent.entity_id == entity_id,
                )
                .order_by(AuditEvent.seq.desc())
            ).all()
        for seq, body in rows:
            try:
                if match is None or json.loads(body)["data"].get(match[0]) == match[1]:
                    return int(seq)
            except (ValueError, KeyError, TypeError, AttributeError):
                continue
        return None

    def receipt_proof(
        self, actions: Sequence[str], entity_type: str, entity_id: str, match: tuple[str, str] | None = None
    ) -> dict[str, Any]:
        """What a receipt carries: its event, where to fetch the proof, and the proof once a checkpoint holds it."""
        seq = self.event_of(actions, entity_type, entity_id, match)
        if seq is None:
            return {"event": None, "inclusion": None}
        inclusion = None
        if self.keys.exists():
            try:
                inclusion = self.prove(seq)
            except NoCheckpoint:
                inclusion = None
        return {
            "event": seq,
            "proof_path": f"/api/v1/audit/proofs/{seq}",
            "inclusion": inclusion,
            "note_ja": "この記録が監査ログに含まれ、後から書き換えられていないことの証明（公開鍵で検証できます）。"
            "まだ含まれていない場合は、次のチェックポイントの後に取得できます",
            "note_en": "Proof that this record is in the audit log and was not rewritten since (verifiable with the "
            "published public key); if it is not here yet, it can be fetched after the next checkpoint",
        }

    def consistency(self, old: int, new: Checkpoint | None = None) -> dict[str, Any]:
        new = new or self.latest()
        if new is None:
            raise NoCheckpoint("no checkpoint has been written yet")
        with self._uow(read_only=True) as uow:
            hashes = tree.consistency(uow.session.connection(), old, new.size) if old < new.size else []
        return {
            "format": CONSISTENCY_FORMAT,
            "old_size": old,
            "new_size": new.size,
            "consistency": [b64(h) for h in hashes],
            "checkpoint": new.note,
        }

    # -- verification against a checkpoint ----------------------------------------------------------------------
    def verify(self, note: str, keys: Sequence[VerifierKey] | None = None, *, workers: int | None = None) -> TreeReport:
        """Check the whole log against a signed checkpoint; name the first bad event (`verification.verify_log`)."""
        checkpoint = open_checkpoint(note, keys if keys is not None else self.keys.verifiers())
        with self._uow(read_only=True) as uow:
            return verify_log(snapshot(uow.session), checkpoint, workers, self.published)

    def verify_from(self, trusted_note: str, keys: Sequence[VerifierKey] | None = None) -> tuple[TreeReport, bytes]:
        """Check only the events after a trusted checkpoint; the current root too (`verification.verify_after`)."""
        trusted = open_checkpoint(trusted_note, keys if keys is not None else self.keys.verifiers())
        with self._uow(read_only=True) as uow:
            return verify_after(snapshot(uow.session), trusted)
