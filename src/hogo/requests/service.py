"""Request use cases: intake on every channel, identity, fee, decision, fulfilment, and the person's own view.

Each method is one transaction that moves the request only through `workflow.transition` and writes its audit
event (`request.*`) in the same transaction; mail goes out after commit. Carrying out a measure in the vault
(correction, erasure, suspension) is the subject service's own audited transaction, followed by this
service's transaction that records it on the request (ADR 0007).
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hogo.adapters.letters import Letter
from hogo.adapters.mail import Mailer, MailFailed, MailMessage
from hogo.audit.service import AuditService
from hogo.clock import Clock
from hogo.consent.service import ConsentService
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import Conflict, InvalidInput, NotFound
from hogo.identity.policy import Actor
from hogo.ledger.schemas.procedures import RequestChannel, RequestKind, RequestProcedures
from hogo.ledger.service import LedgerService
from hogo.requests import deadlines, messages, policy
from hogo.requests.fulfilment import Fulfilment
from hogo.requests.models import PersonRequest
from hogo.requests.person import PersonRequests
from hogo.requests.schemas import (
    DecisionIn,
    FeeIn,
    Filed,
    FulfilIn,
    IdentityCheckIn,
    RequestIn,
    RequestView,
)
from hogo.requests.sealing import Sealer, new_token
from hogo.requests.views import request_view
from hogo.requests.workflow import TERMINAL, Status, transition
from hogo.subjects.service import SubjectService

log = logging.getLogger(__name__)


class RequestService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        audit: AuditService,
        clock: Clock,
        ledger: LedgerService,
        subjects: SubjectService,
        consents: ConsentService,
        sealer: Sealer,
        mailer: Mailer,
        *,
        public_url: str = "http://127.0.0.1:8000",
    ) -> None:
        self._uow = uow
        self._audit = audit
        self._clock = clock
        self._ledger = ledger
        self._subjects = subjects
        self._sealer = sealer
        self.mailer = mailer
        """Replaceable (tests use an outbox); used only after commit."""
        self._public_url = public_url.rstrip("/")
        self.person = PersonRequests(uow, audit, clock, subjects, sealer, self)
        """The person's own use cases (portal), reached with their status link."""
        self.fulfilment = Fulfilment(uow, audit, clock, ledger, subjects, consents, self, sealer)
        """Carries out decided requests; its `provision_records` / `provision_suspender` seams are set at wiring."""

    # -- helpers -------------------------------------------------------------------------------
    def procedures(self) -> tuple[int, RequestProcedures]:
        index = self._ledger.index()
        if index.ledger.requests is None:
            raise Conflict("the ledger in force sets no request procedures (Arts. 32(1)(iii), 37)")
        return index.version, index.ledger.requests

    def load(self, session: Session, request_id: str) -> PersonRequest:
        row = session.get(PersonRequest, request_id, with_for_update=True)
        if row is None:
            raise NotFound(f"request {request_id} does not exist")
        return row

    def move(self, session: Session, row: PersonRequest, target: Status, actor: str, **data: Any) -> None:
        """The only place a request's status changes: through the workflow table, with its audit event."""
        before = Status(row.status)
        row.status = transition(before, target).value
        row.updated_at = self._clock.now()
        self._audit.record(
            session,
            actor=actor,
            action=f"request.{target.value}",
            entity_type="request",
            entity_id=row.id,
            data={"from": before.value, "kind": row.kind, "person": row.person_id, **data},
        )

    def sealed(self, row: PersonRequest) -> dict[str, Any]:
        return self._sealer.open(row.id, row.sealed)

    def reseal(self, row: PersonRequest, **changes: Any) -> None:
        row.sealed = self._sealer.seal(row.id, {**self.sealed(row), **changes})

    def view(self, row: PersonRequest) -> RequestView:
        return request_view(row, self._clock.now())

    def after_identity(self, session: Session, row: PersonRequest, actor: str) -> None:
        """Identity verified: on to the fee when one is due (Art. 38), else straight to review."""
        self.move(session, row, Status.identity_verified, actor, method=row.identity_method)
        self.move(session, row, Status.fee_pending if row.fee_jpy > 0 else Status.in_review, actor, fee=row.fee_jpy)

    # -- intake --------------------------------------------------------------------------------
    def new(
        self,
        session: Session,
        *,
        kind: RequestKind,
        channel: RequestChannel,
        person_id: str | None,
        language: str,
        scope: dict[str, Any],
        claimed_ground: policy.ClaimedGround | None,
        disclosure_method: str | None,
        sealed: dict[str, Any],
        received_at: dt.datetime,
        actor: str,
        agent: tuple[str, list[str], str | None] | None = None,
    ) -> tuple[PersonRequest, str]:
        version, procedures = self.procedures()
        policy.check_claimed_ground(kind, claimed_ground)
        token = new_token()
        fee = policy.fee_for(procedures, kind, deadlines.jst_date(received_at))
        target = policy.target_days(procedures, kind)
        d = deadlines.deadlines(received_at, target)
        now = self._clock.now()
        row = PersonRequest(
            id="rq_" + secrets.token_hex(10),
            kind=kind.value,
            channel=channel.value,
            status=Status.received.value,
            person_id=person_id,
            ledger_version=version,
            language=language,
            claimed_ground=claimed_ground.value if claimed_ground else None,
            scope=scope,
            disclosure_method=disclosure_method,
            agent_kind=agent[0] if agent else None,
            agent_evidence=agent[1] if agent else None,
            agent_identity=agent[2] if agent else None,
            token_hash=self._sealer.token_hash(token),
            code_attempts=0,
            codes_sent=0,
            fee_jpy=fee.amount_jpy,
            received_at=received_at,
            target_days=target,
            due_on=d.due_on,
            art39_from=d.art39_from,
            sealed=b"",
            created_by=actor,
            updated_at=now,
        )
        row.sealed = self._sealer.seal(row.id, sealed)
        session.add(row)
        self._audit.record(
            session,
            actor=actor,
            action="request.received",
            entity_type="request",
            entity_id=row.id,
            data={
                "kind": kind.value,
                "channel": channel.value,
                "person": person_id,
                "agent": row.agent_kind,
                "fee": fee.amount_jpy,
                "due_on": d.due_on.isoformat(),
                "published": policy.published(procedures, kind),
            },
        )
        if not policy.identity_required(kind):
            self.move(session, row, Status.in_review, actor, identity="not required (Art. 40)")
        return row, token

    def file(self, data: RequestIn, actor: Actor) -> Filed:
        """Record a request received by post, phone, e-mail, fax, at the desk or on a web form."""
        policy.require_handler(actor)
        person_id = data.person_id
        if data.identifier is not None:
            person_id = self._subjects.find(data.identifier.kind, data.identifier.value, actor)
        if person_id is not None:
            with self._uow() as uow:
                self._subjects.person_ref(uow.session, person_id)
        agent = None
        if data.agent is not None:
            _, procedures = self.procedures()
            policy.check_agent(procedures, data.agent.kind, data.agent.evidence)
            if data.agent.identity_document is not None:
                policy.check_identity_document(procedures, data.agent.identity_document, None)
            agent = (
                data.agent.kind.value,
                sorted(e.value for e in data.agent.evidence),
                data.agent.identity_document.value if data.agent.identity_document else None,
            )
        now = self._clock.now()
        received_at = data.received_at or now
        if received_at.tzinfo is None or received_at > now + dt.timedelta(minutes=5):
            raise InvalidInput("received_at must be a past instant with its time zone")
        with self._uow() as uow:
            row, token = self.new(
                uow.session,
                kind=data.kind,
                channel=data.channel,
                person_id=person_id,
                language=data.language,
                scope=data.scope.model_dump(),
                claimed_ground=data.claimed_ground,
                disclosure_method=data.disclosure_method.value if data.disclosure_method else None,
                sealed={
                    "contact": data.contact.model_dump(mode="json"),
                    "details": data.details,
                    "agent_name": data.agent.name if data.agent else None,
                },
                received_at=received_at,
                actor=actor.id,
                agent=agent,
            )
            uow.session.flush()
            view = self.view(row)
            uow.commit()
        if data.contact.email:
            self.send(
                messages.ack_mail(str(data.contact.email), data.language, view.id, self.status_link(token)), view.id
            )
        return Filed(view, token)

    # -- identity ------------------------------------------------------------------------------
    def check_identity(self, request_id: str, data: IdentityCheckIn, actor: Actor) -> RequestView:
        """The desk records the document it checked (never an image, never a My Number)."""
        policy.require_handler(actor)
        _, procedures = self.procedures()
        policy.check_identity_document(procedures, data.document, data.reference)
        with self._uow() as uow:
            row = self.load(uow.session, request_id)
            if row.person_id is None:
                raise Conflict(f"request {request_id} is linked to no person; link it before checking identity")
            row.identity_method = data.document.value
            row.identity_reference = data.reference
            row.identity_verified_at = self._clock.now()
            row.code_hash = None
            self.after_identity(uow.session, row, actor.id)
            uow.session.flush()
            view = self.view(row)
            uow.commit()
        return view

    # -- fee, decision, closing -----------------------------------------------------------------
    def record_fee(self, request_id: str, data: FeeIn, actor: Actor) -> RequestView:
        """Record the payment (Art. 38); it must come before the answer."""
        policy.require_handler(actor)
        _, procedures = self.procedures()
        if procedures.payment_methods and data.method not in procedures.payment_methods:
            raise InvalidInput(
                f"the ledger accepts payment by {', '.join(m.value for m in procedures.payment_methods)}"
            )
        with self._uow() as uow:
            row = self.load(uow.session, request_id)
            if data.amount_jpy != row.fee_jpy:
                raise InvalidInput(f"the fee for this request is {row.fee_jpy} yen, not {data.amount_jpy}")
            row.fee_paid_at, row.fee_method = self._clock.now(), data.method.value
            self.move(uow.session, row, Status.fee_paid, actor.id, amount=row.fee_jpy, method=data.method.value)
            self.move(uow.session, row, Status.in_review, actor.id)
            uow.session.flush()
            view = self.view(row)
            uow.commit()
        return view

    def decide(self, request_id: str, data: DecisionIn, actor: Actor) -> RequestView:
        """Full, partial, refused or no such data, with the statutory ground and the reason (Arts. 33-36)."""
        policy.require_handler(actor)
        with self._uow() as uow:
            row = self.load(uow.session, request_id)
            kind = RequestKind(row.kind)
            article = policy.check_decision(kind, data.outcome, data.ground, data.reason)
            if policy.needs_fulfilment(data.outcome) and row.person_id is None and kind is not RequestKind.complaint:
                raise Conflict(f"request {request_id} is linked to no person; nothing can be carried out")
            if row.fee_jpy > 0 and row.fee_paid_at is None:
                raise Conflict(f"the fee of request {request_id} is not recorded as paid (Art. 38)")
            row.outcome, row.ground, row.article = (
                data.outcome.value,
                data.ground.value if data.ground else None,
                article,
            )
            row.decided_at = self._clock.now()
            self.reseal(row, reason=data.reason)
            self.move(uow.session, row, Status.decided, actor.id, outcome=row.outcome, ground=row.ground)
            uow.session.flush()
            view = self.view(row)
            uow.commit()
        return view

    def _end(self, request_id: str, target: Status, actor: Actor, **data: Any) -> RequestView:
        policy.require_handler(actor)
        with self._uow() as uow:
            row = self.load(uow.session, request_id)
            if target is Status.closed:
                row.closed_at = self._clock.now()
            self.move(uow.session, row, target, actor.id, **data)
            uow.session.flush()
            view = self.view(row)
            uow.commit()
        return view

    def fulfil(self, request_id: str, data: FulfilIn, actor: Actor) -> RequestView:
        """Carry out a decided request, or answer a refusal / "no such data"; then tell the person."""
        return self.fulfilment.fulfil(request_id, data, actor)

    def close(self, request_id: str, actor: Actor) -> RequestView:
        return self._end(request_id, Status.closed, actor)

    def reject(self, request_id: str, reason: str, actor: Actor) -> RequestView:
        """Not accepted: identity unproved, fee unpaid, or the published procedure not followed (Art. 37)."""
        if not reason.strip():
            raise InvalidInput("give the reason the request is not accepted")
        return self._end(request_id, Status.rejected, actor, reason_code=reason.strip()[:80])

    def withdraw(self, request_id: str, actor: Actor) -> RequestView:
        return self._end(request_id, Status.withdrawn, actor)

    # -- reading -------------------------------------------------------------------------------
    def get(self, request_id: str, actor: Actor) -> RequestView:
        policy.require_handler(actor)
        with self._uow(read_only=True) as uow:
            row = uow.session.get(PersonRequest, request_id)
            if row is None:
                raise NotFound(f"request {request_id} does not exist")
            return self.view(row)

    def queue(self, actor: Actor, *, open_only: bool = True, overdue_only: bool = False) -> list[RequestView]:
        """The desk's queue, earliest due first; overdue requests are flagged."""
        policy.require_handler(actor)
        with self._uow(read_only=True) as uow:
            query = select(PersonRequest).order_by(PersonRequest.due_on, PersonRequest.received_at)
            if open_only:  # everything not yet closed: waiting for an answer, or answered and to be closed
                query = query.where(PersonRequest.status.not_in([s.value for s in TERMINAL]))
            views = [self.view(r) for r in uow.session.execute(query).scalars()]
        return [v for v in views if v.overdue] if overdue_only else views

    def letter(self, request_id: str, actor: Actor) -> bytes:
        """The answer letter as PDF, addressed from the sealed contact details, for the desk to post; audited."""
        return self.fulfilment.letter(request_id, actor)

    def answer_letter(self, row: PersonRequest) -> Letter:
        return self.fulfilment.answer_letter(row)

    # -- mail ----------------------------------------------------------------------------------
    def send(self, message: MailMessage, request_id: str) -> bool:
        try:
            self.mailer.send(message)
        except MailFailed as exc:
            log.error("mail about request %s was not sent: %s", request_id, exc.message)
            return False
        return True

    def status_link(self, token: str) -> str:
        return f"{self._public_url}/portal/requests/status/{token}"
