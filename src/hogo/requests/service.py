"""Request use cases: intake on every channel, identity, fee, decision, fulfilment, and the person's own view.

Each method is one unit of work that moves the request only through the book (`RequestBook.move`, the workflow
table) with its audit event; mail to the person is an outbox row of the same transaction, sent after commit.
Carrying out a measure in the vault (correction, erasure, suspension) is the subject service's own audited
transaction, followed by this service's transaction that records it on the request (ADR 0007).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from hogo.clock import Clock
from hogo.db.uow import Outgoing, UnitOfWorkFactory
from hogo.errors import Conflict, InvalidInput, NotFound
from hogo.identity.policy import Actor, require_cleared, uncleared
from hogo.ledger.schemas.procedures import RequestKind
from hogo.outbox.service import MessageView, Outbox
from hogo.requests import messages, policy
from hogo.requests.book import RequestBook
from hogo.requests.deadlines import jst_date
from hogo.requests.fulfilment import Fulfilment
from hogo.requests.models import PersonRequest
from hogo.requests.person import PersonRequests
from hogo.requests.schemas import (
    DecisionIn,
    FeeIn,
    Filed,
    FulfilIn,
    IdentityCheckIn,
    RequestDetails,
    RequestIn,
    RequestView,
)
from hogo.requests.workflow import OPEN, TERMINAL, Status
from hogo.subjects.schemas import IdentifierIn
from hogo.subjects.service import SubjectService

LAPSED = "ご本人確認が所定の期間内に完了しなかったため、受け付けませんでした。 / Identity was not confirmed in time."
REMIND_WITHIN_DAYS = 3
"""The desk is reminded of an open request from this many calendar days before its due date."""


@dataclass(frozen=True)
class Reminder:
    day: dt.date
    overdue: tuple[str, ...]
    near: tuple[str, ...]
    queued: bool


class RequestService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        subjects: SubjectService,
        book: RequestBook,
        person: PersonRequests,
        fulfilment: Fulfilment,
        outbox: Outbox,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._subjects = subjects
        self._book = book
        self.book = book
        """The request rows as every part of the workflow reads and moves them (tests read letters through it)."""
        self.person = person
        """The person's own use cases (portal), reached with their status link."""
        self.fulfilment = fulfilment
        """Carries out decided requests and answers them."""
        self._outbox = outbox

    # -- intake --------------------------------------------------------------------------------
    def file(self, data: RequestIn, actor: Actor) -> Filed:
        """Record a request received by post, phone, e-mail, fax, at the desk or on a web form."""
        policy.require_handler(actor)
        person_id = data.person_id
        if data.identifier is not None:
            person_id = self._subjects.find(data.identifier.kind, data.identifier.value, actor)
        if person_id is not None:
            with self._uow(read_only=True) as uow:
                self._subjects.person_ref(uow.session, person_id)
        agent = None
        if data.agent is not None:
            _, procedures = self._book.procedures()
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
            raise InvalidInput.keyed("error.requests.received-at")
        with self._uow() as uow:
            row, token = self._book.new(
                uow,
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
            if data.contact.email:
                link = self._book.status_link(token)
                ack = messages.ack_mail(str(data.contact.email), data.language, row.id, link)
                self._book.mail(uow, row, ack, "request.acknowledged", expires=None)
            uow.session.flush()
            view = self._book.view(row)
            uow.commit()
        # The status link opens the person's whole disclosure: it goes to the filer only if they may see all of it
        # (the clearance check of every way out of the vault); otherwise only to the person, by the ack mail.
        index = self._book.index()
        return Filed(view, token if not uncleared(actor, index.categories, index.categories) else None)

    # -- identity ------------------------------------------------------------------------------
    def check_identity(self, request_id: str, data: IdentityCheckIn, actor: Actor) -> RequestView:
        """The desk records the document it checked (never an image, never a My Number)."""
        policy.require_handler(actor)
        _, procedures = self._book.procedures()
        policy.check_identity_document(procedures, data.document, data.reference)
        with self._uow() as uow:
            row = self._book.load(uow.session, request_id)
            if row.person_id is None:
                raise Conflict.keyed("error.requests.no-person", request_id=request_id)
            row.identity_method = data.document.value
            if data.reference:  # typed by staff, it may name the person: sealed, never a column in clear
                self._book.reseal(row, identity_reference=data.reference)
            row.identity_verified_at = self._clock.now()
            row.code_hash = None
            self._book.after_identity(uow, row, actor.id)
            uow.session.flush()
            view = self._book.view(row)
            uow.commit()
        return view

    # -- fee, decision, closing -----------------------------------------------------------------
    def record_fee(self, request_id: str, data: FeeIn, actor: Actor) -> RequestView:
        """Record the payment (Art. 38); it must come before the answer."""
        policy.require_handler(actor)
        _, procedures = self._book.procedures()
        if procedures.payment_methods and data.method not in procedures.payment_methods:
            raise InvalidInput.keyed(
                "error.requests.payment-method",
                methods=list(procedures.payment_methods),
                method_codes=", ".join(m.value for m in procedures.payment_methods),
            )
        with self._uow() as uow:
            row = self._book.load(uow.session, request_id)
            if data.amount_jpy != row.fee_jpy:
                raise InvalidInput.keyed("error.requests.fee-amount", fee=row.fee_jpy, amount=data.amount_jpy)
            row.fee_paid_at, row.fee_method = self._clock.now(), data.method.value
            self._book.move(uow, row, Status.fee_paid, actor.id, amount=row.fee_jpy, method=data.method.value)
            self._book.move(uow, row, Status.in_review, actor.id)
            uow.session.flush()
            view = self._book.view(row)
            uow.commit()
        return view

    def decide(self, request_id: str, data: DecisionIn, actor: Actor) -> RequestView:
        """Full, partial, refused or no such data, with the statutory ground and the reason (Arts. 33-36)."""
        policy.require_handler(actor)
        with self._uow() as uow:
            row = self._book.load(uow.session, request_id)
            kind = RequestKind(row.kind)
            article = policy.check_decision(kind, data.outcome, data.ground, data.reason)
            if policy.needs_fulfilment(data.outcome) and row.person_id is None and kind is not RequestKind.complaint:
                raise Conflict.keyed("error.requests.no-person-to-carry-out", request_id=request_id)
            if row.fee_jpy > 0 and row.fee_paid_at is None:
                raise Conflict.keyed("error.requests.fee-unpaid", request_id=request_id)
            row.outcome, row.ground, row.article = (
                data.outcome.value,
                data.ground.value if data.ground else None,
                article,
            )
            row.decided_at = self._clock.now()
            self._book.reseal(row, reason=data.reason)
            self._book.move(uow, row, Status.decided, actor.id, outcome=row.outcome, ground=row.ground)
            uow.session.flush()
            view = self._book.view(row)
            uow.commit()
        return view

    def _end(self, request_id: str, target: Status, actor: Actor, reason: str | None = None) -> RequestView:
        policy.require_handler(actor)
        with self._uow() as uow:
            row = self._book.load(uow.session, request_id)
            if target is Status.closed:
                row.closed_at = self._clock.now()
            data: dict[str, Any] = {}
            if reason is not None:  # typed by staff, it may name someone: sealed on the request, never in the audit
                self._book.reseal(row, rejection=reason)
                data["reason"] = "sealed"
            self._book.move(uow, row, target, actor.id, **data)
            uow.session.flush()
            view = self._book.view(row)
            uow.commit()
        return view

    def fulfil(self, request_id: str, data: FulfilIn, actor: Actor) -> RequestView:
        """Carry out a decided request, or answer a refusal / "no such data"; then tell the person."""
        return self.fulfilment.fulfil(request_id, data, actor)

    def hand_over(self, request_id: str, actor: Actor) -> RequestView:
        """The desk decided what it may not carry out (an erasure, items outside its categories): the request waits
        in the officers' queue (`queue(handed_over_only=True)`, the console's 引き継ぎ filter, the daily reminder)."""
        policy.require_handler(actor)
        with self._uow() as uow:
            row = self._book.load(uow.session, request_id)
            self._book.move(uow, row, Status.handed_over, actor.id, to="officer")
            uow.session.flush()
            view = self._book.view(row)
            uow.commit()
        return view

    def close(self, request_id: str, actor: Actor) -> RequestView:
        return self._end(request_id, Status.closed, actor)

    def reject(self, request_id: str, reason: str, actor: Actor) -> RequestView:
        """Not accepted: identity unproved, fee unpaid, or the published procedure not followed (Art. 37)."""
        if not reason.strip():
            raise InvalidInput.keyed("error.requests.rejection-reason")
        return self._end(request_id, Status.rejected, actor, reason=reason.strip())

    def withdraw(self, request_id: str, actor: Actor) -> RequestView:
        return self._end(request_id, Status.withdrawn, actor)

    # -- reading -------------------------------------------------------------------------------
    def get(self, request_id: str, actor: Actor) -> RequestView:
        policy.require_handler(actor)
        with self._uow(read_only=True) as uow:
            row = uow.session.get(PersonRequest, request_id)
            if row is None:
                raise NotFound.keyed("error.requests.not-found", request_id=request_id)
            return self._book.view(row)

    def queue(
        self,
        actor: Actor,
        *,
        open_only: bool = True,
        overdue_only: bool = False,
        handed_over_only: bool = False,
        due_within: int | None = None,
    ) -> list[RequestView]:
        """The desk's queue, earliest due first; overdue requests are flagged; `handed_over_only`: what waits for
        an officer; `due_within`: open requests not overdue, due within that many days."""
        policy.require_handler(actor)
        with self._uow(read_only=True) as uow:
            query = select(PersonRequest).order_by(PersonRequest.due_on, PersonRequest.received_at)
            if open_only:  # everything not yet closed: waiting for an answer, or answered and to be closed
                query = query.where(PersonRequest.status.not_in([s.value for s in TERMINAL]))
            views = [self._book.view(r) for r in uow.session.execute(query).scalars()]
        if handed_over_only:
            views = [v for v in views if v.status is Status.handed_over]
        if due_within is not None:
            views = [v for v in views if v.status in OPEN and not v.overdue and v.days_left <= due_within]
        return [v for v in views if v.overdue] if overdue_only else views

    def link_person(self, request_id: str, identifier: IdentifierIn, actor: Actor) -> RequestView:
        """A request filed for someone hogo could not find (an unknown e-mail on the portal, a phone call): the desk
        finds the person by an identifier and links them; identity is then checked as for any request."""
        policy.require_handler(actor)
        person_id = self._subjects.find(identifier.kind, identifier.value, actor)
        with self._uow() as uow:
            row = self._book.load(uow.session, request_id)
            if row.person_id is not None:
                raise Conflict.keyed("error.requests.already-linked", request_id=request_id)
            if Status(row.status) in TERMINAL:
                raise Conflict.keyed(
                    "error.requests.cannot-link",
                    request_id=request_id,
                    status=Status(row.status),
                    status_code=row.status,
                )
            row.person_id, row.updated_at = person_id, self._clock.now()
            uow.record(
                actor=actor.id,
                action="request.linked",
                entity_type="request",
                entity_id=row.id,
                data={"person": person_id, "by": identifier.kind},
            )
            uow.session.flush()
            view = self._book.view(row)
            uow.commit()
        return view

    def lapse_unverified(self, actor: Actor) -> list[str]:
        """Requests still waiting for the person to prove who they are after the ledger's period lapse: rejected
        (Art. 37: the set procedure was not followed), so the queue does not fill with what nobody will confirm."""
        cutoff = self._clock.now() - dt.timedelta(days=self._book.unverified_days())
        waiting = [Status.received.value, Status.identity_pending.value]
        lapsed: list[str] = []
        with self._uow() as uow:
            rows = uow.session.execute(
                select(PersonRequest)
                .where(PersonRequest.status.in_(waiting), PersonRequest.received_at < cutoff)
                .with_for_update()
            ).scalars()
            for row in rows:
                if not policy.identity_required(RequestKind(row.kind)):
                    continue
                self._book.reseal(row, rejection=LAPSED)
                self._book.move(uow, row, Status.rejected, actor.id, reason="identity-not-verified-in-time")
                lapsed.append(row.id)
            uow.commit()
        return lapsed

    def remind(self, to: str, actor: Actor, *, within_days: int = REMIND_WITHIN_DAYS) -> Reminder:
        """Tell the desk, once a day, of the open requests past their due date or due within `within_days`: one
        mail (an outbox row, keyed by the day in Japan, so a second run that day sends nothing) and its audit event.
        Nothing is sent when nothing is late or near."""
        views = self.queue(actor)
        overdue = [v for v in views if v.overdue]
        near = [v for v in views if not v.overdue and v.status in OPEN and v.days_left <= within_days]
        handed = [v for v in views if v.status is Status.handed_over and v not in overdue and v not in near]
        today = jst_date(self._clock.now())
        if not overdue and not near and not handed:
            return Reminder(today, (), (), False)
        with self._uow() as uow:
            mail = messages.reminder_mail(to, today, overdue, near, self._book.public_url, handed)
            key = f"desk-reminder|{today.isoformat()}"
            payload = {"to": mail.to, "subject": mail.subject, "body": mail.body}
            uow.send(Outgoing("mail", key, payload, ("desk", today.isoformat()), "desk.reminder"))
            uow.record(
                actor=actor.id,
                action="requests.reminded",
                entity_type="desk",
                entity_id=today.isoformat(),
                data={"overdue": [v.id for v in overdue], "near": [v.id for v in near]},
            )
            uow.commit()
        return Reminder(today, tuple(v.id for v in overdue), tuple(v.id for v in near), True)

    def details(self, request_id: str, actor: Actor) -> RequestDetails:
        """What the person wrote (the new address of a correction, the reason of an erasure, their contact), for a
        handler cleared for every item category — free text may hold any of them. The read is audited."""
        policy.require_handler(actor)
        index = self._book.index()
        require_cleared(actor, index.categories, index.categories)
        with self._uow() as uow:
            row = self._book.load(uow.session, request_id)
            sealed = self._book.sealed(row)
            uow.record(
                actor=actor.id,
                action="request.details_read",
                entity_type="request",
                entity_id=row.id,
                data={"person": row.person_id},
            )
            uow.commit()
        return RequestDetails(
            request_id=request_id,
            contact=dict(sealed.get("contact") or {}),
            details=sealed.get("details"),
            agent_name=sealed.get("agent_name"),
            reason=sealed.get("reason"),
            rejection=sealed.get("rejection"),
            identity_reference=sealed.get("identity_reference"),
            erased=bool(sealed.get("erased")),
        )

    def letter(self, request_id: str, actor: Actor) -> bytes:
        """The answer letter as PDF, addressed from the sealed contact details, for the desk to post; audited."""
        return self.fulfilment.letter(request_id, actor)

    def letter_posted(self, request_id: str, actor: Actor) -> RequestView:
        """The desk posted the answer letter: from now on the person counts as notified (by letter)."""
        return self.fulfilment.letter_posted(request_id, actor)

    def send_again(self, request_id: str, message_id: str, actor: Actor) -> MessageView:
        """Put a given-up mail about this request back in the queue (after the server or address was mended)."""
        policy.require_handler(actor)
        if not any(m.id == message_id for m in self._outbox.messages(about=("request", request_id))):
            raise NotFound.keyed("error.requests.no-message", request_id=request_id, message_id=message_id)
        return self._outbox.send_again(message_id, actor)

    def status_link(self, token: str) -> str:
        return self._book.status_link(token)

    def messages(self, request_id: str, actor: Actor) -> list[MessageView]:
        """The mail about this request and what became of it (queued, sent, retrying, given up)."""
        policy.require_handler(actor)
        return self._outbox.messages(about=("request", request_id))
