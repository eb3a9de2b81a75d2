"""Requests from the person over HTTP. Thin: parse → service → return.

`/requests…` is the desk's (an API key of a desk, officer or admin role). `/person-requests…` is the person's
own, reached with the unguessable token of their status link and a one-time code; it needs no API key.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request, Response, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from hogo.outbox.service import MessageView
from hogo.requests.schemas import (
    DecisionIn,
    FeeIn,
    Filed,
    FulfilIn,
    IdentityCheckIn,
    PersonStatus,
    PortalRequestIn,
    RequestDetails,
    RequestIn,
    RequestView,
)
from hogo.subjects.schemas import IdentifierIn
from hogo.text import SafeText
from hogo.web.deps import ActorDep, ContainerDep
from hogo.web.errors import problem
from hogo.web.ratelimit import allow_filing

router = APIRouter(tags=["requests"])
DOWNLOADS = {
    "application/json": {"schema": {"type": "object"}},
    "text/csv": {"schema": {"type": "string"}},
    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
}
"""The person's download: the disclosure as JSON or CSV, or the answer letter as PDF."""
person = APIRouter(tags=["person requests"])


class FiledOut(BaseModel):
    request: RequestView
    token: str | None = Field(
        description="the person's status-link secret; shown once, kept only as a hash; null when the key is not "
        "cleared for every item category (the link opens the whole disclosure: it then goes to the person only)"
    )
    status_url: str | None


class RejectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: SafeText = Field(
        min_length=1, max_length=200, description="why it is not accepted (Art. 37); no personal data"
    )


class CodeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: SafeText = Field(min_length=1, max_length=12)


def _filed(filed: Filed, container: ContainerDep) -> FiledOut:
    link = container.requests.status_link(filed.token) if filed.token else None
    return FiledOut(request=filed.request, token=filed.token, status_url=link)


@router.post("/requests", status_code=status.HTTP_201_CREATED, response_model=FiledOut)
def file(body: RequestIn, actor: ActorDep, container: ContainerDep) -> FiledOut:
    """Record a request received by post, phone, e-mail, fax, at the desk or on a web form."""
    return _filed(container.requests.file(body, actor), container)


@router.get("/requests", response_model=list[RequestView])
def queue(
    actor: ActorDep, container: ContainerDep, all: bool = False, overdue: bool = False, handed_over: bool = False
) -> list[RequestView]:
    """The queue, earliest due first; `overdue=true` for those past their due date; `all=true` for closed ones;
    `handed_over=true` for those waiting for an officer."""
    return container.requests.queue(actor, open_only=not all, overdue_only=overdue, handed_over_only=handed_over)


@router.get("/requests/{request_id}", response_model=RequestView)
def get(request_id: str, actor: ActorDep, container: ContainerDep) -> RequestView:
    return container.requests.get(request_id, actor)


@router.post("/requests/{request_id}/identity", response_model=RequestView)
def identity(request_id: str, body: IdentityCheckIn, actor: ActorDep, container: ContainerDep) -> RequestView:
    """Record the identity document checked (never an image; a My Number card's front only)."""
    return container.requests.check_identity(request_id, body, actor)


@router.post("/requests/{request_id}/fee", response_model=RequestView)
def fee(request_id: str, body: FeeIn, actor: ActorDep, container: ContainerDep) -> RequestView:
    """Record the fee as paid (Art. 38)."""
    return container.requests.record_fee(request_id, body, actor)


@router.post("/requests/{request_id}/decision", response_model=RequestView)
def decide(request_id: str, body: DecisionIn, actor: ActorDep, container: ContainerDep) -> RequestView:
    """Full, partial, refused or no such data, with the statutory ground and the reason (Arts. 33-36)."""
    return container.requests.decide(request_id, body, actor)


@router.post("/requests/{request_id}/fulfilment", response_model=RequestView)
def fulfil(request_id: str, body: FulfilIn, actor: ActorDep, container: ContainerDep) -> RequestView:
    """Carry out the decision (disclose, correct, erase, suspend) or answer a refusal; the person is told."""
    return container.requests.fulfil(request_id, body, actor)


@router.post("/requests/{request_id}/hand-over", response_model=RequestView)
def hand_over(request_id: str, actor: ActorDep, container: ContainerDep) -> RequestView:
    """The desk hands a decided request to an officer, who carries it out (an erasure, other categories)."""
    return container.requests.hand_over(request_id, actor)


