"""The decision memo (ADR 0028): a repeated question is answered from memory, and never after what it depended on
changed — a consent, a suspension, an erasure, the ledger, the asker's clearance, or a retention period running out."""

from __future__ import annotations

import datetime as dt

from test_usage import customer

from hogo.bootstrap import Container
from hogo.clock import FixedClock
from hogo.consent.schemas import ConsentIn, ConsentKind, ConsentMethod
from hogo.identity.policy import Actor, Role
from hogo.ledger.loader import load_ledger_text
from hogo.subjects.schemas import AcquisitionIn
from hogo.usage.policy import Reason, StatutoryException


def test_a_withdrawn_consent_flips_the_very_next_decision(vault: Container, admin: Actor) -> None:
    person = customer(vault, admin)
    consent = vault.consents.give(
        person, ConsentIn(kind=ConsentKind.purpose, target="newsletter", method=ConsentMethod.web_checkbox), admin
    )
    reasons = [vault.usage.check_use(person, ("name",), "newsletter", admin).reason for _ in range(3)]
    vault.consents.withdraw(consent.id, ConsentMethod.web_checkbox, admin)
    reasons.append(vault.usage.check_use(person, ["name"], "newsletter", admin).reason)
    assert reasons == [Reason.consented_purpose] * 3 + [Reason.consent_withdrawn]


def test_a_suspension_and_an_erasure_flip_the_very_next_decision(vault: Container, admin: Actor) -> None:
    person = customer(vault, admin)
    use = lambda exception=None: vault.usage.check_use(person, ["email"], "service", admin, exception)  # noqa: E731
    assert use().allowed and use().allowed
    vault.subjects.suspend_use(person, ["service"], "REQ-1", admin)
    assert use().reason is Reason.use_suspended
    assert use(StatutoryException.law).reason is Reason.statutory_exception  # another question, its own answer
    vault.subjects.erase(person, "REQ-2", admin)
    assert (use().reason, use(StatutoryException.law).reason) == (Reason.person_erased, Reason.person_erased)


def test_a_new_ledger_flips_the_very_next_decision(vault: Container, admin: Actor, vault_yaml: str) -> None:
    person = customer(vault, admin)
    assert vault.usage.check_use(person, ["email"], "newsletter", admin).reason is Reason.purpose_not_notified
    assert vault.usage.check_use(person, ["email"], "newsletter", admin).reason is Reason.purpose_not_notified
    renamed = vault_yaml.replace("id: newsletter", "id: mail-magazine")
    vault.ledger.apply(load_ledger_text(renamed, source="v2.yaml"), actor="test")
    assert vault.usage.check_use(person, ["email"], "newsletter", admin).reason is Reason.unknown_purpose


def test_the_askers_clearance_is_part_of_the_question(vault: Container, admin: Actor) -> None:
    person = customer(vault, admin)
    app = Actor("api-key:kcrm", Role.application, frozenset({"identity"}))
    asked = [
        (vault.usage.check_use(person, ["name", "email"], "service", who).reason, who.id)
        for who in (admin, app, admin, app)
    ]
    assert asked == [
        (Reason.notified_purpose, admin.id),
        (Reason.role_not_cleared, app.id),
        (Reason.notified_purpose, admin.id),
        (Reason.role_not_cleared, app.id),
    ]


def test_a_remembered_allowance_ends_with_the_retention_period(
    vault: Container, admin: Actor, clock: FixedClock
) -> None:
    data = AcquisitionIn(subject_kind="applicant", values={"name": "応募 太郎"}, channel="recruit-form")
    person = vault.subjects.acquire(data, admin).person_id
    assert vault.usage.check_use(person, ["name"], "hiring", admin).allowed  # remembered until the period ends
    clock.advance(dt.timedelta(days=30) - dt.timedelta(seconds=1))  # 30 days from acquisition (vault.yaml)
    assert vault.usage.check_use(person, ["name"], "hiring", admin).allowed
    clock.advance(dt.timedelta(seconds=1))
    assert vault.usage.check_use(person, ["name"], "hiring", admin).reason is Reason.retention_expired


def test_remembered_decisions_are_audited_like_any_other(vault: Container, admin: Actor) -> None:
    person = customer(vault, admin)
    for _ in range(4):
        vault.usage.check_use(person, ["name"], "service", admin)
    vault.usage.check_use(person, ["name"], "newsletter", admin)
    assert vault.usage.flush() == 5
    [batch] = vault.audit.events(action_prefix="usage.decided")
    assert [(d[2], d[3], d[5]) for d in batch.data["decisions"]] == [(person, "service", "notified-purpose")] * 4 + [
        (person, "newsletter", "purpose-not-notified")
    ]
