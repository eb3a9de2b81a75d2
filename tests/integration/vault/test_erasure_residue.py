"""What an erasure leaves in the store's files, searched byte by byte with the key file in hand (ADR 0013).

An attacker who holds the store's files and the key file tries every 61-byte window that could be a wrapped
data key against every master key in the key file; a data key found that way would open the person's
records, which stay in the store (sealed) after the erasure.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from contextlib import suppress
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from hogo import bootstrap
from hogo.bootstrap import Container
from hogo.clock import FixedClock
from hogo.identity.policy import Actor
from hogo.subjects import crypto
from hogo.subjects.keys import RotationStatus
from hogo.subjects.models import DataKey, Record
from hogo.subjects.schemas import AcquisitionIn

NAME = "鬼塚 詩織"
WRAPPED_BYTES = 1 + crypto.NONCE_BYTES + crypto.KEY_BYTES + 16


def customers(count: int, prefix: str) -> list[AcquisitionIn]:
    return [
        AcquisitionIn(subject_kind="customer", values={"name": f"{prefix}{i}"}, channel="web-order")
        for i in range(count)
    ]


def key_file_masters(key_file: Path) -> list[bytes]:
    return [base64.b64decode(v) for v in json.loads(key_file.read_text())["master_keys"].values()]


def data_keys_in(blob: bytes, masters: list[bytes], person_id: str) -> list[bytes]:
    """Every data key of `person_id` that some window of `blob` unwraps to under a master key of the key file."""
    aad = b"hogo-data-key|" + person_id.encode()
    ciphers = [AESGCM(m) for m in masters]
    found = []
    start = blob.find(crypto.FORMAT)
    while 0 <= start <= len(blob) - WRAPPED_BYTES:
        window = blob[start : start + WRAPPED_BYTES]
        for aead in ciphers:
            with suppress(InvalidTag):
                found.append(aead.decrypt(window[1 : 1 + crypto.NONCE_BYTES], window[1 + crypto.NONCE_BYTES :], aad))
        start = blob.find(crypto.FORMAT, start + 1)
    return found


def opened(data_keys: list[bytes], person_id: str, sealed: list[tuple[str, bytes]]) -> list[str]:
    out = []
    for key in data_keys:
        cipher = crypto.ValueCipher(person_id, key)
        for item, blob in sealed:
            with suppress(crypto.CryptoError):
                out.append(cipher.open(item, blob))
    return out


def store_files(database: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(database.parent.glob(database.name + "*"))}


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_sqlite_erasure_leaves_no_readable_copy_of_the_data_key(
    vault: Container, admin: Actor, database_url: str, key_file: Path
) -> None:
    database = Path(database_url.removeprefix("sqlite:///"))
    vault.subjects.acquire_many(customers(150, "前の顧客"), admin)
    person = vault.subjects.acquire(
        AcquisitionIn(subject_kind="customer", values={"name": NAME}, channel="web-order"), admin
    ).person_id
    for batch in range(20):  # the page that holds the key is written again with every batch
        vault.subjects.acquire_many(customers(10, f"後の顧客{batch}-"), admin)
    with vault.uow(read_only=True) as uow:
        wrapped = uow.session.execute(select(DataKey.wrapped).where(DataKey.person_id == person)).scalar_one()
        sealed = [
            (item, blob)
            for item, blob in uow.session.execute(
                select(Record.item, Record.ciphertext).where(Record.person_id == person)
            )
        ]
    before = b"".join(store_files(database).values())
    assert wrapped in before and opened(data_keys_in(before, key_file_masters(key_file), person), person, sealed)

    vault.subjects.erase(person, "REQ-2026-0001", admin)
    vault.subjects.acquire_many(customers(10, "消去後の顧客"), admin)  # the server goes on writing

    for moment in ("running", "closed"):
        if moment == "closed":
            vault.close()
        files = store_files(database)
        assert any(blob for blob in files.values())
        for name, blob in files.items():
            assert wrapped not in blob, f"{moment}: the wrapped data key is still in {name}"
            keys = data_keys_in(blob, key_file_masters(key_file), person)
            assert keys == [], f"{moment}: {name} holds the person's data key, readable with the key file"
            assert opened(keys, person, sealed) == []
        assert any(blob in b"".join(files.values()) for _, blob in sealed)  # the sealed records are still there


def heap_pages(vault: Container, table: str) -> bytes:
    """The table's pages as PostgreSQL holds them (dead tuples included), or b"" where pageinspect is missing."""
    with vault.engine.connect() as conn:
        try:
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pageinspect"))
            pages = conn.execute(text("SELECT pg_relation_size(:t) / current_setting('block_size')::int"), {"t": table})
            raw = [
                conn.execute(text("SELECT get_raw_page(:t, :n)"), {"t": table, "n": n}).scalar_one()
                for n in range(pages.scalar_one())
            ]
        except DBAPIError:
            return b""
        conn.commit()
    return b"".join(raw)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_postgresql_a_copy_of_the_erased_key_is_unreadable_once_the_rotation_destroyed_its_master_key(
    vault: Container, admin: Actor, key_file: Path, clock: FixedClock
) -> None:
    kept = vault.subjects.acquire_many(customers(20, "残る顧客"), admin)
    person = vault.subjects.acquire(
        AcquisitionIn(subject_kind="customer", values={"name": NAME}, channel="web-order"), admin
    ).person_id
    with vault.uow(read_only=True) as uow:
        wrapped = uow.session.execute(select(DataKey.wrapped).where(DataKey.person_id == person)).scalar_one()
        sealed = [
            (r.item, r.ciphertext)
            for r in uow.session.execute(select(Record).where(Record.person_id == person)).scalars()
        ]
    vault.subjects.erase(person, "REQ-2026-0002", admin)
    with vault.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM data_keys"))
    pages = heap_pages(vault, "data_keys")
    # What the application cannot scrub: a copy taken before the erasure stands for the dead tuple, WAL segments,
    # base backups and replicas; where pageinspect is at hand, the vacuumed pages themselves are searched too.
    assert not pages or wrapped in pages, "VACUUM left the erased key on its page"
    leftovers = wrapped + pages
    assert NAME in opened(data_keys_in(leftovers, key_file_masters(key_file), person), person, sealed)

    clock.advance(dt.timedelta(days=30))
    result = vault.subjects.rotate_if_due(admin, dt.timedelta(days=30))
    assert result.status is RotationStatus.rotated and result.rewrapped == 20
    assert set(json.loads(key_file.read_text())["master_keys"]) == {result.new_key}
    assert data_keys_in(leftovers, key_file_masters(key_file), person) == []

    fresh = bootstrap.build(vault.settings, clock)  # a process that never saw the destroyed key
    try:
        for i, acquired in enumerate(kept):
            assert fresh.usage.read(acquired.person_id, ["name"], "service", admin).values == {"name": f"残る顧客{i}"}
    finally:
        fresh.close()
