"""Sealing a request's personal details, and the keyed hashes of its status token and one-time code.

The key is derived (HKDF-SHA256) from the keyring's index key, which is not rotated; see ADR 0007 for why the
request domain does not use the person's data key (a request may come from someone hogo does not know yet).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable

from hogo.adapters.sealing import DocumentSealer

CODE_DIGITS = 6


class Sealer(DocumentSealer):
    """Seals a request's details and package (bound to the request id); hashes its token and one-time code."""

    def __init__(self, index_key: Callable[[], bytes]) -> None:
        super().__init__(index_key, b"hogo-requests-v1", b"hogo-request|")

    def token_hash(self, token: str) -> str:
        return hmac.new(self.mac_key, b"token|" + token.encode(), hashlib.sha256).hexdigest()

    def code_hash(self, request_id: str, code: str) -> str:
        return hmac.new(self.mac_key, f"code|{request_id}|{code}".encode(), hashlib.sha256).hexdigest()


def new_token() -> str:
    """The person's link to their request: 256 bits, URL-safe."""
    return secrets.token_urlsafe(32)


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
