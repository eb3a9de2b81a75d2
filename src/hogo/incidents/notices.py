"""The people told (Art. 26(2), Rule 10): a notice with items 1, 2, 4, 5 and 9 of the report to each person
concerned — by mail through the outbox (delivery tracked), by letter where only a postal address is known, and
skipped with the reason where the person was erased or cannot be reached (then the public announcement and the
desk's enquiries are the substitute).

Each notice is a row (one per person and incident: sending again adds nobody twice); the mail is an outbox row of
the same transaction, keyed by incident and person, and the outbox tells `message_outcome` when it was sent.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import func, select

from hogo.adapters.letters import Letter, render_pdfs
from hogo.adapters.mail import MailMessage
from hogo.clock import Clock, today_jst
from hogo.db.uow import Outgoing, UnitOfWork, UnitOfWorkFactory
from hogo.errors import Conflict
from hogo.identity.policy import Actor, Permission
from hogo.incidents import content, messages
from hogo.incidents.book import IncidentBook
from hogo.incidents.models import Incident, IncidentNotice
from hogo.incidents.policy import NoticeDuty
from hogo.incidents.reporting import IncidentReports
from hogo.incidents.schemas import NoticeView
from hogo.incidents.service import IncidentService
from hogo.ledger.schemas.catalogue import ItemCategory, ValueType
from hogo.ledger.service import LedgerService
from hogo.outbox.policy import State
from hogo.outbox.service import Delivered
from hogo.subjects.schemas import PersonRef
from hogo.subjects.service import SubjectService

PURPOSE = "incident.notice"
CHUNK = 100


class PersonErased(Conflict):
    code = "person-erased"


@dataclass(frozen=True)
class NoticeRun:
    mailed: int
    letters: int
    skipped: int
    already: int


class IncidentNotices:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        ledger: LedgerService,
        subjects: SubjectService,
        incidents: IncidentService,
        reports: IncidentReports,
        book: IncidentBook,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._ledger = ledger
        self._subjects = subjects
        self._incidents = incidents
        self._reports = reports
        self._book = book

    def send(self, incident_id: str, actor: Actor) -> NoticeRun:
        """Tell every person concerned who has not been told yet (the notice duty must stand: Art. 26(2))."""
        actor.require(Permission.manage_incidents)
        view = self._incidents.get(incident_id, actor)
        duty = ((view.assessment or {}).get("decision") or {}).get("notice")
        if duty != NoticeDuty.required.value:
            raise Conflict(
                f"incident {incident_id} owes no notice to the persons ({duty or 'not assessed yet'}): assess it first"
            )
        counted, _ = self._incidents.persons(incident_id, actor, limit=0)
        with self._uow(read_only=True) as uow:
            done = set(
                uow.session.execute(
                    select(IncidentNotice.target).where(IncidentNotice.incident_id == incident_id)
                ).scalars()
            )
        text = self._words(incident_id, actor)
        mailed = letters = skipped = already = 0
        targets: list[tuple[str, str | None, str | None]] = [(f"vault:{p}", p, None) for p in counted.vault]
        targets += [
            (f"dataset:{d}:{o.table}:{'|'.join(o.key)}", None, o.identities.get("email")) for d, o in counted.elsewhere
        ]
        for start in range(0, len(targets), CHUNK):
            chunk = [t for t in targets[start : start + CHUNK] if t[0] not in done]
            already += len(targets[start : start + CHUNK]) - len(chunk)
            people = [p for _, p, _ in chunk if p is not None and p not in counted.erased]
            known = self._subjects.contacts(people, self._contact_items(), actor) if people else {}
            planned = [
                self._plan(target, person, email, counted.erased, text, known.get(person or ""))
                for target, person, email in chunk
            ]
            with self._uow() as uow:
                row = self._book.load(uow.session, incident_id)
                for plan in planned:
                    self._write(uow, row, plan)
                    mailed += plan.channel == "email"
                    letters += plan.channel == "letter"
                    skipped += plan.state == "skipped"
                self._book.event(
                    uow,
                    row,
                    "notices_sent",
                    actor.id,
                    mailed=sum(p.channel == "email" for p in planned),
                    letters=sum(p.channel == "letter" for p in planned),
                    skipped=sum(p.state == "skipped" for p in planned),
                )
                uow.commit()
        return NoticeRun(mailed, letters, skipped, already)

    def notify_person(self, incident_id: str, person_id: str, actor: Actor) -> NoticeView:
        """Tell one person (the desk found them concerned); an erased person is refused with the reason."""
        actor.require(Permission.manage_incidents)
        ref = self._person(person_id)
        if ref.erased:
            raise PersonErased(
                f"person {person_id} was erased: hogo holds no contact details to tell them; the public announcement "
                "and the desk are the way they learn of it (Rule 10)"
            )
        if incident_id not in self._incidents.concerning(person_id, [incident_id]):
            raise Conflict(f"person {person_id} is not among the persons incident {incident_id} concerns")
        values = self._subjects.contact(person_id, self._contact_items(), actor)
        plan = self._plan(f"vault:{person_id}", person_id, None, frozenset(), self._words(incident_id, actor), values)
        with self._uow() as uow:
            row = self._book.load(uow.session, incident_id)
            existing = uow.session.execute(
                select(IncidentNotice).where(IncidentNotice.incident_id == row.id, IncidentNotice.target == plan.target)
            ).scalar()
            if existing is not None and existing.state in {"queued", "sent", "letter_posted"}:
                raise Conflict(f"person {person_id} was already told ({existing.state})")
            if existing is not None:
                uow.session.delete(existing)
                uow.session.flush()
            notice = self._write(uow, row, plan)
            self._book.event(uow, row, "notice_sent", actor.id, person=person_id, channel=plan.channel)
            view = _view(notice)
            uow.commit()
        return view

    def _person(self, person_id: str) -> PersonRef:
        with self._uow(read_only=True) as uow:
            return self._subjects.person_ref(uow.session, person_id)

    # -- planning one notice -------------------------------------------------------------------------
    def _words(self, incident_id: str, actor: Actor) -> dict[str, str]:
        view = self._incidents.get(incident_id, actor)
        final = next((r for r in view.reports if r.kind == "final"), None) or next(iter(view.reports), None)
        items = self._reports.content(incident_id, final.id, actor) if final else {}
        words = {k: items.get(k, "") for k in content.NOTICE_ITEMS}
        words["id"] = incident_id
        words["announcement"] = (
            f"{self._reports.public_url}/portal/incidents/{incident_id}" if view.announced_at else ""
        )
        return words

    def _plan(
        self,
        target: str,
        person_id: str | None,
        email: str | None,
        erased: frozenset[str] | set[str],
        words: dict[str, str],
        values: dict[str, str] | None,
    ) -> _Plan:
        if person_id is not None and person_id in erased:
            return _Plan(target, person_id, "none", "skipped", "erased", None)
        if person_id is not None and values is not None:
            email = next((v for k, v in values.items() if k in self._email_items() and "@" in v), None)
            if email is None and any(k in self._address_items() for k in values):
                return _Plan(target, person_id, "letter", "letter_due", None, None)
        if email is None:
            return _Plan(target, person_id, "none", "skipped", "no_contact", None)
        return _Plan(target, person_id, "email", "queued", None, self._mail(email, words))

    def _mail(self, email: str, words: dict[str, str]) -> MailMessage:
        operator = self._ledger.index().ledger.operator
        desk = operator.desk
        where = " ".join(str(x) for x in (operator.desk_label.ja, desk.phone, desk.email) if x)
        return messages.notice_mail(
            email,
            company=operator.name.ja,
            incident_id=words.get("id", ""),
            summary=words["1"],
            items=words["2"],
            cause=words["4"],
            secondary=words["5"],
            other=words["9"],
            desk=where,
            announcement_url=words.get("announcement") or None,
        )

    def _contact_items(self) -> list[str]:
        return sorted(set(self._email_items()) | set(self._address_items()))

    def _email_items(self) -> list[str]:
        items = self._ledger.index().ledger.items
        return [
            i.key
            for i in items
            if i.value_type is ValueType.email
            or i.key == "email"
            or (i.category is ItemCategory.contact and i.value_type is ValueType.text)
        ]

    def _address_items(self) -> list[str]:
        return [i.key for i in self._ledger.index().ledger.items if i.value_type is ValueType.address]

    def _write(self, uow: UnitOfWork, row: Incident, plan: _Plan) -> IncidentNotice:
        now = self._clock.now()
        notice = IncidentNotice(
            id="nc_" + secrets.token_hex(8),
            incident_id=row.id,
            target=plan.target,
            person_id=plan.person_id,
            channel=plan.channel,
            state=plan.state,
            reason=plan.reason,
            created_at=now,
            updated_at=now,
        )
        uow.session.add(notice)
        uow.session.flush()
        if plan.mail is not None:
            mail = plan.mail
            key = f"incident-notice|{row.id}|{plan.target}"
            payload = {"to": mail.to, "subject": mail.subject, "body": mail.body}
            uow.send(Outgoing("mail", key, payload, ("incident_notice", notice.id), PURPOSE))
        return notice

    # -- what the outbox says ------------------------------------------------------------------------
    def message_outcome(self, uow: UnitOfWork, notice_id: str, delivered: Delivered) -> None:
        notice = uow.session.get(IncidentNotice, notice_id, with_for_update=True)
        if notice is None:
            return
        sent = delivered.message.state is State.sent
        notice.state, notice.message_id, notice.updated_at = (
            ("sent" if sent else "failed"),
            delivered.message.id,
            (delivered.at),
        )
        row = self._book.load(uow.session, notice.incident_id)
        self._book.event(
            uow,
            row,
            "notice_delivered" if sent else "notice_failed",
            "hogo:outbox",
            notice=notice.id,
            person=notice.person_id,
            message=delivered.message.id,
        )

    # -- reading, letters ----------------------------------------------------------------------------
    def counts(self, incident_id: str, actor: Actor) -> dict[str, int]:
        """How many notices are in each state (queued, sent, failed, skipped, letter_due, letter_posted)."""
        actor.require(Permission.manage_incidents)
        with self._uow(read_only=True) as uow:
            rows = uow.session.execute(
                select(IncidentNotice.state, func.count())
                .where(IncidentNotice.incident_id == incident_id)
                .group_by(IncidentNotice.state)
            ).all()
            return {state: int(n) for state, n in rows}

    def notices(self, incident_id: str, actor: Actor, limit: int = 500) -> list[NoticeView]:
        actor.require(Permission.manage_incidents)
        with self._uow(read_only=True) as uow:
            rows = uow.session.execute(
                select(IncidentNotice)
                .where(IncidentNotice.incident_id == incident_id)
                .order_by(IncidentNotice.created_at, IncidentNotice.id)
                .limit(limit)
            ).scalars()
            return [_view(n) for n in rows]

    def letters(self, incident_id: str, actor: Actor) -> bytes:
        """The letters still to post, one page each, addressed from the vault (the read is audited)."""
        actor.require(Permission.manage_incidents)
        due = [n for n in self.notices(incident_id, actor, limit=100_000) if n.state == "letter_due" and n.person_id]
        words = self._words(incident_id, actor)
        operator = self._ledger.index().ledger.operator
        out: list[Letter] = []
        for notice in due:
            assert notice.person_id is not None
            values = self._subjects.contact(notice.person_id, [*self._address_items(), "name"], actor)
            recipient = [v for k, v in values.items() if k != "name"] + [f"{values.get('name', '')} 様"]
            out.append(
                Letter(
                    recipient=recipient,
                    sender=[operator.name.ja],
                    date=today_jst(self._clock).isoformat(),
                    title="個人情報の漏えい等に関するお知らせ",
                    paragraphs=[f"{content.ITEMS[k][0]}：{words[k]}" for k in content.NOTICE_ITEMS],
                    reference=incident_id,
                )
            )
        return render_pdfs(out)

    def letters_posted(self, incident_id: str, actor: Actor) -> int:
        actor.require(Permission.manage_incidents)
        with self._uow() as uow:
            row = self._book.load(uow.session, incident_id)
            due = (
                uow.session.execute(
                    select(IncidentNotice).where(
                        IncidentNotice.incident_id == incident_id, IncidentNotice.state == "letter_due"
                    )
                )
                .scalars()
                .all()
            )
            for notice in due:
                notice.state, notice.updated_at = "letter_posted", self._clock.now()
            self._book.event(uow, row, "letters_posted", actor.id, letters=len(due))
            uow.commit()
        return len(due)


@dataclass(frozen=True)
class _Plan:
    target: str
    person_id: str | None
    channel: str
    state: str
    reason: str | None
    mail: MailMessage | None


def _view(n: IncidentNotice) -> NoticeView:
    return NoticeView(n.id, n.target, n.person_id, n.channel, n.state, n.reason, n.updated_at)
