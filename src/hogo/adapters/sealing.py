"""Sealing documents that hold personal details (AES-256-GCM), with keys derived from the keyring's index key.

Each use has its own key (HKDF-SHA256 with its own `info`) and binds a sealed document to the id of what it
belongs to (the associated data), so a sealed blob moved to another row does not open. Keys are derived on first
use, so that commands which never touch a sealed document need no keyring.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

NONCE = 12


class DocumentSealer:
    def __init__(self, secret: Callable[[], bytes], info: bytes, aad: bytes) -> None:
        """`secret`: the index key, read when first needed; `info`: this use's key; `aad`: the id's prefix."""
        self._source, self._info, self._aad = secret, info, aad
        self._keys: tuple[AESGCM, bytes] | None = None

    def _derive(self) -> tuple[AESGCM, bytes]:
        if self._keys is None:
            okm = HKDF(algorithm=hashes.SHA256(), length=64, salt=None, info=self._info).derive(self._source())
            self._keys = (AESGCM(okm[:32]), okm[32:])
        return self._keys

    @property
    def mac_key(self) -> bytes:
        """A second key of this use, for keyed hashes (never the encryption key)."""
        return self._derive()[1]

    def seal(self, owner_id: str, document: dict[str, Any]) -> bytes:
        nonce = os.urandom(NONCE)
        data = json.dumps(document, ensure_ascii=False, sort_keys=True).encode()
        return nonce + self._derive()[0].encrypt(nonce, data, self._aad + owner_id.encode())

    def open(self, owner_id: str, blob: bytes) -> dict[str, Any]:
        try:
            data = self._derive()[0].decrypt(blob[:NONCE], blob[NONCE:], self._aad + owner_id.encode())
        except InvalidTag:
            raise ValueError(f"the sealed details of {owner_id} do not open (altered or moved)") from None
        document: dict[str, Any] = json.loads(data)
        return document
