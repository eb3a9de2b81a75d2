"""The reports an incident owes: their nine items (prefilled, edited in versions), supplements, the filing with the
authority's reference (once), and the export as a PPC-style PDF or JSON.

A report's text is a sealed note per version (staff typed it; it may name people); the rows keep the note ids.
"""

from __future__ import annotations

import json
import secrets
from collections import Counter
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hogo.adapters.report_forms import render_report
from hogo.clock import Clock, today_jst
from hogo.db.uow import UnitOfWork, UnitOfWorkFactory
from hogo.errors import Conflict, InvalidInput
from hogo.identity.policy import Actor, Permission
from hogo.incidents import content
from hogo.incidents.book import IncidentBook
from hogo.incidents.content import Known
from hogo.incidents.models import Incident, IncidentEvent, IncidentNotice, IncidentReport, IncidentReportVersion
from hogo.incidents.policy import Authority, Basis, ReportKind
from hogo.incidents.schemas import FilingIn, ReportEditIn, ReportView
from hogo.incidents.workflow import Status
from hogo.ledger.service import LedgerService
from hogo.notes import Notes
from hogo.requests.deadlines import jst_date

STATUTORY = frozenset({Authority.ppc.value, Authority.ministry.value})


class ReportAlreadyFiled(Conflict):
    code = "incident-report-already-filed"


