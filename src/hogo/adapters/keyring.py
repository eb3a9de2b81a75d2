"""Where the master keys live: a key file (rotatable) or one key from the environment.

The key file is JSON, written with mode 0600:
    {"format": "hogo-keyring/1", "active": "mk-…", "master_keys": {"mk-…": "<base64>"},
     "created": {"mk-…": "2026-11-20T01:00:00+00:00"}, "index_key": "<base64>"}
A key other than the active one is in the file only while a rotation moves data keys off it; the rotation then
destroys it: it leaves the file, and every replaced version of the file is overwritten with zeros (ADR 0013).
A key without a `created` time (a file from before) counts as due for rotation.
Beside it, `<key file>.erasures` lists the persons whose data keys were destroyed, one id per line, so that a
database restored from a backup can be cleaned again (`hogo keys reapply-erasures`), and `<key file>.lock` is held
by the process that rotates. Keep these files out of database backups: a backup that holds the keys protects
nothing; a backup of the key file keeps destroyed master keys alive, so it must be destroyed on the same schedule
(or kept encrypted under a key of its own).
"""

from __future__ import annotations

import base64
import datetime as dt
import fcntl
import hashlib
import json
import os
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hogo.errors import DomainError
from hogo.subjects.crypto import KEY_BYTES, fingerprint, new_key

FORMAT = "hogo-keyring/1"


class VaultLocked(DomainError):
    """No master key is configured, or the one a row needs is not in the keyring."""

    code = "vault-locked"


def _b64(key: bytes) -> str:
    return base64.b64encode(key).decode("ascii")


def _unb64(text: str, what: str) -> bytes:
    try:
        key = base64.b64decode(text, validate=True)
    except ValueError:
        raise VaultLocked(f"{what} is not valid base64") from None
    if len(key) != KEY_BYTES:
        raise VaultLocked(f"{what} must be {KEY_BYTES} bytes, got {len(key)}")
    return key


class Keyring(ABC):
    @property
    @abstractmethod
    def active_id(self) -> str: ...

    @abstractmethod
    def master(self, key_id: str) -> bytes: ...

    @property
    @abstractmethod
    def index_key(self) -> bytes: ...

    @abstractmethod
    def key_ids(self) -> list[str]: ...

    @abstractmethod
    def created_at(self, key_id: str) -> dt.datetime | None:
        """When the master key was created; None if not known."""

    @abstractmethod
    def add_active(self, now: dt.datetime) -> str:
        """Create a new master key and make it the one new data keys are wrapped with."""

    @abstractmethod
    def destroy(self, key_id: str) -> None:
        """Destroy a master key no data key is wrapped with any more: whatever it wrapped can never be opened."""

    @abstractmethod
    @contextmanager
    def rotation_lock(self) -> Iterator[bool]:
        """Held by the one process that rotates; yields False (at once) if another process holds it."""

    @abstractmethod
    def record_erasure(self, person_id: str) -> None: ...

    @abstractmethod
    def erasures(self) -> list[str]: ...

    def record_erasures(self, person_ids: list[str]) -> None:
        """Journal several erasures (a retention sweep's batch); the file keyring writes them with one sync."""
        for person_id in person_ids:
            self.record_erasure(person_id)


