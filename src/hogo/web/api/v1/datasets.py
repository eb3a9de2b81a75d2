"""The company's own databases over HTTP: access, plans and runs. Thin: parse → service → return.

Identifiers travel in request bodies, never in URLs.
"""

from __future__ import annotations

from enum import StrEnum

from fastapi import APIRouter, status
from pydantic import BaseModel, ConfigDict, Field

from hogo.datasets.policy import Identity
from hogo.datasets.schemas import AccessResult, DatasetView, RunKind, RunView
from hogo.ledger.schemas.common import Id
from hogo.ledger.schemas.datasets import ErasureAction
from hogo.subjects.schemas import IdentifierKind
from hogo.text import SafeText
from hogo.web.deps import ActorDep, ContainerDep

router = APIRouter(prefix="/datasets", tags=["datasets"])


class IdentityIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: IdentifierKind
    value: SafeText = Field(min_length=1, max_length=500)


class AccessIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    identities: list[IdentityIn] = Field(min_length=1, max_length=20)


class PlanKind(StrEnum):
    erasure = "erasure"
    correction = "correction"
    suspension = "suspension"


class PlanIn(AccessIn):
    kind: PlanKind
    reference: SafeText = Field(min_length=1, max_length=200, description="the request behind the run")
    items: list[Id] = Field(
        default_factory=list,
        description="for a correction: the items to correct; for an erasure or suspension: only these (all if none)",
    )
    actions: dict[Id, ErasureAction] = Field(
        default_factory=dict, description="item → one of the actions the ledger allows there, named by the person"
    )


class ExecuteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    corrections: dict[Id, SafeText] = Field(default_factory=dict, description="for a correction: item → new value")


def _identities(body: AccessIn) -> list[Identity]:
    return [Identity(i.kind, i.value) for i in body.identities]


@router.get("", response_model=list[DatasetView])
def datasets(actor: ActorDep, container: ContainerDep) -> list[DatasetView]:
    """The datasets the ledger declares and whether hogo can reach them."""
    return container.datasets.datasets()


@router.post("/access", response_model=AccessResult)
def access(body: AccessIn, actor: ActorDep, container: ContainerDep) -> AccessResult:
    """Every row of the person in the connected datasets, each value mapped to its ledger item."""
    return container.datasets.access(_identities(body), actor)


@router.post("/plans", status_code=status.HTTP_201_CREATED, response_model=RunView)
def plan(body: PlanIn, actor: ActorDep, container: ContainerDep) -> RunView:
    """Plan an erasure, correction or suspension: every statement and row count, and the legal holds."""
    actions = {item: action.value for item, action in body.actions.items()}
    return container.datasets.plan(
        RunKind(body.kind.value), _identities(body), body.reference, actor, items=body.items, actions=actions
    )


@router.get("/runs", response_model=list[RunView])
def runs(actor: ActorDep, container: ContainerDep, limit: int = 50) -> list[RunView]:
    return container.datasets.runs(actor, min(max(limit, 1), 500))


@router.get("/runs/{run_id}", response_model=RunView)
def run(run_id: str, actor: ActorDep, container: ContainerDep) -> RunView:
    return container.datasets.run(run_id, actor)


@router.post("/runs/{run_id}/execute", response_model=RunView)
def execute(run_id: str, body: ExecuteIn, actor: ActorDep, container: ContainerDep) -> RunView:
    """Carry out a planned run, or resume one that stopped; work already done is not done again."""
    return container.datasets.execute(run_id, actor, corrections=body.corrections)
