"""Persons, records, values, suspensions and erasure: the vault over HTTP. Thin: parse → service → return."""

from __future__ import annotations

from functools import lru_cache

from fastapi import APIRouter, Response, status
from pydantic import BaseModel, ConfigDict, Field

from hogo.ledger.schemas.common import Id
from hogo.subjects.schemas import AcquisitionIn, AcquisitionResult, IdentifierKind, PersonView, SuspensionView
from hogo.text import SafeText
from hogo.usage.policy import Decision, StatutoryException
from hogo.web.deps import ActorDep, ContainerDep, RowNumber

router = APIRouter(tags=["persons"])


class Lookup(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: IdentifierKind
    value: SafeText = Field(min_length=1, max_length=500)


class UseRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    items: list[Id] = Field(min_length=1, max_length=200)
    purpose: Id
    exception: StatutoryException | None = Field(default=None, description="an Art. 18(3) exception relied on")


class DecisionOut(BaseModel):
    allowed: bool
    reason: str
    article: str
    item: str | None
    message: dict[str, str]

    @classmethod
    def of(cls, decision: Decision) -> DecisionOut:
        return cls(
            allowed=decision.allowed,
            reason=decision.reason.value,
            article=decision.article,
            item=decision.item,
            message={"ja": decision.message("ja"), "en": decision.message("en")},
        )


class ValuesOut(BaseModel):
    decision: DecisionOut
    values: dict[str, str]


class SuspensionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    purposes: list[Id] | None = Field(default=None, description="leave out to suspend every use")
    reference: SafeText = Field(min_length=1, max_length=200, description="the request or decision behind it")


class ErasureIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reference: SafeText = Field(min_length=1, max_length=200)


@router.post("/persons", status_code=status.HTTP_201_CREATED, response_model=AcquisitionResult)
def acquire(body: AcquisitionIn, actor: ActorDep, container: ContainerDep) -> AcquisitionResult:
    """Record what was acquired about a person (new, or found by identifier). Values are encrypted at once."""
    return container.subjects.acquire(body, actor)


@router.post("/persons/lookup")
def lookup(body: Lookup, actor: ActorDep, container: ContainerDep) -> dict[str, str]:
    """The person id for an identifier (sent in the body, never in the URL)."""
    return {"person_id": container.subjects.find(body.kind, body.value, actor)}


@router.get("/persons/{person_id}", response_model=PersonView)
def person(person_id: str, actor: ActorDep, container: ContainerDep) -> PersonView:
    """The person's records with their provenance, and suspensions; no values."""
    return container.subjects.person(person_id, actor)


@router.post("/persons/{person_id}/values", response_model=ValuesOut)
def values(person_id: str, body: UseRequest, actor: ActorDep, container: ContainerDep) -> ValuesOut:
    """Open values for a purpose: allowed only through the decision point, and recorded in the audit trail."""
    result = container.usage.read(person_id, body.items, body.purpose, actor, body.exception)
    return ValuesOut(decision=DecisionOut.of(result.decision), values=result.values)


@router.post("/persons/{person_id}/suspensions", status_code=status.HTTP_201_CREATED, response_model=SuspensionView)
def suspend(person_id: str, body: SuspensionIn, actor: ActorDep, container: ContainerDep) -> SuspensionView:
    """Suspend the use of the person's data (Art. 35), for every purpose or the listed ones."""
    return container.subjects.suspend_use(person_id, body.purposes, body.reference, actor)


@router.delete("/persons/{person_id}/suspensions/{suspension_id}", response_model=SuspensionView)
def lift(person_id: str, suspension_id: RowNumber, actor: ActorDep, container: ContainerDep) -> SuspensionView:
    return container.subjects.lift_suspension(person_id, suspension_id, actor)


@router.post("/persons/{person_id}/erasure", status_code=status.HTTP_204_NO_CONTENT)
def erase(person_id: str, body: ErasureIn, actor: ActorDep, container: ContainerDep) -> Response:
    """Erase the person by destroying their data key (crypto-shredding)."""
    container.subjects.erase(person_id, body.reference, actor)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


decisions = APIRouter(tags=["decisions"])


class UseDecisionRequest(UseRequest):
    person_id: SafeText = Field(min_length=1, max_length=32)


@decisions.post("/decisions/use", response_model=DecisionOut)
async def decide_use(body: UseDecisionRequest, actor: ActorDep, container: ContainerDep) -> Response:
    """May these items of this person be used for this purpose? Allowed or denied, with the reason and article."""
    # Async on purpose: a decision is in memory (ADR 0004); a thread hop would cost more than the decision.
    # The body is rendered once per kind of decision (they are few) instead of validating a model per request.
    decision = container.usage.check_use(body.person_id, body.items, body.purpose, actor, body.exception)
    return Response(decision_json(decision), media_type="application/json")


@lru_cache(maxsize=4096)
def decision_json(decision: Decision) -> bytes:
    return DecisionOut.of(decision).model_dump_json().encode()
