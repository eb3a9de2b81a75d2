"""The vault's cryptography: per-person data keys (AES-256-GCM) wrapped by a master key; keyed identifier hashes.

Every personal value is sealed with its person's data key and bound (as associated data) to the person and
the item, so a ciphertext moved to another row does not open. Deleting the wrapped data key erases the
person: nothing else can open their values (crypto-shredding).
"""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32
NONCE_BYTES = 12
FORMAT = b"\x01"


class CryptoError(Exception):
    """A ciphertext or wrapped key does not open with the key given (wrong key, or tampered)."""


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def _seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return FORMAT + nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def _open(key: bytes, blob: bytes, aad: bytes) -> bytes:
    if len(blob) < 1 + NONCE_BYTES + 16 or blob[:1] != FORMAT:
        raise CryptoError("not a hogo ciphertext")
    try:
        return AESGCM(key).decrypt(blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :], aad)
    except InvalidTag:
        raise CryptoError("the ciphertext does not open with this key (wrong key or altered)") from None


def wrap_data_key(master: bytes, person_id: str, data_key: bytes) -> bytes:
    return _seal(master, data_key, b"hogo-data-key|" + person_id.encode())


def unwrap_data_key(master: bytes, person_id: str, wrapped: bytes) -> bytes:
    return _open(master, wrapped, b"hogo-data-key|" + person_id.encode())


def new_keys(count: int) -> list[bytes]:
    """`count` fresh data keys, drawn from the OS in one call: each is 32 bytes of its randomness, as `new_key`."""
    block = os.urandom(KEY_BYTES * count)
    return [block[at : at + KEY_BYTES] for at in range(0, len(block), KEY_BYTES)]


class KeyWrapper:
    """`wrap_data_key` under one master key for many data keys (a batch's new persons): one AES-GCM context and
    nonces drawn in blocks, the same wrapped form."""

    __slots__ = ("_aead", "_nonce")

    def __init__(self, master: bytes) -> None:
        self._aead = AESGCM(master)
        self._nonce = Nonces()

    def wrap(self, person_id: str, data_key: bytes) -> bytes:
        nonce = self._nonce()
        return FORMAT + nonce + self._aead.encrypt(nonce, data_key, b"hogo-data-key|" + person_id.encode())


class ValueCipher:
    """Seals and opens one person's values; holds the AES-GCM context for their data key."""

    __slots__ = ("_aad", "_aead", "_person")

    def __init__(self, person_id: str, data_key: bytes) -> None:
        self._person = person_id.encode()
        self._aad = self._person + b"|"
        """The associated data's first part: the item's name follows."""
        self._aead = AESGCM(data_key)

    def seal(self, item: str, value: str, nonce: bytes | None = None) -> bytes:
        """`nonce`: 12 random bytes for this value alone (`Nonces`), else drawn here."""
        if nonce is None:
            nonce = os.urandom(NONCE_BYTES)
        return FORMAT + nonce + self._aead.encrypt(nonce, value.encode(), self._aad + item.encode())

    def open(self, item: str, blob: bytes) -> str:
        if len(blob) < 1 + NONCE_BYTES + 16 or blob[:1] != FORMAT:
            raise CryptoError("not a hogo ciphertext")
        aad = self._person + b"|" + item.encode()
        try:
            return self._aead.decrypt(blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :], aad).decode()
        except InvalidTag:
            raise CryptoError("the value does not open with the person's data key (altered or moved)") from None


class Nonces:
    """Fresh random nonces for many values, drawn from the OS in blocks rather than one `os.urandom` call (a system
    call) each: every nonce is still 12 bytes of the OS's randomness, used once."""

    __slots__ = ("_at", "_block", "_per_block")

    def __init__(self, per_block: int = 256) -> None:
        self._per_block = per_block
        self._block = b""
        self._at = 0

    def __call__(self) -> bytes:
        at = self._at
        if at >= len(self._block):
            self._block, at = os.urandom(NONCE_BYTES * self._per_block), 0
        self._at = at + NONCE_BYTES
        return self._block[at : at + NONCE_BYTES]


def identifier_digest(index_key: bytes, kind: str, normalised: str) -> str:
    """HMAC-SHA256 of an identifier: equal identifiers match, and the table reveals none of them."""
    return hmac.new(index_key, f"{kind}\x00{normalised}".encode(), hashlib.sha256).hexdigest()


_INNER = bytes(b ^ 0x36 for b in range(256))
_OUTER = bytes(b ^ 0x5C for b in range(256))


class IdentifierHasher:
    """`identifier_digest` under one index key, for many identifiers: HMAC's inner and outer SHA-256 states
    (RFC 2104: the key padded to the block, XOR ipad / opad) are computed once and copied for each digest, where
    `hmac.new` pads the key and hashes both blocks again every time."""

    __slots__ = ("_inner", "_outer")

    def __init__(self, index_key: bytes) -> None:
        block = hashlib.sha256().block_size
        key = hashlib.sha256(index_key).digest() if len(index_key) > block else index_key
        key = key.ljust(block, b"\x00")
        self._inner = hashlib.sha256(key.translate(_INNER))
        self._outer = hashlib.sha256(key.translate(_OUTER))

    def digest(self, kind: str, normalised: str) -> str:
        inner = self._inner.copy()
        inner.update(f"{kind}\x00{normalised}".encode())
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.hexdigest()


def fingerprint(key: bytes) -> str:
    """A short public name for a key (not a secret): the first 8 hex digits of its SHA-256."""
    return hashlib.sha256(b"hogo-key-id|" + key).hexdigest()[:8]
