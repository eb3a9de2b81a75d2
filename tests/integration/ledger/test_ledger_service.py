"""Applying ledgers on a real store (SQLite and PostgreSQL): versions, audit events, immutability."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from hogo.audit.models import AuditEvent
from hogo.bootstrap import Container
from hogo.errors import Conflict, LedgerInvalid, NoLedger, NotFound
from hogo.ledger.loader import load_ledger_text
from hogo.ledger.models import LedgerVersion


def count(container: Container, model: type) -> int:
    with container.uow() as uow:
        return int(uow.session.execute(select(func.count()).select_from(model)).scalar_one())


def test_apply_stores_version_and_audit_event(container: Container, minimal_yaml: str) -> None:
    result = container.ledger.apply(load_ledger_text(minimal_yaml, source="m.yaml"), actor="officer")
    assert result.created and result.applied.version == 1
    assert result.applied.ledger.operator.name.ja == "株式会社サンプル"
    events = container.audit.events(action_prefix="ledger.")
    assert [(e.action, e.entity_id, e.actor) for e in events] == [("ledger.applied", "1", "officer")]
    assert events[0].data["sha256"] == result.applied.sha256
    assert container.ledger.current().source_text == minimal_yaml


def test_reapplying_same_file_creates_nothing(container: Container, minimal_yaml: str) -> None:
    container.ledger.apply(load_ledger_text(minimal_yaml), actor="officer")
    again = container.ledger.apply(load_ledger_text(minimal_yaml), actor="officer")
    assert not again.created and again.applied.version == 1
    assert count(container, LedgerVersion) == 1
    assert count(container, AuditEvent) == 1


def test_second_version_diff_flags_narrowed_purpose(container: Container, minimal_yaml: str) -> None:
    container.ledger.apply(load_ledger_text(minimal_yaml), actor="officer")
    narrowed = minimal_yaml.replace(
        "    subject_kinds: [customer]\n    items: [name, email]\nchannels:",
        "    subject_kinds: [customer]\n    items: [name]\nchannels:",
    )
    assert narrowed != minimal_yaml
    result = container.ledger.apply(load_ledger_text(narrowed), actor="officer")
    assert result.applied.version == 2
    flagged = {(c.section, c.key): [f.action for f in c.flags] for c in result.diff.flagged}
    assert flagged == {("purposes", "service"): ["notice"]}
    assert container.ledger.diff(1, 2) == result.diff
    assert [v.version for v in container.ledger.versions()] == [1, 2]
    event = container.audit.events(action_prefix="ledger.", limit=1)[0]
    assert event.data["flagged"] == ["purposes:service"] and event.data["previous"] == 1


def test_invalid_ledger_is_refused_and_nothing_stored(container: Container, minimal_yaml: str) -> None:
    broken = minimal_yaml.replace("category: contact", "category: nonsense")
    with pytest.raises(LedgerInvalid) as info:
        container.ledger.apply(load_ledger_text(broken, source="b.yaml"), actor="officer")
    assert info.value.details["problems"][0]["code"] == "invalid-value"
    assert count(container, LedgerVersion) == 0
    assert count(container, AuditEvent) == 0


def test_strict_apply_refuses_appi_errors_but_accepted_findings_pass(container: Container, minimal_yaml: str) -> None:
    no_rep = minimal_yaml.replace(
        '  representative: {ja: 代表取締役 山田太郎, en: "Taro Yamada, Representative Director"}\n', ""
    )
    with pytest.raises(LedgerInvalid):
        container.ledger.apply(load_ledger_text(no_rep), actor="officer", strict=True)
    assert count(container, LedgerVersion) == 0
    accepted = (
        no_rep
        + "accepted_findings:\n  - {code: art32-representative, reason: {ja: 個人事業主のため, en: sole proprietor}}\n"
    )
    result = container.ledger.apply(load_ledger_text(accepted), actor="officer", strict=True)
    assert result.created
    assert [(f.code, f.accepted) for f in result.findings] == [("art32-representative", "sole proprietor")]


def test_versions_are_immutable(container: Container, minimal_yaml: str) -> None:
    container.ledger.apply(load_ledger_text(minimal_yaml), actor="officer")
    with container.uow() as uow:
        row = uow.session.get(LedgerVersion, 1)
        assert row is not None
        row.applied_by = "someone else"
        with pytest.raises(Conflict):
            uow.session.flush()
    assert container.ledger.get(1).applied_by == "officer"


def test_audit_failure_rolls_back_the_version(container: Container, minimal_yaml: str) -> None:
    """The version and its audit event are one transaction: if the event cannot be written, no version."""
    with container.engine.begin() as conn:
        conn.execute(text("DROP TABLE audit_events"))
    with pytest.raises(Exception):  # noqa: B017 - whatever the driver raises for a missing table
        container.ledger.apply(load_ledger_text(minimal_yaml), actor="officer")
    assert count(container, LedgerVersion) == 0


def test_reading_before_any_apply(container: Container) -> None:
    with pytest.raises(NoLedger):
        container.ledger.current()
    with pytest.raises(NotFound):
        container.ledger.get(3)
