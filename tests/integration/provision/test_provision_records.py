"""Provision and receipt records: the fields per route, bulk and contract records, retention and the purge job."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from hogo.bootstrap import Container
from hogo.consent.schemas import ConsentIn, ConsentKind, ConsentMethod
from hogo.db.base import Base
from hogo.errors import InvalidInput, NotFound
from hogo.identity.policy import Actor
from hogo.jobs import provision_retention
from hogo.provision.policy import Basis, RecordRoute
from hogo.provision.records import RecordMethod
from hogo.provision.schemas import ProviderIn, ReceiptIn
from hogo.subjects.schemas import AcquisitionIn

NOW = dt.datetime(2026, 11, 20, 1, 0, tzinfo=dt.UTC)


def customer(c: Container, admin: Actor) -> str:
    values = {"name": "山田 花子", "email": "hanako@example.jp", "postal-code": "100-0005"}
    return c.subjects.acquire(
        AcquisitionIn(subject_kind="customer", values=values, channel="web-order"), admin
    ).person_id


def shop_consent(c: Container, admin: Actor, person: str) -> str:
    data = ConsentIn(kind=ConsentKind.provision, target="partner-shop", method=ConsentMethod.paper_form)
    return c.consents.give(person, data, admin).id


def test_consent_record_holds_exactly_the_rule_20_fields(provisioning: Container, admin: Actor) -> None:
    c = provisioning
    person = customer(c, admin)
    consent_id = shop_consent(c, admin, person)
    c.provision.provide([person], ["name", "email"], "partner-shop", Basis.consent, admin)
    [record] = c.provision.records_for_person(person, admin)
    assert (record.direction, record.route, record.method, record.basis) == ("out", "consent", "each", "consent")
    assert record.fields == {
        "consent_obtained": {"consent": consent_id, "article": "Art. 27(1)"},
        "recipient": {
            "id": "partner-shop",
            "name": {"ja": "提携店株式会社", "en": "Partner Shop K.K."},
            "address": {"ja": "大阪府大阪市北区1-1", "en": None},
            "representative": {"ja": "代表取締役 佐藤一郎", "en": None},
        },
        "person": person,
        "items": ["name", "email"],
    }
    assert record.retention_until == dt.datetime(2029, 11, 20, 1, 0, tzinfo=dt.UTC)
    assert "山田" not in str(record.fields)


def test_opt_out_record_has_the_date_and_no_consent(provisioning: Container, admin: Actor) -> None:
    c = provisioning
    person = customer(c, admin)
    c.provision.provide([person], ["name", "postal-code"], "list-broker", Basis.opt_out, admin)
    [record] = c.provision.records_for_person(person, admin)
    assert set(record.fields) == {"provided_on", "recipient", "person", "items"}
    assert record.fields["provided_on"] == "2026-11-20"


def test_bulk_record_for_continuous_provision_runs_three_years_from_the_last(
    provisioning: Container, admin: Actor
) -> None:
    c = provisioning
    person = customer(c, admin)
    shop_consent(c, admin, person)
    first = c.provision.provide([person], ["name"], "partner-shop", Basis.consent, admin, method=RecordMethod.bulk)
    c.clock.advance(dt.timedelta(days=40))
    second = c.provision.provide([person], ["name"], "partner-shop", Basis.consent, admin, method=RecordMethod.bulk)
    assert first.outcomes[0].record_id == second.outcomes[0].record_id
    [record] = c.provision.records_for_person(person, admin)
    assert (record.method, record.times, record.first_at, record.last_at) == ("bulk", 2, NOW, c.clock.now())
    assert record.retention_until == dt.datetime(2029, 12, 30, 1, 0, tzinfo=dt.UTC)
    other_items = c.provision.provide(
        [person], ["name", "email"], "partner-shop", Basis.consent, admin, method=RecordMethod.bulk
    )
    assert other_items.outcomes[0].record_id != record.id


def test_contract_record_is_kept_one_year_after_the_last_provision(provisioning: Container, admin: Actor) -> None:
    c = provisioning
    person = customer(c, admin)
    shop_consent(c, admin, person)
    c.provision.provide([person], ["name"], "partner-shop", Basis.consent, admin, method=RecordMethod.contract)
    [record] = c.provision.records_for_person(person, admin)
    assert record.retention_until == dt.datetime(2027, 11, 20, 1, 0, tzinfo=dt.UTC)


def provider(**overrides: Any) -> ProviderIn:
    data: dict[str, Any] = {
        "id": "list-co",
        "name": "名簿株式会社",
        "address": "東京都港区2-2",
        "representative": "代表取締役 田中",
        "acquisition_history": "会員登録時に本人から取得（規約第5条で第三者提供に同意）",
    }
    data.update(overrides)
    return ProviderIn.model_validate(data)


@pytest.mark.parametrize(
    ("route", "extra", "fields"),
    [
        (
            RecordRoute.consent,
            {"consent_confirmed": True},
            {"consent_obtained", "provider", "acquisition_history", "person", "items"},
        ),
        (
            RecordRoute.opt_out,
            {"ppc_publication": "PPC publication 2025-123"},
            {"received_on", "provider", "acquisition_history", "person", "items", "ppc_publication"},
        ),
        (
            RecordRoute.personally_referable,
            {"consent_confirmed": True},
            {"consent_confirmed", "provider", "person", "items"},
        ),
    ],
)
def test_receipt_records_the_provider_and_how_they_acquired_it(
    provisioning: Container, admin: Actor, route: RecordRoute, extra: dict[str, Any], fields: set[str]
) -> None:
    c = provisioning
    person = customer(c, admin)
    record = c.provision.receive(
        ReceiptIn(person_id=person, items=["name"], provider=provider(), route=route, **extra), admin
    )
    assert (record.direction, record.route, set(record.fields)) == ("in", route.value, fields)
    assert record.fields["provider"]["name"] == "名簿株式会社"
    event = c.audit.events(action_prefix="provision.received")[0]
    assert (event.entity_id, event.data["provider"]) == (person, "list-co")
    assert c.provision.records_for_person(person, admin) == [record]


def test_receipt_from_a_private_individual_and_what_is_refused(provisioning: Container, admin: Actor) -> None:
    c = provisioning
    person = customer(c, admin)
    individual = provider(id="someone", name="個人の提供者", address=None, representative=None, business=False)
    record = c.provision.receive(
        ReceiptIn(person_id=person, items=["name"], provider=individual, route=RecordRoute.non_business), admin
    )
    assert set(record.fields) == {"provider", "acquisition_history", "person", "items"}

    def receipt(route: RecordRoute = RecordRoute.consent, items: tuple[str, ...] = ("name",), **kw: Any) -> ReceiptIn:
        given = provider(**kw.pop("provider", {}))
        return ReceiptIn(person_id=person, items=list(items), provider=given, route=route, **kw)

    bad = [
        receipt(),  # the consent was not confirmed
        receipt(RecordRoute.opt_out),  # no PPC publication
        receipt(provider={"address": None}, consent_confirmed=True),
        receipt(RecordRoute.non_business),  # a business is not a private individual
        receipt(items=("shoe-size",), consent_confirmed=True),
        receipt(provider={"acquisition_history": None}, consent_confirmed=True),
    ]
    for wrong in bad:
        with pytest.raises(InvalidInput):
            c.provision.receive(wrong, admin)
    with pytest.raises(NotFound):
        c.provision.receive(
            ReceiptIn(person_id="p_nobody", items=["name"], provider=individual, route=RecordRoute.non_business), admin
        )
    assert len(c.provision.records_for_person(person, admin)) == 1


def test_the_retention_job_purges_what_is_due_and_nothing_else(provisioning: Container, admin: Actor) -> None:
    c = provisioning
    person = customer(c, admin)
    shop_consent(c, admin, person)
    c.provision.provide([person], ["name"], "partner-shop", Basis.consent, admin, method=RecordMethod.contract)
    c.provision.provide([person], ["name"], "partner-shop", Basis.consent, admin)
    assert provision_retention.run(c) == 0
    c.clock.advance(dt.timedelta(days=366))  # the contract record (1 year) is due; the other (3 years) is not
    assert provision_retention.run(c) == 1
    [left] = c.provision.records_for_person(person, admin)
    assert left.method == "each"
    event = c.audit.events(action_prefix="provision.records_purged")[0]
    assert event.actor == provision_retention.JOB_ACTOR and event.entity_id == "1"
    c.clock.advance(dt.timedelta(days=3 * 365))
    assert provision_retention.run(c) == 1 and c.provision.records_for_person(person, admin) == []
    assert c.audit.verify().ok


def test_provision_models_match_the_migration(container: Container) -> None:
    tables = {t for t in Base.metadata.tables if t.startswith("provision_")}
    assert len(tables) == 5  # with provision_overdue_notices (0009_jobs)
    with container.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert [d for d in diffs if tables & set(_tables_named(d))] == []


def _tables_named(diff: Any) -> list[str]:
    if isinstance(diff, list | tuple):
        return [name for part in diff for name in _tables_named(part)]
    if isinstance(diff, sa.Table):
        return [diff.name]
    if isinstance(diff, sa.Index | sa.Column) and diff.table is not None:
        return [diff.table.name]
    return [diff] if isinstance(diff, str) else []
