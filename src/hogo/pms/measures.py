"""Security control measures (安全管理措置) in the PPC guideline's categories, with their status, evidence and
review dates.

The first time the measures are listed they are seeded from the ledger's `security_measures` section, so the officer
starts from what the notice promises; from then on the officer keeps them (add, review).
"""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import select

from hogo.clock import JST, Clock
from hogo.db.uow import UnitOfWork, UnitOfWorkFactory
from hogo.errors import InvalidInput, NoLedger, NotFound
from hogo.identity.policy import Actor, Permission
from hogo.ledger.service import LedgerService
from hogo.pms import policy
from hogo.pms.models import Measure
from hogo.pms.policy import MeasureCategory, MeasureStatus
from hogo.pms.schemas import MeasureIn, MeasureReviewIn, MeasureView
from hogo.pms.staff import jst_today, not_future

FROM_LEDGER = (
    MeasureCategory.basic_policy,
    MeasureCategory.handling_rules,
    MeasureCategory.organisational,
    MeasureCategory.personnel,
    MeasureCategory.physical,
    MeasureCategory.technical,
)


class MeasureService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ledger: LedgerService) -> None:
        self._uow = uow
        self._clock = clock
        self._ledger = ledger

    def measures(self, actor: Actor) -> list[MeasureView]:
        """The measures by category; seeded from the ledger when there are none yet."""
        actor.require(Permission.read_pms)
        rows = self._rows()
        if not rows:
            self._seed(actor)
            rows = self._rows()
        return rows

    def _rows(self) -> list[MeasureView]:
        order = {c: n for n, c in enumerate(MeasureCategory)}
        with self._uow(read_only=True) as uow:
            rows = [
                _view(r)
                for r in uow.session.execute(select(Measure).order_by(Measure.created_at, Measure.id)).scalars()
            ]
        return sorted(rows, key=lambda r: order[r.category])

    def _seed(self, actor: Actor) -> None:
        try:
            index = self._ledger.index()
            applied = self._ledger.versions()[0].applied_at.astimezone(JST).date()
        except NoLedger:
            return
        found = index.ledger.security_measures
        texts: list[tuple[MeasureCategory, str]] = [
            (c, t.ja + (f" / {t.en}" if t.en else "")) for c in FROM_LEDGER for t in getattr(found, c.value)
        ]
        texts += [
            (MeasureCategory.external_environment, f"{e.country_name.ja}: {e.measures.ja}")
            for e in found.external_environment
        ]
        if not texts:
            return
        next_review = policy.add_months(applied, policy.REVIEW_MONTHS)
        now = self._clock.now()
        with self._uow() as uow:
            if uow.session.execute(select(Measure.id).limit(1)).first() is not None:
                return  # another request seeded them first
            for n, (category, text) in enumerate(texts):
                uow.session.add(
                    Measure(
                        id="ms_" + secrets.token_hex(6),
                        category=category.value,
                        title=text[:2000],
                        status=MeasureStatus.in_place.value,
                        evidence=f"台帳 第{index.version}版の安全管理措置 / ledger v{index.version}, security measures",
                        last_reviewed=None,
                        next_review=next_review,
                        source="ledger",
                        created_at=now + dt.timedelta(microseconds=n),  # the ledger's order
                        updated_at=now,
                    )
                )
            uow.record(
                actor=actor.id,
                action="pms.measures_seeded",
                entity_type="pms_measure",
                entity_id=f"ledger:{index.version}",
                data={"count": len(texts), "ledger_version": index.version},
            )
            uow.commit()

    def add(self, data: MeasureIn, actor: Actor) -> MeasureView:
        actor.require(Permission.manage_pms)
        today = jst_today(self._clock)
        if data.last_reviewed is not None:
            not_future(data.last_reviewed, today, "the last review")
        next_review = data.next_review or policy.add_months(data.last_reviewed or today, policy.REVIEW_MONTHS)
        now = self._clock.now()
        with self._uow() as uow:
            row = Measure(
                id="ms_" + secrets.token_hex(6),
                category=data.category.value,
                title=data.title,
                status=data.status.value,
                evidence=data.evidence,
                last_reviewed=data.last_reviewed,
                next_review=next_review,
                source="officer",
                created_at=now,
                updated_at=now,
            )
            uow.session.add(row)
            self._audit(uow, actor, "pms.measure_added", row)
            uow.commit()
            return _view(row)

    def review(self, measure_id: str, data: MeasureReviewIn, actor: Actor) -> MeasureView:
        """The officer reviewed a measure: its status now, the evidence, and the next review (default a year on)."""
        actor.require(Permission.manage_pms)
        today = jst_today(self._clock)
        reviewed_on = data.reviewed_on or today
        not_future(reviewed_on, today, "the review date")
        next_review = policy.next_review(reviewed_on, data.next_review)
        if next_review <= reviewed_on:
            raise InvalidInput("the next review must come after this one")
        with self._uow() as uow:
            row = uow.session.get(Measure, measure_id)
            if row is None:
                raise NotFound(f"security measure {measure_id} does not exist")
            row.status, row.last_reviewed, row.next_review = data.status.value, reviewed_on, next_review
            if data.evidence is not None:
                row.evidence = data.evidence
            row.updated_at = self._clock.now()
            self._audit(uow, actor, "pms.measure_reviewed", row)
            uow.commit()
            return _view(row)

    @staticmethod
    def _audit(uow: UnitOfWork, actor: Actor, action: str, row: Measure) -> None:
        uow.record(
            actor=actor.id,
            action=action,
            entity_type="pms_measure",
            entity_id=row.id,
            data={
                "category": row.category,
                "status": row.status,
                "next_review": row.next_review.isoformat() if row.next_review else None,
            },
        )

    def facts(self, today: dt.date) -> policy.CycleFacts:
        with self._uow(read_only=True) as uow:
            rows = uow.session.execute(select(Measure.id, Measure.title, Measure.next_review)).all()
        return policy.CycleFacts(measures=[policy.MeasureDue(i, t[:80], d) for i, t, d in rows])


def _view(row: Measure) -> MeasureView:
    return MeasureView(
        row.id,
        MeasureCategory(row.category),
        row.title,
        MeasureStatus(row.status),
        row.evidence,
        row.last_reviewed,
        row.next_review,
        row.source,
    )
