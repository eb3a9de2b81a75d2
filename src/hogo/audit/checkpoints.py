"""Signed checkpoints of the audit tree, proofs handed out, and verification against a checkpoint.

- `write` signs the tree's current size and root with the key beside the master key (`AuditKeyFile`), keeps the
  note in `audit_checkpoints` and publishes it (a directory: `checkpoint` plus `checkpoints/<size>`, or a URL it
  is POSTed to). Before it signs it checks that the log still extends every checkpoint published before (they
  live outside the database, so a database restored from a backup, or rewritten, is caught here) and refuses
  with the first published size the log no longer matches.
- `prove` and `consistency` hand out RFC 9162 proofs as JSON bundles that carry everything an offline verifier
  needs besides the public key: the event's body, the proof hashes and the signed checkpoint.
- `verify` checks the log against a checkpoint: every event's body against its leaf hash, the root at the
  checkpoint's size against the signed root, and the rest of the log against the stored tree (bulk reads, no
  ORM; see `scan_leaves`); `verify_from` touches only the events after a trusted checkpoint.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import urllib.request
from collections.abc import Generator, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, select

from hogo.audit import bulk, merkle, tree
from hogo.audit.keys import AuditKeyFile
from hogo.audit.models import AuditCheckpoint, AuditEvent, AuditHead
from hogo.audit.note import Checkpoint, NoteError, VerifierKey, open_checkpoint
from hogo.audit.service import snapshot
from hogo.clock import Clock
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import Conflict, InvalidInput, NotFound

INCLUSION_FORMAT = "hogo-audit-inclusion/v1"
CONSISTENCY_FORMAT = "hogo-audit-consistency/v1"
CHUNK = 1 << 16
"""Events read and hashed per batch in a full verification (a power of two: each batch is a complete subtree)."""


class RolledBack(Conflict):
    """The log no longer extends a checkpoint published before: restored from a backup, truncated or rewritten."""

    code = "audit-rolled-back"


class NoCheckpoint(NotFound):
    code = "audit-no-checkpoint"


@dataclass(frozen=True)
class TreeReport:
    checkpoint: Checkpoint
    events: int
    """Events whose body was checked against its leaf (all of them, or those before the first bad one)."""
    problem: str | None = None
    first_bad: int | None = None
    """The seq of the first event found altered, missing or out of place; None if none or if it cannot be told."""

    @property
    def ok(self) -> bool:
        return self.problem is None


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


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
        self._publish = publish
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
            self._check_rollback(connection, size, root)
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
        self._publish_note(checkpoint)
        return checkpoint

    # -- publishing ---------------------------------------------------------------------------------------------
    def check_rollback(self) -> None:
        """Does the log still extend the checkpoint published last? `RolledBack` with the first divergent size if not
        (the scheduled job asks every run, also when no checkpoint is due)."""
        with self._uow(read_only=True) as uow:
            head = uow.session.execute(select(AuditHead.seq, AuditHead.frontier)).first()
            size = head.seq if head is not None else 0
            root = merkle.root_of_frontier(merkle.unpack(head.frontier if head is not None else b""))
            self._check_rollback(uow.session.connection(), size, root)

    def _check_rollback(self, connection: Connection, size: int, root: bytes) -> None:
        """The latest published checkpoint first (one file); the whole published history only if it disagrees."""
        if not self._publish or "://" in self._publish:
            return
        latest = Path(self._publish) / "checkpoint"
        if not latest.is_file():
            return
        last = open_checkpoint(latest.read_text(encoding="utf-8"), self.keys.verifiers())
        if last.size <= size and (root if last.size == size else tree.root_at(connection, last.size)) == last.root:
            return
        _check_published(connection, size, root, [*self.published(), last])

    def published(self) -> list[Checkpoint]:
        """The checkpoints published to the directory (oldest first), verified with this log's keys."""
        if not self._publish or "://" in self._publish:
            return []
        folder = Path(self._publish) / "checkpoints"
        if not folder.is_dir():
            return []
        verifiers = self.keys.verifiers()
        found = []
        for path in folder.iterdir():
            if path.name.isdigit():
                found.append(open_checkpoint(path.read_text(encoding="utf-8"), verifiers))
        return sorted(found, key=lambda c: c.size)

    def _publish_note(self, checkpoint: Checkpoint) -> None:
        if not self._publish:
            return
        if "://" in self._publish:
            request = urllib.request.Request(
                self._publish, data=checkpoint.note.encode(), headers={"Content-Type": "text/plain; charset=utf-8"}
            )
            with urllib.request.urlopen(request, timeout=10):
                return
        folder = Path(self._publish)
        (folder / "checkpoints").mkdir(parents=True, exist_ok=True)
        _write_atomic(folder / "checkpoints" / str(checkpoint.size), checkpoint.note)
        _write_atomic(folder / "checkpoint", checkpoint.note)

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
        """Check the whole log against a signed checkpoint; name the first bad event.

        The hot path reads only the bodies up to the checkpoint's size (in several processes on SQLite, see
        `bulk`) and compares the root; then the bodies after it against their leaves. Only if something does not
        match is the log read again, with the stored leaves, to name the first bad event (`_locate`)."""
        checkpoint = open_checkpoint(note, keys if keys is not None else self.keys.verifiers())
        with self._uow(read_only=True) as uow:
            connection = snapshot(uow.session)
            head = connection.execute(select(AuditHead.seq)).first()
            head_size = head.seq if head is not None else 0
            if _root_of_bodies(connection, checkpoint.size, workers) == (checkpoint.size, checkpoint.root):
                checked = checkpoint.size
                with closing(scan_leaves(connection, checkpoint.size)) as chunks:
                    for first, bodies, stored in chunks:
                        if first != checked + 1 or merkle.leaf_hashes(bodies) != stored:
                            break
                        checked += len(bodies)
                    else:
                        if checked == head_size:
                            return TreeReport(checkpoint, checked)
            return self._locate(connection, checkpoint, head_size)

    def _locate(self, connection: Connection, checkpoint: Checkpoint, head_size: int) -> TreeReport:
        """The slow path: every body against its stored leaf, in order, to name what is wrong."""
        builder = merkle.RootBuilder()
        checked = 0
        with closing(scan_leaves(connection, 0)) as chunks:
            for first, bodies, stored in chunks:
                if first != checked + 1:
                    return _report(checkpoint, checked, checked + 1, f"event {checked + 1} is missing")
                computed = merkle.leaf_hashes(bodies)
                if computed != stored:
                    bad = next(i for i, (a, b) in enumerate(zip(computed, stored, strict=True)) if a != b)
                    seq = first + bad
                    return _report(
                        checkpoint,
                        seq - 1,
                        seq,
                        f"event {seq} was altered: its body no longer hashes to its leaf in the tree",
                    )
                take = max(0, min(len(computed), checkpoint.size - checked))
                if take:
                    builder.add(computed[:take])
                checked += len(computed)
        if checked < checkpoint.size:
            return _report(
                checkpoint,
                checked,
                checked + 1,
                f"the log was truncated: it holds {checked} event(s), the checkpoint {checkpoint.size}",
            )
        if builder.root() != checkpoint.root:
            where = ""
            try:
                _check_published(connection, checked, None, self.published())
            except RolledBack as exc:
                first, last = exc.details["first_divergent_size"], exc.details["last_consistent_size"]
                where = (
                    f"; against the published checkpoints it diverges at size {first} (it still matches size "
                    f"{last}): events {last + 1}..{first} were rewritten"
                )
            return _report(
                checkpoint,
                checked,
                None,
                f"the log's first {checkpoint.size} event(s) are not the ones the checkpoint signed: "
                "they were rewritten (bodies and leaves together) or the database was restored from an older "
                f"backup{where}",
            )
        if checked != head_size:
            return _report(
                checkpoint,
                checked,
                min(checked, head_size) + 1,
                f"the log holds {checked} event(s) but its head records {head_size}",
            )
        return TreeReport(checkpoint, checked)

    def verify_from(self, trusted_note: str, keys: Sequence[VerifierKey] | None = None) -> tuple[TreeReport, bytes]:
        """Check only the events after a trusted checkpoint: the stored tree must still hold the trusted root, and
        the new events' bodies must hash to the leaves that lead from it to the current root (returned)."""
        trusted = open_checkpoint(trusted_note, keys if keys is not None else self.keys.verifiers())
        with self._uow(read_only=True) as uow:
            connection = snapshot(uow.session)
            head = connection.execute(select(AuditHead.seq, AuditHead.frontier)).first()
            size = head.seq if head is not None else 0
            if size < trusted.size:
                return TreeReport(
                    trusted,
                    0,
                    f"the log was truncated: it holds {size} event(s), the checkpoint {trusted.size}",
                    size + 1,
                ), b""
            levels = merkle.frontier_levels(trusted.size)
            subtrees, at = [], 0
            for level in levels:
                subtrees.append((level, at >> level))
                at += 1 << level
            known = tree.complete_hashes(connection, subtrees)
            frontier = [known[s] for s in subtrees]
            if merkle.root_of_frontier(frontier) != trusted.root:
                return TreeReport(
                    trusted, 0, f"the stored tree no longer holds the checkpoint's root at size {trusted.size}"
                ), b""
            builder = merkle.RootBuilder(trusted.size, frontier)
            with closing(scan_leaves(connection, trusted.size)) as chunks:
                for first, bodies, stored in chunks:
                    computed = merkle.leaf_hashes(bodies)
                    if first != builder.size + 1 or computed != stored:
                        bad = next((i for i, (a, b) in enumerate(zip(computed, stored, strict=True)) if a != b), 0)
                        seq = first + bad if first == builder.size + 1 else builder.size + 1
                        return TreeReport(trusted, seq - 1 - trusted.size, f"event {seq} was altered", seq), b""
                    builder.add(computed)
            checked, root = builder.size, builder.root()
            if head is not None and root != merkle.root_of_frontier(merkle.unpack(head.frontier)):
                return TreeReport(trusted, checked - trusted.size, "the tree's right edge disagrees"), root
        return TreeReport(trusted, checked - trusted.size), root


