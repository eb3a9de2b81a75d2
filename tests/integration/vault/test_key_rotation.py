"""Scheduled master-key rotation (ADR 0013): due by age, idempotent, finished after a crash, and an old master key
destroyed only once no data key is wrapped under it — also a key wrapped by an acquisition under way meanwhile."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hogo import bootstrap
from hogo.adapters.keyring import FileKeyring, VaultLocked
from hogo.bootstrap import Container
from hogo.clock import FixedClock
from hogo.consent.schemas import ConsentIn, ConsentKind, ConsentMethod
from hogo.identity.policy import Actor
from hogo.jobs import key_rotation
from hogo.ledger.compiled import LedgerIndex
from hogo.settings import Settings
from hogo.subjects.acquisition import ConsentRecorder
from hogo.subjects.keys import RotationStatus
from hogo.subjects.models import DataKey
from hogo.subjects.schemas import AcquisitionIn, PersonRef

MAX_AGE = dt.timedelta(days=30)


class Crash(Exception):
    """Stands for the process dying between two batches."""


def customers(vault: Container, admin: Actor, count: int) -> list[str]:
    batch = [
        AcquisitionIn(subject_kind="customer", values={"name": f"顧客{i}"}, channel="web-order") for i in range(count)
    ]
    return [r.person_id for r in vault.subjects.acquire_many(batch, admin)]


def key_file_doc(key_file: Path) -> dict[str, object]:
    doc: dict[str, object] = json.loads(key_file.read_text())
    return doc


def wrapped_under(vault: Container) -> dict[str, int]:
    with vault.uow(read_only=True) as uow:
        rows = uow.session.execute(select(DataKey.master_key_id, func.count()).group_by(DataKey.master_key_id))
        return {key_id: count for key_id, count in rows}


def all_readable(settings_of: Container, clock: FixedClock, admin: Actor, people: list[str]) -> None:
    """Read in a process that never saw the old master key (a fresh container)."""
    fresh = bootstrap.build(settings_of.settings, clock)
    try:
        for person in people:
            assert fresh.usage.read(person, ["name"], "service", admin).values["name"].startswith("顧客")
    finally:
        fresh.close()


def test_rotation_is_due_by_the_active_key_s_age_and_is_idempotent(
    vault: Container, admin: Actor, key_file: Path, clock: FixedClock
) -> None:
    people = customers(vault, admin, 5)
    old = vault.keyring.active_id
    created = vault.keyring.created_at(old)
    assert created is not None

    clock.advance(created + MAX_AGE - clock.now() - dt.timedelta(seconds=1))
    result = vault.subjects.rotate_if_due(admin, MAX_AGE)
    assert (result.status, result.new_key, result.old_keys, result.due_at) == (
        RotationStatus.not_due,
        old,
        [],
        created + MAX_AGE,
    )

    clock.advance(dt.timedelta(seconds=1))
    result = key_rotation.run(vault)  # the scheduler's job: HOGO_MASTER_KEY_MAX_DAYS (30) by default
    assert result.status is RotationStatus.rotated and result.old_keys == [old] and result.rewrapped == 5
    assert result.due_at == clock.now() + MAX_AGE
    assert list(key_file_doc(key_file)["master_keys"]) == [result.new_key]
    assert key_file_doc(key_file)["created"] == {result.new_key: clock.now().isoformat()}
    assert wrapped_under(vault) == {result.new_key: 5}
    again = vault.subjects.rotate_if_due(admin, MAX_AGE)
    assert (again.status, again.new_key, again.rewrapped) == (RotationStatus.not_due, result.new_key, 0)
    all_readable(vault, clock, admin, people)
    event = vault.audit.events(action_prefix="keys.rotated")[0]
    assert (event.actor, event.data) == (
        key_rotation.JOB_ACTOR,
        {"destroyed": [old], "rewrapped": 5, "resumed": False},
    )


def test_a_destroyed_master_key_is_overwritten_in_the_file_it_was_in(
    vault: Container, admin: Actor, key_file: Path
) -> None:
    old = vault.keyring.active_id
    old_key = str(key_file_doc(key_file)["master_keys"][old])  # type: ignore[index]
    with key_file.open("rb") as before:  # a handle on the file as it was: what a freed block would still hold
        result = vault.subjects.rotate_keys(admin)
        left = before.read()
    assert result.old_keys == [old] and left and left == bytes(len(left))
    assert old_key not in key_file.read_text() and old not in key_file.read_text()


def test_a_key_file_without_creation_times_is_due_at_once(vault: Container, admin: Actor, key_file: Path) -> None:
    doc = key_file_doc(key_file)
    del doc["created"]  # a key file written before keys had creation times
    key_file.write_text(json.dumps(doc))
    assert vault.subjects.key_status(MAX_AGE).due_at is None
    assert vault.subjects.rotate_if_due(admin, MAX_AGE).status is RotationStatus.rotated


def test_a_rotation_interrupted_midway_is_finished_by_the_next_run_which_only_then_destroys_the_old_key(
    vault: Container, admin: Actor, key_file: Path, clock: FixedClock
) -> None:
    people = customers(vault, admin, 7)
    old = vault.keyring.active_id
    clock.advance(MAX_AGE)

    def die(done: int, total: int) -> None:
        raise Crash(f"killed after {done} of {total}")

    with pytest.raises(Crash):
        vault.subjects.rotate_if_due(admin, MAX_AGE, batch=3, progress=die)
    new = str(key_file_doc(key_file)["active"])
    assert new != old and set(key_file_doc(key_file)["master_keys"]) == {old, new}  # old kept: 4 keys still need it
    assert wrapped_under(vault) == {new: 3, old: 4}
    all_readable(vault, clock, admin, people)
    assert vault.audit.events(action_prefix="keys.rotated") == []

    later = customers(vault, admin, 1)  # acquired while the rotation is unfinished: wrapped under the new key
    assert wrapped_under(vault) == {new: 4, old: 4}

    clock.advance(dt.timedelta(hours=1))
    result = vault.subjects.rotate_if_due(admin, MAX_AGE, batch=3)
    assert (result.status, result.new_key, result.old_keys, result.rewrapped) == (RotationStatus.resumed, new, [old], 4)
    assert result.due_at == clock.now() - dt.timedelta(hours=1) + MAX_AGE  # the new key's age counts from its creation
    assert list(key_file_doc(key_file)["master_keys"]) == [new]
    assert wrapped_under(vault) == {new: 8}
    all_readable(vault, clock, admin, people + later)
    assert vault.audit.events(action_prefix="keys.rotated")[0].data == {
        "destroyed": [old],
        "rewrapped": 4,
        "resumed": True,
    }
    assert vault.subjects.rotate_if_due(admin, MAX_AGE).status is RotationStatus.not_due


KILLED_ROTATION = """
import os, signal, sys
from hogo import bootstrap
from hogo.identity.policy import system_actor