class FileKeyring(Keyring):
    """The key file; re-read when a row names a key this process has not seen (another process rotated)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._doc: dict[str, object] | None = None
        self._seen: tuple[int, ...] = ()

    @property
    def erasure_path(self) -> Path:
        return self.path.with_name(self.path.name + ".erasures")

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    @classmethod
    def create(cls, path: Path, now: dt.datetime) -> FileKeyring:
        """A new key file with one master key created at `now` (the caller's clock: the key's age decides when it is
        due for rotation, so it is never the wall clock behind the injected one)."""
        if now.tzinfo is None:
            raise ValueError("a key's creation time must be timezone-aware")
        if path.exists():
            raise VaultLocked(f"{path} already exists; it holds keys that data depend on")
        master = new_key()
        key_id = f"mk-{fingerprint(master)}"
        doc: dict[str, object] = {
            "format": FORMAT,
            "active": key_id,
            "master_keys": {key_id: _b64(master)},
            "created": {key_id: now.isoformat()},
            "index_key": _b64(new_key()),
        }
        ring = cls(path)
        ring._write(doc)
        return ring

    def _stat(self) -> tuple[int, ...]:
        """Which version of the file is there: each write replaces it by a new file (inode, times and size)."""
        try:
            st = self.path.stat()
        except OSError:
            raise VaultLocked(
                f"no key file at {self.path}: run `hogo keys init` (or set HOGO_KEY_FILE / HOGO_MASTER_KEY)"
            ) from None
        return (st.st_ino, st.st_mtime_ns, st.st_ctime_ns, st.st_size)

    def _load(self, *, reload: bool = False) -> dict[str, object]:
        seen = self._stat()
        if self._doc is None or reload or seen != self._seen:
            for attempt in (1, 2):  # a file being replaced and overwritten (`destroy`) is read again, once
                try:
                    doc = json.loads(self.path.read_text(encoding="utf-8"))
                    break
                except (OSError, ValueError) as exc:
                    if attempt == 2:
                        raise VaultLocked(f"cannot read the key file {self.path}: {type(exc).__name__}") from None
                    seen = self._stat()
            if not isinstance(doc, dict) or doc.get("format") != FORMAT:
                raise VaultLocked(f"{self.path} is not a hogo key file ({FORMAT})")
            self._doc, self._seen = doc, seen
        return self._doc

    def _write(self, doc: dict[str, object]) -> None:
        """Replace the file at once (a crash leaves the old or the new one), then overwrite the replaced file's
        bytes with zeros: no superseded version keeps a key that is later destroyed in a freed block (best effort:
        a copy-on-write file system or an SSD may keep the old block; ADR 0013)."""
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(doc, out, indent=2)
            out.flush()
            os.fsync(out.fileno())
        old = os.open(self.path, os.O_RDWR) if self.path.exists() else None
        try:
            os.replace(tmp, self.path)
            if old is not None:
                os.pwrite(old, bytes(os.fstat(old).st_size), 0)
                os.fsync(old)
        finally:
            if old is not None:
                os.close(old)
        self._doc, self._seen = doc, self._stat()

    def _keys(self, doc: dict[str, object]) -> dict[str, str]:
        keys = doc.get("master_keys")
        if not isinstance(keys, dict):
            raise VaultLocked(f"{self.path} has no master_keys")
        return keys

    @property
    def active_id(self) -> str:
        return str(self._load()["active"])

    def master(self, key_id: str) -> bytes:
        keys = self._keys(self._load())
        if key_id not in keys:
            keys = self._keys(self._load(reload=True))
        if key_id not in keys:
            raise VaultLocked(f"master key {key_id} is not in {self.path}")
        return _unb64(keys[key_id], f"master key {key_id}")

    @property
    def index_key(self) -> bytes:
        return _unb64(str(self._load()["index_key"]), "the index key")

    def key_ids(self) -> list[str]:
        return list(self._keys(self._load(reload=True)))

    def _created(self, doc: dict[str, object]) -> dict[str, str]:
        created = doc.get("created")
        return created if isinstance(created, dict) else {}

    def created_at(self, key_id: str) -> dt.datetime | None:
        text = self._created(self._load()).get(key_id)
        return dt.datetime.fromisoformat(text) if text else None

    def add_active(self, now: dt.datetime) -> str:
        doc = dict(self._load(reload=True))
        master = new_key()
        key_id = f"mk-{fingerprint(master)}"
        doc["master_keys"] = {**self._keys(doc), key_id: _b64(master)}
        doc["created"] = {**self._created(doc), key_id: now.isoformat()}
        doc["active"] = key_id
        self._write(doc)
        return key_id

    def destroy(self, key_id: str) -> None:
        doc = dict(self._load(reload=True))
        if doc["active"] == key_id:
            raise VaultLocked(f"{key_id} is the active master key; rotate first")
        doc["master_keys"] = {k: v for k, v in self._keys(doc).items() if k != key_id}
        doc["created"] = {k: v for k, v in self._created(doc).items() if k != key_id}
        self._write(doc)

    @contextmanager
    def rotation_lock(self) -> Iterator[bool]:
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            yield True  # the lock goes with the descriptor: a process that dies releases it
        finally:
            os.close(fd)

    def record_erasure(self, person_id: str) -> None:
        with self.erasure_path.open("a", encoding="utf-8") as out:
            out.write(person_id + "\n")
            out.flush()
            os.fsync(out.fileno())

    def record_erasures(self, person_ids: list[str]) -> None:
        with self.erasure_path.open("a", encoding="utf-8") as out:
            out.write("".join(p + "\n" for p in person_ids))
            out.flush()
            os.fsync(out.fileno())

    def erasures(self) -> list[str]:
        if not self.erasure_path.exists():
            return []
        return [line.strip() for line in self.erasure_path.read_text(encoding="utf-8").splitlines() if line.strip()]


class StaticKeyring(Keyring):
    """One master key from the environment (HOGO_MASTER_KEY); erasures are journalled in memory only."""

    def __init__(self, master: str, index: str | None) -> None:
        self._master = _unb64(master, "HOGO_MASTER_KEY")
        self._index = _unb64(index, "HOGO_INDEX_KEY") if index else None
        self._id = f"mk-{fingerprint(self._master)}"
        self._erased: list[str] = []

    @property
    def active_id(self) -> str:
        return self._id

    def master(self, key_id: str) -> bytes:
        if key_id != self._id:
            raise VaultLocked(f"master key {key_id} is not configured (HOGO_MASTER_KEY holds {self._id})")
        return self._master

    @property
    def index_key(self) -> bytes:
        if self._index is not None:
            return self._index
        return hashlib.sha256(b"hogo-index-key|" + self._master).digest()

    def key_ids(self) -> list[str]:
        return [self._id]

    def created_at(self, key_id: str) -> dt.datetime | None:
        return None

    def add_active(self, now: dt.datetime) -> str:
        raise VaultLocked("a master key from HOGO_MASTER_KEY cannot be rotated; use a key file (HOGO_KEY_FILE)")

    def destroy(self, key_id: str) -> None:
        raise VaultLocked("a master key from HOGO_MASTER_KEY cannot be destroyed by hogo")

    @contextmanager
    def rotation_lock(self) -> Iterator[bool]:
        yield True

    def record_erasure(self, person_id: str) -> None:
        self._erased.append(person_id)

    def erasures(self) -> list[str]:
        return list(self._erased)


def keyring_from(key_file: Path, master_key: str | None, index_key: str | None) -> Keyring:
    if master_key:
        return StaticKeyring(master_key, index_key)
    return FileKeyring(key_file)