def _root_of_bodies(connection: Connection, size: int, workers: int | None) -> tuple[int, bytes]:
    """(events read, root) over the bodies of events 1..size."""
    path = connection.engine.url.database
    if connection.dialect.name == "sqlite" and path and path != ":memory:":
        return bulk.sqlite_root(path, size, workers)
    cursor = _cursor(connection)
    try:
        cursor.execute(
            "SELECT body FROM audit_events WHERE seq <= %s ORDER BY seq"
            if connection.dialect.name == "postgresql"
            else "SELECT body FROM audit_events WHERE seq <= ? ORDER BY seq",
            (size,),
        )
        batches = iter(lambda: cast(list[tuple[bytes]], cursor.fetchmany(bulk.CHUNK)), [])
        return bulk.root_of_rows(batches)
    finally:
        cursor.close()


def _cursor(connection: Connection) -> Any:
    """A cursor that streams: server-side on PostgreSQL (the client holds one batch at a time), plain on SQLite."""
    if connection.dialect.name == "postgresql":
        driver: Any = connection.connection.driver_connection
        return driver.cursor(name=f"hogo_audit_tree_{id(connection):x}", binary=True)
    return connection.connection.cursor()


def _report(checkpoint: Checkpoint, events: int, first_bad: int | None, problem: str) -> TreeReport:
    return TreeReport(checkpoint, events, problem, first_bad)


