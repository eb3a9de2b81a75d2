"""The person's own use cases, reached with their status link: file on the portal, prove who they are with a
one-time code sent to the identifier on file, follow the request, withdraw it, download the disclosure.

The link's token and the code are compared as keyed hashes; a token opens its own request and nothing else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hogo.adapters.disclosure_formats import to_csv, to_json
from hogo.adapters.letters import render_pdf
from hogo.clock import Clock
from hogo.db.uow import UnitOfWork, UnitOfWorkFactory
from hogo.errors import Conflict, Gone, InvalidInput, NotFound
from hogo.identity.policy import Actor, Role
from hogo.ledger.schemas.procedures import RequestChannel, RequestKind
from hogo.requests import deadlines, messages, policy
from hogo.requests.book import DISCLOSING, RequestBook
from hogo.requests.models import PersonRequest
from hogo.requests.policy import RequestRefused
from hogo.requests.schemas import Filed, PersonStatus, PortalRequestIn
from hogo.requests.sealing import new_code, same
from hogo.requests.workflow import Status
from hogo.subjects.service import SubjectService

PORTAL = Actor(id="portal", role=Role.portal)
"""The portal acts for the person only to find them by the e-mail address they gave (a keyed-hash lookup): its
role may do nothing else (identity/policy.py)."""


class PersonRequests:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, subjects: SubjectService, book: RequestBook) -> None:
        self._uow = uow
        self._clock = clock
        self._subjects = subjects
        self._book = book
        self._sealer = book.sealer
        self.concerning: Callable[[str], dict[str, str]] | None = None
        """Set by the composition root: the incidents (漏えい等) whose data concerned covers a person, so that the
        person's status page says whether they are affected (once their identity is verified)."""

    def _by_token(self, session: Session, token: str, *, lock: bool = True) -> PersonRequest:
        digest = self._sealer.token_hash(token)
        query = select(PersonRequest).where(PersonRequest.token_hash == digest)
        row = session.execute(query.with_for_update() if lock else query).scalar()
        if row is None or not same(row.token_hash, digest):
            raise NotFound("no request has this link; check that it was copied whole")
        return row

    def file(self, data: PortalRequestIn) -> Filed:
        """The person files on the portal and gets a code at the e-mail address hogo knows them by.

        The answer is the same whether or not the address is known, so the portal reveals nobody's presence;
        an unknown address simply never receives a code (the desk can still help)."""
        try:
            person_id: str | None = self._subjects.find("email", str(data.email), PORTAL)
        except NotFound:
            person_id = None
        now = self._clock.now()
        code = new_code()
        with self._uow() as uow:
            row, token = self._book.new(
                uow,
                kind=data.kind,
                channel=RequestChannel.web_form,
                person_id=person_id,
                language=data.language,
                scope=data.scope.model_dump(),
                claimed_ground=data.claimed_ground,
                disclosure_method=data.disclosure_method.value if data.disclosure_method else None,
                sealed={"contact": {"email": str(data.email)}, "details": data.details},
                received_at=now,
                actor="portal",
            )
            if policy.identity_required(data.kind):
                self._issue_code(uow, row, code if person_id else None, now)
                if person_id is not None:
                    self._mail_code(uow, row, str(data.email), code, token)
            uow.session.flush()
            view = self._book.view(row)
            uow.commit()
        return Filed(view, token)

    def _mail_code(self, uow: UnitOfWork, row: PersonRequest, email: str, code: str, token: str) -> None:
        link = self._book.status_link(token)
        mail = messages.code_mail(email, row.language, row.id, code, _minutes(), link)
        self._book.mail(uow, row, mail, "request.code", expires=policy.CODE_TTL)

    def _issue_code(self, uow: UnitOfWork, row: PersonRequest, code: str | None, now: dt.datetime) -> None:
        policy.check_code_request(row.codes_sent, row.code_sent_at, now)
        row.code_hash = self._sealer.code_hash(row.id, code) if code else None
        row.code_expires_at = now + policy.CODE_TTL
        row.code_attempts = 0
        row.codes_sent += 1
        row.code_sent_at = now
        target = Status.identity_pending
        self._book.move(uow, row, target, f"person:{row.id}", codes_sent=row.codes_sent)

    def send_code(self, token: str) -> None:
        """Send a new one-time code to the identifier on file (rate-limited)."""
        now = self._clock.now()
        code = new_code()
        with self._uow(read_only=True) as uow:
            row = self._by_token(uow.session, token, lock=False)
            email = self._book.sealed(row)["contact"].get("email")
            person_id = row.person_id
        # The code goes only to an address hogo holds as the person's identifier, never to one typed at intake.
        on_file = bool(email and person_id and self._on_file(str(email), person_id))
        with self._uow() as uow:
            row = self._by_token(uow.session, token)
            if row.status not in {Status.received.value, Status.identity_pending.value}:
                raise Conflict(f"request {row.id} needs no code now (it is {row.status})")
            self._issue_code(uow, row, code if on_file else None, now)
            if on_file and email:
                self._mail_code(uow, row, str(email), code, token)
            uow.commit()

    def _on_file(self, email: str, person_id: str) -> bool:
        try:
            return self._subjects.find("email", email, PORTAL) == person_id
        except (NotFound, InvalidInput):
            return False

    def verify_code(self, token: str, code: str) -> PersonStatus:
        """Check the code the person typed; a wrong one counts against the attempts, an old one never works."""
        now = self._clock.now()
        with self._uow() as uow:
            row = self._by_token(uow.session, token)
            if row.status != Status.identity_pending.value:
                raise Conflict(f"request {row.id} is not waiting for a code (it is {row.status})")
            problem: tuple[str, str] | None = None
            if row.code_hash is None or row.code_attempts >= policy.CODE_ATTEMPTS:
                problem = ("code-invalid", "the code is not valid; ask for a new one")
            elif row.code_expires_at is None or now > row.code_expires_at:
                problem = ("code-expired", "the code has expired; ask for a new one")
            elif not same(row.code_hash, self._sealer.code_hash(row.id, code.strip())):
                row.code_attempts += 1
                problem = ("code-mismatch", "the code does not match")
            if problem is not None:
                uow.record(
                    actor=f"person:{row.id}",
                    action="request.code_failed",
                    entity_type="request",
                    entity_id=row.id,
                    data={"attempts": row.code_attempts},
                )
                uow.commit()
                raise RequestRefused(problem[1], details={"reason": problem[0]})
            row.code_hash, row.code_expires_at = None, None
            row.identity_method, row.identity_verified_at = "one_time_code", now
            self._book.after_identity(uow, row, f"person:{row.id}")
            uow.commit()
        return self.status(token)

    def withdraw(self, token: str) -> PersonStatus:
        with self._uow() as uow:
            row = self._by_token(uow.session, token)
            self._book.move(uow, row, Status.withdrawn, f"person:{row.id}")
            uow.commit()
        return self.status(token)

    def verified_person(self, token: str) -> str | None:
        """The person the request is from, once their identity is verified (None before): for what concerns them."""
        with self._uow(read_only=True) as uow:
            row = self._by_token(uow.session, token, lock=False)
            return row.person_id if row.identity_verified_at is not None else None

    def status(self, token: str) -> PersonStatus:
        """What the person sees with their link: their request only."""
        with self._uow(read_only=True) as uow:
            row = self._by_token(uow.session, token, lock=False)
            reason = self._book.sealed(row).get("reason") if row.outcome else None
            verified, person_id = row.identity_verified_at is not None, row.person_id
            status = PersonStatus(
                id=row.id,
                kind=RequestKind(row.kind),
                status=Status(row.status),
                received_on=deadlines.jst_date(row.received_at),
                due_on=row.due_on,
                identity_verified=row.identity_verified_at is not None,
                fee_jpy=row.fee_jpy,
                fee_paid=row.fee_paid_at is not None,
                outcome=row.outcome,
                article=row.article,
                reason=reason,
                package_ready=self._book.downloadable(row, self._clock.now()),
                package_until=row.package_until if row.package is not None else None,
                package_ended=_ended(row, self._clock.now()),
                holds=tuple((row.measures or {}).get("holds") or ()) if row.answered_at else (),
                notified_at=row.notified_at,
            )
        if verified and person_id and self.concerning is not None:
            return replace(status, incidents=tuple(sorted(self.concerning(person_id))))
        return status

    def _open_package(self, row: PersonRequest) -> dict[str, Any]:
        """The package, while the person may still download it; Gone once its period ran out or they were erased."""
        ended = _ended(row, self._clock.now())
        if ended == "erased":
            raise Gone(f"the disclosure of request {row.id} was deleted when the person's data was erased")
        if ended == "expired":
            raise Gone(f"the download period of request {row.id} has ended; ask the desk for a new disclosure")
        if row.package is None:
            raise NotFound(f"request {row.id} has no disclosure to download")
        return self._book.package(row)

    def package(self, token: str) -> dict[str, Any]:
        """The disclosure package, for its person only (by their link) and within its period; the download is
        audited."""
        with self._uow() as uow:
            row = self._by_token(uow.session, token)
            package = self._open_package(row)
            uow.record(
                actor=f"person:{row.id}",
                action="request.downloaded",
                entity_type="request",
                entity_id=row.id,
                data={"person": row.person_id},
            )
            uow.commit()
        return package

    def download(self, token: str, fmt: str) -> tuple[bytes, str, str]:
        """The answer as a file: the package as JSON or CSV, or the letter as PDF; (content, media type, name).

        A letter that discloses values follows its package: it is not printed once the package has ended."""
        if fmt == "pdf":
            with self._uow() as uow:
                row = self._by_token(uow.session, token)
                if row.answered_at is None:
                    raise NotFound(f"request {row.id} has not been answered yet")
                package = self._open_package(row) if RequestKind(row.kind) in DISCLOSING else {}
                letter = self._book.answer_letter(row, package)
                uow.record(
                    actor=f"person:{row.id}",
                    action="request.downloaded",
                    entity_type="request",
                    entity_id=row.id,
                    data={"person": row.person_id, "format": "pdf"},
                )
                uow.commit()
            return render_pdf(letter), "application/pdf", f"{row.id}.pdf"
        package = self.package(token)
        name = str(package["request_id"])
        if fmt == "csv":
            return to_csv(package), "text/csv; charset=utf-8", f"{name}.csv"
        if fmt == "json":
            return to_json(package), "application/json", f"{name}.json"
        raise InvalidInput(f"format {fmt!r}: choose json, csv or pdf")


def _ended(row: PersonRequest, now: dt.datetime) -> str | None:
    """Why the package can no longer be downloaded: "erased", "expired", or None."""
    if row.package_ended_at is not None:
        return "erased"
    if row.package_until is not None and now > row.package_until:
        return "expired"
    return None


def _minutes() -> int:
    return int(policy.CODE_TTL.total_seconds() // 60)
