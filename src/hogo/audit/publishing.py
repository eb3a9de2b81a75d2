"""Where signed checkpoints are published, and the check that the log still extends every one published before.

A directory (`checkpoint` plus `checkpoints/<size>`) or a URL the note is POSTed to. The published checkpoints live
outside the database, so a database restored from a backup, truncated or rewritten is caught against them: the
first published size the log no longer matches is named (`RolledBack`).
"""

from __future__ import annotations

import urllib.request
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Connection

from hogo.audit import tree
from hogo.audit.keys import AuditKeyFile
from hogo.audit.note import Checkpoint, open_checkpoint
from hogo.errors import Conflict


class RolledBack(Conflict):
    """The log no longer extends a checkpoint published before: restored from a backup, truncated or rewritten."""

    code = "audit-rolled-back"


class Publisher:
    """The checkpoints' place of publication (`HOGO_AUDIT_PUBLISH`): a directory, a URL, or none."""

    def __init__(self, target: str | None, keys: AuditKeyFile) -> None:
        self._target = target
        self._keys = keys

    @property
    def _folder(self) -> Path | None:
        """The directory published to; None for a URL (nothing can be read back) or nowhere."""
        return Path(self._target) if self._target and "://" not in self._target else None

    def check_rollback(self, connection: Connection, size: int, root: bytes) -> None:
        """The latest published checkpoint first (one file); the whole published history only if it disagrees."""
        if self._folder is None:
            return
        latest = self._folder / "checkpoint"
        if not latest.is_file():
            return
        last = open_checkpoint(latest.read_text(encoding="utf-8"), self._keys.verifiers())
        if last.size <= size and (root if last.size == size else tree.root_at(connection, last.size)) == last.root:
            return
        check_published(connection, size, root, [*self.published(), last])

    def published(self) -> list[Checkpoint]:
        """The checkpoints published to the directory (oldest first), verified with this log's keys."""
        if self._folder is None:
            return []
        folder = self._folder / "checkpoints"
        if not folder.is_dir():
            return []
        verifiers = self._keys.verifiers()
        found = []
        for path in folder.iterdir():
            if path.name.isdigit():
                found.append(open_checkpoint(path.read_text(encoding="utf-8"), verifiers))
        return sorted(found, key=lambda c: c.size)

    def publish(self, checkpoint: Checkpoint) -> None:
        if not self._target:
            return
        if "://" in self._target:
            request = urllib.request.Request(
                self._target, data=checkpoint.note.encode(), headers={"Content-Type": "text/plain; charset=utf-8"}
            )
            with urllib.request.urlopen(request, timeout=10):
                return
        folder = Path(self._target)
        (folder / "checkpoints").mkdir(parents=True, exist_ok=True)
        _write_atomic(folder / "checkpoints" / str(checkpoint.size), checkpoint.note)
        _write_atomic(folder / "checkpoint", checkpoint.note)


def check_published(connection: Connection, size: int, root: bytes | None, published: Sequence[Checkpoint]) -> None:
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
