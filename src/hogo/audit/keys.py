"""The checkpoint signing key: a file beside the master key file, never in the database.

One signing key per line (`PRIVATE+KEY+<name>+<id>+<base64>`, see `hogo.audit.note`); the last line is the key
in use, the earlier ones are retired keys kept so that old checkpoints can still be verified here. A key's name is
the origin line of the checkpoints it signs: rotating adds a key under a new origin (`<base>/2`, `<base>/3`, …).
"""

from __future__ import annotations

import os
from pathlib import Path

from hogo.audit.note import NoteError, SigningKey, VerifierKey
from hogo.errors import Conflict, NotFound


class NoSigningKey(NotFound):
    code = "audit-no-signing-key"


class AuditKeyFile:
    def __init__(self, path: Path) -> None:
        self.path = path

    def exists(self) -> bool:
        return self.path.exists()

    def keys(self) -> list[SigningKey]:
        try:
            text = self.path.read_text(encoding="ascii")
        except FileNotFoundError:
            raise NoSigningKey(
                f"no checkpoint signing key at {self.path}: create it with `hogo keys audit-init`"
            ) from None
        except (OSError, UnicodeError) as exc:
            raise NoteError(f"the signing key file {self.path} cannot be read: {exc}") from None
        keys = [SigningKey.parse(line) for line in text.splitlines() if line.strip()]
        if not keys:
            raise NoSigningKey(f"the signing key file {self.path} holds no key")
        return keys

    def active(self) -> SigningKey:
        return self.keys()[-1]

    def verifiers(self) -> list[VerifierKey]:
        return [key.verifier for key in self.keys()]

    def create(self, origin: str) -> SigningKey:
        if self.path.exists():
            raise Conflict(f"{self.path} exists already; rotate with `hogo keys audit-rotate`")
        key = SigningKey.generate(f"{origin}/1")
        self._write([key])
        return key

    def rotate(self) -> SigningKey:
        keys = self.keys()
        base, _, number = keys[-1].name.rpartition("/")
        following = int(number) + 1 if number.isdigit() and base else 2
        key = SigningKey.generate(f"{base or keys[-1].name}/{following}")
        self._write([*keys, key])
        return key

    def _write(self, keys: list[SigningKey]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as out:
            out.write("".join(f"{key.text}\n" for key in keys))
        os.replace(temporary, self.path)


def read_verifiers(text: str) -> list[VerifierKey]:
    """Verifier keys given one a line (or a signing key file: its public halves)."""
    keys = []
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("PRIVATE+KEY+"):
            keys.append(SigningKey.parse(line).verifier)
        elif line and not line.startswith("#"):
            keys.append(VerifierKey.parse(line))
    return keys
