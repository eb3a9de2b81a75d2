"""Clocks that cannot be missed: a warning at 2 days and at 1 day before each report's due date, and once when it is
overdue — on the console and by mail to the officer — each given once (a row per report, level and due date, and
an outbox key of the same: running the job again warns nobody twice).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from hogo.clock import Clock, today_jst
from hogo.db.uow import Outgoing, UnitOfWorkFactory
from hogo.errors import NoLedger
from hogo.identity.policy import Actor, Permission
from hogo.incidents import messages
from hogo.incidents.book import IncidentBook
from hogo.incidents.models import IncidentReport, IncidentWarning
from hogo.incidents.schemas import ClockRun
from hogo.ledger.service import LedgerService


def level(due_on: dt.date, today: dt.date) -> str | None:
    """Which warning a report due on `due_on` calls for today: 2d, 1d (due tomorrow or today), overdue, or none."""
    left = (due_on - today).days
    if left < 0:
        return "overdue"
    if left <= 1:
        return "1d"
    if left == 2:
        return "2d"
    return None


class IncidentClocks:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        ledger: LedgerService,
        book: IncidentBook,
        public_url: str,
        officer_mail: str | None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._ledger = ledger
        self._book = book
        self._public_url = public_url.rstrip("/")
        self._officer_mail = officer_mail

    def officer(self) -> str | None:
        """Where warnings go: the ledger's officer address, else HOGO_OFFICER_MAIL, else the desk's."""
        try:
            ledger = self._ledger.index().ledger
        except NoLedger:
            return self._officer_mail
        if ledger.incidents and ledger.incidents.officer_email:
            return str(ledger.incidents.officer_email)
        return self._officer_mail or (str(ledger.operator.desk.email) if ledger.operator.desk.email else None)

    def warn(self, actor: Actor) -> ClockRun:
        """Give every warning due today that was not given yet."""
        actor.require(Permission.manage_incidents)
        today = today_jst(self._clock)
        with self._uow(read_only=True) as uow:
            owed = [
                (r.id, r.incident_id, r.kind, r.authority, r.due_on)
                for r in uow.session.execute(
                    select(IncidentReport).where(IncidentReport.state == "owed", IncidentReport.due_on.is_not(None))
                ).scalars()
            ]
        to = self.officer()
        given: list[str] = []
        for report_id, incident_id, kind, authority, due_on in owed:
            assert due_on is not None
            which = level(due_on, today)
            if which is None:
                continue
            if self._give(report_id, incident_id, kind, authority, due_on, which, to, actor):
                given.append(f"{report_id}:{which}")
        return ClockRun(tuple(given), len(owed))

    def _give(
        self,
        report_id: str,
        incident_id: str,
        kind: str,
        authority: str,
        due_on: dt.date,
        which: str,
        to: str | None,
        actor: Actor,
    ) -> bool:
        with self._uow() as uow:
            seen = uow.session.execute(
                select(IncidentWarning.id).where(
                    IncidentWarning.report_id == report_id,
                    IncidentWarning.level == which,
                    IncidentWarning.due_on == due_on,
                )
            ).first()
            if seen is not None:
                return False
            uow.session.add(
                IncidentWarning(
                    report_id=report_id,
                    incident_id=incident_id,
                    level=which,
                    due_on=due_on,
                    created_at=self._clock.now(),
                )
            )
            try:
                uow.session.flush()
            except IntegrityError:  # another worker gave it meanwhile (the unique report, level and due date)
                return False
            row = self._book.load(uow.session, incident_id)
            self._book.event(
                uow,
                row,
                "clock_warned",
                actor.id,
                report=report_id,
                level=which,
                due_on=due_on.isoformat(),
                mailed=to is not None,
            )
            if to is not None:
                title = f"{messages.REPORT_KINDS[kind][0]}（{messages.AUTHORITIES[authority][0]}）"
                mail = messages.warning_mail(
                    to, incident_id=incident_id, report=title, level=which, due_on=due_on, console_url=self._public_url
                )
                key = f"incident-warning|{report_id}|{which}|{due_on.isoformat()}"
                payload = {"to": mail.to, "subject": mail.subject, "body": mail.body}
                uow.send(Outgoing("mail", key, payload, ("incident", incident_id), "incident.clock_warning"))
            uow.commit()
        return True