@router.post("/requests/{request_id}/closure", response_model=RequestView)
def close(request_id: str, actor: ActorDep, container: ContainerDep) -> RequestView:
    return container.requests.close(request_id, actor)


@router.post("/requests/{request_id}/rejection", response_model=RequestView)
def reject(request_id: str, body: RejectionIn, actor: ActorDep, container: ContainerDep) -> RequestView:
    return container.requests.reject(request_id, body.reason, actor)


@router.post("/requests/{request_id}/withdrawal", response_model=RequestView)
def withdraw(request_id: str, actor: ActorDep, container: ContainerDep) -> RequestView:
    return container.requests.withdraw(request_id, actor)


@router.post("/requests/{request_id}/person", response_model=RequestView)
def link_person(request_id: str, body: IdentifierIn, actor: ActorDep, container: ContainerDep) -> RequestView:
    """Link a request filed for someone hogo could not find to the person found by this identifier."""
    return container.requests.link_person(request_id, body, actor)


@router.get("/requests/{request_id}/details", response_model=RequestDetails)
def details(request_id: str, actor: ActorDep, container: ContainerDep) -> RequestDetails:
    """What the person wrote and their contact, for a key cleared for every item category; audited."""
    return container.requests.details(request_id, actor)


@router.post("/requests/{request_id}/letter-posted", response_model=RequestView)
def letter_posted(request_id: str, actor: ActorDep, container: ContainerDep) -> RequestView:
    """The desk posted the answer letter: the person counts as notified from now."""
    return container.requests.letter_posted(request_id, actor)


@router.get("/requests/{request_id}/messages", response_model=list[MessageView])
def messages(request_id: str, actor: ActorDep, container: ContainerDep) -> list[MessageView]:
    """The mail about this request and what became of it: queued, sent, retrying (with the next attempt's time),
    or given up (`failed`, for the desk to send again). No recipient, no body."""
    return container.requests.messages(request_id, actor)


@router.post("/requests/{request_id}/messages/{message_id}/resend", response_model=MessageView)
def resend(request_id: str, message_id: str, actor: ActorDep, container: ContainerDep) -> MessageView:
    """Send a given-up mail again, once the server or the address is mended."""
    return container.requests.send_again(request_id, message_id, actor)


@router.get(
    "/requests/{request_id}/letter",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}},
)
def letter(request_id: str, actor: ActorDep, container: ContainerDep) -> Response:
    """The answer letter as PDF, addressed to the person, ready to post."""
    pdf = container.requests.letter(request_id, actor)
    return Response(
        pdf, media_type="application/pdf", headers={"Content-Disposition": f'inline; filename="{request_id}.pdf"'}
    )


@person.post(
    "/person-requests",
    status_code=status.HTTP_201_CREATED,
    response_model=FiledOut,
    responses={429: {"description": "too many filings from this address"}},
)
def person_file(body: PortalRequestIn, request: Request, container: ContainerDep) -> FiledOut | JSONResponse:
    """The person files a request; a code goes to the e-mail address hogo knows them by (same answer if unknown).
    At most five filings per client address in ten minutes (HTTP 429 beyond)."""
    if not allow_filing(container, request):
        return problem(429, "too-many-requests", "too many requests from this address; try again later")
    return _filed(container.requests.person.file(body), container)


@person.get("/person-requests/{token}", response_model=PersonStatus)
def person_status(token: str, container: ContainerDep) -> PersonStatus:
    return container.requests.person.status(token)


@person.post("/person-requests/{token}/code", response_model=PersonStatus)
def person_verify(token: str, body: CodeIn, container: ContainerDep) -> PersonStatus:
    return container.requests.person.verify_code(token, body.code)


@person.post("/person-requests/{token}/new-code", status_code=status.HTTP_202_ACCEPTED)
def person_new_code(token: str, container: ContainerDep) -> dict[str, str]:
    container.requests.person.send_code(token)
    return {"detail": "a new code was sent to the address on file, if there is one"}


@person.post("/person-requests/{token}/withdrawal", response_model=PersonStatus)
def person_withdraw(token: str, container: ContainerDep) -> PersonStatus:
    return container.requests.person.withdraw(token)


@person.get(
    "/person-requests/{token}/download",
    response_class=Response,
    responses={200: {"content": DOWNLOADS}},
)
def person_download(token: str, container: ContainerDep, format: Literal["json", "csv", "pdf"] = "json") -> Response:
    """The disclosure as JSON or CSV, or the answer letter as PDF."""
    content, media, name = container.requests.person.download(token, format)
    return Response(content, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})
