"""Carrying out a decided request, and answering the person.

Disclosure: the package (values opened in this service's transaction, which records the read), provenance,
purposes, consents and provision records (through the `ProvisionRecords` seam the provision domain fills).
Correction, erasure and suspension of use: the subject service's audited use cases. Suspension of provision:
the `ProvisionSuspender` seam. The company's own databases, when the ledger connects any, through the
`CompanyDatasets` seam (company_data.py): their rows join the disclosure package; erasure, correction and
suspension of use run there too, and the legal holds that keep some data are told to the person. Refusals and
"no such data" are only answered. Then one unit of work records the measures, the new status and the answer mail
(an outbox row): the person counts as notified once it is sent, or once the desk has posted the letter.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from hogo.adapters.letters import render_pdf
from hogo.clock import Clock
from hogo.consent.service import ConsentService
from hogo.db.uow import UnitOfWork, UnitOfWorkFactory
from hogo.errors import Conflict, Forbidden, Gone, InvalidInput
from hogo.identity.policy import Actor, Permission, require_cleared, uncleared
from hogo.ledger.schemas.procedures import RequestKind
from hogo.ledger.service import LedgerService
from hogo.requests import disclosure, messages, policy
from hogo.requests.book import ANSWER, DISCLOSING, RequestBook
from hogo.requests.company_data import RUN_KINDS, CompanyDatasets, DatasetStep
from hogo.requests.models import PersonRequest
from hogo.requests.policy import Outcome
from hogo.requests.schemas import FulfilIn, RequestView
from hogo.requests.workflow import Status
from hogo.subjects.service import SubjectService


class ProvisionRecords(Protocol):
    """The provision domain's records of provision about a person (Arts. 29/30), for disclosure (Art. 33(5))."""

    def records_for(self, person_id: str, actor: Actor) -> list[dict[str, Any]]: ...


class ProvisionSuspender(Protocol):
    """Stops provision of the person's data to third parties (Art. 35(3)/(5)); returns the stop's opaque id."""

    def suspend_provision(self, person_id: str, recipients: list[str] | None, reference: str, actor: Actor) -> str: ...


class NoProvisionRecords:
    """Until the provision domain is wired: hogo keeps no provision records, so there are none to disclose."""

    def records_for(self, person_id: str, actor: Actor) -> list[dict[str, Any]]:
        return []


