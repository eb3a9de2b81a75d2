"""Retention (保存期間) over HTTP: events that start clocks (an application records `contract-ended` when a contract
ends), holds, the preview and the sweep, the disposal records and certificates. Thin: parse → service → return."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Response, status
from pydantic import BaseModel, ConfigDict, Field

from hogo.errors import InvalidInput
from hogo.retention.schemas import DisposalView, EventView, HoldView, Preview, SweepView
from hogo.text import SafeText
from hogo.web.deps import ActorDep, ContainerDep

router = APIRouter(tags=["retention"])
Key = Annotated[str, Field(max_length=64, pattern=r"^[a-z0-9][a-z0-9_-]*$")]
"""A ledger id (subject kind, item)."""
PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}
}


class EventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    person_id: str | None = Field(default=None, max_length=32, pattern=r"^[A-Za-z0-9_]+$")
    email: SafeText | None = Field(default=None, max_length=254, description="or the person's e-mail address")
    event: str = Field(
        max_length=40, pattern=r"^[a-z_-]+$", description="contract-ended, membership-cancelled, employment-ended, …"
    )
    occurred_at: dt.datetime | None = Field(default=None, description="when it happened (default: now)")
    reference: SafeText = Field(default="", max_length=200, description="the contract, the ticket (kept sealed)")


class ReversalIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: SafeText = Field(min_length=1, max_length=1000, description="wrong person, wrong day (kept sealed)")


class HoldIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: str = Field(pattern="^(statute|litigation)$")
    statute: SafeText = Field(default="", max_length=200)
    person_id: str | None = Field(default=None, max_length=32, pattern=r"^[A-Za-z0-9_]+$")
    subject_kinds: list[Key] = Field(default_factory=list, max_length=50)
    items: list[Key] = Field(default_factory=list, max_length=200)
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    reason: SafeText = Field(default="", max_length=1000, description="the case, the counsel's request (kept sealed)")


class SweepIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    as_of: dt.datetime | None = Field(default=None, description="a rehearsal date (audited); default now")


class SweepOut(BaseModel):
    sweeps: list[SweepView]
    held: int
    pending: int


@router.post("/retention/events", status_code=status.HTTP_201_CREATED, response_model=EventView)
def record_event(body: EventIn, actor: ActorDep, container: ContainerDep) -> EventView:
    """Record that an event happened to a person; the clocks of the ledger's rules it names start."""
    if body.person_id:
        person_id = body.person_id
    elif body.email:
        person_id = container.subjects.find("email", body.email, actor)
    else:
        raise InvalidInput("give person_id or email")
    return container.retention.service.record_event(
        person_id, body.event, actor, occurred_at=body.occurred_at, reference=body.reference
    )


@router.post("/retention/events/{event_id}/reversal", response_model=EventView)
def reverse_event(event_id: str, body: ReversalIn, actor: ActorDep, container: ContainerDep) -> EventView:
    """Undo an event recorded by mistake; 409 with the reason once a sweep disposed of what it made due."""
    return container.retention.service.reverse_event(event_id, body.reason, actor)


@router.get("/retention/events", response_model=list[EventView])
def events(actor: ActorDep, container: ContainerDep, person_id: str | None = None) -> list[EventView]:
    return container.retention.service.events(actor, person_id=person_id)


@router.post("/retention/holds", status_code=status.HTTP_201_CREATED, response_model=HoldView)
def set_hold(body: HoldIn, actor: ActorDep, container: ContainerDep) -> HoldView:
    return container.retention.service.set_hold(
        body.kind,
        actor,
        statute=body.statute,
        person_id=body.person_id,
        subject_kinds=body.subject_kinds,
        items=body.items,
        starts_on=body.starts_on,
        ends_on=body.ends_on,
        reason=body.reason,
    )


@router.post("/retention/holds/{hold_id}/release", response_model=HoldView)
def release_hold(hold_id: str, actor: ActorDep, container: ContainerDep) -> HoldView:
    return container.retention.service.release_hold(hold_id, actor)


@router.get("/retention/holds", response_model=list[HoldView])
def holds(actor: ActorDep, container: ContainerDep) -> list[HoldView]:
    return container.retention.service.holds(actor)


@router.get("/retention/preview", response_model=Preview)
def preview(actor: ActorDep, container: ContainerDep, as_of: dt.datetime | None = None) -> Preview:
    """What the next sweep would do, per rule; nothing is changed."""
    return container.retention.service.preview(actor, as_of=as_of)


@router.post("/retention/sweeps", response_model=SweepOut)
def run(body: SweepIn, actor: ActorDep, container: ContainerDep) -> SweepOut:
    """Carry out the sweep now: resume one left unfinished, then dispose of what is due."""
    result = container.retention.sweeps.run(actor, as_of=body.as_of)
    return SweepOut(sweeps=result.sweeps, held=result.held, pending=result.pending)


@router.get("/retention/sweeps", response_model=list[SweepView])
def sweeps(actor: ActorDep, container: ContainerDep) -> list[SweepView]:
    return container.retention.service.sweeps(actor)


@router.get("/retention/sweeps/{sweep_id}/disposals", response_model=list[DisposalView])
def disposals(sweep_id: str, actor: ActorDep, container: ContainerDep) -> list[DisposalView]:
    """The content-free disposal records of a sweep: rule, items, how many, when, by which run."""
    return container.retention.service.disposals(actor, sweep_id=sweep_id)


@router.get("/retention/sweeps/{sweep_id}/certificate", response_class=Response, responses=PDF)
def certificate(sweep_id: str, actor: ActorDep, container: ContainerDep, dataset: str | None = None) -> Response:
    """The disposal certificate (廃棄証明) of a sweep, or of its part in one dataset, as a PDF."""
    pdf = container.retention.certificates.pdf(sweep_id, actor, dataset=dataset)
    return Response(
        pdf, media_type="application/pdf", headers={"Content-Disposition": f'inline; filename="{sweep_id}.pdf"'}
    )
