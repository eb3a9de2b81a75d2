"""The provision gate: `provide` is the only way personal data leaves hogo (STYLE rule 4); and the records.

One call, one transaction: for each person the decision, the opened values, the Art. 29 record and the audit
event land together or not at all. A refused person gets a `provision.refused` event and nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hogo.clock import today_jst
from hogo.consent.schemas import ConsentView
from hogo.db.uow import Entry
from hogo.errors import InvalidInput
from hogo.identity.policy import Actor, Permission, require_cleared
from hogo.ledger.compiled import LedgerIndex
from hogo.ledger.rules import rules_in_force
from hogo.provision import records as rec
from hogo.provision.models import ProvisionSuspension, ReferableConfirmation
from hogo.provision.policy import (
    Basis,
    CheckStatus,
    Context,
    Decision,
    Facts,
    Recipient,
    RecordRoute,
    Request,
    Section,
    decide,
    decide_processed,
    find_recipient,
)
from hogo.provision.schemas import (
    MAX_ITEMS,
    MAX_PERSONS,
    Outcome,
    ProvisionResult,
    Register,
)
from hogo.provision.service_records import ProvisionRecords

SHOWN_ABROAD = ("country_regime", "recipient_measures")


class ProvisionService(ProvisionRecords):
    # -- the gate --------------------------------------------------------------------------------
    def provide(
        self,
        person_ids: Sequence[str],
        items: Sequence[str],
        recipient_id: str,
        basis: Basis,
        actor: Actor,
        justification: str | None = None,
        *,
        purpose: str | None = None,
        joint_user: str | None = None,
        method: rec.RecordMethod = rec.RecordMethod.each,
    ) -> ProvisionResult:
        """Hand `items` of each person to the recipient if the gate allows it: values, record and audit at once."""
        actor.require(Permission.provide)
        if not person_ids or len(person_ids) > MAX_PERSONS:
            raise InvalidInput(f"name between 1 and {MAX_PERSONS} persons")
        if not items or len(items) > MAX_ITEMS:
            raise InvalidInput(f"name between 1 and {MAX_ITEMS} items")
        if len(set(person_ids)) != len(person_ids):
            raise InvalidInput("a person is named twice")
        index = self._ledger.index()
        require_cleared(actor, items, index.categories)
        recipient = find_recipient(index, recipient_id)
        request = Request(tuple(items), basis, purpose, joint_user, justification)
        with self._uow(read_only=True) as uow:
            ctx = self._context(uow.session, index, recipient)
            gathered = {pid: self._facts(uow.session, pid, recipient, actor) for pid in person_ids}
        decisions = {pid: decide(recipient, ctx, request, gathered[pid][0]) for pid in person_ids}
        outcomes: list[Outcome] = []
        entries: list[Entry] = []
        with self._uow() as uow:
            session = uow.session
            for pid in person_ids:
                decision = decisions[pid]
                if not decision.allowed:
                    outcomes.append(Outcome(pid, decision, {}, None))
                    entries.append(("provision.refused", "person", pid, _audit(recipient_id, request, decision)))
                    continue
                values = self._subjects.open_values(session, pid, items, actor)
                record_id = None
                if decision.record is not None and recipient is not None:
                    consent = gathered[pid][1]
                    record_id = self._record_out(
                        session, index, recipient, pid, request, decision, method, actor, consent
                    )
                outcomes.append(Outcome(pid, decision, values, record_id))
                data = {**_audit(recipient_id, request, decision), "record": record_id, "opened": sorted(values)}
                entries.append(("provision.provided", "person", pid, data))
            uow.record_many(actor=actor.id, entries=entries)
            uow.commit()
        return ProvisionResult(recipient_id, basis, outcomes)

    def provide_processed(self, job_id: str, recipient_id: str, actor: Actor) -> Decision:
        """May the output of the ledger's processing job `job_id` go to the recipient? Pseudonymised information is
        refused to third parties (Art. 41(6)); the decision is audited either way."""
        actor.require(Permission.provide)
        index = self._ledger.index()
        recipient = find_recipient(index, recipient_id)
        job = next((j for j in index.ledger.processing if j.id == job_id), None)
        decision = decide_processed(job.kind.value if job else None, recipient)
        action = "provision.processed.provided" if decision.allowed else "provision.processed.refused"
        data = {
            "recipient": recipient_id,
            "kind": job.kind.value if job else None,
            "reason": decision.reason.value,
            "article": decision.article,
            "section": decision.section.value if decision.section else None,
        }
        with self._uow() as uow:
            uow.record(actor=actor.id, action=action, entity_type="processing", entity_id=job_id, data=data)
            uow.commit()
        return decision

    def _context(self, session: Session, index: LedgerIndex, recipient: Recipient | None) -> Context:
        ledger = index.ledger
        today = today_jst(self._clock)
        opt_out = ledger.opt_out
        filed = opt_out is not None and bool(opt_out.ppc_filing_reference.strip())
        check = CheckStatus.ok
        if recipient is not None and recipient.section is Section.foreign:
            check = CheckStatus(self._check_state(session, index, Register.foreign, recipient.id).status)
        elif recipient is not None and recipient.section is Section.entrustee:
            check = CheckStatus(self._check_state(session, index, Register.entrustee, recipient.id).status)
        return Context(
            known=frozenset(index.items),
            special_care=frozenset(k for k, i in index.items.items() if i.special_care is not None),
            my_number=frozenset(k for k, i in index.items.items() if i.my_number),
            my_number_tasks=frozenset(p.id for p in index.purposes.values() if p.my_number_task),
            referable=frozenset(i.key for i in ledger.items if i.personally_referable),
            opt_out_items=frozenset(opt_out.items) if opt_out is not None and filed else None,
            opt_out_started=opt_out is not None and opt_out.start_date <= today,
            provision_purpose=any(p.third_party_provision for p in ledger.purposes),
            adequacy=rules_in_force(today).adequacy_countries,
            check=check,
        )

    def _facts(
        self, session: Session, person_id: str, recipient: Recipient | None, actor: Actor
    ) -> tuple[Facts, dict[str, Any]]:
        """The person's facts, and the evidence for the record: active consents to this recipient by kind, and the
        latest Art. 31 confirmation for it."""
        subject = self._subjects.facts(person_id)
        views = self._consents.consents(person_id, actor)
        active = frozenset((v.kind.value, v.target) for v in views if v.active)
        withdrawn = frozenset((v.kind.value, v.target) for v in views if not v.active) - active
        suspensions = session.execute(
            select(ProvisionSuspension.kind, ProvisionSuspension.recipient_id).where(
                ProvisionSuspension.person_id == person_id, ProvisionSuspension.lifted_at.is_(None)
            )
        ).all()
        target = recipient.id if recipient is not None else None
        confirmed = session.execute(
            select(
                ReferableConfirmation.id,
                ReferableConfirmation.recipient_id,
                ReferableConfirmation.method,
                ReferableConfirmation.foreign_information,
            )
            .where(ReferableConfirmation.person_id == person_id, ReferableConfirmation.withdrawn_at.is_(None))
            .order_by(ReferableConfirmation.id)
        ).all()
        abroad = recipient is not None and recipient.section is Section.foreign
        evidence: dict[str, Any] = {v.kind.value: v.id for v in views if v.active and v.target == target}
        web = self._consents.web_referable(session, person_id)
        if target is not None and target in web and not abroad:  # the banner's consent, given by a linked visitor
            evidence["referable"] = {"web_consent": web[target], "method": "web_consent", "foreign_information": False}
        for confirmation_id, to, method, foreign in confirmed:
            if to == target and (foreign or not abroad):
                evidence["referable"] = {
                    "confirmation": confirmation_id,
                    "method": method,
                    "foreign_information": foreign,
                }
        facts = Facts(
            erased=subject.erased,
            held={item: fact.purposes for item, fact in subject.items.items()},
            consented_purposes=frozenset(t for k, t in active if k == "purpose"),
            consents=active,
            withdrawn=withdrawn,
            informed_foreign=frozenset(v.target for v in views if recipient is not None and _informed(v, recipient)),
            referable_confirmed=frozenset(r for _, r, _, foreign in confirmed if foreign or not abroad)
            | frozenset(r for r in web if not abroad),
            suspended_all=any(k == "request" and r is None for k, r in suspensions),
            suspended=frozenset(r for k, r in suspensions if k == "request" and r is not None),
            opted_out=any(k == "opt_out" and r in (None, target) for k, r in suspensions),
        )
        return facts, evidence

    # -- records (Arts. 29-31) -------------------------------------------------------------------
    def _record_out(
        self,
        session: Session,
        index: LedgerIndex,
        recipient: Recipient,
        person_id: str,
        request: Request,
        decision: Decision,
        method: rec.RecordMethod,
        actor: Actor,
        evidence: dict[str, Any],
    ) -> str:
        assert decision.record is not None
        now = self._clock.now()
        today = today_jst(self._clock).isoformat()
        route = decision.record
        if method is not rec.RecordMethod.each:
            found = self._continuing(session, rec.Direction.out, route, method, person_id, recipient.id, request.items)
            if found is not None:
                found.last_at, found.times = now, found.times + 1
                found.retention_until = rec.retention_until(method, found.made_at, now)
                if "provided_on" in found.fields:
                    found.fields = {**found.fields, "provided_on": {**found.fields["provided_on"], "last": today}}
                return found.id
        values: dict[str, Any] = {
            "recipient": _counterpart(index, recipient),
            "person": person_id,
            "items": list(request.items),
            "provided_on": today if method is rec.RecordMethod.each else {"first": today, "last": today},
        }
        if route is RecordRoute.consent:
            kind = "foreign_transfer" if decision.reason.value == "foreign-consent-given" else "provision"
            consent = evidence.get(kind) or evidence.get("foreign_transfer") or evidence.get("provision")
            values["consent_obtained"] = {"consent": consent, "article": decision.article}
        if route is RecordRoute.personally_referable:
            values["consent_confirmed"] = evidence.get("referable")
        return self._insert(
            session, rec.Direction.out, route, method, person_id, recipient.id, request.basis.value,
            list(request.items), rec.build_fields(rec.Direction.out, route, values), index.version, actor,
        )  # fmt: skip


def _informed(view: ConsentView, recipient: Recipient) -> bool:
    """A consent to this transfer abroad, given after the country, its regime and the measures were shown.

    A consent shown another country than the ledger now names was not informed about this transfer.
    """
    shown = view.shown
    if not (view.active and view.kind.value == "foreign_transfer" and view.target == recipient.id):
        return False
    if not (shown.get("country") or shown.get("country_name")) or not all(shown.get(k) for k in SHOWN_ABROAD):
        return False
    return not (shown.get("country") and recipient.country and shown["country"] != recipient.country)


def _counterpart(index: LedgerIndex, recipient: Recipient) -> dict[str, Any]:
    entry: Any = index.third_parties.get(recipient.id) or index.foreign_recipients.get(recipient.id)
    if entry is None:
        entry = next(e for e in index.ledger.entrustees if e.id == recipient.id)
    return rec.counterpart(recipient.id, entry.organisation, entry.name.model_dump())


def _audit(recipient_id: str, request: Request, decision: Decision) -> dict[str, Any]:
    return {
        "recipient": recipient_id,
        "basis": request.basis.value,
        "items": list(request.items),
        "purpose": request.purpose,
        "reason": decision.reason.value,
        "article": decision.article,
        "item": decision.item,
        "section": decision.section.value if decision.section else None,
    }
