"""A new ledger over a running store (SQLite and PostgreSQL): what it does to data held, and the refusal
to orphan it unless the officer says how (retire to a purpose already in force, or hand to retention)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml
from sqlalchemy import func, select

from hogo.bootstrap import Container
from hogo.errors import InvalidInput
from hogo.identity.policy import system_actor
from hogo.ledger.impact import DISPOSAL_RULE, Resolution
from hogo.ledger.loader import load_ledger_text
from hogo.ledger.models import LedgerVersion
from hogo.subjects.models import Record
from hogo.subjects.schemas import AcquisitionIn, ConsentIn, IdentifierIn


def acquire(c: Container, kind: str, email: str, channel: str, values: dict[str, str], **extra: Any) -> str:
    got = c.subjects.acquire(
        AcquisitionIn(
            subject_kind=kind,
            identifiers=[IdentifierIn(kind="email", value=email)],
            values={"email": email, **values},
            channel=channel,
            **extra,
        ),
        system_actor("test"),
    )
    return got.person_id


@pytest.fixture
def held(vault: Container) -> Container:
    """Two customers (name, email, phone under `service`; one consented to provision to partner-shop)
    and one applicant (name, email under `hiring`)."""
    acquire(vault, "customer", "a@example.jp", "web-order", {"name": "山田 花子", "phone": "090-1234-5678"})
    acquire(
        vault,
        "customer",
        "b@example.jp",
        "web-order",
        {"name": "佐藤 一郎", "phone": "03-1234-5678"},
        consents=[ConsentIn(kind="provision", target="partner-shop", method="web_checkbox")],
    )
    acquire(vault, "applicant", "c@example.jp", "recruit-form", {"name": "鈴木 次郎"})
    return vault


def edited(vault_yaml: str, change: Any) -> str:
    doc = yaml.safe_load(vault_yaml)
    change(doc)
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def without_phone(doc: dict[str, Any]) -> None:
    doc["items"] = [i for i in doc["items"] if i["key"] != "phone"]
    for section in ("purposes", "channels"):
        for entry in doc[section]:
            if "items" in entry:
                entry["items"] = [i for i in entry["items"] if i != "phone"]


def without_hiring(doc: dict[str, Any]) -> None:
    doc["purposes"] = [p for p in doc["purposes"] if p["id"] != "hiring"]
    for channel in doc["channels"]:
        if channel.get("purposes") == ["hiring"]:
            channel["purposes"] = ["newsletter"]


def without_hiring_with_new_purpose(doc: dict[str, Any]) -> None:
    without_hiring(doc)
    doc["purposes"].append(
        {
            "id": "talent-pool",
            "kind": "recruitment",
            "text": {"ja": "今後の採用のご案内のため", "en": "To tell you of future openings"},
            "subject_kinds": ["applicant"],
            "items": ["name", "email"],
        }
    )


def without_partner(doc: dict[str, Any]) -> None:
    doc["third_parties"] = []


def versions(c: Container) -> int:
    with c.uow() as uow:
        return int(uow.session.execute(select(func.count()).select_from(LedgerVersion)).scalar_one())


def records(c: Container, item: str | None = None) -> list[Record]:
    with c.uow() as uow:
        query = select(Record).order_by(Record.id)
        if item is not None:
            query = query.where(Record.item == item)
        rows = list(uow.session.execute(query).scalars())
        uow.session.expunge_all()
        return rows


def test_preview_counts_what_a_change_touches_and_writes_nothing(held: Container, vault_yaml: str) -> None:
    preview = held.ledger.preview(load_ledger_text(edited(vault_yaml, without_phone)))
    assert preview.version == 1 and not preview.unchanged
    assert [(h.section, h.key, h.persons, h.records, h.orphaning) for h in preview.impact.held] == [
        ("items", "phone", 2, 2, True)
    ]
    assert ("items", "phone", "removed") in {(c.section, c.key, c.kind) for c in preview.diff.changes}
    assert versions(held) == 1
    same = held.ledger.preview(load_ledger_text(vault_yaml))
    assert same.unchanged and not same.impact.held and same.diff.empty


def test_removing_a_held_item_is_refused_until_the_officer_says_dispose(held: Container, vault_yaml: str) -> None:
    loaded = load_ledger_text(edited(vault_yaml, without_phone))
    with pytest.raises(InvalidInput) as refused:
        held.ledger.apply(loaded, actor="officer")
    assert "item phone: 2 person(s), 2 record(s) held" in str(refused.value) and "--dispose" in str(refused.value)
    assert versions(held) == 1 and all(r.retention_rule is None for r in records(held, "phone"))

    result = held.ledger.apply(loaded, actor="officer", resolution=Resolution(dispose=True), expected_version=1)
    assert result.applied.version == 2 and result.resolved == {"retired": 0, "disposal_due": 2}
    phones = records(held, "phone")
    assert [(r.retention_rule, r.retention_until is not None) for r in phones] == [(DISPOSAL_RULE, True)] * 2
    assert all(r.retention_rule != DISPOSAL_RULE for r in records(held) if r.item != "phone")
    event = held.audit.events(action_prefix="ledger.", limit=1)[0]
    assert event.data["held"] == [{"section": "items", "key": "phone", "persons": 2, "records": 2, "orphaning": True}]
    assert event.data["resolution"] == {"retire_to": None, "dispose": True, "retired": 0, "disposal_due": 2}


def test_a_removed_purpose_is_retired_only_to_one_already_in_force(held: Container, vault_yaml: str) -> None:
    with pytest.raises(InvalidInput) as new_purpose:
        held.ledger.apply(
            load_ledger_text(edited(vault_yaml, without_hiring_with_new_purpose)),
            actor="officer",
            resolution=Resolution(retire_to="talent-pool"),
        )
    assert "Art. 18(1)" in str(new_purpose.value)
    with pytest.raises(InvalidInput, match="no such purpose"):
        held.ledger.apply(
            load_ledger_text(edited(vault_yaml, without_hiring)), actor="officer", resolution=Resolution(retire_to="x")
        )
    assert versions(held) == 1

    result = held.ledger.apply(
        load_ledger_text(edited(vault_yaml, without_hiring)),
        actor="officer",
        resolution=Resolution(retire_to="newsletter"),
    )
    assert result.resolved["retired"] == 2  # the applicant's name and e-mail
    assert sorted(tuple(r.purposes) for r in records(held)).count(("newsletter",)) == 2
    assert not any("hiring" in r.purposes for r in records(held))


def test_a_recipient_going_reports_consents_and_records_without_blocking(held: Container, vault_yaml: str) -> None:
    result = held.ledger.apply(load_ledger_text(edited(vault_yaml, without_partner)), actor="officer")
    assert result.applied.version == 2
    assert [(h.section, h.key, h.persons, h.orphaning) for h in result.impact.held] == [
        ("consents", "provision:partner-shop", 1, False)
    ]


def test_a_resolution_nobody_needs_and_a_stale_preview_are_refused(held: Container, vault_yaml: str) -> None:
    loaded = load_ledger_text(edited(vault_yaml, without_partner))
    with pytest.raises(InvalidInput, match="not needed"):
        held.ledger.apply(loaded, actor="officer", resolution=Resolution(dispose=True))
    with pytest.raises(InvalidInput, match="preview again"):
        held.ledger.apply(loaded, actor="officer", expected_version=7)
    assert versions(held) == 1


def test_the_first_apply_has_nothing_held(container: Container, vault_yaml: str) -> None:
    preview = container.ledger.preview(load_ledger_text(vault_yaml))
    assert preview.version is None and not preview.impact.held
    assert container.ledger.apply(load_ledger_text(vault_yaml), actor="officer", expected_version=0).created


def test_dispose_reaches_every_record_of_a_removed_subject_kind(held: Container, vault_yaml: str) -> None:
    def without_applicants(doc: dict[str, Any]) -> None:
        without_hiring(doc)
        doc["subject_kinds"] = [k for k in doc["subject_kinds"] if k["id"] != "applicant"]
        doc["purposes"] = [p for p in doc["purposes"] if p["id"] != "hiring"]
        for p in doc["purposes"]:
            p["subject_kinds"] = [k for k in p["subject_kinds"] if k != "applicant"]
        doc["retention"] = [r for r in doc["retention"] if "applicant" not in r["subject_kinds"]]
        doc["channels"] = [ch for ch in doc["channels"] if ch["id"] != "recruit-form"]

    loaded = load_ledger_text(edited(vault_yaml, without_applicants))
    assert loaded.ledger is not None, loaded.problems
    preview = held.ledger.preview(loaded)
    assert ("subject_kinds", "applicant", 1, 0, True) in {
        (h.section, h.key, h.persons, h.records, h.orphaning) for h in preview.impact.held
    }
    result = held.ledger.apply(loaded, actor="officer", resolution=Resolution(dispose=True))
    due = [r for r in records(held) if r.retention_rule == DISPOSAL_RULE]
    assert result.resolved["disposal_due"] == len(due) == 2
    assert all(r.retention_until is not None and r.retention_until <= dt.datetime.now(dt.UTC) for r in due)


def test_the_retention_sweep_disposes_of_what_a_ledger_change_handed_over(held: Container, vault_yaml: str) -> None:
    held.ledger.apply(
        load_ledger_text(edited(vault_yaml, without_phone)), actor="officer", resolution=Resolution(dispose=True)
    )
    officer = system_actor("officer")
    result = held.retention.sweeps.run(officer)
    assert result.ledger_removed == 2 and records(held, "phone") == []
    assert {r.item for r in records(held)} >= {"name", "email"}  # the rest of the persons' records stay
    events = held.audit.events(action_prefix="retention.disposed")
    assert sorted(e.data["records"] for e in events) == [1, 1] and all(e.data["rule"] == DISPOSAL_RULE for e in events)
    assert held.retention.sweeps.run(officer).ledger_removed == 0
