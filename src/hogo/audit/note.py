"""Signed notes and checkpoints: the C2SP signed-note and tlog-checkpoint formats, with Ed25519 keys.

A checkpoint is the text

    <origin>
    <tree size>
    <base64 root hash>

followed by a blank line and one signature line per signer, `— <key name> <base64(key id || signature)>`. The key
id is the first 4 bytes of SHA-256(key name || 0x0A || 0x01 || public key) (signature type 0x01: Ed25519), and
the signature is Ed25519 over the text up to and including its last newline. Keys are written as Go's `note`
package writes them: a verifier key `<name>+<key id hex>+<base64(0x01 || public key)>`, a signing key
`PRIVATE+KEY+<name>+<key id hex>+<base64(0x01 || seed)>`. The key's name is the log's origin line, so a rotated
key starts a new origin.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from hogo.errors import InvalidInput

ED25519 = 0x01
DASH = "\u2014"


class NoteError(InvalidInput):
    """A key, a note or a checkpoint that cannot be read or does not verify."""

    code = "audit-checkpoint-invalid"


def key_id(name: str, public: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + bytes([ED25519]) + public).digest()[:4]


def _check_name(name: str) -> str:
    if not name or any(c.isspace() for c in name) or "+" in name:
        raise NoteError(f"a key name has no spaces and no '+': {name!r}")
    return name


def _key_bytes(what: str, name: str, encoded: str) -> bytes:
    """The 32 key bytes of base64(0x01 || key)."""
    try:
        raw = base64.b64decode(encoded, validate=True)
    except binascii.Error:
        raise NoteError(f"the {what} key of {name} is not base64") from None
    if len(raw) != 33 or raw[0] != ED25519:
        raise NoteError(f"the {what} key of {name} is not an Ed25519 key")
    return raw[1:]


@dataclass(frozen=True)
class VerifierKey:
    name: str
    public: bytes

    @property
    def id(self) -> bytes:
        return key_id(self.name, self.public)

    @property
    def text(self) -> str:
        encoded = base64.b64encode(bytes([ED25519]) + self.public).decode()
        return f"{self.name}+{self.id.hex()}+{encoded}"

    @classmethod
    def parse(cls, text: str) -> VerifierKey:
        parts = text.strip().split("+", 2)
        if len(parts) != 3:
            raise NoteError("a verifier key reads <name>+<key id>+<base64 key>")
        name, hex_id, encoded = parts
        key = cls(_check_name(name), _key_bytes("verifier", name, encoded))
        if key.id.hex() != hex_id.lower():
            raise NoteError(f"the verifier key of {name} has the wrong key id ({hex_id}, should be {key.id.hex()})")
        return key

    def verifies(self, text: bytes, signature: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.public).verify(signature, text)
        except InvalidSignature:
            return False
        return True


@dataclass(frozen=True)
class SigningKey:
    name: str
    seed: bytes

    @classmethod
    def generate(cls, name: str) -> SigningKey:
        from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

        private = Ed25519PrivateKey.generate()
        seed = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        return cls(_check_name(name), seed)

    @property
    def verifier(self) -> VerifierKey:
        private = Ed25519PrivateKey.from_private_bytes(self.seed)
        return VerifierKey(self.name, private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))

    @property
    def text(self) -> str:
        encoded = base64.b64encode(bytes([ED25519]) + self.seed).decode()
        return f"PRIVATE+KEY+{self.name}+{self.verifier.id.hex()}+{encoded}"

    @classmethod
    def parse(cls, text: str) -> SigningKey:
        parts = text.strip().split("+", 4)
        if len(parts) != 5 or parts[:2] != ["PRIVATE", "KEY"]:
            raise NoteError("a signing key reads PRIVATE+KEY+<name>+<key id>+<base64 key>")
        name, hex_id, encoded = parts[2:]
        key = cls(_check_name(name), _key_bytes("signing", name, encoded))
        if key.verifier.id.hex() != hex_id.lower():
            raise NoteError(f"the signing key of {name} does not match its key id {hex_id}")
        return key

    def sign(self, text: str) -> str:
        """The signature line of this key over the note text."""
        signature = Ed25519PrivateKey.from_private_bytes(self.seed).sign(text.encode())
        return f"{DASH} {self.name} {base64.b64encode(self.verifier.id + signature).decode()}\n"


@dataclass(frozen=True)
class Signature:
    name: str
    key_id: bytes
    signature: bytes
    line: str


@dataclass(frozen=True)
class Note:
    text: str
    signatures: tuple[Signature, ...]

    @property
    def rendered(self) -> str:
        return self.text + "\n" + "".join(s.line for s in self.signatures)

    def signed_by(self, key: VerifierKey) -> bool:
        return any(
            s.name == key.name and s.key_id == key.id and key.verifies(self.text.encode(), s.signature)
            for s in self.signatures
        )

    def with_signature(self, key: SigningKey) -> Note:
        line = key.sign(self.text)
        return parse_note(self.rendered + line)


def parse_note(rendered: str) -> Note:
    """A signed note's text and signature lines (not yet verified)."""
    text, blank, rest = rendered.replace("\r\n", "\n").rpartition("\n\n")
    if not blank or not text or not rest:
        raise NoteError("not a signed note: no blank line between the text and its signatures")
    signatures = []
    for line in rest.splitlines():
        parts = line.split(" ")
        if len(parts) != 3 or parts[0] != DASH:
            raise NoteError(f"not a signature line: {line[:80]!r}")
        try:
            raw = base64.b64decode(parts[2], validate=True)
        except binascii.Error:
            raise NoteError(f"the signature of {parts[1]} is not base64") from None
        if len(raw) < 5:
            raise NoteError(f"the signature of {parts[1]} is too short")
        signatures.append(Signature(parts[1], raw[:4], raw[4:], line + "\n"))
    return Note(text + "\n", tuple(signatures))


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes
    note: str = ""
    """The signed note it was read from, or that was written for it."""

    @property
    def text(self) -> str:
        return f"{self.origin}\n{self.size}\n{base64.b64encode(self.root).decode()}\n"

    def signed(self, key: SigningKey) -> Checkpoint:
        return Checkpoint(self.origin, self.size, self.root, self.text + "\n" + key.sign(self.text))

    def cosigned(self, witness: SigningKey) -> Checkpoint:
        return Checkpoint(self.origin, self.size, self.root, parse_note(self.note).with_signature(witness).rendered)


