"""Incidents (漏えい等) over HTTP, for the privacy officer (an API key of the officer or admin role). Thin: parse →
service → return. Identifiers of persons travel in bodies; reports export as the PPC-style PDF or JSON."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response, status
from pydantic import BaseModel, ConfigDict, Field

from hogo.incidents.notices import NoticeRun
from hogo.incidents.policy import Authority, Basis
from hogo.incidents.schemas import (
    AnnouncementIn,
    AssessIn,
    EnquiryIn,
    EventView,
    FilingIn,
    IncidentIn,
    IncidentView,
    NoticeView,
    ReportEditIn,
    ReportView,
)
from hogo.text import SafeText
from hogo.web.deps import ActorDep, ContainerDep

router = APIRouter(tags=["incidents"])
PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}
}


class SupplementIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    authority: Authority = Authority.ppc
    basis: Basis = Basis.appi


class ClosureIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    note: SafeText = Field(default="", max_length=4000, description="why (kept sealed)")


class PersonsOut(BaseModel):
    persons: int
    max_possible: int
    complete: bool
    listed: list[str]


class ReportOut(BaseModel):
    report: ReportView
    items: dict[str, str]


@router.post("/incidents", status_code=status.HTTP_201_CREATED, response_model=IncidentView)
def record(body: IncidentIn, actor: ActorDep, container: ContainerDep) -> IncidentView:
    """Record an incident (社内報告) and assess it: who is affected, what is owed, by when."""
    return container.incidents.service.record(body, actor)


@router.get("/incidents", response_model=list[IncidentView])
def register(actor: ActorDep, container: ContainerDep, open: bool = False) -> list[IncidentView]:
    return container.incidents.service.register(actor, open_only=open)


@router.get("/incidents/{incident_id}", response_model=IncidentView)
def get(incident_id: str, actor: ActorDep, container: ContainerDep) -> IncidentView:
    return container.incidents.service.get(incident_id, actor)


@router.post("/incidents/{incident_id}/assessment", response_model=IncidentView)
def assess(incident_id: str, body: AssessIn, actor: ActorDep, container: ContainerDep) -> IncidentView:
    """Assess again with the officer's findings (a wrongful purpose, encryption, low risk, the principal told)."""
    return container.incidents.service.assess(incident_id, body, actor)


@router.get("/incidents/{incident_id}/timeline", response_model=list[EventView])
def timeline(incident_id: str, actor: ActorDep, container: ContainerDep) -> list[EventView]:
    return container.incidents.service.timeline(incident_id, actor)


@router.get("/incidents/{incident_id}/persons", response_model=PersonsOut)
def persons(incident_id: str, actor: ActorDep, container: ContainerDep, limit: int = 200) -> PersonsOut:
    """The persons concerned, counted now, and the first `limit` by opaque reference."""
    counted, listed = container.incidents.service.persons(incident_id, actor, min(max(limit, 0), 10_000))
    return PersonsOut(
        persons=counted.persons, max_possible=counted.max_possible, complete=counted.complete, listed=listed
    )


@router.get("/incidents/{incident_id}/reports/{report_id}", response_model=ReportOut)
def report(incident_id: str, report_id: str, actor: ActorDep, container: ContainerDep) -> ReportOut:
    """The report and its nine items (Rule 8(1)): the latest version, or prefilled."""
    items = container.incidents.reports.content(incident_id, report_id, actor)  # 404 for another incident's report
    views = container.incidents.service.get(incident_id, actor).reports
    return ReportOut(report=next(r for r in views if r.id == report_id), items=items)


@router.post("/incidents/{incident_id}/reports/{report_id}/versions", status_code=201, response_model=ReportView)
def edit(incident_id: str, report_id: str, body: ReportEditIn, actor: ActorDep, container: ContainerDep) -> ReportView:
    """A new version with the officer's text for the items given."""
    return container.incidents.reports.edit(incident_id, report_id, body, actor)


