"""`IdentifierHasher` (HMAC states computed once per key) gives the digests `identifier_digest` (hmac.new) gives."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from hogo.subjects.crypto import IdentifierHasher, identifier_digest

VALUES = [
    ("email", "taro.yamada@example.co.jp"),
    ("phone", "+819012345678"),
    ("member_no", "会員-０００１"),
    ("x", ""),
    ("email", "a" * 500 + "@example.jp"),
]


@pytest.mark.parametrize("size", [0, 1, 16, 32, 63, 64, 65, 200])
def test_the_hasher_gives_the_hmac_of_every_identifier(size: int) -> None:
    key = hashlib.sha256(str(size).encode()).digest() * 7
    key = key[:size]
    hasher = IdentifierHasher(key)
    for kind, value in VALUES:
        expected = hmac.new(key, f"{kind}\x00{value}".encode(), hashlib.sha256).hexdigest()
        assert hasher.digest(kind, value) == expected == identifier_digest(key, kind, value)


def test_digests_do_not_leak_state_from_one_identifier_to_the_next() -> None:
    hasher = IdentifierHasher(b"k" * 32)
    first = hasher.digest("email", "a@example.jp")
    hasher.digest("email", "b@example.jp")
    assert hasher.digest("email", "a@example.jp") == first
    assert first != IdentifierHasher(b"j" * 32).digest("email", "a@example.jp")
