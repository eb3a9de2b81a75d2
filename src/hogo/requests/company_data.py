"""The company's own databases in a request: the seam the datasets domain fills (`CompanyDatasets`), and the
dataset step of fulfilment (`DatasetStep`).

The person is found there by the values the vault holds for them (their e-mail address, and any other
identifier kind the datasets declare that the vault holds as a value); opening them is audited as a read.

Erasure, correction and suspension of use: the run is planned first, while those values can still be read
(an erasure shreds them); its id is recorded on the request; then the vault step, recorded too; then the run
is executed, one transaction per database. A failure there is recorded on the request
(`request.dataset_failed`, with the error code) and raised: the request stays decided, the vault step stays
done, and fulfilling the request again does not repeat the vault step and resumes the run where it stopped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from hogo.clock import Clock
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import DomainError, InvalidInput
from hogo.identity.policy import Actor
from hogo.ledger.schemas.procedures import RequestKind
from hogo.requests.book import RequestBook
from hogo.requests.schemas import RequestView
from hogo.subjects.service import SubjectService


class CompanyDatasets(Protocol):
    """The datasets domain, as the requests workflow needs it (docs/datasets.md, docs/requests.md)."""

    def identity_items(self) -> dict[str, list[str]]:
        """Identifier kinds the connected datasets find persons by → the ledger items holding such values."""
        ...

    def disclose(self, identities: Sequence[tuple[str, str]], actor: Actor) -> dict[str, Any]:
        """{"searched": [dataset ids], "withheld": n, "rows": [{dataset, table, subject_kind, key, values}],
        "not_followed": [{dataset, table, column, references_table, references_column, source, reason, article, why}]}
        (relations into tables that find persons by themselves, not followed)."""
        ...

    def plan(
        self, kind: str, identities: Sequence[tuple[str, str]], items: Sequence[str], reference: str, actor: Actor
    ) -> str:
        """Plan an erasure, correction or suspension run (of `items` only, if given); its id."""
        ...

    def execute(self, run_id: str, corrections: Mapping[str, str], actor: Actor) -> dict[str, Any]:
        """Carry out (or resume) the run: {"run", "status", "rows_changed", "datasets", "holds", "shared"}."""
        ...


RUN_KINDS = {
    RequestKind.erasure: "erasure",
    RequestKind.correction: "correction",
    RequestKind.suspension_of_use: "suspension",
}
VAULT_DONE = {
    RequestKind.erasure: "erased",
    RequestKind.correction: "corrected_records",
    RequestKind.suspension_of_use: "suspension",
}
"""The measure the vault step leaves on the request: present means the vault step is done."""
BASIS = {
    RequestKind.disclosure: "Art. 33",
    RequestKind.correction: "Art. 34",
    RequestKind.suspension_of_use: "Art. 35",
    RequestKind.erasure: "Art. 35",
}


class DatasetStep:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        subjects: SubjectService,
        book: RequestBook,
        link: CompanyDatasets,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._subjects = subjects
        self._book = book
        self.link = link

    def active(self) -> bool:
        """Whether any connected dataset finds persons by an identifier the vault holds as a value."""
        return bool(self.link.identity_items())

    def identities(self, view: RequestView, actor: Actor) -> list[tuple[str, str]]:
        """The person's identifiers for the datasets, opened from the vault; the read is audited."""
        kinds = self.link.identity_items()
        items = sorted({i for found in kinds.values() for i in found})
        person_id = view.person_id
        if not items or person_id is None:
            return []
        with self._uow() as uow:
            if self._subjects.person_ref(uow.session, person_id).erased:
                return []
            values = self._subjects.open_for_matching(uow.session, person_id, items)
            uow.record(
                actor=actor.id,
                action="records.read",
                entity_type="person",
                entity_id=person_id,
                data={
                    "items": sorted(values),
                    "basis": BASIS.get(view.kind, "Art. 33"),
                    "request": view.id,
                    "use": "find the person in the company's databases",
                },
            )
            uow.commit()
        return sorted({(kind, values[i]) for kind, found in kinds.items() for i in found if values.get(i)})

    def disclose(self, view: RequestView, actor: Actor) -> dict[str, Any]:
        """The rows found in the connected datasets for a disclosure; a failure is recorded and raised."""
        identities = self.identities(view, actor)
        if not identities:
            return {"searched": [], "withheld": 0, "rows": []}
        try:
            return self.link.disclose(identities, actor)
        except DomainError as exc:
            self.note(view.id, actor, "request.dataset_failed", dataset_error=exc.code)
            raise

    def carry_out(
        self, view: RequestView, corrections: Mapping[str, str], actor: Actor, vault_step: Callable[[], dict[str, Any]]
    ) -> dict[str, Any]:
        """Plan the run, do the vault step, execute the run; each step recorded, none done twice."""
        if view.kind is RequestKind.correction and not corrections:
            raise InvalidInput.keyed("error.requests.corrected-values-needed")
        done = {k: v for k, v in (view.measures or {}).items() if k != "dataset_error"}
        if "dataset_run" not in done and not self.active():
            return vault_step()  # no connected dataset finds persons: the vault alone, as before
        reference = f"request {view.id}"
        if "dataset_run" not in done:
            identities = self.identities(view, actor)
            run_id = None
            if identities:
                try:
                    # a correction's items are those corrected; an erasure's or suspension's, the person's ask
                    items = sorted(corrections) if view.kind is RequestKind.correction else view.scope.get("items")
                    run_id = self.link.plan(RUN_KINDS[view.kind], identities, items or [], reference, actor)
                except DomainError as exc:
                    self.note(view.id, actor, "request.dataset_failed", dataset_error=exc.code)
                    raise
            done = self.note(view.id, actor, "request.progressed", dataset_run=run_id)
        if VAULT_DONE[view.kind] not in done:
            done = self.note(view.id, actor, "request.progressed", **vault_step())
        run_id = done.get("dataset_run")
        if run_id is None:
            return {**done, "holds": []}
        try:
            result = self.link.execute(str(run_id), corrections, actor)
        except DomainError as exc:
            self.note(view.id, actor, "request.dataset_failed", dataset_run=run_id, dataset_error=exc.code)
            raise
        done.pop("dataset_error", None)
        # rows another person reaches too were held: the desk decides (docs/datasets.md)
        shared = {"dataset_shared": result["shared"]}
        return {**done, "dataset_rows_changed": result["datasets"], **shared, "holds": result["holds"]}

    def note(self, request_id: str, actor: Actor, action: str, **measures: Any) -> dict[str, Any]:
        """Record a step on the request (it stays decided) with its audit event; the measures so far."""
        with self._uow() as uow:
            row = self._book.load(uow.session, request_id)
            row.measures = {**(row.measures or {}), **measures}
            if action != "request.dataset_failed":
                row.measures.pop("dataset_error", None)
            row.updated_at = self._clock.now()
            uow.record(
                actor=actor.id,
                action=action,
                entity_type="request",
                entity_id=request_id,
                data={"person": row.person_id, **{k: v for k, v in measures.items() if k != "holds"}},
            )
            merged = dict(row.measures)
            uow.commit()
        return merged
