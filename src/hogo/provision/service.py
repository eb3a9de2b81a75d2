"""The provision gate: `provide` is the only way personal data leaves hogo (STYLE rule 4); and the records.

One call, one transaction: for each person the decision, the opened values, the Art. 29 record and the audit
event land together or not at all. A refused person gets a `provision.refused` event and nothing else.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hogo.audit.service import Entry
from hogo.clock import today_jst
from hogo.consent.schemas import ConsentView
from hogo.errors import InvalidInput
from hogo.identity.policy import Actor, Permission
from hogo.ledger.compiled import LedgerIndex
from hogo.ledger.rules import rules_in_force
from hogo.provision import records as rec
from hogo.provision.models import ProvisionRecord, ProvisionSuspension, ReferableConfirmation
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
    find_recipient,
)
from hogo.provision.registers import ProvisionRegisters
from hogo.provision.schemas import (
    MAX_ITEMS,
    MAX_PERSONS,
    Outcome,
    ProvisionResult,
    ReceiptIn,
    RecordView,
    Register,
)

SHOWN_ABROAD = ("country_regime", "recipient_measures")


class ProvisionService(ProvisionRegisters):
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
        recipient = find_recipient(index, recipient_id)
        request = Request(tuple(items), basis, purpose, joint_user, justification)
        with self._uow() as uow:
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
                values = self._subjects.open_values(session, pid, items)
                record_id = None
                if decision.record is not None and recipient is not None:
                    consent = gathered[pid][1]
                    record_id = self._record_out(
                        session, index, recipient, pid, request, decision, method, actor, consent
                    )
                outcomes.append(Outcome(pid, decision, values, record_id))
                data = {**_audit(recipient_id, request, decision), "record": record_id, "opened": sorted(values)}
                entries.append(("provision.provided", "person", pid, data))
            self._audit.record_many(session, actor=actor.id, entries=entries)
            uow.commit()
        return ProvisionResult(recipient_id, basis, outcomes)

    def decide(self, person_id: str, request: Request, recipient_id: str, actor: Actor) -> Decision:
        """What `provide` would decide for one person, without providing anything (a dry run; not audited)."""
        actor.require(Permission.provide)
        index = self._ledger.index()
        recipient = find_recipient(index, recipient_id)
        with self._uow() as uow:
            ctx = self._context(uow.session, index, recipient)
            facts = self._facts(uow.session, person_id, recipient, actor)[0]
        return decide(recipient, ctx, request, facts)

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
            referable=frozenset(i.key for i in ledger.items if i.personally_referable),
            opt_out_items=frozenset(opt_out.items) if opt_out is not None and filed else None,
            opt_out_started=opt_out is not None and opt_out.start_date <= today,
            provision_purpose=any(p.third_party_provision for p in ledger.purposes),
            adequacy=rules_in_force(today).adequacy_countries,
            check=check,
        )

    def _facts(
        self, session: Session, person_id: str, recipient: Recipient | None, actor: Actor
    ) -> tuple[Facts, dict[str, str]]:
        """The person's facts, and the ids of their active consents to this recipient by kind (for the record)."""
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
            select(ReferableConfirmation.recipient_id, ReferableConfirmation.foreign_information).where(
                ReferableConfirmation.person_id == person_id, ReferableConfirmation.withdrawn_at.is_(None)
            )
        ).all()
        abroad = recipient is not None and recipient.section is Section.foreign
        consent_ids = {v.kind.value: v.id for v in views if v.active and v.target == target}
        facts = Facts(
            erased=subject.erased,
            held={item: fact.purposes for item, fact in subject.items.items()},
            consented_purposes=frozenset(t for k, t in active if k == "purpose"),
            consents=active,
            withdrawn=withdrawn,
            informed_foreign=frozenset(v.target for v in views if _informed(v)),
            referable_confirmed=frozenset(r for r, foreign in confirmed if foreign or not abroad),
            suspended_all=any(k == "request" and r is None for k, r in suspensions),
            suspended=frozenset(r for k, r in suspensions if k == "request" and r is not None),
            opted_out=any(k == "opt_out" and r in (None, target) for k, r in suspensions),
        )
        return facts, consent_ids

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
        consent_ids: dict[str, str],
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
            consent = consent_ids.get(kind) or consent_ids.get("foreign_transfer") or consent_ids.get("provision")
            values["consent_obtained"] = {"consent": consent, "article": decision.article}
        if route is RecordRoute.personally_referable:
            values["consent_confirmed"] = {"by": "recipient", "confirmations": "provision_referable_confirmations"}
        return self._insert(
            session, rec.Direction.out, route, method, person_id, recipient.id, request.basis.value,
            list(request.items), rec.build_fields(rec.Direction.out, route, values), index.version, actor,
        )  # fmt: skip

    def _continuing(
        self,
        session: Session,
        direction: rec.Direction,
        route: RecordRoute,
        method: rec.RecordMethod,
        person_id: str,
        counterpart_id: str,
        items: Sequence[str],
    ) -> ProvisionRecord | None:
        rows = session.execute(
            select(ProvisionRecord).where(
                ProvisionRecord.person_id == person_id,
                ProvisionRecord.counterpart_id == counterpart_id,
                ProvisionRecord.route == route.value,
                ProvisionRecord.method == method.value,
                ProvisionRecord.direction == direction.value,
            )
        ).scalars()
        return next((r for r in rows if sorted(r.items) == sorted(items)), None)

    def _insert(
        self,
        session: Session,
        direction: rec.Direction,
        route: RecordRoute,
        method: rec.RecordMethod,
        person_id: str,
        counterpart_id: str,
        basis: str,
        items: list[str],
        fields: dict[str, Any],
        ledger_version: int,
        actor: Actor,
    ) -> str:
        now = self._clock.now()
        row = ProvisionRecord(
            id="pr_" + secrets.token_hex(12),
            direction=direction.value,
            route=route.value,
            method=method.value,
            person_id=person_id,
            counterpart_id=counterpart_id,
            basis=basis,
            items=items,
            fields=fields,
            ledger_version=ledger_version,
            made_at=now,
            first_at=now,
            last_at=now,
            times=1,
            retention_until=rec.retention_until(method, now, now),
            recorded_by=actor.id,
        )
        session.add(row)
        return row.id

    def receive(self, data: ReceiptIn, actor: Actor) -> RecordView:
        """Art. 30: record the provider's identity and how they acquired the data, confirmed on intake."""
        actor.require(Permission.record)
        provider = data.provider
        if (data.route is RecordRoute.non_business) == provider.business:
            raise InvalidInput("the non_business route is for a provider who is not a business, and only for one")
        if provider.business and not provider.address:
            raise InvalidInput("give the provider's address (Art. 30(1)(i))")
        values: dict[str, Any] = {
            "provider": provider.model_dump(include={"id", "name", "address", "representative"}),
            "acquisition_history": provider.acquisition_history,
            "person": data.person_id,
            "items": list(data.items),
            "received_on": today_jst(self._clock).isoformat(),
            "ppc_publication": data.ppc_publication,
            "consent_obtained": data.consent_confirmed or None,
            "consent_confirmed": data.consent_confirmed or None,
        }
        try:
            fields = rec.build_fields(rec.Direction.in_, data.route, values)
        except ValueError as exc:
            raise InvalidInput(f"{exc} (Art. 30, Rule 24)") from None
        index = self._ledger.index()
        unknown = sorted(set(data.items) - set(index.items))
        if unknown:
            raise InvalidInput(f"items not in the ledger: {', '.join(unknown)}")
        with self._uow() as uow:
            session = uow.session
            self._subjects.person_ref(session, data.person_id)
            record_id = None
            if data.method is not rec.RecordMethod.each:
                found = self._continuing(
                    session, rec.Direction.in_, data.route, data.method, data.person_id, provider.id, data.items
                )
                if found is not None:
                    now = self._clock.now()
                    found.last_at, found.times = now, found.times + 1
                    found.retention_until = rec.retention_until(data.method, found.made_at, now)
                    record_id = found.id
            if record_id is None:
                record_id = self._insert(
                    session, rec.Direction.in_, data.route, data.method, data.person_id, provider.id,
                    "received", list(data.items), fields, index.version, actor,
                )  # fmt: skip
            session.flush()
            self._audit.record(
                session,
                actor=actor.id,
                action="provision.received",
                entity_type="person",
                entity_id=data.person_id,
                data={"record": record_id, "provider": provider.id, "route": data.route.value, "items": data.items},
            )
            row = session.get(ProvisionRecord, record_id)
            assert row is not None
            view = _record(row)
            uow.commit()
        return view

    def records(
        self, actor: Actor, *, person_id: str | None = None, counterpart_id: str | None = None, limit: int = 100
    ) -> list[RecordView]:
        actor.require(Permission.read_people)
        query = select(ProvisionRecord).order_by(ProvisionRecord.made_at, ProvisionRecord.id).limit(limit)
        if person_id is not None:
            query = query.where(ProvisionRecord.person_id == person_id)
        if counterpart_id is not None:
            query = query.where(ProvisionRecord.counterpart_id == counterpart_id)
        with self._uow() as uow:
            return [_record(r) for r in uow.session.execute(query).scalars()]

    def records_for_person(self, person_id: str, actor: Actor) -> list[RecordView]:
        """Every provision and receipt record about the person, for a disclosure of records (Art. 33(5))."""
        actor.require(Permission.read_people)
        with self._uow() as uow:
            self._subjects.person_ref(uow.session, person_id)
        return self.records(actor, person_id=person_id, limit=10_000)

    def purge_expired(self, actor: Actor) -> int:
        """Delete the records whose retention ended (Rules 21, 25, 29); one transaction; how many."""
        actor.require(Permission.manage_provision)
        now = self._clock.now()
        with self._uow() as uow:
            ids = list(
                uow.session.execute(select(ProvisionRecord.id).where(ProvisionRecord.retention_until <= now)).scalars()
            )
            if ids:
                uow.session.execute(delete(ProvisionRecord).where(ProvisionRecord.id.in_(ids)))
                self._audit.record(
                    uow.session,
                    actor=actor.id,
                    action="provision.records_purged",
                    entity_type="provision_records",
                    entity_id=str(len(ids)),
                    data={"records": sorted(ids)},
                )
            uow.commit()
        return len(ids)


def _informed(view: ConsentView) -> bool:
    """A consent to a transfer abroad given after the country, its regime and the measures were shown."""
    shown = view.shown
    country = shown.get("country") or shown.get("country_name")
    return (
        view.active
        and view.kind.value == "foreign_transfer"
        and bool(country)
        and all(shown.get(k) for k in SHOWN_ABROAD)
    )


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


def _record(row: ProvisionRecord) -> RecordView:
    return RecordView(
        row.id,
        row.direction,
        row.route,
        row.method,
        row.person_id,
        row.counterpart_id,
        row.basis,
        row.items,
        row.fields,
        row.made_at,
        row.first_at,
        row.last_at,
        row.times,
        row.retention_until,
    )
