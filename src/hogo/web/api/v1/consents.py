"""Consents over HTTP: give, list, withdraw, and the person's receipt."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status
from pydantic import BaseModel, ConfigDict

from hogo.consent.schemas import ConsentIn, ConsentMethod, ConsentView
from hogo.web.deps import ActorDep, ContainerDep

router = APIRouter(tags=["consents"])


class WithdrawalIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    method: ConsentMethod


@router.post("/persons/{person_id}/consents", status_code=status.HTTP_201_CREATED, response_model=ConsentView)
def give(person_id: str, body: ConsentIn, actor: ActorDep, container: ContainerDep) -> ConsentView:
    return container.consents.give(person_id, body, actor)


@router.get("/persons/{person_id}/consents", response_model=list[ConsentView])
def consents(person_id: str, actor: ActorDep, container: ContainerDep) -> list[ConsentView]:
    return container.consents.consents(person_id, actor)


@router.post("/consents/{consent_id}/withdrawal", response_model=ConsentView)
def withdraw(consent_id: str, body: WithdrawalIn, actor: ActorDep, container: ContainerDep) -> ConsentView:
    """Withdraw a consent; decisions that relied on it change at once."""
    return container.consents.withdraw(consent_id, body.method, actor)


@router.get("/consents/{consent_id}/receipt")
def receipt(consent_id: str, actor: ActorDep, container: ContainerDep) -> dict[str, Any]:
    """A consent receipt (Kantara Consent Receipt v1.1, with ISO/IEC TS 27560 fields)."""
    return container.consents.receipt(consent_id, actor)