class Fulfilment:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        ledger: LedgerService,
        subjects: SubjectService,
        consents: ConsentService,
        book: RequestBook,
        *,
        provision_records: ProvisionRecords | None = None,
        provision_suspender: ProvisionSuspender | None = None,
        datasets: CompanyDatasets | None = None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._ledger = ledger
        self._subjects = subjects
        self._consents = consents
        self._book = book
        self.provision_records: ProvisionRecords = provision_records or NoProvisionRecords()
        self.provision_suspender = provision_suspender
        self.datasets = DatasetStep(uow, clock, subjects, book, datasets) if datasets is not None else None
        """Requests reach the company's own databases through this step when the composition root gives a link."""

    def check_may_carry_out(self, view: RequestView, actor: Actor) -> None:
        """Forbidden, saying to hand the request over, when the actor may not carry it out: an erasure needs the
        permission to erase and clearance for every item held (it acts on the whole person)."""
        if view.kind is not RequestKind.erasure or view.outcome not in (Outcome.full.value, Outcome.partial.value):
            return
        if not actor.may(Permission.erase) or uncleared(
            actor, self._ledger.index().categories, self._ledger.index().categories
        ):
            raise Forbidden.keyed("error.requests.hand-over", details={"hand_over": True})

    def use_datasets(self, link: CompanyDatasets) -> None:
        """Reach the company's databases through `link` from now on (a test puts a failing one here)."""
        self.datasets = DatasetStep(self._uow, self._clock, self._subjects, self._book, link)

    def _view(self, request_id: str) -> RequestView:
        with self._uow(read_only=True) as uow:
            return self._book.view(self._book.load(uow.session, request_id, lock=False))

    def fulfil(self, request_id: str, data: FulfilIn, actor: Actor) -> RequestView:
        """Carry out a decided request (full or partial) or answer it (refused, no such data); notify."""
        policy.require_handler(actor)
        view = self._view(request_id)
        if view.status not in (Status.decided, Status.handed_over):
            raise Conflict.keyed(
                "error.requests.not-decided", request_id=request_id, status=view.status, status_code=view.status.value
            )
        self.check_may_carry_out(view, actor)
        if view.fee_jpy > 0 and view.fee_paid_at is None:
            raise Conflict.keyed("error.requests.fee-unpaid", request_id=request_id)
        outcome = Outcome(view.outcome or "")
        carry_out = policy.needs_fulfilment(outcome) and view.kind is not RequestKind.complaint
        if (data.corrections or data.deletions) and (view.kind is not RequestKind.correction or not carry_out):
            raise InvalidInput.keyed("error.requests.corrections-only-for-correction")
        if data.withheld and outcome is not Outcome.partial:
            raise InvalidInput.keyed("error.requests.withheld-only-partial")
        measures: dict[str, Any] = {}
        found: dict[str, Any] | None = None
        if carry_out:
            measures = self._carry_out(view, data, actor)
            if view.kind is RequestKind.disclosure and self.datasets is not None and self.datasets.active():
                found = self.datasets.disclose(view, actor)
                if found["withheld"]:
                    raise Forbidden.keyed("error.forbidden.disclosure-not-cleared")
        with self._uow() as uow:
            row = self._book.load(uow.session, request_id)
            holds = self._seal_package(uow, row, view, data, actor, found, measures) if carry_out else []
            details = self._book.sealed(row)
            contact = details.get("contact") or {}
            method = self._answer_by(view, contact)
            email = contact.get("email") if method == "email" else None
            now = self._clock.now()
            row.measures = {**measures, "notified_by": method}
            row.fulfilled_at = now if carry_out else None
            row.answered_at = now
            self._book.move(
                uow, row, Status.fulfilled if carry_out else Status.answered, actor.id, measures=row.measures
            )
            if email:  # the person counts as notified once the outbox has sent it (RequestBook.message_outcome)
                answer = messages.outcome_mail(
                    email, row.language, row.id, view.kind.value, outcome.value, details.get("reason"), holds
                )
                self._book.mail(uow, row, answer, ANSWER, expires=None)
            uow.commit()
        return self._view(request_id)  # read after the unit closed: an answer delivered at once shows as notified

    def _answer_by(self, view: RequestView, contact: dict[str, Any]) -> str:
        """How the answer reaches the person: by e-mail when they gave an address and did not ask for paper; by
        letter when a postal address is known (given, or held in the vault); else "none" — the desk must find one."""
        if contact.get("email") and view.disclosure_method != "paper":
            return "email"
        if contact.get("postal_address") or (view.person_id and self._has_address(view.person_id)):
            return "letter"
        return "email" if contact.get("email") else "none"

    def _addressee(self, uow: UnitOfWork, row: PersonRequest, actor: Actor) -> dict[str, Any]:
        """Where the letter goes: the contact given with the request, completed from the vault's name and address
        (read for the letter, audited) when the request gave none — a letter must name the person and where they
        live, not "ご本人 様"."""
        contact = dict(self._book.sealed(row).get("contact") or {})
        if (contact.get("name") and contact.get("postal_address")) or row.person_id is None:
            return contact
        items = self._postal_items(row.person_id)
        if not items:
            return contact
        values = self._subjects.open_values(uow.session, row.person_id, items, actor)
        uow.record(
            actor=actor.id,
            action="records.read",
            entity_type="person",
            entity_id=row.person_id,
            data={"items": sorted(values), "basis": "Art. 33-35", "request": row.id, "use": "address the answer"},
        )
        types = {i: self._ledger.index().items[i].value_type.value for i in values}
        for item, value in values.items():
            key = {"name": "name", "postal_code": "postal_code", "address": "postal_address"}[types[item]]
            contact.setdefault(key, value)
            contact[key] = contact[key] or value
        return contact

    def _has_address(self, person_id: str) -> bool:
        index = self._ledger.index()
        return any(index.items[i].value_type.value == "address" for i in self._postal_items(person_id))

    def _postal_items(self, person_id: str) -> list[str]:
        """The vault's held items that address the person on paper (name, postal code, address), by value type."""
        index = self._ledger.index()
        held = self._subjects.facts(person_id)
        if held.erased:
            return []
        wanted = {"name", "postal_code", "address"}
        return sorted(i for i in held.items if i in index.items and index.items[i].value_type.value in wanted)

    def letter_posted(self, request_id: str, actor: Actor) -> RequestView:
        """The desk posted the answer letter: the person counts as notified from now."""
        policy.require_handler(actor)
        with self._uow() as uow:
            row = self._book.load(uow.session, request_id)
            if row.answered_at is None:
                raise Conflict.keyed("error.requests.not-answered", request_id=request_id)
            if row.notified_at is not None:
                raise Conflict.keyed("error.requests.notified-already", request_id=request_id)
            row.updated_at = self._clock.now()
            self._book.notified(uow, row, row.updated_at, "letter", actor.id)
            uow.session.flush()
            view = self._book.view(row)
            uow.commit()
        return view

    def _seal_package(
        self,
        uow: UnitOfWork,
        row: PersonRequest,
        view: RequestView,
        data: FulfilIn,
        actor: Actor,
        found: dict[str, Any] | None,
        measures: dict[str, Any],
    ) -> list[dict[str, Any]]:
        """The package of a disclosure, or of a run in the company's databases (its holds); the holds to tell."""
        if view.kind is RequestKind.correction and (data.corrections or data.deletions):
            package = disclosure.correction_package(
                request_id=view.id,
                generated_at=self._clock.now(),
                index=self._ledger.index(),
                person_id=row.person_id or "",
                corrected=dict(data.corrections),
                deleted=data.deletions,
            )
        elif view.kind in DISCLOSING:
            package = self._package(uow, view, data, actor, found)
            disclosed = "provision_records" if view.kind is RequestKind.provision_record_disclosure else "records"
            measures["records_disclosed"] = len(package.get(disclosed, []))
            if "datasets" in package:
                measures["dataset_rows_disclosed"] = len(package["datasets"]["rows"])
        elif "holds" in measures:
            package = disclosure.run_package(
                request_id=view.id,
                kind=view.kind.value,
                generated_at=self._clock.now(),
                index=self._ledger.index(),
                person_id=row.person_id or "",
                measures=measures,
            )
        else:
            return []
        row.package = self._book.sealer.seal(row.id + "|package", package)
        row.package_until = self._clock.now() + dt.timedelta(days=self._book.download_days())
        if "holds" in package:
            measures["holds"] = package["holds"]  # with the items' labels, for the person's status page
        return list(package.get("holds", []))

    def _carry_out(self, view: RequestView, data: FulfilIn, actor: Actor) -> dict[str, Any]:
        if self.datasets is not None and view.kind in RUN_KINDS:
            step = self.datasets
            return step.carry_out(view, dict(data.corrections), actor, lambda: self._vault_step(view, data, actor))
        return self._vault_step(view, data, actor)

    def _vault_step(self, view: RequestView, data: FulfilIn, actor: Actor) -> dict[str, Any]:
        person_id = view.person_id
        assert person_id is not None  # decide() refuses full/partial without a person
        kind, reference = view.kind, f"request {view.id}"
        scope = view.scope
        if kind is RequestKind.correction:
            if not data.corrections and not data.deletions:
                raise InvalidInput.keyed("error.requests.corrections-needed")
            require_cleared(actor, [*data.corrections, *data.deletions], self._ledger.index().categories)
            values: dict[str, object] = dict(data.corrections)
            if self.datasets is not None and self.datasets.active():  # items the vault lacks: the databases only
                held = {r.item for r in self._subjects.person(person_id, actor).records if r.superseded_at is None}
                values = {item: value for item, value in values.items() if item in held}
                if not values and not data.deletions:
                    return {"corrected_records": []}
            records = self._subjects.correct(person_id, values, reference, actor, deletions=data.deletions)
            return {
                "corrected_records": records,
                **({"deleted_items": sorted(data.deletions)} if data.deletions else {}),
            }
        if kind is RequestKind.suspension_of_use:
            suspension = self._subjects.suspend_use(person_id, scope.get("purposes") or None, reference, actor)
            return {"suspension": suspension.id}
        if kind is RequestKind.erasure:
            with self._uow(read_only=True) as uow:
                erased = self._subjects.person_ref(uow.session, person_id).erased
            if not erased:  # a retry after a failed second step finds the person erased already
                self._subjects.erase(person_id, reference, actor)
            return {"erased": True, "method": "crypto_shred"}
        if kind is RequestKind.suspension_of_provision:
            if self.provision_suspender is None:
                raise Conflict.keyed("error.requests.provision-stop-unwired")
            stop = self.provision_suspender.suspend_provision(
                person_id, scope.get("recipients") or None, reference, actor
            )
            return {"provision_stop": stop}
        return {}

    def _package(
        self, uow: UnitOfWork, view: RequestView, data: FulfilIn, actor: Actor, found: dict[str, Any] | None
    ) -> dict[str, Any]:
        """Build the package; the values are opened here, inside the transaction that records the read."""
        person_id = view.person_id
        assert person_id is not None
        index = self._ledger.index()
        person = self._subjects.person(person_id, actor)
        now = self._clock.now()
        if view.kind is RequestKind.purpose_notification:
            return disclosure.purposes_package(request_id=view.id, generated_at=now, index=index, person=person)
        records = self.provision_records.records_for(person_id, actor)
        if view.kind is RequestKind.provision_record_disclosure:
            return disclosure.provision_package(
                request_id=view.id, generated_at=now, index=index, person_id=person_id, records=records
            )
        # Every item held, not only those the actor sees (person() hides the others): a "full" disclosure must
        # not silently leave out what the operator is not cleared for; the check below refuses it instead.
        items = sorted(self._subjects.facts(person_id).items)
        withheld = set(data.withheld)
        wanted = [i for i in items if (not view.scope.get("items") or i in view.scope["items"]) and i not in withheld]
        require_cleared(actor, wanted, index.categories)
        values = {} if person.erased_at else self._subjects.open_values(uow.session, person_id, wanted, actor)
        uow.record(
            actor=actor.id,
            action="records.read",
            entity_type="person",
            entity_id=person_id,
            data={"items": sorted(values), "basis": "Art. 33", "request": view.id},
        )
        return disclosure.build_package(
            request_id=view.id,
            kind=view.kind.value,
            generated_at=now,
            index=index,
            person=person,
            values=values,
            consents=self._consents.consents(person_id, actor),
            provision_records=records,
            items=wanted,
            datasets=found,
            dataset_items=(set(view.scope.get("items") or []) or None, withheld),
        )

    def letter(self, request_id: str, actor: Actor) -> bytes:
        """The answer letter as PDF, addressed from the sealed contact details, for the desk to post; audited.

        Only someone cleared for every item it discloses prints it; a disclosure's letter is not printed once its
        package was deleted with the person's data."""
        policy.require_handler(actor)
        with self._uow() as uow:
            row = self._book.load(uow.session, request_id)
            if row.answered_at is None:
                raise Conflict.keyed("error.requests.not-answered", request_id=request_id)
            if RequestKind(row.kind) in DISCLOSING and row.package_ended_at is not None:
                raise Gone.keyed("error.requests.package-erased", request_id=request_id)
            package = self._book.package(row)
            require_cleared(actor, disclosure.disclosed_items(package), self._ledger.index().categories)
            letter = self._book.answer_letter(row, package, self._addressee(uow, row, actor))
            uow.record(
                actor=actor.id,
                action="request.letter_printed",
                entity_type="request",
                entity_id=row.id,
                data={"person": row.person_id},
            )
            uow.commit()
        return render_pdf(letter)