def read_checkpoint(rendered: str) -> tuple[Checkpoint, Note]:
    """The checkpoint a note states, not yet verified."""
    note = parse_note(rendered)
    lines = note.text.split("\n")[:-1]
    if len(lines) < 3:
        raise NoteError("not a checkpoint: it needs an origin, a size and a root hash")
    origin, size_text, root_text = lines[:3]
    if not size_text.isdigit() or (size_text.startswith("0") and size_text != "0"):
        raise NoteError(f"not a checkpoint: the size {size_text[:30]!r} is not a decimal number")
    try:
        root = base64.b64decode(root_text, validate=True)
    except binascii.Error:
        root = b""
    if len(root) != 32:
        raise NoteError("not a checkpoint: the root hash is not 32 bytes in base64")
    return Checkpoint(origin, int(size_text), root, note.rendered), note


def open_checkpoint(rendered: str, keys: Iterable[VerifierKey]) -> Checkpoint:
    """The checkpoint, once one of `keys` whose name is its origin signed it; a precise error otherwise."""
    checkpoint, note = read_checkpoint(rendered)
    keys = list(keys)
    if not keys:
        raise NoteError("no public key to verify the checkpoint with")
    mine = [k for k in keys if k.name == checkpoint.origin]
    if not mine:
        names = ", ".join(k.name for k in keys)
        raise NoteError(f"the checkpoint is for the log {checkpoint.origin!r}, not one whose key is given ({names})")
    for key in mine:
        for s in note.signatures:
            if s.name == key.name and s.key_id == key.id:
                if key.verifies(note.text.encode(), s.signature):
                    return checkpoint
                raise NoteError(
                    f"the signature of {key.name} (key {key.id.hex()}) does not verify: the checkpoint was altered "
                    "or forged"
                )
    signers = ", ".join(f"{s.name} (key {s.key_id.hex()})" for s in note.signatures)
    wanted = ", ".join(f"{k.name} (key {k.id.hex()})" for k in mine)
    raise NoteError(f"the checkpoint is not signed by the key given, {wanted}; it is signed by {signers}")


def cosigners(rendered: str, witnesses: Sequence[VerifierKey]) -> list[str]:
    """The witnesses (of those given) whose signature on the note verifies."""
    note = parse_note(rendered)
    return [w.name for w in witnesses if note.signed_by(w)]
