"""Two processes on one store: what one changes, the other's decision point learns from the change journal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from hogo import bootstrap
from hogo.bootstrap import Container
from hogo.changes import FactChange
from hogo.clock import FixedClock
from hogo.consent.schemas import ConsentIn, ConsentKind, ConsentMethod
from hogo.errors import Conflict
from hogo.identity.policy import Actor
from hogo.ledger.loader import load_ledger_text
from hogo.settings import Settings
from hogo.subjects.schemas import AcquisitionIn
from hogo.usage.policy import Reason


@pytest.fixture
def other(vault: Container, key_file: Path, clock: FixedClock) -> Iterator[Container]:
    """A second container on the same store, as another worker process would have; it polls on every decision."""
    settings = Settings(database_url=vault.settings.database_url, key_file=key_file, decision_cache_seconds=0)
    built = bootstrap.build(settings, clock)
    try:
        yield built
    finally:
        built.close()


def customer(vault: Container, admin: Actor, email: str = "hanako@example.jp") -> str:
    data = AcquisitionIn(subject_kind="customer", values={"name": "山田 花子", "email": email}, channel="web-order")
    return vault.subjects.acquire(data, admin).person_id


def test_the_other_process_sees_a_suspension_and_a_consent(vault: Container, other: Container, admin: Actor) -> None:
    person = customer(vault, admin)
    assert other.usage.check_use(person, ["name"], "service", admin).allowed  # now cached over there
    suspension = vault.subjects.suspend_use(person, None, "REQ-1", admin)
    assert other.usage.check_use(person, ["name"], "service", admin).reason is Reason.use_suspended
    vault.subjects.lift_suspension(person, suspension.id, admin)
    assert other.usage.check_use(person, ["name"], "service", admin).allowed
    assert other.usage.check_use(person, ["name"], "newsletter", admin).reason is Reason.purpose_not_notified
    vault.consents.give(
        person, ConsentIn(kind=ConsentKind.purpose, target="newsletter", method=ConsentMethod.web_checkbox), admin
    )
    assert other.usage.check_use(person, ["name"], "newsletter", admin).reason is Reason.consented_purpose


def test_the_other_process_sees_an_erasure_and_a_new_ledger(
    vault: Container, other: Container, admin: Actor, vault_yaml: str
) -> None:
    erased, kept = customer(vault, admin), customer(vault, admin, "taro@example.jp")
    for person in (erased, kept):
        assert other.usage.check_use(person, ["email"], "service", admin).allowed
    vault.subjects.erase(erased, "REQ-2", admin)
    assert other.usage.check_use(erased, ["email"], "service", admin).reason is Reason.person_erased
    assert other.usage.check_use(kept, ["email"], "service", admin).allowed
    without_newsletter = vault_yaml.replace("id: newsletter", "id: mail-magazine")
    assert without_newsletter != vault_yaml
    vault.ledger.apply(load_ledger_text(without_newsletter, source="v2.yaml"), actor="test")
    assert other.usage.check_use(kept, ["email"], "newsletter", admin).reason is Reason.unknown_purpose


def test_each_change_is_journalled_in_its_own_transaction(vault: Container, admin: Actor) -> None:
    person = customer(vault, admin)
    again = AcquisitionIn(person_id=person, subject_kind="customer", values={"name": "山田 花子"}, channel="web-order")
    vault.subjects.acquire(again, admin)  # an existing person's facts change; a new person's do not
    vault.subjects.suspend_use(person, None, "REQ-3", admin)
    with vault.uow() as uow:
        rows = uow.session.execute(select(FactChange.person_id).order_by(FactChange.seq)).scalars().all()
    assert rows == [None, person, person]


def test_a_process_that_cached_the_key_cannot_decrypt_after_another_erased_the_person(
    vault: Container, key_file: Path, clock: FixedClock, admin: Actor
) -> None:
    """Even with a decision cache that has not looked at the journal yet (an hour's delay here), the other process
    opens nothing of an erased person: every open re-reads the key row, whatever its key cache holds."""
    slow = bootstrap.build(
        Settings(database_url=vault.settings.database_url, key_file=key_file, decision_cache_seconds=3600), clock
    )
    try:
        person = customer(vault, admin)
        assert slow.usage.read(person, ["name"], "service", admin).values == {"name": "山田 花子"}  # key now cached
        vault.subjects.erase(person, "REQ-4", admin)
        assert slow.usage.check_use(person, ["name"], "service", admin).allowed  # its decision cache is stale...
        with pytest.raises(Conflict, match="erased"):
            slow.usage.read(person, ["name"], "service", admin)  # ...but the value does not open
    finally:
        slow.close()
