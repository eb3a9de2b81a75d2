"""The request book: what every part of the request workflow does to a request row, in the caller's unit of work.

The desk's use cases (service.py), the person's (person.py), fulfilment (fulfilment.py) and the dataset step
(company_data.py) each get this book, not one another: it loads and locks a row, moves it through the workflow
table with its audit event, opens and reseals its sealed details, renders the desk's view, queues mail to the
person in the outbox, and hears from the outbox when the answer was sent (only then is the person "notified").
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hogo.adapters.letters import Letter
from hogo.adapters.mail import MailMessage
from hogo.clock import Clock, today_jst
from hogo.db.uow import Outgoing, UnitOfWork
from hogo.errors import Conflict, NotFound
from hogo.ledger.compiled import LedgerIndex
from hogo.ledger.schemas.procedures import RequestChannel, RequestKind, RequestProcedures
from hogo.ledger.service import LedgerService
from hogo.outbox.policy import State
from hogo.outbox.service import Delivered
from hogo.requests import deadlines, messages, policy
from hogo.requests.models import PersonRequest
from hogo.requests.schemas import RequestView
from hogo.requests.sealing import Sealer, new_token
from hogo.requests.views import request_view
from hogo.requests.workflow import TERMINAL, Status, transition

DISCLOSING = frozenset(
    {RequestKind.disclosure, RequestKind.provision_record_disclosure, RequestKind.purpose_notification}
)
"""Kinds whose answer is a package of what hogo holds (and a letter that prints it)."""
UNVERIFIED_DAYS = 30
"""How long a request may wait for identity before it lapses when the ledger does not say."""
DOWNLOAD_DAYS = 30
"""How long a disclosure can be downloaded when the ledger does not say (`requests.download_days`)."""
ANSWER = "request.answer"
"""The purpose of the mail that answers a request: once it is sent, the person has been notified."""


class RequestBook:
    def __init__(self, clock: Clock, ledger: LedgerService, sealer: Sealer, public_url: str) -> None:
        self._clock = clock
        self._ledger = ledger
        self.sealer = sealer
        self.public_url = public_url.rstrip("/")

    def index(self) -> LedgerIndex:
        return self._ledger.index()

    def procedures(self) -> tuple[int, RequestProcedures]:
        index = self._ledger.index()
        if index.ledger.requests is None:
            raise Conflict.keyed("error.requests.no-procedures")
        return index.version, index.ledger.requests

    def load(self, session: Session, request_id: str, *, lock: bool = True) -> PersonRequest:
        row = session.get(PersonRequest, request_id, with_for_update=lock)
        if row is None:
            raise NotFound.keyed("error.requests.not-found", request_id=request_id)
        return row

    def move(self, uow: UnitOfWork, row: PersonRequest, target: Status, actor: str, **data: Any) -> None:
        """The only place a request's status changes: through the workflow table, with its audit event."""
        before = Status(row.status)
        row.status = transition(before, target).value
        row.updated_at = self._clock.now()
        uow.record(
            actor=actor,
            action=f"request.{target.value}",
            entity_type="request",
            entity_id=row.id,
            data={"from": before.value, "kind": row.kind, "person": row.person_id, **data},
        )
        if target in TERMINAL and self.sealed(row).get("forget_after_notice"):
            self._strip(uow, row)  # an erased person's request ends: what it held about them is not needed any more

    def after_identity(self, uow: UnitOfWork, row: PersonRequest, actor: str) -> None:
        """Identity verified: on to the fee when one is due (Art. 38), else straight to review."""
        self.move(uow, row, Status.identity_verified, actor, method=row.identity_method)
        self.move(uow, row, Status.fee_pending if row.fee_jpy > 0 else Status.in_review, actor, fee=row.fee_jpy)

    def sealed(self, row: PersonRequest) -> dict[str, Any]:
        return self.sealer.open(row.id, row.sealed)

    def reseal(self, row: PersonRequest, **changes: Any) -> None:
        row.sealed = self.sealer.seal(row.id, {**self.sealed(row), **changes})

    def package(self, row: PersonRequest) -> dict[str, Any]:
        return self.sealer.open(row.id + "|package", row.package) if row.package else {}

    def downloadable(self, row: PersonRequest, now: dt.datetime) -> bool:
        return (
            row.package is not None
            and row.package_ended_at is None
            and (row.package_until is None or now <= row.package_until)
        )

    def unverified_days(self) -> int:
        procedures = self._ledger.index().ledger.requests
        return (procedures.unverified_days if procedures else None) or UNVERIFIED_DAYS

    def download_days(self) -> int:
        procedures = self._ledger.index().ledger.requests
        return (procedures.download_days if procedures else None) or DOWNLOAD_DAYS

    def forget_person(self, uow: UnitOfWork, person_id: str) -> None:
        """The person is being erased (in `uow`): every package of theirs is deleted, so no link or letter still
        hands out what the erasure destroyed; and what their requests hold about them (name, addresses, the text
        of the request, reasons, where their identity was checked) is deleted too — at once for a request the
        person has been told the answer of, and once they are told for the others (the answer needs the address)."""
        self.forget_persons(uow, [person_id])

    def forget_persons(self, uow: UnitOfWork, person_ids: Sequence[str]) -> None:
        """`forget_person` for several persons erased in `uow` (a retention sweep's batch), in one query."""
        now = self._clock.now()
        rows = uow.session.execute(select(PersonRequest).where(PersonRequest.person_id.in_(list(person_ids))))
        for row in rows.scalars():
            person_id = row.person_id
            if row.package is not None:
                row.package, row.package_ended_at, row.updated_at = None, now, now
                uow.record(
                    actor="hogo:erasure",
                    action="request.package_deleted",
                    entity_type="request",
                    entity_id=row.id,
                    data={"person": person_id, "why": "erased"},
                )
            if row.notified_at is not None or Status(row.status) in TERMINAL:
                self._strip(uow, row)
            else:
                self.reseal(row, forget_after_notice=True)

    def _strip(self, uow: UnitOfWork, row: PersonRequest) -> None:
        if self.sealed(row).get("erased"):
            return
        row.sealed = self.sealer.seal(row.id, {"erased": True})
        row.identity_reference = None
        row.updated_at = self._clock.now()
        uow.record(
            actor="hogo:erasure",
            action="request.details_deleted",
            entity_type="request",
            entity_id=row.id,
            data={"person": row.person_id, "why": "erased"},
        )

    def notified(
        self, uow: UnitOfWork, row: PersonRequest, at: dt.datetime, method: str, actor: str, **data: Any
    ) -> None:
        """The person was told the answer: record it; an erased person's details go now that they are not needed."""
        row.notified_at = at
        uow.record(
            actor=actor,
            action="request.notified",
            entity_type="request",
            entity_id=row.id,
            data={"person": row.person_id, "method": method, **data},
        )
        if self.sealed(row).get("forget_after_notice"):
            self._strip(uow, row)

    def view(self, row: PersonRequest) -> RequestView:
        return request_view(row, self._clock.now())

    def _desk(self) -> str:
        """The name mail to persons is sent under: the company and its desk, as the ledger names them."""
        operator = self._ledger.index().ledger.operator
        return f"{operator.name.ja} {operator.desk.name.ja if operator.desk.name else ''}".strip()

    def status_link(self, token: str) -> str:
        return f"{self.public_url}/portal/requests/status/{token}"

    # -- intake --------------------------------------------------------------------------------
    def new(
        self,
        uow: UnitOfWork,
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
            token_hash=self.sealer.token_hash(token),
            code_attempts=0,
            codes_sent=0,
            fee_jpy=fee.amount_jpy,
            received_at=received_at,
            target_days=target,
            due_on=d.due_on,
            art39_from=d.art39_from,
            sealed=b"",
            created_by=actor,
            updated_at=self._clock.now(),
        )
        row.sealed = self.sealer.seal(row.id, sealed)
        uow.session.add(row)
        uow.record(
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
            self.move(uow, row, Status.in_review, actor, identity="not required (Art. 40)")
        return row, token

    # -- mail to the person, through the outbox ----------------------------------------------------
    def mail(
        self, uow: UnitOfWork, row: PersonRequest, message: MailMessage, purpose: str, *, expires: dt.timedelta | None
    ) -> None:
        """Queue mail about this request in the use case's transaction; it is sent after commit."""
        payload = {"to": message.to, "subject": message.subject, "body": message.body, "from_name": self._desk()}
        key = f"{row.id}|{purpose}|{secrets.token_hex(8)}"
        uow.send(Outgoing("mail", key, payload, ("request", row.id), purpose, expires))

    def message_outcome(self, uow: UnitOfWork, request_id: str, delivered: Delivered) -> None:
        """The outbox's word on mail about a request, in its transaction: an answer sent means notified."""
        message = delivered.message
        if message.purpose != ANSWER:
            return
        row = self.load(uow.session, request_id)
        facts = {"message": message.id, "attempts": message.attempts}
        if message.state is State.sent:
            self.notified(uow, row, delivered.at, "email", "hogo:outbox", **facts)
            return
        uow.record(
            actor="hogo:outbox",
            action="request.notification_failed",
            entity_type="request",
            entity_id=row.id,
            data={"person": row.person_id, "method": "email", **facts},
        )

    # -- the answer on paper -------------------------------------------------------------------------
    def answer_letter(
        self, row: PersonRequest, package: dict[str, Any] | None = None, contact: dict[str, Any] | None = None
    ) -> Letter:
        details = self.sealed(row)
        operator = self._ledger.get(row.ledger_version).ledger.operator
        return messages.answer_letter(
            request_id=row.id,
            kind=row.kind,
            outcome=row.outcome,
            article=row.article,
            received_on=deadlines.jst_date(row.received_at),
            today=today_jst(self._clock),
            lang=row.language,
            contact=contact if contact is not None else details.get("contact") or {},
            reason=details.get("reason"),
            package=self.package(row) if package is None else package,
            operator={
                "name": operator.name.model_dump(),
                "address": operator.address.model_dump() if operator.address else None,
                "desk": operator.desk.name.model_dump() if operator.desk and operator.desk.name else None,
            },
        )