@router.post("/incidents/{incident_id}/reports/{report_id}/filing", response_model=ReportView)
def file(incident_id: str, report_id: str, body: FilingIn, actor: ActorDep, container: ContainerDep) -> ReportView:
    """Mark the report filed with the authority's reference (409 when it was filed already)."""
    return container.incidents.reports.file(incident_id, report_id, body, actor)


@router.get("/incidents/{incident_id}/reports/{report_id}/document")
def document(incident_id: str, report_id: str, actor: ActorDep, container: ContainerDep) -> dict[str, Any]:
    """The report as structured JSON (the same as the PDF)."""
    return container.incidents.reports.document(incident_id, report_id, actor)


@router.get("/incidents/{incident_id}/reports/{report_id}/pdf", response_class=Response, responses=PDF)
def pdf(incident_id: str, report_id: str, actor: ActorDep, container: ContainerDep) -> Response:
    """The report as a PDF laid out like the PPC's form."""
    content = container.incidents.reports.pdf(incident_id, report_id, actor)
    headers = {"Content-Disposition": f'attachment; filename="{report_id}.pdf"'}
    return Response(content, media_type="application/pdf", headers=headers)


@router.post("/incidents/{incident_id}/supplements", status_code=status.HTTP_201_CREATED, response_model=ReportView)
def supplement(incident_id: str, body: SupplementIn, actor: ActorDep, container: ContainerDep) -> ReportView:
    return container.incidents.reports.supplement(incident_id, body.authority, body.basis, actor)


@router.post("/incidents/{incident_id}/notices", response_model=NoticeRun)
def notify(incident_id: str, actor: ActorDep, container: ContainerDep) -> NoticeRun:
    """Tell every person concerned not told yet (mail through the outbox, or a letter to post)."""
    return container.incidents.notices.send(incident_id, actor)


@router.get("/incidents/{incident_id}/notices", response_model=list[NoticeView])
def notices(incident_id: str, actor: ActorDep, container: ContainerDep) -> list[NoticeView]:
    return container.incidents.notices.notices(incident_id, actor)


@router.post("/incidents/{incident_id}/notices/{person_id}", response_model=NoticeView)
def notify_person(incident_id: str, person_id: str, actor: ActorDep, container: ContainerDep) -> NoticeView:
    """Tell one person (409 `person-erased` for an erased person)."""
    return container.incidents.notices.notify_person(incident_id, person_id, actor)


@router.get("/incidents/{incident_id}/letters", response_class=Response, responses=PDF)
def letters(incident_id: str, actor: ActorDep, container: ContainerDep) -> Response:
    content = container.incidents.notices.letters(incident_id, actor)
    return Response(content, media_type="application/pdf")


@router.post("/incidents/{incident_id}/letters-posted")
def letters_posted(incident_id: str, actor: ActorDep, container: ContainerDep) -> dict[str, int]:
    return {"posted": container.incidents.notices.letters_posted(incident_id, actor)}


@router.post("/incidents/{incident_id}/announcement", response_model=IncidentView)
def announce(incident_id: str, body: AnnouncementIn, actor: ActorDep, container: ContainerDep) -> IncidentView:
    """Publish the incident on the portal (the substitute where persons cannot be reached)."""
    return container.incidents.service.announce(incident_id, body, actor)


@router.post("/incidents/{incident_id}/enquiries")
def enquiry(incident_id: str, body: EnquiryIn, actor: ActorDep, container: ContainerDep) -> dict[str, bool]:
    """The desk asks whether someone is concerned (by an identifier they give); answered and recorded."""
    return {"concerned": container.incidents.service.enquiry(incident_id, body, actor)}


@router.post("/incidents/{incident_id}/closure", response_model=IncidentView)
def close(incident_id: str, body: ClosureIn, actor: ActorDep, container: ContainerDep) -> IncidentView:
    """Close the incident (409 while a report is still owed)."""
    return container.incidents.service.close(incident_id, actor, body.note)