class IncidentReports:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        ledger: LedgerService,
        notes: Notes,
        book: IncidentBook,
        public_url: str,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._ledger = ledger
        self._notes = notes
        self._book = book
        self.public_url = public_url.rstrip("/")

    # -- content --------------------------------------------------------------------------------------
    def content(self, incident_id: str, report_id: str, actor: Actor) -> dict[str, str]:
        """The report's nine items: its latest version, else prefilled from what hogo knows now."""
        actor.require(Permission.manage_incidents)
        with self._uow(read_only=True) as uow:
            return self._content(uow.session, incident_id, report_id)

    def _content(self, session: Session, incident_id: str, report_id: str) -> dict[str, str]:
        row = self._book.load(session, incident_id, lock=False)
        report = self._book.report(session, incident_id, report_id, lock=False)
        if report.version:
            note = session.execute(
                select(IncidentReportVersion.content_note).where(
                    IncidentReportVersion.report_id == report.id, IncidentReportVersion.version == report.version
                )
            ).scalar_one()
            return dict(json.loads(self._notes.texts(session, [note]).get(note, "{}")))
        return content.prefill(self._known(session, row))

    def _known(self, session: Session, row: Incident) -> Known:
        ledger = self._ledger.get(row.ledger_version).ledger
        items = ledger.items_by_key()
        kinds = {k.id: k.label.ja for k in ledger.subject_kinds}
        names = {d.id: d.name.ja for d in ledger.datasets}
        scope, assessment = dict(row.scope), dict(row.assessment or {})
        notices = Counter(
            session.execute(select(IncidentNotice.state).where(IncidentNotice.incident_id == row.id)).scalars()
        )
        note = row.description_note
        description = self._notes.texts(session, [note]).get(note, "") if note else ""
        events = session.execute(
            select(IncidentEvent.at, IncidentEvent.action)
            .where(IncidentEvent.incident_id == row.id)
            .order_by(IncidentEvent.id)
        ).all()
        counted = assessment.get("headcount", {}).get("datasets", {})
        measures = ledger.security_measures
        return Known(
            incident_id=row.id,
            kind=row.kind,
            effects=row.effects,
            occurred_on=jst_date(row.occurred_at) if row.occurred_at else None,
            aware_on=jst_date(row.aware_at),
            found_by=row.found_by,
            description=description,
            items=[(items[k].label.ja, items[k].label.en or k) for k in scope["items"] if k in items],
            subject_kinds=[kinds.get(k, k) for k in scope.get("subject_kinds") or []],
            datasets=[names.get(d, d) for d in (scope.get("datasets") or list(counted))],
            headcount=assessment.get("headcount", {}),
            decision=assessment.get("decision", {}),
            entrustee=next((e.name.ja for e in ledger.entrustees if e.id == row.entrustee_id), None),
            as_entrustee=row.as_entrustee,
            measures=[
                t.ja for group in (measures.organisational, measures.technical, measures.physical) for t in group
            ],
            notices=dict(notices),
            announced_on=jst_date(row.announced_at) if row.announced_at else None,
            announcement_url=f"{self.public_url}/portal/incidents/{row.id}" if row.announced_at else None,
            chronology=[(at, action) for at, action in events],
            vault=scope.get("source") == "vault",
        )

    def edit(self, incident_id: str, report_id: str, data: ReportEditIn, actor: Actor) -> ReportView:
        """A new version of the report with the officer's text for the items given."""
        actor.require(Permission.manage_incidents)
        unknown = sorted(set(data.items) - set(content.ITEMS))
        if unknown:
            raise InvalidInput(f"a report has items 1 to 9; not: {', '.join(unknown)}")
        with self._uow() as uow:
            report = self._book.report(uow.session, incident_id, report_id)
            if report.state == "filed":
                raise ReportAlreadyFiled(f"report {report_id} was filed; add a supplement for what was learnt since")
            current = self._content(uow.session, incident_id, report_id)
            self._new_version(uow, report, {**current, **{k: v for k, v in data.items.items()}}, actor)
            row = self._book.load(uow.session, incident_id)
            self._book.event(
                uow, row, "report_edited", actor.id, report=report.id, version=report.version, items=sorted(data.items)
            )
            view = self._book.report_view(report)
            uow.commit()
        return view

    def _new_version(self, uow: UnitOfWork, report: IncidentReport, items: dict[str, str], actor: Actor) -> None:
        report.version += 1
        uow.session.add(
            IncidentReportVersion(
                report_id=report.id,
                version=report.version,
                content_note=uow.note(json.dumps(items, ensure_ascii=False)),
                created_by=actor.id,
                created_at=self._clock.now(),
            )
        )

    def supplement(self, incident_id: str, authority: Authority, basis: Basis, actor: Actor) -> ReportView:
        """A supplement (追完) to a filed 確報: what was still unknown then."""
        actor.require(Permission.manage_incidents)
        with self._uow() as uow:
            session = uow.session
            row = self._book.load(session, incident_id)
            final = session.execute(
                select(IncidentReport).where(
                    IncidentReport.incident_id == incident_id,
                    IncidentReport.kind == ReportKind.final.value,
                    IncidentReport.authority == authority.value,
                    IncidentReport.basis == basis.value,
                    IncidentReport.state == "filed",
                )
            ).scalar()
            if final is None:
                raise Conflict("a supplement follows a filed final report (確報) to the same authority")
            report = IncidentReport(
                id="ir_" + secrets.token_hex(8),
                incident_id=incident_id,
                kind=ReportKind.supplement.value,
                authority=authority.value,
                basis=basis.value,
                article=final.article + " (追完)",
                due_on=None,
                state="owed",
                version=0,
                created_at=self._clock.now(),
            )
            session.add(report)
            session.flush()
            self._new_version(uow, report, self._content(session, incident_id, final.id), actor)
            self._book.event(uow, row, "supplement_started", actor.id, report=report.id)
            view = self._book.report_view(report)
            uow.commit()
        return view

    # -- filing ---------------------------------------------------------------------------------------
    def file(self, incident_id: str, report_id: str, data: FilingIn, actor: Actor) -> ReportView:
        """Mark the report filed with the authority's reference; a report is filed once."""
        actor.require(Permission.manage_incidents)
        with self._uow() as uow:
            session = uow.session
            row = self._book.load(session, incident_id)
            report = self._book.report(session, incident_id, report_id)
            if report.state == "filed":
                raise ReportAlreadyFiled(
                    f"report {report_id} was already filed on {report.filed_at:%Y-%m-%d} (reference "
                    f"{report.filed_reference}); a second filing is refused"
                )
            if report.state != "owed":
                raise Conflict(f"report {report_id} is no longer owed (the assessment changed)")
            if report.version == 0:
                self._new_version(uow, report, self._content(session, incident_id, report_id), actor)
            report.state, report.filed_at, report.filed_by = "filed", self._clock.now(), actor.id
            report.filed_reference, report.filed_version = data.reference.strip(), report.version
            session.flush()
            self._book.event(
                uow,
                row,
                "report_filed",
                actor.id,
                report=report.id,
                kind=report.kind,
                authority=report.authority,
                version=report.version,
                reference=uow.note(data.reference),
            )
            target = self._status_after_filing(session, row)
            if target is not None:
                self._book.move(uow, row, target, actor.id, report=report.id)
            view = self._book.report_view(report)
            uow.commit()
        return view

    def _status_after_filing(self, session: Session, row: Incident) -> Status | None:
        statutory = [
            (kind, state)
            for kind, state in session.execute(
                select(IncidentReport.kind, IncidentReport.state).where(
                    IncidentReport.incident_id == row.id,
                    IncidentReport.authority.in_(STATUTORY),
                    IncidentReport.kind != ReportKind.supplement.value,
                )
            ).all()
            if state != "not_owed"
        ]
        if not any(state == "filed" for _, state in statutory) or Status(row.status) is Status.not_reportable:
            return None
        finals = [state for kind, state in statutory if kind == ReportKind.final.value]
        return Status.final_filed if finals and all(s == "filed" for s in finals) else Status.preliminary_filed

    # -- export ---------------------------------------------------------------------------------------
    def document(self, incident_id: str, report_id: str, actor: Actor) -> dict[str, Any]:
        """The report as structured data (JSON), as it stands or as filed; the export is audited."""
        actor.require(Permission.manage_incidents)
        with self._uow() as uow:
            session = uow.session
            row = self._book.load(session, incident_id, lock=False)
            report = self._book.report(session, incident_id, report_id, lock=False)
            items = self._content(session, incident_id, report_id)
            operator = self._ledger.get(row.ledger_version).ledger.operator
            procedures = self._ledger.get(row.ledger_version).ledger.incidents
            authority_name = None
            if report.authority == Authority.ministry.value and procedures and procedures.delegated_ministry:
                authority_name = procedures.delegated_ministry.name.ja
            if report.authority == Authority.privacy_mark.value and procedures and procedures.privacy_mark:
                authority_name = procedures.privacy_mark.body.ja
            doc = content.document(
                report={
                    "id": report.id,
                    "incident": row.id,
                    "kind": report.kind,
                    "authority": report.authority,
                    "basis": report.basis,
                    "article": report.article,
                    "version": report.version or None,
                    "due_on": report.due_on.isoformat() if report.due_on else None,
                    "state": report.state,
                    "filed_at": report.filed_at.isoformat() if report.filed_at else None,
                    "filed_reference": report.filed_reference,
                },
                reporter={
                    "name": operator.name.ja,
                    "address": operator.address.ja if operator.address else None,
                    "representative": operator.representative.ja if operator.representative else None,
                },
                items=items,
                prepared_on=today_jst(self._clock),
                authority_name=authority_name,
            )
            uow.record(
                actor=actor.id,
                action="incident.report_exported",
                entity_type="incident",
                entity_id=row.id,
                data={"report": report.id, "version": report.version},
            )
            uow.commit()
        return doc

    def pdf(self, incident_id: str, report_id: str, actor: Actor) -> bytes:
        return render_report(self.document(incident_id, report_id, actor))

    def versions(self, report_id: str, actor: Actor) -> int:
        actor.require(Permission.manage_incidents)
        with self._uow(read_only=True) as uow:
            return int(
                uow.session.execute(
                    select(func.count())
                    .select_from(IncidentReportVersion)
                    .where(IncidentReportVersion.report_id == report_id)
                ).scalar_one()
            )
