"""The yearly cycle's use cases: sign a ledger review, plan and run an internal audit (findings, corrective actions,
closure), keep the register of responsible persons, and say what is due. Training and the security measures are in
`training.py` and `measures.py`; all three share `Staff` (who the operators are) and the error codes here.

Each writing method is one unit of work with its `pms.*` audit event (ids and codes, never the typed text).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from hogo.clock import JST, Clock, today_jst
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import Conflict, Forbidden, InvalidInput, NoLedger, NotFound
from hogo.identity.operators import OperatorService, OperatorView
from hogo.identity.policy import Actor, Permission
from hogo.ledger.schemas.ledger import Ledger
from hogo.ledger.service import LedgerService
from hogo.pms import policy
from hogo.pms.models import AuditFinding, InternalAudit, LedgerReview, Responsible
from hogo.pms.policy import ALL, ResponsibleRole, Severity
from hogo.pms.schemas import (
    ActionIn,
    AuditIn,
    AuditView,
    CloseFindingIn,
    FindingIn,
    FindingView,
    ResponsibleIn,
    ResponsibleView,
    ReviewIn,
    ReviewView,
)

NOT_SECTIONS = frozenset({"hogo_ledger", "accepted_findings"})


class ReviewerNotOfficer(Forbidden):
    code = "pms-reviewer-not-officer"


class UnknownOperator(InvalidInput):
    code = "pms-unknown-operator"


class AuditorNotIndependent(InvalidInput):
    code = "pms-auditor-not-independent"


class FindingNotClosable(Conflict):
    code = "pms-finding-not-closable"


class AuditNotClosable(Conflict):
    code = "pms-audit-not-closable"


def ledger_sections(ledger: Ledger) -> list[str]:
    """The ledger's top-level sections that say something (items, purposes, entrustees, …), in the file's order."""
    return [name for name in Ledger.model_fields if name not in NOT_SECTIONS and getattr(ledger, name)]


@dataclass(frozen=True)
class Staff:
    """The console operators by login and by id, read once per use case."""

    by_login: dict[str, OperatorView]
    by_id: dict[str, OperatorView]

    @classmethod
    def of(cls, operators: OperatorService) -> Staff:
        rows = operators.directory()
        return cls({o.login: o for o in rows}, {o.id: o for o in rows})

    def find(self, login: str, what: str) -> OperatorView:
        found = self.by_login.get(login.strip().lower())
        if found is None:
            raise UnknownOperator(f"{what}: no console operator has the login {login!r}")
        return found

    def active(self, login: str, what: str) -> OperatorView:
        found = self.find(login, what)
        if found.disabled:
            raise UnknownOperator(f"{what}: the operator {found.login!r} is disabled")
        return found

    def login(self, operator_id: str | None) -> str | None:
        if operator_id is None:
            return None
        found = self.by_id.get(operator_id)
        return found.login if found else operator_id


def jst_today(clock: Clock) -> dt.date:
    return today_jst(clock)


def not_future(day: dt.date, today: dt.date, what: str) -> None:
    if day > today:
        raise InvalidInput(f"{what} {day.isoformat()} is after today ({today.isoformat()}, JST)")


class PmsService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ledger: LedgerService, operators: OperatorService) -> None:
        self._uow = uow
        self._clock = clock
        self._ledger = ledger
        self._operators = operators
        self.facts_of: list[Callable[[dt.date], policy.CycleFacts]] = []
        """Training and measures add their facts to `due` (set by the wiring)."""

    # -- ledger reviews (台帳の見直し) --------------------------------------------------------------------
    def sections(self) -> list[str]:
        try:
            return ledger_sections(self._ledger.index().ledger)
        except NoLedger:
            return []

    def record_review(self, data: ReviewIn, actor: Actor) -> ReviewView:
        """A review of a section of the ledger in force (or all of it), signed by the privacy officer."""
        actor.require(Permission.manage_pms)
        index = self._ledger.index()
        sections = ledger_sections(index.ledger)
        if data.section != ALL and data.section not in sections:
            raise InvalidInput(f"the ledger has no section {data.section!r}; give one of: all, {', '.join(sections)}")
        reviewer = Staff.of(self._operators).find(data.reviewer, "the reviewer")
        problem = policy.signer_problem(reviewer.role.value, reviewer.disabled)
        if problem:
            raise ReviewerNotOfficer(f"the reviewer {reviewer.login!r} {problem}")
        today = jst_today(self._clock)
        reviewed_on = data.reviewed_on or today
        not_future(reviewed_on, today, "the review date")
        next_due = policy.next_review(reviewed_on, data.next_due)
        if next_due <= reviewed_on:
            raise InvalidInput("the next review must come after this one")
        with self._uow() as uow:
            row = LedgerReview(
                id="rv_" + secrets.token_hex(8),
                section=data.section,
                reviewer_id=reviewer.id,
                reviewed_on=reviewed_on,
                ledger_version=index.version,
                findings=data.findings,
                next_due=next_due,
                created_by=actor.id,
                created_at=self._clock.now(),
            )
            uow.session.add(row)
            uow.record(
                actor=actor.id,
                action="pms.review_recorded",
                entity_type="pms_review",
                entity_id=row.id,
                data={
                    "section": row.section,
                    "reviewer": reviewer.id,
                    "ledger_version": index.version,
                    "reviewed_on": reviewed_on.isoformat(),
                    "next_due": next_due.isoformat(),
                },
            )
            uow.commit()
        return ReviewView(row.id, row.section, reviewer.login, reviewed_on, index.version, row.findings, next_due)

    def reviews(self, actor: Actor, limit: int = 200) -> list[ReviewView]:
        actor.require(Permission.read_pms)
        staff = Staff.of(self._operators)
        with self._uow(read_only=True) as uow:
            rows = uow.session.execute(
                select(LedgerReview)
                .order_by(LedgerReview.reviewed_on.desc(), LedgerReview.created_at.desc())
                .limit(limit)
            ).scalars()
            return [
                ReviewView(
                    r.id,
                    r.section,
                    staff.login(r.reviewer_id) or "",
                    r.reviewed_on,
                    r.ledger_version,
                    r.findings,
                    r.next_due,
                )
                for r in rows
            ]

    def section_due(self) -> dict[str, dt.date]:
        versions = self._ledger.versions()
        baseline = versions[0].applied_at.astimezone(JST).date() if versions else None
        with self._uow(read_only=True) as uow:
            rows = uow.session.execute(select(LedgerReview.section, LedgerReview.next_due)).all()
        return policy.section_due(self.sections(), [(s, d) for s, d in rows], baseline)

    # -- internal audits (内部監査) ----------------------------------------------------------------------
    def _managers(self, session: Session, on: dt.date) -> set[str]:
        rows = session.execute(select(Responsible).where(Responsible.role == ResponsibleRole.manager.value)).scalars()
        return {r.operator_id for r in rows if r.operator_id and policy.holds(r.since, r.until, on)}

    def plan_audit(self, data: AuditIn, actor: Actor) -> AuditView:
        actor.require(Permission.manage_pms)
        staff = Staff.of(self._operators)
        auditor = staff.find(data.auditor, "the auditor")
        with self._uow() as uow:
            managers = self._managers(uow.session, data.planned_on)
            problem = policy.auditor_problem(auditor.role.value, auditor.disabled, auditor.id in managers)
            if problem:
                raise AuditorNotIndependent(f"the auditor {auditor.login!r} {problem}")
            row = InternalAudit(
                id="au_" + secrets.token_hex(8),
                title=data.title,
                scope=data.scope,
                planned_on=data.planned_on,
                auditor_id=auditor.id,
                created_by=actor.id,
                created_at=self._clock.now(),
            )
            uow.session.add(row)
            uow.record(
                actor=actor.id,
                action="pms.audit_planned",
                entity_type="pms_audit",
                entity_id=row.id,
                data={"auditor": auditor.id, "planned_on": data.planned_on.isoformat()},
            )
            uow.commit()
            audit_id = row.id
        return self.audit(audit_id, actor)

    def add_finding(self, audit_id: str, data: FindingIn, actor: Actor) -> FindingView:
        actor.require(Permission.manage_pms)
        with self._uow() as uow:
            audit = self._audit_row(uow.session, audit_id)
            if audit.closed_on is not None:
                raise Conflict(f"audit {audit_id} is closed")
            row = AuditFinding(
                id="af_" + secrets.token_hex(8),
                audit_id=audit_id,
                text=data.text,
                severity=data.severity.value,
                created_at=self._clock.now(),
            )
            uow.session.add(row)
            uow.record(
                actor=actor.id,
                action="pms.finding_recorded",
                entity_type="pms_finding",
                entity_id=row.id,
                data={"audit": audit_id, "severity": row.severity},
            )
            uow.commit()
            finding_id = row.id
        return self.finding(finding_id, actor)

    def set_action(self, finding_id: str, data: ActionIn, actor: Actor) -> FindingView:
        """A finding's corrective action, its owner and due date (a later call replaces them)."""
        actor.require(Permission.manage_pms)
        staff = Staff.of(self._operators)
        owner = staff.active(data.owner, "the action's owner")
        with self._uow() as uow:
            row = self._finding_row(uow.session, finding_id)
            if row.closed_on is not None:
                raise Conflict(f"finding {finding_id} is closed")
            audit = self._audit_row(uow.session, row.audit_id)
            if owner.id == audit.auditor_id:
                raise AuditorNotIndependent(
                    f"the owner {owner.login!r} is the audit's auditor and would check their own corrective action"
                )
            row.action, row.owner_id, row.action_due = data.action, owner.id, data.due
            uow.record(
                actor=actor.id,
                action="pms.action_set",
                entity_type="pms_finding",
                entity_id=row.id,
                data={"audit": row.audit_id, "owner": owner.id, "due": data.due.isoformat()},
            )
            uow.commit()
        return self.finding(finding_id, actor)

    def close_finding(self, finding_id: str, data: CloseFindingIn, actor: Actor) -> FindingView:
        actor.require(Permission.manage_pms)
        today = jst_today(self._clock)
        closed_on = data.closed_on or today
        not_future(closed_on, today, "the closing date")
        with self._uow() as uow:
            row = self._finding_row(uow.session, finding_id)
            state = policy.FindingState(row.action, data.completion or None, row.closed_on is not None)
            problem = policy.closing_problem(state)
            if problem:
                raise FindingNotClosable(f"finding {finding_id} {problem}")
            row.completion, row.closed_on = data.completion, closed_on
            uow.record(
                actor=actor.id,
                action="pms.finding_closed",
                entity_type="pms_finding",
                entity_id=row.id,
                data={"audit": row.audit_id, "closed_on": closed_on.isoformat()},
            )
            uow.commit()
        return self.finding(finding_id, actor)

    def close_audit(self, audit_id: str, actor: Actor) -> AuditView:
        """Close an audit whose findings are all closed (or which found nothing)."""
        actor.require(Permission.manage_pms)
        today = jst_today(self._clock)
        with self._uow() as uow:
            audit = self._audit_row(uow.session, audit_id)
            if audit.closed_on is not None:
                raise AuditNotClosable(f"audit {audit_id} is already closed")
            open_ = (
                uow.session.execute(
                    select(AuditFinding.id).where(AuditFinding.audit_id == audit_id, AuditFinding.closed_on.is_(None))
                )
                .scalars()
                .all()
            )
            if open_:
                raise AuditNotClosable(
                    f"audit {audit_id} has {len(open_)} open finding(s): close each with its corrective action first"
                )
            audit.closed_on = today
            uow.record(actor=actor.id, action="pms.audit_closed", entity_type="pms_audit", entity_id=audit_id, data={})
            uow.commit()
        return self.audit(audit_id, actor)

    def audits(self, actor: Actor) -> list[AuditView]:
        actor.require(Permission.read_pms)
        staff, today = Staff.of(self._operators), jst_today(self._clock)
        with self._uow(read_only=True) as uow:
            audits = uow.session.execute(select(InternalAudit).order_by(InternalAudit.planned_on.desc())).scalars()
            by_audit: dict[str, list[FindingView]] = {}
            for f in uow.session.execute(select(AuditFinding).order_by(AuditFinding.created_at)).scalars():
                by_audit.setdefault(f.audit_id, []).append(_finding(f, staff, today))
            return [_audit(a, staff, by_audit.get(a.id, [])) for a in audits]

    def audit(self, audit_id: str, actor: Actor) -> AuditView:
        actor.require(Permission.read_pms)
        staff, today = Staff.of(self._operators), jst_today(self._clock)
        with self._uow(read_only=True) as uow:
            row = self._audit_row(uow.session, audit_id)
            findings = uow.session.execute(
                select(AuditFinding).where(AuditFinding.audit_id == audit_id).order_by(AuditFinding.created_at)
            ).scalars()
            return _audit(row, staff, [_finding(f, staff, today) for f in findings])

    def finding(self, finding_id: str, actor: Actor) -> FindingView:
        actor.require(Permission.read_pms)
        staff, today = Staff.of(self._operators), jst_today(self._clock)
        with self._uow(read_only=True) as uow:
            return _finding(self._finding_row(uow.session, finding_id), staff, today)

    def overdue_actions(self, actor: Actor) -> list[FindingView]:
        """Open findings whose corrective action is past its due date."""
        return [f for a in self.audits(actor) for f in a.findings if f.overdue]

    def open_actions(self) -> list[policy.OpenAction]:
        with self._uow(read_only=True) as uow:
            rows = uow.session.execute(
                select(AuditFinding.id, AuditFinding.text, AuditFinding.action_due).where(
                    AuditFinding.closed_on.is_(None)
                )
            ).all()
        return [policy.OpenAction(i, text[:80], due) for i, text, due in rows]

    @staticmethod
    def _audit_row(session: Session, audit_id: str) -> InternalAudit:
        row = session.get(InternalAudit, audit_id)
        if row is None:
            raise NotFound(f"internal audit {audit_id} does not exist")
        return row

    @staticmethod
    def _finding_row(session: Session, finding_id: str) -> AuditFinding:
        row = session.get(AuditFinding, finding_id)
        if row is None:
            raise NotFound(f"audit finding {finding_id} does not exist")
        return row

    # -- responsible persons (管理者, 監査責任者, 窓口) ----------------------------------------------------
    def appoint(self, data: ResponsibleIn, actor: Actor) -> ResponsibleView:
        actor.require(Permission.manage_pms)
        staff = Staff.of(self._operators)
        if (data.operator is None) == (not data.name):
            raise InvalidInput(
                "give either an operator's login or the name (and title) of a person outside the console"
            )
        operator = staff.active(data.operator, "the appointee") if data.operator else None
        if data.until is not None and data.until < data.since:
            raise InvalidInput("the appointment ends before it starts")
        with self._uow() as uow:
            others = [
                (ResponsibleRole(r.role), r.operator_id, r.since, r.until)
                for r in uow.session.execute(select(Responsible)).scalars()
            ]
            problem = policy.appointment_overlap(
                data.role, data.since, data.until, operator.id if operator else None, others
            )
            if problem:
                raise AuditorNotIndependent(f"{operator.login if operator else ''}: {problem}")
            row = Responsible(
                id="rp_" + secrets.token_hex(8),
                role=data.role.value,
                operator_id=operator.id if operator else None,
                name=None if operator else data.name,
                title=data.title,
                since=data.since,
                until=data.until,
                created_by=actor.id,
                created_at=self._clock.now(),
            )
            uow.session.add(row)
            uow.record(
                actor=actor.id,
                action="pms.responsible_appointed",
                entity_type="pms_responsible",
                entity_id=row.id,
                data={"role": row.role, "operator": row.operator_id, "since": data.since.isoformat()},
            )
            uow.commit()
            return _responsible(row, staff, jst_today(self._clock))

    def end_appointment(self, appointment_id: str, until: dt.date, actor: Actor) -> ResponsibleView:
        actor.require(Permission.manage_pms)
        staff = Staff.of(self._operators)
        with self._uow() as uow:
            row = uow.session.get(Responsible, appointment_id)
            if row is None:
                raise NotFound(f"appointment {appointment_id} does not exist")
            if until < row.since:
                raise InvalidInput("the appointment ends before it starts")
            row.until = until
            uow.record(
                actor=actor.id,
                action="pms.responsible_ended",
                entity_type="pms_responsible",
                entity_id=row.id,
                data={"until": until.isoformat()},
            )
            uow.commit()
            return _responsible(row, staff, jst_today(self._clock))

    def responsibles(self, actor: Actor) -> list[ResponsibleView]:
        actor.require(Permission.read_pms)
        staff, today = Staff.of(self._operators), jst_today(self._clock)
        with self._uow(read_only=True) as uow:
            rows = uow.session.execute(
                select(Responsible).order_by(Responsible.role, Responsible.since.desc())
            ).scalars()
            return [_responsible(r, staff, today) for r in rows]

    # -- what is due ------------------------------------------------------------------------------------
    def due(self, actor: Actor, today: dt.date | None = None) -> policy.Due:
        """What is due or overdue across the cycle (for the dashboard and the officer's monthly mail)."""
        actor.require(Permission.read_pms)
        today = today or jst_today(self._clock)
        facts = policy.CycleFacts(section_due=self.section_due(), actions=self.open_actions())
        for more in self.facts_of:
            extra = more(today)
            facts = policy.CycleFacts(
                facts.section_due or extra.section_due,
                [*facts.actions, *extra.actions],
                [*facts.attendance, *extra.attendance],
                [*facts.measures, *extra.measures],
            )
        return policy.due_items(today, facts)


def _finding(row: AuditFinding, staff: Staff, today: dt.date) -> FindingView:
    overdue = row.closed_on is None and row.action_due is not None and row.action_due < today
    return FindingView(
        row.id,
        row.audit_id,
        row.text,
        Severity(row.severity),
        row.action,
        staff.login(row.owner_id),
        row.action_due,
        row.completion,
        row.closed_on,
        overdue,
    )


def _audit(row: InternalAudit, staff: Staff, findings: list[FindingView]) -> AuditView:
    return AuditView(
        row.id, row.title, row.scope, row.planned_on, staff.login(row.auditor_id) or "", row.closed_on, tuple(findings)
    )


def _responsible(row: Responsible, staff: Staff, today: dt.date) -> ResponsibleView:
    operator = staff.by_id.get(row.operator_id) if row.operator_id else None
    return ResponsibleView(
        row.id,
        ResponsibleRole(row.role),
        operator.login if operator else None,
        operator.name if operator else (row.name or ""),
        row.title or "",
        row.since,
        row.until,
        policy.holds(row.since, row.until, today),
    )
