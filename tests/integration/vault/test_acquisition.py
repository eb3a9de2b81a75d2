"""Acquisition on a real store: provenance, lookups by keyed hash, and rejections that store nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import func, select

from hogo.bootstrap import Container
from hogo.consent.schemas import ConsentIn, ConsentKind, ConsentMethod
from hogo.errors import Conflict, InvalidInput
from hogo.identity.policy import Actor
from hogo.subjects.models import Person, PersonIdentifier, Record
from hogo.subjects.schemas import AcquisitionIn
from hogo.subjects.values import my_number_check_digit

MY_NUMBER = "12345678901" + str(my_number_check_digit("12345678901"))


def customer(**overrides: Any) -> AcquisitionIn:
    data: dict[str, Any] = {
        "subject_kind": "customer",
        "identifiers": [{"kind": "email", "value": "Hanako.Sato@Example.jp"}, {"kind": "member_id", "value": "M-0001"}],
        "values": {"name": "佐藤 花子", "email": "Hanako.Sato@Example.jp", "phone": "090-1234-5678"},
        "channel": "web-order",
    }
    data.update(overrides)
    return AcquisitionIn.model_validate(data)


def counts(container: Container) -> tuple[int, int, int, int]:
    with container.uow() as uow:
        s = uow.session
        return (
            s.execute(select(func.count()).select_from(Person)).scalar_one(),
            s.execute(select(func.count()).select_from(Record)).scalar_one(),
            s.execute(select(func.count()).select_from(PersonIdentifier)).scalar_one(),
            len(container.audit.events(limit=10_000)),
        )


def test_acquisition_records_provenance_and_finds_the_person_by_identifier(vault: Container, admin: Actor) -> None:
    result = vault.subjects.acquire(customer(), admin)
    assert result.created
    assert {r.item for r in result.records} == {"name", "email", "phone"}
    for record in result.records:
        assert record.channel == "web-order"
        assert record.ledger_version == 1
        assert record.purposes == ["service"]
        assert record.retention_rule == ("customer-data" if record.item in {"name", "email"} else None)
        assert record.retention_until is None  # starts at last use, not yet running
        assert record.acquired_at == vault.clock.now()
    assert vault.subjects.find("email", "hanako.sato@example.jp", admin) == result.person_id
    assert vault.subjects.find("member_id", "M-0001", admin) == result.person_id
    event = vault.audit.events(action_prefix="person.created")[0]
    assert event.entity_id == result.person_id
    assert event.data["items"] == ["email", "name", "phone"]
    assert event.data["identifiers"] == ["email", "member_id"]
    assert "佐藤" not in str(event.data) and "example.jp" not in str(event.data).lower()


def test_a_second_acquisition_supersedes_the_item_and_keeps_the_person(vault: Container, admin: Actor) -> None:
    first = vault.subjects.acquire(customer(), admin)
    second = vault.subjects.acquire(
        customer(identifiers=[{"kind": "member_id", "value": "M-0001"}], values={"phone": "03-1234-5678"}), admin
    )
    assert second.person_id == first.person_id and not second.created
    phones = [r for r in vault.subjects.person(first.person_id, admin).records if r.item == "phone"]
    assert len(phones) == 2
    assert phones[0].superseded_at is not None and phones[1].superseded_at is None
    assert vault.audit.events(action_prefix="records.acquired")[0].data["items"] == ["phone"]


def test_applicant_items_get_the_retention_deadline_of_the_ledger(vault: Container, admin: Actor) -> None:
    result = vault.subjects.acquire(
        AcquisitionIn(
            subject_kind="applicant", values={"name": "鈴木 一郎", "entry-sheet": "ES-2026-001"}, channel="recruit-form"
        ),
        admin,
    )
    for record in result.records:
        assert record.retention_rule == "applicant-data"
        assert record.retention_until is not None
        assert (record.retention_until - vault.clock.now()).days == 30


def test_special_care_item_is_stored_with_the_consent_given_with_it(vault: Container, admin: Actor) -> None:
    result = vault.subjects.acquire(
        AcquisitionIn(
            subject_kind="employee",
            values={"health-check": "再検査不要"},
            channel="hr-system",
            purposes=["health-management"],
            consents=[ConsentIn(kind=ConsentKind.special_care, target="health-check", method=ConsentMethod.paper_form)],
        ),
        admin,
    )
    assert len(result.consents) == 1
    assert result.records[0].consents == result.consents
    consents = vault.consents.consents(result.person_id, admin)
    assert [(c.kind, c.target, c.article) for c in consents] == [
        (ConsentKind.special_care, "health-check", "Art. 20(2)")
    ]


REJECTIONS = [
    ("unknown-item", {"values": {"blood-type": "AB-rh-minus"}}),
    ("unknown-subject-kind", {"subject_kind": "visitor"}),
    ("unknown-channel", {"channel": "fax-order"}),
    ("purpose-not-for-subject-kind", {"purposes": ["payroll"]}),
    ("item-not-on-channel", {"values": {"entry-sheet": "ES-1"}}),
    ("invalid-email", {"values": {"email": "hanako.sato@@example"}}),
    ("invalid-phone", {"values": {"phone": "12-34"}}),
    ("invalid-postal-code", {"values": {"postal-code": "100-00"}}),
    (
        "special-care-without-consent",
        {
            "subject_kind": "employee",
            "channel": "hr-system",
            "purposes": ["health-management"],
            "values": {"health-check": "要精密検査"},
        },
    ),
    (
        "my-number-outside-statutory-task",
        {
            "subject_kind": "employee",
            "channel": "hr-system",
            "purposes": ["health-management"],
            "values": {"my-number": MY_NUMBER},
        },
    ),
    (
        "my-number-check-digit",
        {
            "subject_kind": "employee",
            "channel": "hr-system",
            "purposes": ["payroll"],
            "values": {"my-number": MY_NUMBER[:-1] + str((int(MY_NUMBER[-1]) + 1) % 10)},
        },
    ),
]


@pytest.mark.parametrize(("code", "overrides"), REJECTIONS, ids=[r[0] for r in REJECTIONS])
def test_rejected_acquisition_stores_nothing_and_names_the_problem(
    vault: Container, admin: Actor, code: str, overrides: dict[str, Any]
) -> None:
    before = counts(vault)
    with pytest.raises(InvalidInput) as caught:
        vault.subjects.acquire(customer(**overrides), admin)
    problems = caught.value.details["problems"]
    assert code in {p["code"] for p in problems}
    assert counts(vault) == before
    text = caught.value.message + str(caught.value.details)
    for value in [*customer(**overrides).values.values(), "Hanako.Sato@Example.jp", "M-0001"]:
        assert str(value) not in text


def test_my_number_is_accepted_for_payroll(vault: Container, admin: Actor) -> None:
    result = vault.subjects.acquire(
        AcquisitionIn(
            subject_kind="employee", values={"my-number": MY_NUMBER}, channel="hr-system", purposes=["payroll"]
        ),
        admin,
    )
    assert [r.purposes for r in result.records] == [["payroll"]]


def test_identifiers_of_two_people_conflict(vault: Container, admin: Actor) -> None:
    vault.subjects.acquire(customer(), admin)
    vault.subjects.acquire(
        customer(identifiers=[{"kind": "email", "value": "taro@example.jp"}], values={"name": "太郎"}), admin
    )
    before = counts(vault)
    with pytest.raises(Conflict):
        vault.subjects.acquire(
            customer(
                identifiers=[{"kind": "email", "value": "taro@example.jp"}, {"kind": "member_id", "value": "M-0001"}],
                values={"name": "x"},
            ),
            admin,
        )
    assert counts(vault) == before


def test_a_batch_is_stored_whole_or_not_at_all(vault: Container, admin: Actor) -> None:
    good = customer()
    bad = customer(identifiers=[{"kind": "email", "value": "b@example.jp"}], values={"email": "not-an-email"})
    before = counts(vault)
    with pytest.raises(InvalidInput) as caught:
        vault.subjects.acquire_many([good, bad], admin)
    assert caught.value.details["position"] == 1
    assert counts(vault) == before
    results = vault.subjects.acquire_many(
        [good, customer(identifiers=[{"kind": "email", "value": "b@example.jp"}])], admin
    )
    assert [r.created for r in results] == [True, True]
    assert counts(vault)[0] == 2


def test_the_same_person_twice_in_one_batch_keeps_one_current_value(vault: Container, admin: Actor) -> None:
    results = vault.subjects.acquire_many([customer(), customer(values={"phone": "03-0000-1111"})], admin)
    assert results[0].person_id == results[1].person_id
    current = [r for r in vault.subjects.person(results[0].person_id, admin).records if r.superseded_at is None]
    assert sorted(r.item for r in current) == ["email", "name", "phone"]
    # each result lists its own records; the first's phone is shown superseded by the second's, as stored
    first, second = ({r.item: r for r in result.records} for result in results)
    assert sorted(first) == ["email", "name", "phone"] and sorted(second) == ["phone"]
    assert first["phone"].superseded_at is not None and second["phone"].superseded_at is None
    assert first["name"].superseded_at is None
    assert first["phone"].id < second["phone"].id


def test_new_persons_of_a_batch_share_the_first_part_of_their_ids(vault: Container, admin: Actor) -> None:
    """24 random hex digits as ever; the first 6 drawn once per batch (ADR 0027, second addendum), so a batch's new
    persons sit together in the indexes keyed by person id."""

    def batch(first: int) -> list[str]:
        acquisitions = [
            customer(identifiers=[{"kind": "email", "value": f"u{n}@example.jp"}]) for n in range(first, first + 4)
        ]
        return [r.person_id for r in vault.subjects.acquire_many(acquisitions, admin)]

    one, two = batch(0), batch(10)
    for ids in (one, two):
        assert all(re.fullmatch(r"p_[0-9a-f]{24}", i) for i in ids)
        assert len({i[:8] for i in ids}) == 1 and len({i[8:] for i in ids}) == 4
    assert one[0][:8] != two[0][:8]  # drawn anew for each batch (equal once in 16.7 million)
