"""Internal audits (内部監査): the plan and its auditor, the findings, each finding's corrective action (owner, due
date), closing a finding (only with its action and a note of what was done), closing the audit (once every finding
is closed), and the overdue corrective actions.

The auditor must not audit their own work: an operator with the auditor or officer role who is not the privacy
manager (個人情報保護管理者) over the audit's day, and never the owner of a corrective action of their own audit.
"""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from hogo.clock import Clock
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import Conflict, NotFound
from hogo.identity.operators import OperatorService
from hogo.identity.policy import Actor, Permission
from hogo.pms import policy
from hogo.pms.models import AuditFinding, InternalAudit, Responsible
from hogo.pms.policy import ResponsibleRole, Severity
from hogo.pms.schemas import ActionIn, AuditIn, AuditView, CloseFindingIn, FindingIn, FindingView
from hogo.pms.staff import (
    AuditNotClosable,
    AuditorNotIndependent,
    FindingNotClosable,
    Staff,
    jst_today,
    not_future,
)


class AuditService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, operators: OperatorService) -> None:
        self._uow = uow
        self._clock = clock
        self._operators = operators

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

    def facts(self, today: dt.date) -> policy.CycleFacts:
        return policy.CycleFacts(actions=self.open_actions())


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
