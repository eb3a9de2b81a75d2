"""`SubjectService.correct` (Art. 34): a new record supersedes the held value; wrong input changes nothing."""

from __future__ import annotations

import pytest

from hogo.bootstrap import Container
from hogo.errors import Conflict, Forbidden, InvalidInput, NotFound
from hogo.identity.policy import Actor, Role
from hogo.subjects.schemas import AcquisitionIn


def customer(vault: Container, admin: Actor) -> str:
    data = AcquisitionIn(
        subject_kind="customer", values={"name": "山田 花子", "email": "hanako@example.jp"}, channel="web-order"
    )
    return vault.subjects.acquire(data, admin).person_id


def test_correction_normalises_supersedes_and_is_audited(vault: Container, admin: Actor) -> None:
    person = customer(vault, admin)
    [record_id] = vault.subjects.correct(person, {"email": " Hanako.New@Example.JP "}, "REQ-1", admin)
    values = vault.usage.read(person, ["name", "email"], "service", admin).values
    assert values == {"name": "山田 花子", "email": "Hanako.New@example.jp"}
    event = vault.audit.events(action_prefix="records.corrected")[0]
    note = event.data["reference"]  # typed by staff: sealed in a note, the event keeps its id
    expected = {"items": ["email"], "added": [], "deleted": [], "records": [record_id], "reference": note}
    assert (event.entity_id, event.data) == (person, expected)
    assert vault.notes.read(note, admin) == "REQ-1"


@pytest.mark.parametrize(
    ("values", "reference", "message"),
    [
        ({"unknown": "x"}, "REQ-1", "not in the ledger"),
        ({"email": "not an address"}, "REQ-1", "item 'email'"),
        ({}, "REQ-1", "at least one"),
        ({"entry-sheet": "x"}, "REQ-1", "no purpose the person was told of covers it"),
        ({"name": "x"}, " ", "reference"),
    ],
)
def test_wrong_corrections_change_nothing(
    vault: Container, admin: Actor, values: dict[str, object], reference: str, message: str
) -> None:
    person = customer(vault, admin)
    with pytest.raises(InvalidInput, match=message):
        vault.subjects.correct(person, values, reference, admin)
    assert vault.usage.read(person, ["name"], "service", admin).values == {"name": "山田 花子"}
    assert vault.audit.events(action_prefix="records.corrected") == []


def test_only_recorders_correct_and_never_an_erased_person(vault: Container, admin: Actor) -> None:
    person = customer(vault, admin)
    with pytest.raises(Forbidden):
        vault.subjects.correct(person, {"name": "x"}, "REQ-1", Actor("a", Role.auditor))
    vault.subjects.erase(person, "REQ-2", admin)
    with pytest.raises(Conflict):
        vault.subjects.correct(person, {"name": "x"}, "REQ-1", admin)


def test_a_corrected_address_is_also_the_identifier_the_person_is_found_by(vault: Container, admin: Actor) -> None:
    identified = AcquisitionIn(
        subject_kind="customer",
        values={"name": "山田 花子", "email": "hanako@example.jp"},
        identifiers=[{"kind": "email", "value": "hanako@example.jp"}],
        channel="web-order",
    )
    person = vault.subjects.acquire(identified, admin).person_id
    taro = AcquisitionIn(
        subject_kind="customer",
        values={"name": "佐藤 太郎", "email": "taro@example.jp"},
        identifiers=[{"kind": "email", "value": "taro@example.jp"}],
        channel="web-order",
    )
    other = vault.subjects.acquire(taro, admin).person_id
    vault.subjects.correct(person, {"email": "hanako.new@example.jp"}, "REQ-7", admin)
    assert vault.subjects.find("email", "Hanako.New@example.jp", admin) == person
    with pytest.raises(NotFound):
        vault.subjects.find("email", "hanako@example.jp", admin)
    with pytest.raises(Conflict):  # another person's identifier: nothing changes
        vault.subjects.correct(person, {"email": "taro@example.jp"}, "REQ-8", admin)
    assert vault.subjects.find("email", "taro@example.jp", admin) == other
    assert vault.usage.read(person, ["email"], "service", admin).values == {"email": "hanako.new@example.jp"}


def test_an_item_is_added_under_the_purposes_already_told_and_another_deleted(vault: Container, admin: Actor) -> None:
    """Art. 34 covers 訂正・追加・削除: correct a value, add an item not held, delete one."""
    person = customer(vault, admin)
    [added] = vault.subjects.correct(person, {"phone": "090-1234-5678"}, "REQ-2", admin, deletions=["email"])
    current = {r.item: r for r in vault.subjects.person(person, admin).records if r.superseded_at is None}
    assert set(current) == {"name", "phone"} and current["phone"].id == added
    assert set(current["phone"].purposes) <= set(current["name"].purposes) and current["phone"].purposes
    assert vault.usage.read(person, ["phone"], "service", admin).values == {"phone": "+819012345678"}
    denied = vault.usage.check_use(person, ["email"], "service", admin)
    assert not denied.allowed  # deleted: no longer held
    event = vault.audit.events(action_prefix="records.corrected")[0]
    assert (event.data["added"], event.data["deleted"]) == (["phone"], ["email"])
    with pytest.raises(InvalidInput, match="nothing to delete"):
        vault.subjects.correct(person, {}, "REQ-3", admin, deletions=["email"])
