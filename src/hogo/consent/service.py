"""Consent use cases: record (alone or with an acquisition), withdraw, list, and the person's receipt."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from hogo.clock import Clock
from hogo.consent.models import Consent
from hogo.consent.policy import ConsentRejected, shown_for
from hogo.consent.receipt import build_receipt
from hogo.consent.schemas import ARTICLE, ConsentIn, ConsentKind, ConsentMethod, ConsentView
from hogo.db.uow import UnitOfWork, UnitOfWorkFactory
from hogo.errors import Conflict, NotFound
from hogo.identity.policy import Actor, Permission
from hogo.ledger.compiled import LedgerIndex
from hogo.ledger.service import LedgerService
from hogo.subjects.schemas import PersonRef

ResolvePerson = Callable[[Session, str], PersonRef]


class WebEvidence(Protocol):
    """The website banner's consents, as Art. 31 evidence (`WebConsentService`, wired by the composition root)."""

    def referable(self, session: Session, person_id: str) -> dict[str, str]: ...


@dataclass(frozen=True)
class ConsentState:
    """The person's consents as the decision point needs them: (kind, target) pairs."""

    active: frozenset[tuple[str, str]]
    withdrawn: frozenset[tuple[str, str]]


class ConsentService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        ledger: LedgerService,
        resolve_person: ResolvePerson,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._ledger = ledger
        self._resolve = resolve_person
        self.audit_proof: Callable[[Sequence[str], str, str, tuple[str, str]], dict[str, Any]] | None = None
        """Set by the composition root: the audit event and inclusion proof a receipt carries."""
        self.web: WebEvidence | None = None

    # -- inside another use case's transaction ------------------------------------------------
    def add(self, uow: UnitOfWork, person: PersonRef, data: ConsentIn, index: LedgerIndex, actor: Actor) -> Consent:
        """Record one consent in the caller's unit of work, with its audit event."""
        return self.add_many(uow, [(person, data)], index, actor)[0]

    def add_many(
        self, uow: UnitOfWork, given: Sequence[tuple[PersonRef, ConsentIn]], index: LedgerIndex, actor: Actor
    ) -> list[Consent]:
        """Record consents in the caller's unit of work (one multi-row insert), each with its audit event."""
        now = self._clock.now()
        rows: list[Consent] = []
        for person, data in given:
            if person.erased:
                raise Conflict(f"person {person.id} was erased")
            given_at = data.given_at or now
            if given_at > now + dt.timedelta(minutes=5):
                raise ConsentRejected("a consent cannot be given in the future")
            rows.append(
                Consent(
                    id="c_" + secrets.token_hex(12),
                    person_id=person.id,
                    kind=data.kind.value,
                    target=data.target,
                    ledger_version=index.version,
                    shown=shown_for(index, person.subject_kind, data.kind, data.target),
                    method=data.method.value,
                    evidence=data.evidence,
                    given_at=given_at,
                    recorded_by=actor.id,
                )
            )
        if not rows:
            return rows
        uow.session.execute(insert(Consent), [_columns(row) for row in rows])
        uow.record_many(
            actor=actor.id,
            entries=[
                (
                    "consent.given",
                    "person",
                    row.person_id,
                    {"consent": row.id, "kind": row.kind, "target": row.target, "method": row.method},
                )
                for row in rows
            ],
        )
        return rows

    # -- use cases ----------------------------------------------------------------------------
    def give(self, person_id: str, data: ConsentIn, actor: Actor) -> ConsentView:
        actor.require(Permission.manage_consent)
        index = self._ledger.index()
        with self._uow() as uow:
            row = self.add(uow, self._resolve(uow.session, person_id), data, index, actor)
            uow.changed(person_id)
            uow.session.flush()
            view = _view(row)
            uow.commit()
        return view

    def withdraw(self, consent_id: str, method: ConsentMethod, actor: Actor) -> ConsentView:
        """Withdraw a consent (the person may always do so); from now on it no longer allows anything."""
        actor.require(Permission.manage_consent)
        with self._uow() as uow:
            row = uow.session.get(Consent, consent_id, with_for_update=True)
            if row is None:
                raise NotFound(f"consent {consent_id} does not exist")
            if row.withdrawn_at is not None:
                raise Conflict(f"consent {consent_id} was already withdrawn")
            row.withdrawn_at = self._clock.now()
            row.withdrawal_method = method.value
            uow.record(
                actor=actor.id,
                action="consent.withdrawn",
                entity_type="person",
                entity_id=row.person_id,
                data={"consent": row.id, "kind": row.kind, "target": row.target, "method": method.value},
            )
            uow.changed(row.person_id)
            uow.session.flush()
            view = _view(row)
            uow.commit()
        return view

    def consents(self, person_id: str, actor: Actor) -> list[ConsentView]:
        actor.require(Permission.read_people)
        with self._uow(read_only=True) as uow:
            self._resolve(uow.session, person_id)
            rows = uow.session.execute(
                select(Consent).where(Consent.person_id == person_id).order_by(Consent.given_at, Consent.id)
            ).scalars()
            return [_view(r) for r in rows]

    def get(self, consent_id: str, actor: Actor) -> ConsentView:
        actor.require(Permission.read_people)
        with self._uow(read_only=True) as uow:
            row = uow.session.get(Consent, consent_id)
            if row is None:
                raise NotFound(f"consent {consent_id} does not exist")
            return _view(row)

    def receipt(self, consent_id: str, actor: Actor) -> dict[str, Any]:
        """A machine-readable receipt (Kantara Consent Receipt v1.1 / ISO/IEC TS 27560 fields)."""
        view = self.get(consent_id, actor)
        receipt = build_receipt(view, self._ledger.get(view.ledger_version).ledger, issued_at=self._clock.now())
        if self.audit_proof is not None:
            receipt["audit_proof"] = self.audit_proof(
                ("consent.given",), "person", view.person_id, ("consent", view.id)
            )
        return receipt

    def state(self, person_id: str) -> ConsentState:
        with self._uow(read_only=True) as uow:
            rows = uow.session.execute(
                select(Consent.kind, Consent.target, Consent.withdrawn_at).where(Consent.person_id == person_id)
            ).all()
        active = frozenset((k, t) for k, t, w in rows if w is None)
        withdrawn = frozenset((k, t) for k, t, w in rows if w is not None) - active
        return ConsentState(active, withdrawn)

    def web_referable(self, session: Session, person_id: str) -> dict[str, str]:
        """Recipients the person allowed on the website's banner (a linked visitor): recipient → web consent id."""
        return self.web.referable(session, person_id) if self.web is not None else {}

    def acquisition_consents(self, session: Session, person_id: str) -> set[tuple[str, str]]:
        """The person's active consents an acquisition checks: (kind, target) of special care items and channels."""
        rows = session.execute(
            select(Consent.kind, Consent.target).where(
                Consent.person_id == person_id,
                Consent.kind.in_([ConsentKind.special_care.value, ConsentKind.channel.value]),
                Consent.withdrawn_at.is_(None),
            )
        ).all()
        return {(kind, target) for kind, target in rows}

    def special_care_items(self, session: Session, person_id: str) -> set[str]:
        rows = session.execute(
            select(Consent.target).where(
                Consent.person_id == person_id,
                Consent.kind == ConsentKind.special_care.value,
                Consent.withdrawn_at.is_(None),
            )
        ).scalars()
        return set(rows)


def _view(row: Consent) -> ConsentView:
    kind = ConsentKind(row.kind)
    return ConsentView(
        id=row.id,
        person_id=row.person_id,
        kind=kind,
        target=row.target,
        article=ARTICLE[kind],
        ledger_version=row.ledger_version,
        shown=row.shown,
        method=ConsentMethod(row.method),
        evidence=row.evidence,
        given_at=row.given_at,
        recorded_by=row.recorded_by,
        withdrawn_at=row.withdrawn_at,
        withdrawal_method=row.withdrawal_method,
    )


def _columns(row: Consent) -> dict[str, object]:
    return {column.key: getattr(row, column.key) for column in Consent.__table__.columns}
