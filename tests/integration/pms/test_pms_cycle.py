"""The yearly cycle on SQLite and PostgreSQL: reviews, audits, training, measures, responsible persons, what is due;
bad input refused with a clear error and nothing stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from hogo.adapters.mail import MemoryMailer
from hogo.audit.models import AuditEvent
from hogo.bootstrap import Container
from hogo.errors import DomainError, Forbidden
from hogo.identity.policy import Actor
from hogo.jobs import pms_due
from hogo.pms.models import AuditFinding, Course, InternalAudit, LedgerReview, Measure, Responsible, Training
from hogo.pms.policy import DueKind, MeasureStatus, ResponsibleRole, Severity
from hogo.pms.schemas import (
    ActionIn,
    AuditIn,
    CloseFindingIn,
    CourseIn,
    FindingIn,
    MeasureReviewIn,
    ResponsibleIn,
    ReviewIn,
    TrainingIn,
)

TODAY = dt.date(2026, 11, 20)  # the clock of the tests, in JST


def _count(c: Container, model: Any) -> int:
    with c.uow(read_only=True) as uow:
        return int(uow.session.execute(select(func.count()).select_from(model)).scalar_one())


def _actions(c: Container, prefix: str = "pms.") -> list[str]:
    with c.uow(read_only=True) as uow:
        rows = uow.session.execute(select(AuditEvent.action).order_by(AuditEvent.seq)).scalars()
        return [a for a in rows if a.startswith(prefix)]


def test_a_ledger_review_signed_by_the_officer_is_due_again_in_a_year(office: Container, officer: Actor) -> None:
    pms = office.pms.service
    view = pms.record_review(ReviewIn(section="items", reviewer="sato", findings="項目は最新です"), officer)
    assert (view.section, view.reviewer, view.reviewed_on, view.next_due) == (
        "items",
        "sato",
        TODAY,
        dt.date(2027, 11, 20),
    )
    assert view.ledger_version == office.ledger.index().version
    assert [r.findings for r in pms.reviews(officer)] == ["項目は最新です"]
    assert _actions(office) == ["pms.review_recorded"]
    # a review of "all" moves every section; only what is due within 30 days is listed
    assert pms.section_due()["items"] == dt.date(2027, 11, 20)
    pms.record_review(ReviewIn(section="all", reviewer="ito", next_due=dt.date(2026, 12, 1)), officer)
    due = pms.due(officer)
    reviews = due.of(DueKind.review)
    assert {i.id for i in reviews} == set(pms.sections()) - {"items"}
    assert all(i.due == dt.date(2026, 12, 1) and not i.overdue for i in reviews)


def test_an_audit_runs_from_plan_to_closure(office: Container, officer: Actor, auditor: Actor) -> None:
    pms = office.pms.service
    audit = office.pms.audits.plan_audit(
        AuditIn(title="2026年度 内部監査", scope="台帳と教育", planned_on=TODAY, auditor="kato"), officer
    )
    finding = office.pms.audits.add_finding(
        audit.id, FindingIn(text="研修記録の欠落", severity=Severity.major), officer
    )
    late = ActionIn(action="記録を整備する", owner="suzuki", due=TODAY - dt.timedelta(days=1))
    office.pms.audits.set_action(finding.id, late, officer)
    assert [f.id for f in office.pms.audits.overdue_actions(auditor)] == [finding.id]  # the auditor reads
    assert [i.id for i in pms.due(auditor).of(DueKind.corrective_action)] == [finding.id]
    closed = office.pms.audits.close_finding(finding.id, CloseFindingIn(completion="整備した"), officer)
    assert closed.closed_on == TODAY and not closed.overdue
    done = office.pms.audits.close_audit(audit.id, officer)
    assert done.closed_on == TODAY and done.open_findings == 0
    assert _actions(office) == [
        "pms.audit_planned",
        "pms.finding_recorded",
        "pms.action_set",
        "pms.finding_closed",
        "pms.audit_closed",
    ]
    with pytest.raises(Forbidden):
        office.pms.audits.add_finding(audit.id, FindingIn(text="x"), auditor)  # the auditor may not write


def test_training_lists_who_is_overdue(office: Container, officer: Actor) -> None:
    training = office.pms.training
    course = training.add_course(CourseIn(title="個人情報保護研修"), officer)
    assert course.interval_months == 12
    training.record(TrainingIn(course=course.id, operator="sato", attended_on=TODAY), officer)
    training.record(TrainingIn(course=course.id, operator="kato", attended_on=dt.date(2025, 10, 1)), officer)
    overdue = {i.title.split(" — ")[0] for i in training.overdue(officer)}
    assert overdue == {"ito", "kato", "suzuki"}  # never attended, or more than 12 months ago
    assert [r.operator for r in training.records(officer)] == ["sato", "kato"]
    assert office.pms.due(officer).counts["training"] == 3


def test_measures_are_seeded_from_the_ledger_then_reviewed(office: Container, officer: Actor) -> None:
    measures = office.pms.measures
    first = measures.measures(officer)
    promised = office.ledger.index().ledger.security_measures
    assert [m.title.split(" / ")[0] for m in first if m.category.value == "technical"] == [
        t.ja for t in promised.technical
    ]
    assert {m.source for m in first} == {"ledger"}
    assert len(measures.measures(officer)) == len(first)  # seeded once
    reviewed = measures.review(first[0].id, MeasureReviewIn(status=MeasureStatus.partly, evidence="規程 v3"), officer)
    assert (reviewed.status, reviewed.last_reviewed, reviewed.next_review) == (
        MeasureStatus.partly,
        TODAY,
        dt.date(2027, 11, 20),
    )
    assert _actions(office) == ["pms.measures_seeded", "pms.measure_reviewed"]


def test_the_register_of_responsible_persons(office: Container, officer: Actor) -> None:
    pms = office.pms.service
    pms.appoint(ResponsibleIn(role=ResponsibleRole.manager, operator="sato", since=dt.date(2026, 4, 1)), officer)
    pms.appoint(
        ResponsibleIn(role=ResponsibleRole.desk, name="山田花子", title="総務部", since=dt.date(2026, 4, 1)), officer
    )
    rows = pms.responsibles(officer)
    assert {(r.role.value, r.operator, r.name, r.current) for r in rows} == {
        ("manager", "sato", "sato san", True),
        ("desk", None, "山田花子", True),
    }
    # the manager cannot audit the system they run
    with pytest.raises(DomainError, match="would audit their own work"):
        office.pms.audits.plan_audit(AuditIn(title="監査", planned_on=TODAY, auditor="sato"), officer)
    with pytest.raises(DomainError, match="already manager"):
        pms.appoint(ResponsibleIn(role=ResponsibleRole.audit_lead, operator="sato", since=TODAY), officer)


def _finding_without_action(c: Container, officer: Actor) -> None:
    audit = c.pms.audits.plan_audit(AuditIn(title="監査", planned_on=TODAY, auditor="kato"), officer)
    finding = c.pms.audits.add_finding(audit.id, FindingIn(text="指摘"), officer)
    before = _count(c, AuditFinding), len(_actions(c))
    try:
        c.pms.audits.close_finding(finding.id, CloseFindingIn(completion="done"), officer)
    finally:
        assert (_count(c, AuditFinding), len(_actions(c))) == before
        with c.uow(read_only=True) as uow:
            assert uow.session.get(AuditFinding, finding.id).closed_on is None  # type: ignore[union-attr]


def _course(c: Container, officer: Actor) -> str:
    return c.pms.training.add_course(CourseIn(title="研修"), officer).id


BAD: list[tuple[str, Callable[[Container, Actor], Any], str, str]] = [
    (
        "review signed by the desk",
        lambda c, a: c.pms.service.record_review(ReviewIn(section="items", reviewer="suzuki"), a),
        "pms-reviewer-not-officer",
        "has the role desk: only the privacy officer",
    ),
    (
        "review signed by the auditor",
        lambda c, a: c.pms.service.record_review(ReviewIn(section="all", reviewer="kato"), a),
        "pms-reviewer-not-officer",
        "has the role auditor",
    ),
    (
        "review signed by nobody known",
        lambda c, a: c.pms.service.record_review(ReviewIn(section="all", reviewer="ghost"), a),
        "pms-unknown-operator",
        "no console operator has the login 'ghost'",
    ),
    (
        "review of a section the ledger lacks",
        lambda c, a: c.pms.service.record_review(ReviewIn(section="nonsense", reviewer="sato"), a),
        "invalid-input",
        "the ledger has no section 'nonsense'",
    ),
    (
        "review dated tomorrow",
        lambda c, a: c.pms.service.record_review(
            ReviewIn(section="all", reviewer="sato", reviewed_on=TODAY + dt.timedelta(days=1)), a
        ),
        "invalid-input",
        "after today",
    ),
    (
        "training for an unknown operator",
        lambda c, a: c.pms.training.record(TrainingIn(course=_course(c, a), operator="ghost", attended_on=TODAY), a),
        "pms-unknown-operator",
        "the attendee: no console operator has the login 'ghost'",
    ),
    (
        "training of an unknown course",
        lambda c, a: c.pms.training.record(TrainingIn(course="cr_nope", operator="sato", attended_on=TODAY), a),
        "not-found",
        "training course cr_nope does not exist",
    ),
    (
        "finding closed without its corrective action",
        _finding_without_action,
        "pms-finding-not-closable",
        "has no corrective action recorded",
    ),
    (
        "an auditor with the desk role",
        lambda c, a: c.pms.audits.plan_audit(AuditIn(title="監査", planned_on=TODAY, auditor="suzuki"), a),
        "pms-auditor-not-independent",
        "an auditor is an operator with the auditor or officer role",
    ),
]


@pytest.mark.parametrize(("why", "act", "code", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_refused_and_nothing_is_stored(
    office: Container, officer: Actor, why: str, act: Callable[[Container, Actor], Any], code: str, message: str
) -> None:
    tables = (LedgerReview, Training, InternalAudit, Measure, Responsible, Course)
    before = {m.__tablename__: _count(office, m) for m in tables}
    events = len(_actions(office))
    with pytest.raises(DomainError) as caught:
        act(office, officer)
    assert caught.value.code == code
    assert message in caught.value.message
    # a setup step may have added a course or an audit; the refused act itself stored nothing
    assert _count(office, LedgerReview) == before["pms_reviews"]
    assert _count(office, Training) == before["pms_trainings"]
    assert len(_actions(office, "pms.review")) + len(_actions(office, "pms.training")) == 0
    assert len(_actions(office)) >= events


def test_the_monthly_mail_tells_the_officer_what_is_due_once_a_month(office: Container, officer: Actor) -> None:
    mail = MemoryMailer()
    office.outbox.mailer = mail
    course = office.pms.training.add_course(CourseIn(title="年次研修"), officer)
    office.pms.training.record(TrainingIn(course=course.id, operator="sato", attended_on=TODAY), officer)
    settings = office.settings.model_copy(update={"officer_mail": "officer@example.jp"})
    object.__setattr__(office, "settings", settings)
    first = pms_due.run(office, office.clock.now())
    again = pms_due.run(office, office.clock.now())
    office.outbox.deliver_due()
    assert first.changed == 1 and first.counts["training"] == 3
    assert [m.to for m in mail.outbox] == ["officer@example.jp"]  # the second run is the same message
    body = mail.outbox[0].body
    assert "教育 / training: 3" in body and "期限超過 OVERDUE 2026-11-20  kato — 年次研修" in body
    assert "sato — 年次研修" not in body
    assert again.counts["queued"] == 1 and _actions(office).count("pms.due_mailed") == 2
