"""The incident register on a real store (SQLite and PostgreSQL): recording, the assessment from the vault, the
reports owed on the Japanese calendar, filing once, the timeline, and bad input leaving nothing half-stored."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa
from incident_support import Office, lost_usb

from hogo.errors import Conflict, Forbidden, InvalidInput
from hogo.identity.policy import Actor, Role
from hogo.incidents.models import Incident, IncidentEvent, IncidentReport
from hogo.incidents.schemas import AssessIn, FilingIn, ReportEditIn
from hogo.incidents.workflow import Status
from hogo.ledger.loader import load_ledger_text


def _rows(office: Office, model: type) -> int:
    with office.c.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(model)).scalar_one())


def test_a_lost_usb_of_health_checks_is_reportable_under_rule_7_1_with_both_clocks(
    office: Office, officer: Actor
) -> None:
    view = office.c.incidents.service.record(lost_usb(office.c), officer)
    assert view.status is Status.assessed
    decision = view.assessment["decision"]  # type: ignore[index]
    assert decision["outcome"] == "reportable"
    assert [t["code"] for t in decision["triggers"] if t["met"]] == ["rule7-1"]
    assert view.assessment["headcount"]["persons"] == 2  # type: ignore[index]  # the two employees, not customers
    due = {(r.kind, r.authority): r.due_on for r in view.reports}
    assert due == {("preliminary", "ppc"): dt.date(2026, 11, 24), ("final", "ppc"): dt.date(2026, 12, 21)}
    actions = [e.action for e in reversed(office.c.audit.events(limit=200)) if e.entity_id == view.id]
    assert actions == ["incident.reported", "incident.assessed"]
    timeline = office.c.incidents.service.timeline(view.id, officer)
    assert [e.action for e in timeline] == ["reported", "assessed"]
    assert timeline[1].data["status"] == {"from": "reported_internally", "to": "assessed"}


def test_what_staff_typed_is_sealed_and_never_in_the_audit_trail(office: Office, officer: Actor) -> None:
    view = office.c.incidents.service.record(lost_usb(office.c), officer)
    bodies = json.dumps([e.data for e in office.c.audit.events(limit=500)], ensure_ascii=False)
    assert "鈴木" not in bodies and "USBメモリ" not in bodies
    reported = next(e for e in office.c.incidents.service.timeline(view.id, officer) if e.action == "reported")
    assert reported.note_id is not None and reported.data["note"] == reported.note_id
    assert "鈴木" in office.c.incidents.service.description(view.id, officer)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"aware_at": "tomorrow"}, "after today"),
        ({"occurred_at": "after-awareness"}, "occurred after"),
        ({"items": ["blood-type"]}, "does not declare: blood-type"),
        ({"window_from": dt.date(2026, 11, 10), "window_to": dt.date(2026, 11, 1)}, "ends before it starts"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(
    office: Office, officer: Actor, changes: dict[str, object], message: str
) -> None:
    now = office.c.clock.now()
    if changes.get("aware_at") == "tomorrow":
        changes = {"aware_at": now + dt.timedelta(days=1), "occurred_at": None}
    if changes.get("occurred_at") == "after-awareness":
        changes = {"occurred_at": now + dt.timedelta(hours=1), "aware_at": now}
    events = len(office.c.audit.events(limit=10_000))
    with pytest.raises(InvalidInput, match=message):
        office.c.incidents.service.record(lost_usb(office.c, **changes), officer)
    assert _rows(office, Incident) == 0 and _rows(office, IncidentEvent) == 0
    assert len(office.c.audit.events(limit=10_000)) == events


def test_a_report_is_filed_once_and_moves_the_incident(office: Office, officer: Actor) -> None:
    service, reports = office.c.incidents.service, office.c.incidents.reports
    view = service.record(lost_usb(office.c), officer)
    preliminary = next(r for r in view.reports if r.kind == "preliminary")
    filed = reports.file(view.id, preliminary.id, FilingIn(reference="PPC-2026-0001"), officer)
    assert filed.state == "filed" and filed.version == 1  # the prefilled text was kept as version 1
    assert service.get(view.id, officer).status is Status.preliminary_filed
    with pytest.raises(Conflict, match="already filed") as refused:
        reports.file(view.id, preliminary.id, FilingIn(reference="PPC-2026-0002"), officer)
    assert refused.value.code == "incident-report-already-filed"
    with office.c.engine.connect() as conn:
        reference = conn.execute(sa.select(IncidentReport.filed_reference).where(IncidentReport.id == preliminary.id))
        assert reference.scalar_one() == "PPC-2026-0001"
    filings = [e for e in office.c.audit.events(limit=500) if e.action == "incident.report_filed"]
    assert len(filings) == 1 and "PPC-2026" not in json.dumps(filings[0].data)
    final = next(r for r in view.reports if r.kind == "final")
    with pytest.raises(Conflict, match="still owes reports"):
        service.close(view.id, officer)
    reports.file(view.id, final.id, FilingIn(reference="PPC-2026-0003"), officer)
    assert service.get(view.id, officer).status is Status.final_filed
    assert service.close(view.id, officer).status is Status.closed


def test_reports_are_prefilled_edited_in_versions_and_exported(office: Office, officer: Actor) -> None:
    view = office.c.incidents.service.record(lost_usb(office.c), officer)
    final = next(r for r in view.reports if r.kind == "final")
    prefilled = office.c.incidents.reports.content(view.id, final.id, officer)
    assert "2026-11-20" in prefilled["1"] and "Rule 7(1)" in prefilled["1"]
    assert prefilled["2"].startswith("氏名、健康診断の結果") and prefilled["3"].startswith("2人")
    edited = office.c.incidents.reports.edit(view.id, final.id, ReportEditIn(items={"4": "置き忘れ"}), officer)
    again = office.c.incidents.reports.edit(view.id, final.id, ReportEditIn(items={"8": "暗号化USBに限定"}), officer)
    assert (edited.version, again.version) == (1, 2)
    text = office.c.incidents.reports.content(view.id, final.id, officer)
    assert text["4"] == "置き忘れ" and text["8"] == "暗号化USBに限定" and text["2"] == prefilled["2"]
    document = office.c.incidents.reports.document(view.id, final.id, officer)
    assert document["to"]["ja"] == "個人情報保護委員会" and document["items"]["4"]["text"] == "置き忘れ"
    assert document["report"]["kind"] == "final" and document["report"]["due_on"] == "2026-12-21"
    with pytest.raises(InvalidInput, match="items 1 to 9"):
        office.c.incidents.reports.edit(view.id, final.id, ReportEditIn(items={"10": "x"}), officer)


def test_an_encrypted_device_is_not_reportable_and_a_new_finding_makes_it_so(office: Office, officer: Actor) -> None:
    service = office.c.incidents.service
    view = service.record(lost_usb(office.c, advanced_encryption=True), officer)
    assert view.status is Status.not_reportable and view.reports == []
    assert view.assessment["decision"]["exemption"] == "advanced-encryption"  # type: ignore[index]
    again = service.assess(view.id, AssessIn(advanced_encryption=False, note="鍵も同じ鞄にあった"), officer)
    assert again.status is Status.assessed and {r.kind for r in again.reports} == {"preliminary", "final"}


def test_hogos_own_vault_is_encrypted_and_says_so(office: Office, officer: Actor) -> None:
    view = office.c.incidents.service.record(lost_usb(office.c, source="vault", kind="unauthorised_access"), officer)
    decision = view.assessment["decision"]  # type: ignore[index]
    assert decision["outcome"] == "not_reportable" and decision["exemption"] == "advanced-encryption"
    assert any("hogo の保管庫" in ja and "AES-GCM" in ja for ja, _ in decision["reasons"])


def test_only_the_officer_handles_incidents(office: Office) -> None:
    with pytest.raises(Forbidden):
        office.c.incidents.service.record(lost_usb(office.c), Actor("desk-1", Role.desk))


def test_the_ledger_sends_the_reports_to_the_delegated_ministry_and_the_privacy_mark_body(
    office: Office, officer: Actor, vault_yaml: str
) -> None:
    section = (
        "\nincidents:\n"
        "  privacy_mark: {body: {ja: 一般財団法人日本情報経済社会推進協会, en: JIPDEC}}\n"
        "  delegated_ministry: {name: {ja: 金融庁, en: Financial Services Agency}}\n"
        "  officer_email: officer@example.jp\n"
    )
    office.c.ledger.apply(load_ledger_text(vault_yaml + section, source="vault.yaml"), actor="test")
    view = office.c.incidents.service.record(lost_usb(office.c), officer)
    owed = {(r.kind, r.authority, r.due_on) for r in view.reports}
    assert owed == {
        ("preliminary", "ministry", dt.date(2026, 11, 24)),
        ("final", "ministry", dt.date(2026, 12, 21)),
        ("preliminary", "privacy_mark", dt.date(2026, 11, 24)),
        ("final", "privacy_mark", dt.date(2026, 12, 21)),
    }
    to_ministry = next(r for r in view.reports if r.authority == "ministry" and r.kind == "final")
    assert office.c.incidents.reports.document(view.id, to_ministry.id, officer)["to"]["ja"] == "金融庁"
    assert office.c.incidents.clocks.officer() == "officer@example.jp"
