"""The batch forms of the vault's sealing give what the one-at-a-time forms give: values that open with the person's
key only, data keys that unwrap with the master key only, a fresh nonce for every value."""

from __future__ import annotations

import pytest

from hogo.subjects import crypto


def test_values_sealed_with_batch_nonces_open_and_each_nonce_is_new() -> None:
    cipher = crypto.ValueCipher("p_1", crypto.new_key())
    nonces = crypto.Nonces(per_block=4)  # several blocks in 10 values
    blobs = [cipher.seal("email", f"user{n}@example.jp", nonces()) for n in range(10)]
    assert [cipher.open("email", blob) for blob in blobs] == [f"user{n}@example.jp" for n in range(10)]
    seen = {blob[1 : 1 + crypto.NONCE_BYTES] for blob in blobs}
    assert len(seen) == 10
    assert all(len(nonce) == crypto.NONCE_BYTES for nonce in seen)
    with pytest.raises(crypto.CryptoError):
        cipher.open("phone", blobs[0])  # bound to the item
    with pytest.raises(crypto.CryptoError):
        crypto.ValueCipher("p_2", crypto.new_key()).open("email", blobs[0])


def test_a_value_sealed_without_a_nonce_draws_its_own() -> None:
    cipher = crypto.ValueCipher("p_1", crypto.new_key())
    one, two = cipher.seal("name", "佐藤"), cipher.seal("name", "佐藤")
    assert one != two
    assert cipher.open("name", one) == cipher.open("name", two) == "佐藤"


def test_keys_wrapped_in_a_batch_unwrap_as_wrap_data_key_does() -> None:
    master = crypto.new_key()
    keys = crypto.new_keys(5)
    assert len(keys) == 5 and len(set(keys)) == 5 and all(len(k) == crypto.KEY_BYTES for k in keys)
    wrapper = crypto.KeyWrapper(master)
    wrapped = [wrapper.wrap(f"p_{n}", key) for n, key in enumerate(keys)]
    assert [crypto.unwrap_data_key(master, f"p_{n}", w) for n, w in enumerate(wrapped)] == keys
    assert len({w[1 : 1 + crypto.NONCE_BYTES] for w in wrapped}) == 5
    with pytest.raises(crypto.CryptoError):
        crypto.unwrap_data_key(master, "p_1", wrapped[0])  # bound to the person
    with pytest.raises(crypto.CryptoError):
        crypto.unwrap_data_key(crypto.new_key(), "p_0", wrapped[0])
    assert crypto.new_keys(0) == []
