"""Sealing a request's personal details, and the keyed hashes of its status token and one-time code.

The key is derived (HKDF-SHA256) from the keyring's index key, which is not rotated; see ADR 0007 for why the
request domain does not use the person's data key (a request may come from someone hogo does not know yet).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Callable
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

NONCE = 12
CODE_DIGITS = 6


class Sealer:
    """Keys are derived on first use, so that commands which never touch a request need no keyring."""

    def __init__(self, index_key: Callable[[], bytes]) -> None:
        self._source = index_key
        self._keys: tuple[AESGCM, bytes] | None = None

    def _derive(self) -> tuple[AESGCM, bytes]:
        if self._keys is None:
            okm = HKDF(algorithm=hashes.SHA256(), length=64, salt=None, info=b"hogo-requests-v1").derive(self._source())
            self._keys = (AESGCM(okm[:32]), okm[32:])
        return self._keys

    @property
    def _aead(self) -> AESGCM:
        return self._derive()[0]

    @property
    def _mac_key(self) -> bytes:
        return self._derive()[1]

    def seal(self, request_id: str, document: dict[str, Any]) -> bytes:
        nonce = os.urandom(NONCE)
        data = json.dumps(document, ensure_ascii=False, sort_keys=True).encode()
        return nonce + self._aead.encrypt(nonce, data, b"hogo-request|" + request_id.encode())

    def open(self, request_id: str, blob: bytes) -> dict[str, Any]:
        try:
            data = self._aead.decrypt(blob[:NONCE], blob[NONCE:], b"hogo-request|" + request_id.encode())
        except InvalidTag:
            raise ValueError(f"the sealed details of request {request_id} do not open (altered or moved)") from None
        document: dict[str, Any] = json.loads(data)
        return document

    def token_hash(self, token: str) -> str:
        return hmac.new(self._mac_key, b"token|" + token.encode(), hashlib.sha256).hexdigest()

    def code_hash(self, request_id: str, code: str) -> str:
        return hmac.new(self._mac_key, f"code|{request_id}|{code}".encode(), hashlib.sha256).hexdigest()


def new_token() -> str:
    """The person's link to their request: 256 bits, URL-safe."""
    return secrets.token_urlsafe(32)


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
