"""Training (教育): courses with their interval, who attended when, and who is overdue.

Every active console operator takes every required course; one whose last attendance is older than the course's
interval, or who never attended, is listed as overdue. A record for an operator the console does not know is
refused.
"""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import func, select

from hogo.clock import Clock
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import NotFound
from hogo.identity.operators import OperatorService
from hogo.identity.policy import Actor, Permission
from hogo.pms import policy
from hogo.pms.models import Course, Training
from hogo.pms.schemas import CourseIn, CourseView, TrainingIn, TrainingView
from hogo.pms.staff import Staff, jst_today, not_future


class TrainingService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, operators: OperatorService) -> None:
        self._uow = uow
        self._clock = clock
        self._operators = operators

    def add_course(self, data: CourseIn, actor: Actor) -> CourseView:
        actor.require(Permission.manage_pms)
        with self._uow() as uow:
            row = Course(
                id="cr_" + secrets.token_hex(6),
                title=data.title,
                interval_months=data.interval_months,
                required=data.required,
                created_at=self._clock.now(),
            )
            uow.session.add(row)
            uow.record(
                actor=actor.id,
                action="pms.course_added",
                entity_type="pms_course",
                entity_id=row.id,
                data={"interval_months": row.interval_months, "required": row.required},
            )
            uow.commit()
            return _course(row)

    def courses(self, actor: Actor) -> list[CourseView]:
        actor.require(Permission.read_pms)
        with self._uow(read_only=True) as uow:
            return [_course(r) for r in uow.session.execute(select(Course).order_by(Course.created_at)).scalars()]

    def record(self, data: TrainingIn, actor: Actor) -> TrainingView:
        """An operator attended a course on a day (JST)."""
        actor.require(Permission.manage_pms)
        operator = Staff.of(self._operators).active(data.operator, "the attendee")
        not_future(data.attended_on, jst_today(self._clock), "the attendance date")
        with self._uow() as uow:
            course = uow.session.get(Course, data.course)
            if course is None:
                raise NotFound(f"training course {data.course} does not exist")
            row = Training(
                course_id=course.id,
                operator_id=operator.id,
                attended_on=data.attended_on,
                created_by=actor.id,
                created_at=self._clock.now(),
            )
            uow.session.add(row)
            uow.session.flush()
            uow.record(
                actor=actor.id,
                action="pms.training_recorded",
                entity_type="pms_training",
                entity_id=str(row.id),
                data={"course": course.id, "operator": operator.id, "attended_on": data.attended_on.isoformat()},
            )
            uow.commit()
            return TrainingView(row.id, course.id, course.title, operator.login, operator.name, row.attended_on)

    def records(self, actor: Actor, limit: int | None = None) -> list[TrainingView]:
        """Attendance records, newest first (all of them for an export)."""
        actor.require(Permission.read_pms)
        staff = Staff.of(self._operators)
        with self._uow(read_only=True) as uow:
            query = (
                select(Training, Course.title)
                .join(Course, Course.id == Training.course_id)
                .order_by(Training.attended_on.desc(), Training.id.desc())
            )
            if limit is not None:
                query = query.limit(limit)
            out = []
            for row, title in uow.session.execute(query).all():
                who = staff.by_id.get(row.operator_id)
                out.append(
                    TrainingView(
                        row.id,
                        row.course_id,
                        title,
                        who.login if who else row.operator_id,
                        who.name if who else "",
                        row.attended_on,
                    )
                )
            return out

    def attendance(self) -> list[policy.Attendance]:
        """Each active operator × required course, with the last attendance (None: never)."""
        staff = Staff.of(self._operators)
        with self._uow(read_only=True) as uow:
            courses = uow.session.execute(
                select(Course.id, Course.title, Course.interval_months).where(Course.required.is_(True))
            ).all()
            last = {
                (o, c): d
                for o, c, d in uow.session.execute(
                    select(Training.operator_id, Training.course_id, func.max(Training.attended_on)).group_by(
                        Training.operator_id, Training.course_id
                    )
                ).all()
            }
        return [
            policy.Attendance(o.id, o.login, course, title, months, last.get((o.id, course)))
            for o in staff.by_id.values()
            if not o.disabled
            for course, title, months in courses
        ]

    def overdue(self, actor: Actor, today: dt.date | None = None) -> list[policy.DueItem]:
        """Operators overdue for a required course (never attended, or the interval has passed)."""
        actor.require(Permission.read_pms)
        today = today or jst_today(self._clock)
        facts = policy.CycleFacts(attendance=self.attendance())
        return [i for i in policy.due_items(today, facts, soon_days=0).items if i.overdue]

    def facts(self, today: dt.date) -> policy.CycleFacts:
        return policy.CycleFacts(attendance=self.attendance())


def _course(row: Course) -> CourseView:
    return CourseView(row.id, row.title, row.interval_months, row.required)