def _check_published(connection: Connection, size: int, root: bytes | None, published: Sequence[Checkpoint]) -> None:
    """Does the log of `size` events still extend every published checkpoint? The first one it does not, named."""
    matched = 0
    for checkpoint in published:
        if checkpoint.size > size:
            problem = f"it holds {size} event(s), fewer than the {checkpoint.size} published"
        elif (
            root if checkpoint.size == size and root is not None else tree.root_at(connection, checkpoint.size)
        ) != checkpoint.root:
            problem = f"its first {checkpoint.size} events are not the ones published"
        else:
            matched = checkpoint.size
            continue
        raise RolledBack(
            f"the audit log is inconsistent with the checkpoint published at size {checkpoint.size}: {problem}. "
            f"First divergent size: {checkpoint.size} (it still matches the published checkpoint of size "
            f"{matched}). The database was restored from a backup, truncated or rewritten; no checkpoint was "
            "signed",
            details={"first_divergent_size": checkpoint.size, "last_consistent_size": matched},
        )


def _write_atomic(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def scan_leaves(
    connection: Connection, after: int, size: int = CHUNK
) -> Generator[tuple[int, list[bytes], list[bytes]]]:
    """(first seq, bodies, stored leaves) of the events after `after`, `size` at a time, through one raw cursor."""
    cursor = _cursor(connection)
    try:
        cursor.execute(
            "SELECT seq, body, leaf FROM audit_events WHERE seq > %s ORDER BY seq"
            if connection.dialect.name == "postgresql"
            else "SELECT seq, body, leaf FROM audit_events WHERE seq > ? ORDER BY seq",
            (after,),
        )
        expected = after + 1
        while rows := cast(list[tuple[int, bytes, bytes | None]], cursor.fetchmany(size)):
            seqs = [r[0] for r in rows]
            if seqs[0] != expected or seqs[-1] - seqs[0] != len(seqs) - 1:
                gap = next((i for i, s in enumerate(seqs) if s != expected + i), 0)
                yield expected + gap, [], []
                return
            yield seqs[0], [bytes(r[1]) for r in rows], [bytes(r[2]) if r[2] is not None else b"" for r in rows]
            expected += len(rows)
    finally:
        cursor.close()


def verify_bundle(bundle: dict[str, Any], keys: Sequence[VerifierKey]) -> Checkpoint:
    """Check an inclusion proof bundle offline: the checkpoint's signature, then the event's path to its root."""
    if bundle.get("format") != INCLUSION_FORMAT:
        raise NoteError(f"not an inclusion proof of hogo's audit log (format {bundle.get('format')!r})")
    return verify_inclusion_bundle(bundle, open_checkpoint(bundle["checkpoint"], keys))


def verify_inclusion_bundle(bundle: dict[str, Any], checkpoint: Checkpoint) -> Checkpoint:
    """Check an inclusion proof against a checkpoint already opened (its signature verified once for many proofs)."""
    if bundle["tree_size"] != checkpoint.size:
        raise merkle.ProofError(
            f"the proof is for a tree of {bundle['tree_size']} events, the checkpoint signs {checkpoint.size}"
        )
    leaf = merkle.leaf_hash(bundle["body"].encode())
    event = json.loads(bundle["body"]).get("seq")
    if event != bundle["event"] or bundle["leaf_index"] != event - 1:
        raise merkle.ProofError(f"the body is event {event}, the proof is for event {bundle['event']}")
    proof = [base64.b64decode(h) for h in bundle["inclusion"]]
    try:
        merkle.verify_inclusion(bundle["leaf_index"], checkpoint.size, leaf, proof, checkpoint.root)
    except merkle.ProofError as exc:
        raise merkle.ProofError(f"event {event}: {exc} (the event as stated is not in the signed log)") from None
    return checkpoint


def verify_consistency_bundle(old_note: str, bundle: dict[str, Any], keys: Sequence[VerifierKey]) -> Checkpoint:
    old = open_checkpoint(old_note, keys)
    new = open_checkpoint(bundle["checkpoint"], keys)
    if bundle.get("old_size") != old.size or bundle.get("new_size") != new.size:
        raise merkle.ProofError(
            f"the proof is from size {bundle.get('old_size')} to {bundle.get('new_size')}, the checkpoints are of "
            f"sizes {old.size} and {new.size}"
        )
    proof = [base64.b64decode(h) for h in bundle["consistency"]]
    merkle.verify_consistency(old.size, new.size, old.root, new.root, proof)
    return new
