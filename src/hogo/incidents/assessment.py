"""Assessing an incident: count the persons concerned, decide what is owed under the PPC's rules (policy.decide),
and keep the reports owed (their kinds, authorities and due dates) in step with the decision.

Counting reads the vault and the company's databases first (their own reads); the assessment then lands in one
transaction with its `assessed` event. `IncidentService.assess` is the entry point; this is its working part.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from sqlalchemy import select

from hogo.clock import Clock
from hogo.db.uow import UnitOfWork, UnitOfWorkFactory
from hogo.errors import Conflict
from hogo.identity.policy import Actor, Permission
from hogo.incidents import policy
from hogo.incidents.affected import Affected, Scope
from hogo.incidents.book import IncidentBook
from hogo.incidents.models import Incident, IncidentReport
from hogo.incidents.schemas import AssessIn, IncidentView, Source
from hogo.incidents.workflow import DECIDING, Status
from hogo.ledger.compiled import LedgerIndex
from hogo.ledger.rules import incident_rules_in_force
from hogo.ledger.schemas.catalogue import IdentificationCode
from hogo.ledger.service import LedgerService
from hogo.requests.deadlines import jst_date

STATUS_OF = {
    policy.Outcome.reportable: Status.assessed,
    policy.Outcome.undetermined: Status.assessed,
    policy.Outcome.not_reportable: Status.not_reportable,
    policy.Outcome.relieved: Status.reported_by_principal,
}
VAULT_ENCRYPTED = (
    "hogo の保管庫の値はすべて本人ごとのデータ鍵で暗号化され（AES-GCM）、"
    "その鍵はマスター鍵で包まれ別に保管されています。"
    "鍵ファイルが持ち出されていなければ、高度な暗号化の措置として報告対象から除かれます。",
    "Every value in hogo's vault is encrypted with the person's own data key (AES-GCM), wrapped by a master key kept "
    "apart: unless the key file was taken too, this is advanced encryption and the data is excluded from Rule 7.",
)
FLAGS = (
    "wrongful_purpose",
    "data_being_acquired",
    "advanced_encryption",
    "my_number_network",
    "publicly_viewable",
    "low_risk",
)


class IncidentAssessor:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        ledger: LedgerService,
        affected: Affected,
        book: IncidentBook,
        amendment_2026_from: Callable[[], dt.date | None],
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._ledger = ledger
        self.affected = affected
        self.book = book
        self._amendment = amendment_2026_from

    def assess(self, incident_id: str, data: AssessIn, actor: Actor) -> IncidentView:
        """Count the persons concerned, decide what is owed, and keep the reports' clocks in step."""
        actor.require(Permission.manage_incidents)
        with self._uow(read_only=True) as uow:
            current = self.book.load(uow.session, incident_id, lock=False)
            if Status(current.status) is Status.closed:
                raise Conflict(f"incident {incident_id} is closed")
            flags = dict(current.flags)
            scope = dict(current.scope)
            aware_on = jst_date(current.aware_at)
            occurred = current.occurred_at
            kind = policy.Kind(current.kind)
            as_entrustee = current.as_entrustee
            notified = current.principal_notified_at is not None
        for name in FLAGS:
            if getattr(data, name) is not None:
                flags[name] = bool(getattr(data, name))
        notified = notified or bool(data.principal_notified)
        index = self._ledger.index()
        items = [index.ledger.item(i) for i in scope["items"] if i in index.items]
        my_number = [i.key for i in items if i.identification_code is IdentificationCode.my_number]
        counted = self.affected.count(Scope.of(scope), my_number, actor)
        facts = policy.Facts(
            aware_on=aware_on,
            occurred_on=jst_date(occurred) if occurred else None,
            kind=kind,
            wrongful_purpose=flags["wrongful_purpose"],
            special_care=any(i.special_care for i in items),
            financial_damage=any(i.financial_damage_risk for i in items),
            my_number=bool(my_number),
            data_being_acquired=flags["data_being_acquired"],
            advanced_encryption=flags["advanced_encryption"],
            as_entrustee=as_entrustee,
            principal_notified=notified,
            my_number_network=flags["my_number_network"],
            publicly_viewable=flags["publicly_viewable"],
            low_risk=flags["low_risk"],
        )
        reporting = self.reporting(index)
        decision = policy.decide(
            facts, counted.headcount(), reporting, incident_rules_in_force(aware_on, self._amendment())
        )
        assessment = {"headcount": counted.as_json(), "decision": _decision_json(decision, scope)}
        with self._uow() as uow:
            row = self.book.load(uow.session, incident_id)
            row.flags = flags
            if notified and row.principal_notified_at is None:
                row.principal_notified_at = self._clock.now()
            row.assessment, row.assessed_at = assessment, self._clock.now()
            status = Status(row.status)
            target = STATUS_OF[decision.outcome] if status in DECIDING | {Status.reported_internally} else status
            before = self.book.move(uow, row, target, actor.id, event=False)
            self._sync_reports(uow, row, decision)
            self.book.event(
                uow,
                row,
                "assessed",
                actor.id,
                note=data.note,
                outcome=decision.outcome.value,
                status={"from": before.value, "to": target.value},
                triggers=[t.code for t in decision.triggers if t.met],
                persons=counted.persons,
                complete=counted.complete,
                reports=[
                    f"{r.authority.value}:{r.basis.value}:{r.kind.value}:{r.due_on.isoformat()}"
                    for r in decision.reports
                ],
            )
            view = self.book.view(uow.session, row)
            uow.commit()
        return view

    def reporting(self, index: LedgerIndex) -> policy.Reporting:
        procedures = index.ledger.incidents
        if procedures is None:
            return policy.Reporting()
        return policy.Reporting(
            privacy_mark_body=procedures.privacy_mark.body.ja if procedures.privacy_mark else None,
            delegated_ministry=procedures.delegated_ministry.name.ja if procedures.delegated_ministry else None,
        )

    def _sync_reports(self, uow: UnitOfWork, row: Incident, decision: policy.Decision) -> None:
        session = uow.session
        existing = {
            (r.kind, r.authority, r.basis): r
            for r in session.execute(
                select(IncidentReport).where(
                    IncidentReport.incident_id == row.id, IncidentReport.kind != policy.ReportKind.supplement.value
                )
            ).scalars()
        }
        wanted = {(o.kind.value, o.authority.value, o.basis.value): o for o in decision.reports}
        for key, owed in wanted.items():
            report = existing.get(key)
            if report is None:
                report = IncidentReport(
                    id="ir_" + secrets.token_hex(8),
                    incident_id=row.id,
                    kind=key[0],
                    authority=key[1],
                    basis=key[2],
                    article=owed.article,
                    state="owed",
                    version=0,
                    created_at=self._clock.now(),
                )
                session.add(report)
            if report.state != "filed":
                report.state, report.due_on, report.article = "owed", owed.due_on, owed.article
        for key, report in existing.items():
            if key not in wanted and report.state == "owed":
                report.state = "not_owed"
        session.flush()


def _decision_json(decision: policy.Decision, scope: dict[str, Any]) -> dict[str, Any]:
    reasons = [list(r) for r in decision.reasons]
    if scope.get("source") == Source.vault.value:
        reasons.append(list(VAULT_ENCRYPTED))
    return {
        "outcome": decision.outcome.value,
        "triggers": [asdict(t) for t in decision.triggers],
        "reports": [
            {
                "kind": r.kind.value,
                "authority": r.authority.value,
                "basis": r.basis.value,
                "due_on": r.due_on.isoformat(),
                "article": r.article,
            }
            for r in decision.reports
        ],
        "notice": decision.notice.value,
        "final_days": decision.final_days,
        "exemption": decision.exemption,
        "rules": decision.rules,
        "reasons": reasons,
    }
