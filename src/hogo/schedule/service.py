"""The schedule's use cases: keep the catalogue of jobs, claim a due job, record how its run ended, list.

Claiming is one compare-and-set UPDATE in its own short transaction (ADR 0014):

    UPDATE scheduled_jobs SET lease_owner = :token, lease_until = :now + :lease
     WHERE name = :name AND next_due_at = :due AND (lease_until IS NULL OR lease_until <= :now)

It changes one row for exactly one of any number of workers racing for a due time: on PostgreSQL the loser's
UPDATE waits for the winner's row lock and then finds the lease taken (READ COMMITTED re-reads the row); on
SQLite writers are serialised by BEGIN IMMEDIATE (ADR 0011). The winner runs the job outside any schedule
transaction and finishes with a second UPDATE fenced by its token, which moves `next_due_at` on and writes
the run's audit event in the same transaction. A worker that dies leaves its lease to run out; the due time
is then claimed again and rerun (jobs are idempotent). A finish whose token is gone (its lease ran out and
another worker took over) moves nothing.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Collection, Iterable
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from hogo.clock import Clock
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import Conflict, NotFound
from hogo.schedule.models import ScheduledJob
from hogo.schedule.policy import Outcome, error_summary, interval_seconds, next_due
from hogo.schedule.schemas import Claim, Finished, JobResult, JobSpec, JobState

AUDIT_IDS = 100
"""At most this many ids of what a run changed go into its `job.ran` event (the count says how many in all)."""


def job_actor(name: str) -> str:
    """Who acts when a job runs, in the audit trail."""
    return f"hogo:job:{name}"


class ScheduleService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    # -- the catalogue -------------------------------------------------------------------------------
    def register(self, specs: Iterable[JobSpec]) -> None:
        """Bring the catalogue up to date: a job new to the store is due at once; a known one keeps its due
        time (and its grid) and takes the interval and descriptions given. Safe for processes racing."""
        now = self._clock.now()
        rows = [
            {
                "name": spec.name,
                "interval_seconds": interval_seconds(spec.interval),
                "description_ja": spec.ja,
                "description_en": spec.en,
                "next_due_at": now,
                "run_count": 0,
            }
            for spec in specs
        ]
        if not rows:
            return
        with self._uow() as uow:
            dialect = postgresql if uow.session.get_bind().dialect.name == "postgresql" else sqlite
            uow.session.execute(
                dialect.insert(ScheduledJob).values(rows).on_conflict_do_nothing(index_elements=["name"])
            )
            for row in rows:
                uow.session.execute(
                    update(ScheduledJob)
                    .where(
                        ScheduledJob.name == row["name"],
                        or_(
                            ScheduledJob.interval_seconds != row["interval_seconds"],
                            ScheduledJob.description_ja != row["description_ja"],
                            ScheduledJob.description_en != row["description_en"],
                        ),
                    )
                    .values(
                        interval_seconds=row["interval_seconds"],
                        description_ja=row["description_ja"],
                        description_en=row["description_en"],
                    )
                    .execution_options(synchronize_session=False)
                )
            uow.commit()

    # -- reading -------------------------------------------------------------------------------------
    def jobs(self) -> list[JobState]:
        with self._uow(read_only=True) as uow:
            return [_state(r) for r in uow.session.execute(select(ScheduledJob).order_by(ScheduledJob.name)).scalars()]

    def job(self, name: str) -> JobState:
        with self._uow(read_only=True) as uow:
            row = uow.session.get(ScheduledJob, name)
            if row is None:
                raise NotFound(f"no job named {name!r} in the schedule")
            return _state(row)

    def due(self, names: Collection[str]) -> list[JobState]:
        """The jobs among `names` that are due now and held by nobody, the longest due first."""
        now = self._clock.now()
        with self._uow(read_only=True) as uow:
            rows = uow.session.execute(
                select(ScheduledJob)
                .where(ScheduledJob.name.in_(list(names)), ScheduledJob.next_due_at <= now, _lease_free(now))
                .order_by(ScheduledJob.next_due_at, ScheduledJob.name)
            ).scalars()
            return [_state(r) for r in rows]

    # -- claiming ------------------------------------------------------------------------------------
    def claim(self, name: str, due_at: dt.datetime, owner: str, lease: dt.timedelta) -> Claim | None:
        """Take the job for its due time `due_at`, or None if another worker has it (or has run it already)."""
        return self._claim(name, due_at, owner, lease, ScheduledJob.next_due_at == due_at)

    def claim_now(self, name: str, owner: str, lease: dt.timedelta) -> Claim:
        """Take the job for a run by hand, whatever its due time; refused while another worker runs it."""
        claim = self._claim(name, None, owner, lease, None)
        if claim is None:
            state = self.job(name)
            raise Conflict(f"job {name} is running in {state.lease_owner} (its lease runs until {state.lease_until})")
        return claim

    def _claim(
        self,
        name: str,
        due_at: dt.datetime | None,
        owner: str,
        lease: dt.timedelta,
        on_due: ColumnElement[bool] | None,
    ) -> Claim | None:
        now = self._clock.now()
        token = f"{owner}/{secrets.token_hex(4)}"[-120:]
        where = [ScheduledJob.name == name, _lease_free(now)] + ([on_due] if on_due is not None else [])
        with self._uow() as uow:
            taken = _rowcount(
                uow.session,
                update(ScheduledJob)
                .where(*where)
                .values(lease_owner=token, lease_until=now + lease)
                .execution_options(synchronize_session=False),
            )
            if taken != 1:
                if uow.session.get(ScheduledJob, name) is None:
                    raise NotFound(f"no job named {name!r} in the schedule")
                return None
            seconds = uow.session.execute(select(ScheduledJob.interval_seconds).where(ScheduledJob.name == name))
            interval = dt.timedelta(seconds=seconds.scalar_one())
            uow.commit()
        return Claim(name, due_at, token, now, now + lease, interval)

    # -- finishing -----------------------------------------------------------------------------------
    def finish(self, claim: Claim, result: JobResult) -> Finished:
        """The run ended well: move the job to its next due time; audit `job.ran` if it changed anything."""
        return self._finish(claim, Outcome.changed if result.changed else Outcome.nothing, result, None)

    def fail(self, claim: Claim, exc: BaseException) -> Finished:
        """The run raised: record the error (class, message without personal data), audit `job.failed`, and
        still move the job to its next due time (it is tried again then, not at every poll)."""
        return self._finish(claim, Outcome.failed, None, exc)

    def _finish(self, claim: Claim, outcome: Outcome, result: JobResult | None, exc: BaseException | None) -> Finished:
        now = self._clock.now()
        error_class, error = error_summary(exc) if exc is not None else (None, None)
        next_at = next_due(claim.due_at, claim.interval, now) if claim.due_at is not None else None
        counts = {"changed": result.changed, **result.counts} if result is not None else None
        values: dict[str, Any] = {
            "lease_owner": None,
            "lease_until": None,
            "last_due_at": claim.due_at,
            "last_started_at": claim.claimed_at,
            "last_finished_at": now,
            "last_outcome": outcome.value,
            "last_error_class": error_class,
            "last_error": error,
            "last_counts": counts,
            "run_count": ScheduledJob.run_count + 1,
        }
        if next_at is not None:
            values["next_due_at"] = next_at
        with self._uow() as uow:
            fenced = (
                update(ScheduledJob)
                .where(ScheduledJob.name == claim.name, ScheduledJob.lease_owner == claim.token)
                .values(**values)
                .execution_options(synchronize_session=False)
            )
            lost = _rowcount(uow.session, fenced) != 1
            data: dict[str, Any] = {
                "due_at": claim.due_at.isoformat() if claim.due_at else None,
                "manual": claim.due_at is None,
                "lease_lost": lost,
            }
            if outcome is Outcome.failed:
                event: tuple[str, dict[str, Any]] | None = ("job.failed", data | {"error": error_class})
            elif result is not None and result.changed:
                event = ("job.ran", data | {"counts": counts, "ids": list(result.ids[:AUDIT_IDS])})
            else:
                event = None  # found nothing: no event (a job may run every few seconds)
            if event is not None:
                action, body = event
                uow.record(
                    actor=job_actor(claim.name),
                    action=action,
                    entity_type="job",
                    entity_id=claim.name,
                    data=body,
                )
            uow.commit()
        return Finished(claim.name, claim.due_at, outcome, None if lost else next_at, lost, result, error_class, error)


def _lease_free(now: dt.datetime) -> ColumnElement[bool]:
    """policy.lease_free, as SQL."""
    return or_(ScheduledJob.lease_until.is_(None), ScheduledJob.lease_until <= now)


def _rowcount(session: Session, statement: Any) -> int:
    return cast(CursorResult[Any], session.execute(statement)).rowcount


def _state(row: ScheduledJob) -> JobState:
    return JobState(
        name=row.name,
        interval=dt.timedelta(seconds=row.interval_seconds),
        ja=row.description_ja,
        en=row.description_en,
        next_due_at=row.next_due_at,
        lease_owner=row.lease_owner,
        lease_until=row.lease_until,
        last_due_at=row.last_due_at,
        last_started_at=row.last_started_at,
        last_finished_at=row.last_finished_at,
        last_outcome=Outcome(row.last_outcome) if row.last_outcome else None,
        last_error_class=row.last_error_class,
        last_error=row.last_error,
        last_counts=dict(row.last_counts) if row.last_counts is not None else None,
        run_count=row.run_count,
    )