c = bootstrap.build()
def die(done, total):
    os.kill(os.getpid(), signal.SIGKILL)  # no cleanup, no finally: the key file's lock dies with the process
c.subjects.rotate_keys(system_actor("cron"), batch=2, progress=die)
"""


def test_a_rotating_process_killed_midway_is_finished_by_rotate_if_due(
    vault: Container, admin: Actor, key_file: Path, clock: FixedClock
) -> None:
    people = customers(vault, admin, 5)
    old = vault.keyring.active_id
    env = {**os.environ, "HOGO_DATABASE_URL": vault.settings.database_url, "HOGO_KEY_FILE": str(key_file)}
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_ROTATION], check=False, env=env, capture_output=True, timeout=120
    )
    assert killed.returncode == -9, killed.stderr.decode()
    new = str(key_file_doc(key_file)["active"])
    assert wrapped_under(vault) == {new: 2, old: 3}

    result = vault.subjects.rotate_if_due(admin, MAX_AGE)  # the new key is young: only the unfinished part
    assert (result.status, result.new_key, result.old_keys, result.rewrapped) == (RotationStatus.resumed, new, [old], 3)
    assert list(key_file_doc(key_file)["master_keys"]) == [new]
    all_readable(vault, clock, admin, people)


def test_a_rotation_under_way_in_another_process_is_left_to_it(vault: Container, admin: Actor, key_file: Path) -> None:
    before = key_file.read_text()
    with vault.keyring.rotation_lock() as held:
        assert held
        result = vault.subjects.rotate_if_due(admin, dt.timedelta(seconds=0))
    assert (result.status, result.rewrapped, result.old_keys) == (RotationStatus.busy, 0, [])
    assert key_file.read_text() == before


def test_a_person_acquired_between_two_batches_gets_the_new_key(
    vault: Container, admin: Actor, key_file: Path, clock: FixedClock
) -> None:
    people = customers(vault, admin, 6)
    clock.advance(MAX_AGE)
    during: list[str] = []
    result = vault.subjects.rotate_if_due(
        admin, MAX_AGE, batch=2, progress=lambda done, total: during.extend(customers(vault, admin, 1))
    )
    assert len(during) == 3 and result.rewrapped == 6  # none of those acquired meanwhile needed rewrapping
    with vault.uow(read_only=True) as uow:
        keys = uow.session.execute(select(DataKey.master_key_id).where(DataKey.person_id.in_(during))).scalars()
        assert set(keys) == {result.new_key}
    all_readable(vault, clock, admin, people + during)


class PausedConsents:
    """Holds an acquisition inside its transaction, after the person's data key was wrapped and written, until told
    to go on: an acquisition under way in another process when the rotation starts."""

    def __init__(self, inner: ConsentRecorder) -> None:
        self._inner = inner
        self.wrapped = threading.Event()
        self.go = threading.Event()

    def add_many(
        self, session: Session, given: Sequence[tuple[PersonRef, ConsentIn]], index: LedgerIndex, actor: Actor
    ) -> Sequence[object]:
        self.wrapped.set()
        assert self.go.wait(30)
        time.sleep(0.3)  # the rotation would be over by now, were it not waiting for this transaction
        return self._inner.add_many(session, given, index, actor)  # type: ignore[return-value]

    def acquisition_consents(self, session: Session, person_id: str) -> set[tuple[str, str]]:
        return self._inner.acquisition_consents(session, person_id)


def test_a_data_key_wrapped_under_the_old_key_by_an_acquisition_under_way_is_rewrapped_before_the_key_is_destroyed(
    vault: Container, admin: Actor, key_file: Path, clock: FixedClock
) -> None:
    customers(vault, admin, 3)
    old = vault.keyring.active_id
    other = bootstrap.build(vault.settings, clock)  # another process, with its own keyring
    paused = PausedConsents(other.consents)
    other.subjects.consents = paused
    acquired: list[str] = []
    employee = AcquisitionIn(
        subject_kind="employee",
        values={"name": "途中 入社", "health-check": "異常なし"},
        channel="hr-system",
        purposes=["health-management"],
        consents=[ConsentIn(kind=ConsentKind.special_care, target="health-check", method=ConsentMethod.paper_form)],
    )
    acquiring = threading.Thread(target=lambda: acquired.append(other.subjects.acquire(employee, admin).person_id))
    try:
        acquiring.start()
        assert paused.wrapped.wait(30)  # its data key is wrapped under the old master key, not yet committed
        clock.advance(MAX_AGE)
        rotating = threading.Thread(target=lambda: results.append(vault.subjects.rotate_if_due(admin, MAX_AGE)))
        results: list[object] = []
        rotating.start()
        for _ in range(300):  # the rotation has made its new key active
            if len(key_file_doc(key_file)["master_keys"]) == 2:  # type: ignore[arg-type]
                break
            time.sleep(0.01)
        paused.go.set()
        acquiring.join(30)
        rotating.join(30)
    finally:
        paused.go.set()
        other.close()
    assert acquired and results
    new = vault.keyring.active_id
    assert list(key_file_doc(key_file)["master_keys"]) == [new] and new != old
    assert wrapped_under(vault) == {new: 4}
    assert vault.usage.read(acquired[0], ["name"], "health-management", admin).values == {"name": "途中 入社"}


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_erasure_journal_outlives_rotations_and_a_backup_older_than_a_rotation_opens_for_nobody(
    vault: Container, admin: Actor, key_file: Path, clock: FixedClock, database_url: str
) -> None:
    database = Path(database_url.removeprefix("sqlite:///"))
    erased, kept = customers(vault, admin, 2)
    vault.close()
    shutil.copy(database, database.with_name("before-rotation.db"))

    def live() -> Container:
        return bootstrap.build(vault.settings, clock)

    clock.advance(MAX_AGE)
    rotating = live()
    assert rotating.subjects.rotate_if_due(admin, MAX_AGE).status is RotationStatus.rotated
    rotating.close()
    shutil.copy(database, database.with_name("after-rotation.db"))
    erasing = live()
    erasing.subjects.erase(erased, "REQ-1", admin)
    erasing.close()
    assert FileKeyring(key_file).erasures() == [erased]

    shutil.copy(database.with_name("after-rotation.db"), database)
    restored = live()
    try:
        assert restored.subjects.reapply_erasures(admin) == 1
        assert restored.usage.check_use(erased, ["name"], "service", admin).allowed is False
        assert restored.usage.read(kept, ["name"], "service", admin).values == {"name": "顧客1"}
    finally:
        restored.close()

    shutil.copy(database.with_name("before-rotation.db"), database)  # its data keys are under a destroyed key
    restored = live()
    try:
        status = restored.subjects.key_status(MAX_AGE)
        assert status.active not in status.wrapped and status.in_file == [status.active]
        with pytest.raises(VaultLocked):
            restored.usage.read(kept, ["name"], "service", admin)
    finally:
        restored.close()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_master_key_from_the_environment_cannot_meet_the_bound_and_says_so(
    database_url: str, clock: FixedClock, admin: Actor
) -> None:
    settings = Settings(database_url=database_url, master_key=base64.b64encode(bytes(range(32))).decode())
    static = bootstrap.build(settings, clock)
    try:
        with pytest.raises(VaultLocked, match="cannot be rotated"):
            key_rotation.run(static)
    finally:
        static.close()


def test_a_key_file_is_created_at_the_time_given_and_never_at_a_naive_one(tmp_path: Path) -> None:
    at = dt.datetime(2026, 11, 20, 1, 0, tzinfo=dt.UTC)
    ring = FileKeyring.create(tmp_path / "keys.json", at)
    assert ring.created_at(ring.active_id) == at
    with pytest.raises(ValueError, match="timezone-aware"):
        FileKeyring.create(tmp_path / "other.json", dt.datetime(2026, 11, 20, 10, 0))  # noqa: DTZ001 (the naive time refused)
    assert not (tmp_path / "other.json").exists()
