"""The decision point on a real store: consents, withdrawal, suspension, categories, and the audit trail."""

from __future__ import annotations

from pathlib import Path

import pytest

from hogo import bootstrap
from hogo.bootstrap import Container
from hogo.clock import FixedClock
from hogo.consent.schemas import ConsentIn, ConsentKind, ConsentMethod
from hogo.errors import Conflict, Forbidden, InvalidInput
from hogo.identity.policy import Actor, Role
from hogo.settings import Settings
from hogo.subjects.schemas import AcquisitionIn
from hogo.usage.policy import Reason, StatutoryException


def customer(vault: Container, admin: Actor) -> str:
    data = AcquisitionIn(
        subject_kind="customer", values={"name": "山田 花子", "email": "hanako@example.jp"}, channel="web-order"
    )
    return vault.subjects.acquire(data, admin).person_id


def test_consent_allows_a_new_purpose_until_it_is_withdrawn(vault: Container, admin: Actor) -> None:
    person = customer(vault, admin)
    use = lambda: vault.usage.check_use(person, ["name", "email"], "newsletter", admin)  # noqa: E731
    assert use().reason is Reason.purpose_not_notified and not use().allowed
    consent = vault.consents.give(
        person, ConsentIn(kind=ConsentKind.purpose, target="newsletter", method=ConsentMethod.web_checkbox), admin
    )
    assert use().allowed and use().reason is Reason.consented_purpose
    vault.consents.withdraw(consent.id, ConsentMethod.web_checkbox, admin)
    decision = use()
    assert (decision.allowed, decision.reason, decision.article) == (False, Reason.consent_withdrawn, "Art. 18(1)")
    with pytest.raises(Conflict):
        vault.consents.withdraw(consent.id, ConsentMethod.oral, admin)


def test_suspension_denies_use_until_lifted(vault: Container, admin: Actor) -> None:
    person = customer(vault, admin)
    assert vault.usage.check_use(person, ["name"], "service", admin).allowed
    suspension = vault.subjects.suspend_use(person, None, "REQ-2026-0042", admin)
    decision = vault.usage.check_use(person, ["name"], "service", admin)
    assert (decision.reason, decision.article) == (Reason.use_suspended, "Art. 35")
    law = vault.usage.check_use(person, ["name"], "service", admin, StatutoryException.law)
    assert law.allowed and law.article == "Art. 18(3)(1)"
    vault.subjects.lift_suspension(person, suspension.id, admin)
    assert vault.usage.check_use(person, ["name"], "service", admin).allowed


def test_a_key_without_the_category_never_sees_the_values(vault: Container, admin: Actor) -> None:
    person = customer(vault, admin)
    app = Actor("api-key:kcrm", Role.application, frozenset({"identity"}))
    assert vault.usage.read(person, ["name"], "service", app).values == {"name": "山田 花子"}
    denied = vault.usage.read(person, ["name", "email"], "service", app)
    assert (denied.decision.reason, denied.decision.item, denied.values) == (Reason.role_not_cleared, "email", {})
    auditor = Actor("auditor", Role.auditor)
    with pytest.raises(Forbidden):
        vault.usage.check_use(person, ["name"], "service", auditor)
    with pytest.raises(InvalidInput):
        vault.usage.check_use(person, [], "service", admin)


def test_every_decision_and_every_read_is_in_the_verified_audit_trail(vault: Container, admin: Actor) -> None:
    person = customer(vault, admin)
    vault.usage.check_use(person, ["name"], "service", admin)
    vault.usage.check_use(person, ["email"], "newsletter", admin)
    vault.usage.read(person, ["email"], "service", admin)
    assert vault.usage.flush() == 3
    batch = vault.audit.events(action_prefix="usage.decided")[0]
    decisions = batch.data["decisions"]
    assert [(d[2], d[3], d[4], d[5]) for d in decisions] == [
        (person, "service", ["name"], "notified-purpose"),
        (person, "newsletter", ["email"], "purpose-not-notified"),
        (person, "service", ["email"], "notified-purpose"),
    ]
    read = vault.audit.events(action_prefix="records.read")[0]
    assert (read.entity_id, read.data["items"], read.data["purpose"]) == (person, ["email"], "service")
    assert "hanako" not in str(batch.data) + str(read.data)
    assert vault.audit.verify().ok


def test_decisions_are_flushed_when_the_batch_is_full(vault: Container, admin: Actor) -> None:
    person = customer(vault, admin)
    vault.usage._batch = 5  # a small batch for the test
    for _ in range(12):
        vault.usage.check_use(person, ["name"], "service", admin)
    assert sum(len(e.data["decisions"]) for e in vault.audit.events(action_prefix="usage.decided")) == 10
    vault.close()
    assert sum(len(e.data["decisions"]) for e in vault.audit.events(action_prefix="usage.decided")) == 12


def test_retention_expiry_denies_use(vault: Container, admin: Actor) -> None:
    import datetime as dt

    person = vault.subjects.acquire(
        AcquisitionIn(subject_kind="applicant", values={"name": "応募 太郎"}, channel="recruit-form"), admin
    ).person_id
    assert vault.usage.check_use(person, ["name"], "hiring", admin).allowed
    vault.clock.advance(dt.timedelta(days=31))  # type: ignore[attr-defined]
    decision = vault.usage.check_use(person, ["name"], "hiring", admin)
    assert (decision.reason, decision.article) == (Reason.retention_expired, "Art. 22")


def test_decisions_survive_a_failed_audit_write(vault: Container, admin: Actor) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    person = customer(vault, admin)
    vault.usage.check_use(person, ["name"], "service", admin)
    with vault.engine.begin() as conn:
        conn.execute(text("ALTER TABLE audit_events RENAME TO audit_events_away"))
    with pytest.raises(DBAPIError):
        vault.usage.flush()
    with vault.engine.begin() as conn:
        conn.execute(text("ALTER TABLE audit_events_away RENAME TO audit_events"))
    vault.usage.check_use(person, ["email"], "service", admin)
    assert vault.usage.flush() == 2
    decisions = vault.audit.events(action_prefix="usage.decided")[0].data["decisions"]
    assert [d[4] for d in decisions] == [["name"], ["email"]]


def test_waiting_decisions_reach_the_audit_trail_without_a_flush(
    vault: Container, admin: Actor, key_file: Path, clock: FixedClock
) -> None:
    import time

    settings = Settings(database_url=vault.settings.database_url, key_file=key_file, decision_flush_seconds=0.05)
    worker = bootstrap.build(settings, clock)  # as a server process runs: its writer thread every 0.05 s
    try:
        person = customer(vault, admin)
        worker.usage.check_use(person, ["name"], "service", admin)
        deadline = time.monotonic() + 10
        while not vault.audit.events(action_prefix="usage.decided") and time.monotonic() < deadline:
            time.sleep(0.05)
        [batch] = vault.audit.events(action_prefix="usage.decided")
    finally:
        worker.close()
    assert [d[2] for d in batch.data["decisions"]] == [person]
    assert batch.data["fields"][0] == "at_us"
