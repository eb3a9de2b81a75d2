"""Encryption at rest: no plaintext in the database or the logs; erasure by key deletion, backups included."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from hogo import bootstrap
from hogo.bootstrap import Container
from hogo.clock import FixedClock
from hogo.errors import Conflict
from hogo.identity.policy import Actor
from hogo.settings import Settings
from hogo.subjects.models import DataKey
from hogo.subjects.schemas import AcquisitionIn
from hogo.usage.policy import Reason

SECRETS = {"name": "鬼塚 詩織", "email": "shiori.onizuka.7731@example.org", "phone": "080-7731-2468"}
WRITTEN = ["鬼塚 詩織", "shiori.onizuka.7731", "7731-2468", "80773124", "M-7731-ZZ"]


def acquire(container: Container, admin: Actor) -> str:
    data = AcquisitionIn.model_validate(
        {
            "subject_kind": "customer",
            "identifiers": [{"kind": "email", "value": SECRETS["email"]}, {"kind": "member_id", "value": "M-7731-ZZ"}],
            "values": SECRETS,
            "channel": "web-order",
        }
    )
    return container.subjects.acquire(data, admin).person_id


def database_text(container: Container, database_url: str) -> bytes:
    """Everything the store holds, as raw bytes: the SQLite files, or every PostgreSQL row as text."""
    container.engine.dispose()
    if database_url.startswith("sqlite"):
        path = Path(database_url.removeprefix("sqlite:///"))
        return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    with container.engine.connect() as conn:
        tables = conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars().all()
        return "\n".join(
            str(row) for table in tables for row in conn.execute(text(f'SELECT t::text FROM "{table}" t')).scalars()
        ).encode()


@pytest.fixture
def all_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    caplog.set_level(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)
    yield caplog
    logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)


def test_no_plaintext_value_reaches_the_database_or_the_logs(
    vault: Container, admin: Actor, database_url: str, all_logs: pytest.LogCaptureFixture
) -> None:
    person = acquire(vault, admin)
    result = vault.usage.read(person, ["name", "email", "phone"], "service", admin)
    assert result.values["name"] == SECRETS["name"]
    assert result.values["email"] == SECRETS["email"]
    vault.usage.flush()
    stored = database_text(vault, database_url)
    logs = all_logs.text
    assert "INSERT INTO records" in logs  # the SQL was logged, with its parameters
    for value in WRITTEN:
        assert value.encode() not in stored, value
        assert value.encode("utf-16-le") not in stored, value
        assert value not in logs, value


def test_a_value_moved_to_another_person_does_not_open(vault: Container, admin: Actor) -> None:
    first = acquire(vault, admin)
    second = vault.subjects.acquire(
        AcquisitionIn(subject_kind="customer", values={"name": "別人"}, channel="web-order"), admin
    ).person_id
    with vault.uow() as uow:
        uow.session.execute(
            text(
                "UPDATE records SET ciphertext = "
                "(SELECT ciphertext FROM records WHERE person_id = :a AND item = 'name') "
                "WHERE person_id = :b AND item = 'name'"
            ),
            {"a": first, "b": second},
        )
        uow.commit()
    from hogo.subjects.crypto import CryptoError

    with pytest.raises(CryptoError):
        vault.usage.read(second, ["name"], "service", admin)


def test_erasure_destroys_the_data_key_and_the_values_with_it(vault: Container, admin: Actor) -> None:
    person = acquire(vault, admin)
    vault.subjects.erase(person, "REQ-2026-0001", admin)
    with vault.uow() as uow:
        assert uow.session.get(DataKey, person) is None
    decision = vault.usage.check_use(person, ["name"], "service", admin)
    assert (decision.allowed, decision.reason) == (False, Reason.person_erased)
    with pytest.raises(Conflict), vault.uow() as uow:
        vault.subjects.open_values(uow.session, person, ["name"], admin)
    erased = vault.audit.events(action_prefix="person.erased")[0].data
    assert erased == {"method": "crypto_shred", "reference": erased["reference"]}
    assert vault.notes.read(erased["reference"], admin) == "REQ-2026-0001"  # the erasure's own reference stays
    assert person in vault.keyring.erasures()


def test_a_restored_backup_loses_the_erased_person_again(
    tmp_path: Path, clock: FixedClock, key_file: Path, vault_yaml: str, admin: Actor
) -> None:
    from hogo.db import migrate
    from hogo.ledger.loader import load_ledger_text

    db = tmp_path / "live.db"
    settings = Settings(database_url=f"sqlite:///{db}", key_file=key_file)
    live = bootstrap.build(settings, clock)
    migrate.upgrade(live.engine)
    live.ledger.apply(load_ledger_text(vault_yaml, source="vault.yaml"), actor="test")
    erased, kept = (
        acquire(live, admin),
        live.subjects.acquire(
            AcquisitionIn(subject_kind="customer", values={"name": "残る人"}, channel="web-order"), admin
        ).person_id,
    )
    live.close()
    shutil.copy(db, tmp_path / "backup.db")  # last night's backup

    live = bootstrap.build(settings, clock)
    live.subjects.erase(erased, "REQ-1", admin)
    live.close()
    shutil.copy(tmp_path / "backup.db", db)  # the backup is restored after the erasure

    restored = bootstrap.build(settings, clock)
    try:
        assert restored.usage.read(erased, ["name"], "service", admin).values  # the backup brought the key back
        assert restored.subjects.reapply_erasures(admin) == 1
        restored.usage.invalidate(erased)
        assert restored.usage.check_use(erased, ["name"], "service", admin).reason is Reason.person_erased
        assert restored.usage.read(kept, ["name"], "service", admin).values == {"name": "残る人"}
        assert restored.subjects.reapply_erasures(admin) == 0
    finally:
        restored.close()


def test_rotation_rewraps_every_data_key_and_retires_the_old_master(
    vault: Container, admin: Actor, key_file: Path
) -> None:
    people = [
        vault.subjects.acquire(
            AcquisitionIn(subject_kind="customer", values={"name": f"顧客{i}"}, channel="web-order"), admin
        ).person_id
        for i in range(5)
    ]
    old = json.loads(key_file.read_text())["active"]
    result = vault.subjects.rotate_keys(admin, batch=2)
    assert result.rewrapped == 5 and result.old_keys == [old]
    doc = json.loads(key_file.read_text())
    assert list(doc["master_keys"]) == [result.new_key] and doc["active"] == result.new_key
    with vault.uow() as uow:
        assert set(uow.session.execute(select(DataKey.master_key_id)).scalars()) == {result.new_key}
    fresh = bootstrap.build(vault.settings, vault.clock)  # a process that never saw the old key
    try:
        for i, person in enumerate(people):
            assert fresh.usage.read(person, ["name"], "service", admin).values == {"name": f"顧客{i}"}
    finally:
        fresh.close()
    assert vault.audit.events(action_prefix="keys.rotated")[0].data["rewrapped"] == 5
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
