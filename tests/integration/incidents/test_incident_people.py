"""The people told (Art. 26(2), Rule 10): a notice to each person concerned through the outbox, its delivery
tracked, an erased person skipped with the reason (and a notice to them refused), sending again telling nobody
twice; the desk's enquiry and the person's own status; the clock warnings, each given once."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa
from incident_support import Office, lost_usb

from hogo.errors import Conflict
from hogo.identity.policy import Actor
from hogo.incidents.models import IncidentNotice, IncidentWarning
from hogo.incidents.notices import PersonErased
from hogo.incidents.schemas import AnnouncementIn, EnquiryIn, FilingIn, IncidentIn


def _leak(office: Office) -> IncidentIn:
    """The order form's customer list sent to a wrong address: the three customers, reported because their
    mail addresses went with a wrongful purpose (say)."""
    return lost_usb(
        office.c, kind="misdirected_mail", items=["name", "email"], subject_kinds=["customer"], wrongful_purpose=True
    )


def test_each_person_concerned_gets_one_notice_by_mail_and_its_delivery_is_recorded(
    office: Office, officer: Actor
) -> None:
    view = office.c.incidents.service.record(_leak(office), officer)
    run = office.c.incidents.notices.send(view.id, officer)
    assert (run.mailed, run.skipped) == (3, 0)
    assert sorted(m.to for m in office.mail.outbox) == ["c0@example.jp", "c1@example.jp", "c2@example.jp"]
    body = office.mail.outbox[0].body
    assert "1. 概要 / What happened" in body and "5. その他" in body and view.id in body
    assert "原因 / Cause" in body and "二次被害" in body
    notices = office.c.incidents.notices.notices(view.id, officer)
    assert {n.state for n in notices} == {"sent"}  # the outbox told the incident the mail was taken
    again = office.c.incidents.notices.send(view.id, officer)
    assert (again.mailed, again.already) == (0, 3) and len(office.mail.outbox) == 3
    delivered = [e for e in office.c.incidents.service.timeline(view.id, officer) if e.action == "notice_delivered"]
    assert len(delivered) == 3


def test_an_erased_person_is_skipped_with_the_reason_and_a_notice_to_them_is_refused(
    office: Office, officer: Actor, admin: Actor
) -> None:
    erased = office.customers[0]
    office.c.subjects.erase(erased, "REQ-7", admin)
    view = office.c.incidents.service.record(_leak(office), officer)
    assert view.assessment["headcount"]["vault_erased"] == 1  # type: ignore[index]  # still concerned: counted
    run = office.c.incidents.notices.send(view.id, officer)
    assert (run.mailed, run.skipped) == (2, 1)
    with office.c.engine.connect() as conn:
        state, reason = conn.execute(
            sa.select(IncidentNotice.state, IncidentNotice.reason).where(IncidentNotice.person_id == erased)
        ).one()
    assert (state, reason) == ("skipped", "erased")
    with pytest.raises(PersonErased, match="was erased") as refused:
        office.c.incidents.notices.notify_person(view.id, erased, officer)
    assert refused.value.code == "person-erased"


def test_no_notice_is_sent_where_none_is_owed(office: Office, officer: Actor) -> None:
    view = office.c.incidents.service.record(lost_usb(office.c, advanced_encryption=True), officer)
    with pytest.raises(Conflict, match="owes no notice"):
        office.c.incidents.notices.send(view.id, officer)
    assert office.mail.outbox == []


def test_the_desk_answers_whether_someone_is_concerned_and_the_portal_says_so(
    office: Office, officer: Actor, admin: Actor
) -> None:
    view = office.c.incidents.service.record(_leak(office), officer)
    service = office.c.incidents.service
    assert service.enquiry(view.id, EnquiryIn(kind="email", value="C1@example.jp"), admin) is True
    assert service.enquiry(view.id, EnquiryIn(kind="email", value="nobody@example.jp"), admin) is False
    assert service.concerning(office.customers[1]) == {view.id: "assessed"}
    assert service.concerning(office.employees[0]) == {}
    answered = [e for e in service.timeline(view.id, officer) if e.action == "enquiry_answered"]
    assert [e.data["concerned"] for e in answered] == [True, False]
    assert service.announcement(view.id) is None
    service.announce(view.id, AnnouncementIn(text="お客様情報の誤送信についてのお詫びとお知らせ"), officer)
    text, _ = service.announcement(view.id) or ("", None)
    assert "誤送信" in text


def test_clock_warnings_come_at_two_days_one_day_and_overdue_each_once(office: Office, officer: Actor) -> None:
    c = office.c
    view = c.incidents.service.record(lost_usb(c), officer)  # 速報 due 2026-11-24, 確報 2026-12-21
    preliminary = next(r for r in view.reports if r.kind == "preliminary")
    assert c.incidents.clocks.warn(officer).warned == ()  # 2026-11-20: four days left
    c.clock.advance(dt.timedelta(days=2))  # 11-22: two days before the 速報
    assert c.incidents.clocks.warn(officer).warned == (f"{preliminary.id}:2d",)
    assert c.incidents.clocks.warn(officer).warned == ()  # once
    c.clock.advance(dt.timedelta(days=1))
    assert c.incidents.clocks.warn(officer).warned == (f"{preliminary.id}:1d",)
    c.clock.advance(dt.timedelta(days=2))  # 11-25: past due
    assert c.incidents.clocks.warn(officer).warned == (f"{preliminary.id}:overdue",)
    board = c.incidents.service.dashboard(officer)
    assert [r["report"] for r in board["overdue"]] == [preliminary.id]
    subjects = [m.subject for m in office.mail.outbox]
    assert len(subjects) == 3 and all(view.id in s for s in subjects)  # to privacy@example.jp, the desk
    assert {m.to for m in office.mail.outbox} == {"privacy@example.jp"}
    c.incidents.reports.file(view.id, preliminary.id, FilingIn(reference="PPC-1"), officer)
    assert c.incidents.service.dashboard(officer)["overdue"] == []  # red until filed
    with c.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(IncidentWarning)).scalar_one() == 3


def test_the_notice_delivered_to_a_person_has_its_inclusion_proof(office: Office, officer: Actor) -> None:
    from hogo.audit.checkpoints import verify_bundle
    from hogo.audit.keys import AuditKeyFile

    AuditKeyFile(office.c.settings.key_file.with_name("hogo-audit.key")).create("office.example/audit")
    view = office.c.incidents.service.record(_leak(office), officer)
    office.c.incidents.notices.send(view.id, officer)
    person = office.customers[1]
    wanted = (("incident.notice_delivered",), "incident", view.id, ("person", person))
    assert office.c.checkpoints.receipt_proof(*wanted)["inclusion"] is None  # no checkpoint holds it yet
    office.c.checkpoints.write()
    proof = office.c.checkpoints.receipt_proof(*wanted)["inclusion"]
    body = json.loads(proof["body"])
    assert (body["action"], body["data"]["person"]) == ("incident.notice_delivered", person)
    assert verify_bundle(proof, office.c.checkpoints.keys.verifiers()).size >= proof["event"]
    assert office.c.checkpoints.receipt_proof(wanted[0], "incident", view.id, ("person", "p_nobody"))["event"] is None
