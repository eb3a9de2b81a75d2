"""Incident use cases: record (社内報告), assess (who is affected, the PPC decision, the reports owed), read the
register and the timeline, announce publicly, answer the desk's enquiries, close.

Each writing method is one unit of work; counting the persons concerned reads the vault and the company's
databases first (their own reads), then the assessment lands in one transaction with its event (`assessment.py`).
Reports are in `reporting.py`, notices to persons in `notices.py`, the clock warnings in `clocks.py`, what the
dashboard shows in `dashboard.py`.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from hogo.clock import Clock, today_jst
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import Conflict, InvalidInput, NotFound
from hogo.identity.policy import Actor, Permission
from hogo.incidents import policy
from hogo.incidents.affected import LISTED, Affected, Counted, Scope, day_start
from hogo.incidents.assessment import FLAGS, IncidentAssessor
from hogo.incidents.book import IncidentBook
from hogo.incidents.dashboard import owed_reports
from hogo.incidents.models import Incident, IncidentEvent, IncidentReport
from hogo.incidents.schemas import AnnouncementIn, AssessIn, EnquiryIn, EventView, IncidentIn, IncidentView, Source
from hogo.incidents.workflow import OPEN, Status
from hogo.ledger.compiled import LedgerIndex
from hogo.ledger.schemas.catalogue import IdentificationCode
from hogo.ledger.service import LedgerService
from hogo.notes import Notes
from hogo.requests.deadlines import jst_date
from hogo.subjects.service import SubjectService


class AwarenessInFuture(InvalidInput):
    code = "incident-aware-in-future"


class IncidentService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        ledger: LedgerService,
        subjects: SubjectService,
        affected: Affected,
        notes: Notes,
        book: IncidentBook,
        amendment_2026_from: Callable[[], dt.date | None] = lambda: None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._ledger = ledger
        self._subjects = subjects
        self.affected = affected
        self._notes = notes
        self.book = book
        self._assessor = IncidentAssessor(uow, clock, ledger, affected, book, amendment_2026_from)

    # -- record -------------------------------------------------------------------------------------
    def record(self, data: IncidentIn, actor: Actor, *, assess: bool = True) -> IncidentView:
        """Record an incident as reported inside the company; by default assess it at once."""
        actor.require(Permission.manage_incidents)
        index = self._ledger.index()
        now = self._clock.now()
        self._check(data, index, now)
        flags = {f: bool(getattr(data, f)) for f in FLAGS}
        flags["wrongful_purpose"] = (
            data.wrongful_purpose if data.wrongful_purpose is not None else data.kind in policy.WRONGFUL_BY_KIND
        )
        flags["advanced_encryption"] = data.advanced_encryption or data.source is Source.vault
        window_to = data.window_to or (jst_date(data.aware_at) if data.window_from else None)
        scope = {
            "items": list(dict.fromkeys(data.items)),
            "subject_kinds": list(dict.fromkeys(data.subject_kinds)),
            "datasets": list(dict.fromkeys(data.datasets)),
            "persons": list(dict.fromkeys(p.strip() for p in data.persons if p.strip())),
            "window_from": data.window_from.isoformat() if data.window_from else None,
            "window_to": window_to.isoformat() if window_to else None,
            "source": data.source.value,
        }
        effects = data.effects or sorted(policy.EFFECTS_BY_KIND[data.kind])
        with self._uow() as uow:
            row = Incident(
                id="inc_" + secrets.token_hex(8),
                status=Status.reported_internally.value,
                kind=data.kind.value,
                effects=[e.value for e in effects],
                occurred_at=data.occurred_at,
                aware_at=data.aware_at,
                found_by=data.found_by.value,
                entrustee_id=data.entrustee,
                as_entrustee=data.as_entrustee,
                scope=scope,
                flags=flags,
                ledger_version=index.version,
                created_by=actor.id,
                created_at=now,
                updated_at=now,
            )
            uow.session.add(row)
            uow.session.flush()
            row.description_note = self.book.event(
                uow,
                row,
                "reported",
                actor.id,
                note=data.description,
                kind=row.kind,
                aware_on=jst_date(data.aware_at).isoformat(),
                items=scope["items"],
                datasets=scope["datasets"],
                flags=flags,
            )
            incident_id = row.id
            uow.commit()
        return self.assess(incident_id, AssessIn(), actor) if assess else self.get(incident_id, actor)

    def _check(self, data: IncidentIn, index: LedgerIndex, now: dt.datetime) -> None:
        if data.aware_at > now:
            raise AwarenessInFuture(
                f"the awareness date {jst_date(data.aware_at).isoformat()} is after today "
                f"({jst_date(now).isoformat()}, JST): give the day the company became aware"
            )
        if data.occurred_at is not None and data.occurred_at > data.aware_at:
            raise InvalidInput("the incident cannot have occurred after the company became aware of it")
        if data.window_from and data.window_to and data.window_from > data.window_to:
            raise InvalidInput("the time window ends before it starts")
        ledger = index.ledger
        unknown = [i for i in data.items if i not in index.items]
        unknown += [k for k in data.subject_kinds if k not in {s.id for s in ledger.subject_kinds}]
        unknown += [d for d in data.datasets if d not in {s.id for s in ledger.datasets}]
        if data.entrustee and data.entrustee not in {e.id for e in ledger.entrustees}:
            unknown.append(data.entrustee)
        if unknown:
            raise InvalidInput(f"the ledger in force does not declare: {', '.join(unknown)}")

    # -- assess -------------------------------------------------------------------------------------
    def assess(self, incident_id: str, data: AssessIn, actor: Actor) -> IncidentView:
        """Count the persons concerned, decide what is owed, and keep the reports' clocks in step (`assessment`)."""
        return self._assessor.assess(incident_id, data, actor)

    # -- read ---------------------------------------------------------------------------------------
    def get(self, incident_id: str, actor: Actor) -> IncidentView:
        actor.require(Permission.manage_incidents)
        with self._uow(read_only=True) as uow:
            return self.book.view(uow.session, self.book.load(uow.session, incident_id, lock=False))

    def register(self, actor: Actor, *, open_only: bool = False) -> list[IncidentView]:
        actor.require(Permission.manage_incidents)
        with self._uow(read_only=True) as uow:
            query = select(Incident).order_by(Incident.aware_at.desc())
            if open_only:
                query = query.where(Incident.status.in_([s.value for s in OPEN]))
            return [self.book.view(uow.session, r) for r in uow.session.execute(query).scalars()]

    def timeline(self, incident_id: str, actor: Actor) -> list[EventView]:
        actor.require(Permission.manage_incidents)
        with self._uow(read_only=True) as uow:
            self.book.load(uow.session, incident_id, lock=False)
            rows = uow.session.execute(
                select(IncidentEvent).where(IncidentEvent.incident_id == incident_id).order_by(IncidentEvent.id)
            ).scalars()
            return [EventView(e.at, e.actor, e.action, dict(e.data), e.note_id) for e in rows]

    def description(self, incident_id: str, actor: Actor) -> str:
        """What happened, as the officer typed it (a sealed note; the read is audited)."""
        with self._uow(read_only=True) as uow:
            note = self.book.load(uow.session, incident_id, lock=False).description_note
        return self._notes.read(note, actor) if note else ""

    def persons(self, incident_id: str, actor: Actor, limit: int = LISTED) -> tuple[Counted, list[str]]:
        """The persons concerned, counted again now, and the first `limit` of them by opaque reference."""
        view = self.get(incident_id, actor)
        index = self._ledger.index()
        my_number = [
            k
            for k in view.scope["items"]
            if k in index.items and index.ledger.item(k).identification_code is IdentificationCode.my_number
        ]
        counted = self.affected.count(Scope.of(view.scope), my_number, actor)
        refs = [f"vault:{p}" + (" (erased)" if p in counted.erased else "") for p in counted.vault[:limit]]
        refs += [f"dataset:{d}:{o.table}:{'|'.join(o.key)}" for d, o in counted.elsewhere[: max(0, limit - len(refs))]]
        return counted, refs

    # -- the public announcement, the desk's enquiries, the person's status --------------------------
    def announce(self, incident_id: str, data: AnnouncementIn, actor: Actor) -> IncidentView:
        """Publish the incident on the portal (Rule 10's substitute where persons cannot be reached)."""
        actor.require(Permission.manage_incidents)
        with self._uow() as uow:
            row = self.book.load(uow.session, incident_id)
            row.announcement_note = uow.note(data.text)
            row.announced_at = self._clock.now()
            self.book.event(uow, row, "announced", actor.id, announcement=row.announcement_note)
            view = self.book.view(uow.session, row)
            uow.commit()
        return view

    def announcement(self, incident_id: str) -> tuple[str, dt.datetime] | None:
        """The public announcement's text and time, or None (not announced: the portal answers 404)."""
        with self._uow(read_only=True) as uow:
            row = uow.session.get(Incident, incident_id)
            if row is None or row.announcement_note is None or row.announced_at is None:
                return None
            texts = self._notes.texts(uow.session, [row.announcement_note])
            return texts.get(row.announcement_note, ""), row.announced_at

    def announcements(self) -> list[tuple[str, dt.datetime]]:
        with self._uow(read_only=True) as uow:
            rows = uow.session.execute(
                select(Incident.id, Incident.announced_at)
                .where(Incident.announced_at.is_not(None))
                .order_by(Incident.announced_at.desc())
            ).all()
            return [(i, at) for i, at in rows if at is not None]

    def enquiry(self, incident_id: str, data: EnquiryIn, actor: Actor) -> bool:
        """The desk is asked whether someone is concerned (the substitute of Rule 10): answered and recorded."""
        actor.require(Permission.read_people)
        try:
            person_id: str | None = self._subjects.find(data.kind, data.value, actor)
        except NotFound:
            person_id = None
        concerned = person_id is not None and incident_id in self.concerning(person_id, [incident_id])
        with self._uow() as uow:
            row = self.book.load(uow.session, incident_id)
            self.book.event(uow, row, "enquiry_answered", actor.id, person=person_id, concerned=concerned)
            uow.commit()
        return concerned

    def concerning(self, person_id: str, incident_ids: list[str] | None = None) -> dict[str, str]:
        """{incident id: status} of the assessed incidents whose data concerned covers this person (the vault's
        records of the items, subject kinds and window; the known persons where the incident names them)."""
        with self._uow(read_only=True) as uow:
            query = select(Incident).where(Incident.status != Status.reported_internally.value)
            if incident_ids is not None:
                query = query.where(Incident.id.in_(incident_ids))
            rows = [(r.id, r.status, Scope.of(dict(r.scope))) for r in uow.session.execute(query).scalars()]
        out: dict[str, str] = {}
        for incident_id, status, scope in rows:
            if scope.persons and person_id not in scope.persons:
                continue
            last = scope.window_to + dt.timedelta(days=1) if scope.window_to else None
            held = self._subjects.holders(
                scope.items, scope.subject_kinds, day_start(scope.window_from), day_start(last), [person_id]
            )
            if held.person_ids:
                out[incident_id] = status
        return out

    # -- close --------------------------------------------------------------------------------------
    def close(self, incident_id: str, actor: Actor, note: str = "") -> IncidentView:
        actor.require(Permission.manage_incidents)
        with self._uow() as uow:
            row = self.book.load(uow.session, incident_id)
            owed = (
                uow.session.execute(
                    select(IncidentReport.id).where(
                        IncidentReport.incident_id == row.id, IncidentReport.state == "owed"
                    )
                )
                .scalars()
                .all()
            )
            if owed:
                raise Conflict(f"incident {incident_id} still owes reports: {', '.join(owed)}; file them first")
            row.closed_at = self._clock.now()
            self.book.move(uow, row, Status.closed, actor.id, note=uow.note(note) if note.strip() else None)
            view = self.book.view(uow.session, row)
            uow.commit()
        return view

    # -- the dashboard ------------------------------------------------------------------------------
    def dashboard(self, actor: Actor) -> dict[str, Any]:
        """Reports past their due date (red until filed) and the clock warnings of reports still owed."""
        actor.require(Permission.manage_incidents)
        today = today_jst(self._clock)
        with self._uow(read_only=True) as uow:
            return owed_reports(uow.session, today)
