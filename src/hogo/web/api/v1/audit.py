"""The audit trail over HTTP, for officers and auditors."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from fastapi.responses import PlainTextResponse

from hogo.errors import NotFound
from hogo.identity.policy import Permission
from hogo.web.deps import ActorDep, ContainerDep

router = APIRouter(tags=["audit"])


@router.get("/audit/events")
def events(
    actor: ActorDep,
    container: ContainerDep,
    action: str | None = Query(
        default=None, max_length=100, description="only actions starting with this, e.g. `consent.`"
    ),
    limit: int = Query(default=100, ge=1, le=1000),
) -> list[dict[str, Any]]:
    """The latest events, newest first."""
    actor.require(Permission.read_audit)
    container.usage.flush()
    return [
        {
            "seq": e.seq,
            "occurred_at": e.occurred_at.isoformat(),
            "actor": e.actor,
            "action": e.action,
            "entity": {"type": e.entity_type, "id": e.entity_id},
            "data": e.data,
            "hash": e.hash,
        }
        for e in container.audit.events(action_prefix=action, limit=limit)
    ]


@router.get("/audit/verify")
def verify(actor: ActorDep, container: ContainerDep) -> dict[str, Any]:
    """Recompute the whole hash chain; name the first event that was altered, inserted or removed."""
    actor.require(Permission.read_audit)
    container.usage.flush()
    result = container.audit.verify()
    broken = (
        None
        if result.broken is None
        else {"seq": result.broken.seq, "kind": result.broken.kind, "reason": result.broken.reason}
    )
    return {"ok": result.ok, "events": result.events, "broken": broken}


@router.get("/audit/checkpoint", response_class=PlainTextResponse)
def checkpoint(actor: ActorDep, container: ContainerDep) -> str:
    """The latest signed checkpoint (C2SP tlog-checkpoint signed note) as text."""
    actor.require(Permission.read_audit)
    latest = container.checkpoints.latest()
    if latest is None:
        raise NotFound("no checkpoint has been signed yet")
    return latest.note


@router.get("/audit/proofs/{seq}")
def proof(seq: int, actor: ActorDep, container: ContainerDep) -> dict[str, Any]:
    """The inclusion proof of an event in the first checkpoint that holds it (404 until one does)."""
    actor.require(Permission.read_audit)
    return container.checkpoints.prove(seq)
