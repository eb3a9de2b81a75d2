"""Where the master keys live: a key file (rotatable) or one key from the environment.

The key file is JSON, written with mode 0600:
    {"format": "hogo-keyring/1", "active": "mk-…", "master_keys": {"mk-…": "<base64>"}, "index_key": "<base64>"}
Beside it, `<key file>.erasures` lists the persons whose data keys were destroyed, one id per line, so that a
database restored from a backup can be cleaned again (`hogo keys reapply-erasures`). Keep both files out of
database backups: a backup that holds the keys protects nothing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from abc import ABC, abstractmethod
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
    def add_active(self) -> str:
        """Create a new master key and make it the one new data keys are wrapped with."""

    @abstractmethod
    def retire(self, key_id: str) -> None:
        """Forget a master key no data key is wrapped with any more."""

    @abstractmethod
    def record_erasure(self, person_id: str) -> None: ...

    @abstractmethod
    def erasures(self) -> list[str]: ...


class FileKeyring(Keyring):
    """The key file; re-read when a row names a key this process has not seen (another process rotated)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._doc: dict[str, object] | None = None
        self._mtime = 0

    @property
    def erasure_path(self) -> Path:
        return self.path.with_name(self.path.name + ".erasures")

    @classmethod
    def create(cls, path: Path) -> FileKeyring:
        if path.exists():
            raise VaultLocked(f"{path} already exists; it holds keys that data depend on")
        master = new_key()
        doc: dict[str, object] = {
            "format": FORMAT,
            "active": f"mk-{fingerprint(master)}",
            "master_keys": {f"mk-{fingerprint(master)}": _b64(master)},
            "index_key": _b64(new_key()),
        }
        ring = cls(path)
        ring._write(doc)
        return ring

    def _load(self, *, reload: bool = False) -> dict[str, object]:
        try:
            mtime = self.path.stat().st_mtime_ns
        except OSError:
            raise VaultLocked(
                f"no key file at {self.path}: run `hogo keys init` (or set HOGO_KEY_FILE / HOGO_MASTER_KEY)"
            ) from None
        if self._doc is None or reload or mtime != self._mtime:
            self._mtime = mtime
            try:
                doc = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise VaultLocked(f"cannot read the key file {self.path}: {type(exc).__name__}") from None
            if not isinstance(doc, dict) or doc.get("format") != FORMAT:
                raise VaultLocked(f"{self.path} is not a hogo key file ({FORMAT})")
            self._doc = doc
        return self._doc

    def _write(self, doc: dict[str, object]) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(doc, out, indent=2)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, self.path)
        self._doc = doc
        self._mtime = self.path.stat().st_mtime_ns

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

    def add_active(self) -> str:
        doc = dict(self._load(reload=True))
        master = new_key()
        key_id = f"mk-{fingerprint(master)}"
        doc["master_keys"] = {**self._keys(doc), key_id: _b64(master)}
        doc["active"] = key_id
        self._write(doc)
        return key_id

    def retire(self, key_id: str) -> None:
        doc = dict(self._load(reload=True))
        if doc["active"] == key_id:
            raise VaultLocked(f"{key_id} is the active master key; rotate first")
        doc["master_keys"] = {k: v for k, v in self._keys(doc).items() if k != key_id}
        self._write(doc)

    def record_erasure(self, person_id: str) -> None:
        with self.erasure_path.open("a", encoding="utf-8") as out:
            out.write(person_id + "\n")
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

    def add_active(self) -> str:
        raise VaultLocked("a master key from HOGO_MASTER_KEY cannot be rotated; use a key file (HOGO_KEY_FILE)")

    def retire(self, key_id: str) -> None:
        raise VaultLocked("a master key from HOGO_MASTER_KEY cannot be retired")

    def record_erasure(self, person_id: str) -> None:
        self._erased.append(person_id)

    def erasures(self) -> list[str]:
        return list(self._erased)


def keyring_from(key_file: Path, master_key: str | None, index_key: str | None) -> Keyring:
    if master_key:
        return StaticKeyring(master_key, index_key)
    return FileKeyring(key_file)
