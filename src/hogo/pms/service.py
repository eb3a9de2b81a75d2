"""The yearly cycle's use cases: sign a ledger review (台帳の見直し), keep the register of responsible persons
(個人情報保護管理者, 監査責任者, 窓口担当), and say what is due across the cycle. Internal audits are in `audits.py`,
training in `training.py`, the security measures in `measures.py`; they share `staff.py`.

Each writing method is one unit of work with its `pms.*` audit event (ids and codes, never the typed text).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable

from sqlalchemy import select

from hogo.clock import JST, Clock
from hogo.db.uow import Outgoing, UnitOfWorkFactory
from hogo.errors import InvalidInput, NoLedger, NotFound
from hogo.identity.operators import OperatorService
from hogo.identity.policy import Actor, Permission
from hogo.ledger.service import LedgerService
from hogo.pms import messages, policy
from hogo.pms.models import LedgerReview, Responsible
from hogo.pms.policy import ALL, ResponsibleRole
from hogo.pms.schemas import ResponsibleIn, ResponsibleView, ReviewIn, ReviewView
from hogo.pms.staff import AuditorNotIndependent, ReviewerNotOfficer, Staff, jst_today, ledger_sections, not_future


class PmsService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ledger: LedgerService, operators: OperatorService) -> None:
        self._uow = uow
        self._clock = clock
        self._ledger = ledger
        self._operators = operators
        self.facts_of: list[Callable[[dt.date], policy.CycleFacts]] = []
        """Audits, training and measures add their facts to `due` (set by the wiring)."""

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
    def remind(self, to: str, actor: Actor, console_url: str) -> policy.Due:
        """Mail the officer what is due or overdue across the cycle: one outbox row per month (keyed by the month in
        Japan, so a second run that month sends nothing), with its audit event; nothing when nothing is due."""
        today = jst_today(self._clock)
        due = self.due(actor, today)
        if not due.items:
            return due
        month = today.strftime("%Y-%m")
        subject, body = messages.due_mail(today, due, console_url)
        with self._uow() as uow:
            payload = {"to": to, "subject": subject, "body": body}
            uow.send(Outgoing("mail", f"pms-due|{month}", payload, ("pms", month), "pms.due"))
            uow.record(
                actor=actor.id,
                action="pms.due_mailed",
                entity_type="pms",
                entity_id=month,
                data={"counts": due.counts, "overdue": due.overdue_counts},
            )
            uow.commit()
        return due

    def due(self, actor: Actor, today: dt.date | None = None) -> policy.Due:
        """What is due or overdue across the cycle (for the dashboard and the officer's monthly mail)."""
        actor.require(Permission.read_pms)
        today = today or jst_today(self._clock)
        facts = policy.CycleFacts(section_due=self.section_due())
        for more in self.facts_of:
            extra = more(today)
            facts = policy.CycleFacts(
                facts.section_due or extra.section_due,
                [*facts.actions, *extra.actions],
                [*facts.attendance, *extra.attendance],
                [*facts.measures, *extra.measures],
            )
        return policy.due_items(today, facts)


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
