"""Console pages of requests from the person (開示等の請求): the queue, desk intake, and one request's page.

Every state change goes through `RequestService` (which checks the role, moves the request through its state
machine and audits); a refusal re-renders the page with the service's message. Every form sends the session's
CSRF token. The person's identifier travels in a POST body, never in a URL.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from hogo.bootstrap import Container
from hogo.clock import JST
from hogo.dashboard import WEEK_DAYS
from hogo.errors import DomainError
from hogo.identity.operators import ConsoleUser
from hogo.ledger.schemas.procedures import IdentityDocument, PaymentMethod
from hogo.requests import policy
from hogo.requests.policy import Outcome
from hogo.requests.schemas import DecisionIn, FeeIn, FulfilIn, IdentityCheckIn, RequestIn
from hogo.subjects.schemas import IdentifierIn
from hogo.text import SafeText
from hogo.web.console import request_context as ctx
from hogo.web.console.auth import ConsoleUserDep, check_csrf
from hogo.web.deps import ContainerDep
from hogo.web.errors import status_of
from hogo.web.templating import templates

router = APIRouter(tags=["console"], include_in_schema=False)
templates.env.globals["handles_requests"] = ctx.handles_requests
Csrf = Annotated[SafeText, Form(max_length=100)]
Text = Annotated[SafeText, Form(max_length=4000)]
Short = Annotated[SafeText, Form(max_length=300)]
Many = Annotated[list[SafeText], Form()]


@router.get("/requests", response_class=HTMLResponse)
def queue(
    request: Request,
    user: ConsoleUserDep,
    container: ContainerDep,
    show: Literal["open", "week", "overdue", "handover", "all"] = "open",
) -> Response:
    views = container.requests.queue(
        user.actor,
        open_only=show != "all",
        overdue_only=show == "overdue",
        handed_over_only=show == "handover",
        due_within=WEEK_DAYS if show == "week" else None,
    )
    context = {"user": user, "rows": views, "show": show, **ctx.labels()}
    return templates.TemplateResponse(request, "console/requests.html", context)


@router.get("/requests/new", response_class=HTMLResponse)
def intake_page(request: Request, user: ConsoleUserDep, container: ContainerDep) -> Response:
    policy.require_handler(user.actor)
    return templates.TemplateResponse(request, "console/requests_new.html", ctx.intake_choices(container, user))


def _received_at(value: str) -> dt.datetime | None:
    """The arrival typed at the desk (a letter's date stamp) in JST, or none for now."""
    if not value.strip():
        return None
    try:
        return dt.datetime.fromisoformat(value.strip()).replace(tzinfo=JST)
    except ValueError:
        raise ValueError("received_at") from None


@router.post("/requests/new", response_class=HTMLResponse)
def intake(
    request: Request,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    kind: Short,
    channel: Short,
    identifier_kind: Short = "email",
    identifier: Short = "",
    person_id: Short = "",
    name: Short = "",
    email: Short = "",
    postal_code: Short = "",
    postal_address: Short = "",
    phone: Short = "",
    language: Short = "ja",
    disclosure_method: Short = "",
    claimed_ground: Short = "",
    received_at: Short = "",
    details: Text = "",
    agent_kind: Short = "",
    agent_name: Short = "",
    agent_document: Short = "",
    agent_evidence: Many | None = None,
    items: Many | None = None,
    purposes: Many | None = None,
    recipients: Many | None = None,
) -> Response:
    check_csrf(user.csrf, csrf)
    raw: dict[str, Any] = {
        "kind": kind,
        "channel": channel,
        "language": language,
        "person_id": person_id.strip() or None,
        "identifier": {"kind": identifier_kind, "value": identifier.strip()} if identifier.strip() else None,
        "contact": {
            k: v.strip() or None
            for k, v in {
                "name": name,
                "email": email,
                "postal_code": postal_code,
                "postal_address": postal_address,
                "phone": phone,
            }.items()
        },
        "scope": {"items": items or [], "purposes": purposes or [], "recipients": recipients or []},
        "claimed_ground": claimed_ground or None,
        "disclosure_method": disclosure_method or None,
        "details": details.strip() or None,
    }
    if agent_kind:
        raw["agent"] = {
            "kind": agent_kind,
            "name": agent_name.strip(),
            "evidence": agent_evidence or [],
            "identity_document": agent_document or None,
        }
    error, status = None, 200
    try:
        raw["received_at"] = _received_at(received_at)
        filed = container.requests.file(RequestIn.model_validate(raw), user.actor)
    except ValidationError as exc:
        error, status = ctx.invalid(exc), 422
    except ValueError as exc:
        error, status = f"the form is not valid at: {exc}", 422
    except DomainError as exc:
        error, status = exc.text("ja"), status_of(exc)
    if error is not None:
        context = ctx.intake_choices(container, user) | {"error": error}
        return templates.TemplateResponse(request, "console/requests_new.html", context, status_code=status)
    context = ctx.detail(container, user, filed.request)
    context["status_link"] = container.requests.status_link(filed.token) if filed.token else None
    context["link_withheld"] = filed.token is None
    context["done"] = ("受け付けました", "request recorded")
    return templates.TemplateResponse(request, "console/requests_detail.html", context, status_code=201)


def _page(request: Request, container: Container, user: ConsoleUser, request_id: str, **extra: Any) -> HTMLResponse:
    code = extra.pop("code", 200)
    context = ctx.detail(container, user, container.requests.get(request_id, user.actor)) | extra
    return templates.TemplateResponse(request, "console/requests_detail.html", context, status_code=code)


@router.get("/requests/{request_id}", response_class=HTMLResponse)
def detail(
    request: Request, request_id: str, user: ConsoleUserDep, container: ContainerDep, done: str | None = None
) -> Response:
    return _page(request, container, user, request_id, done=ctx.DONE.get(done or ""))


def _act(request: Request, container: Container, user: ConsoleUser, request_id: str, step: str, act: Any) -> Response:
    """Run one step through the service: on success back to the request's page, else the page with the reason."""

    def again(error: str, code: int) -> Response:
        return _page(request, container, user, request_id, error=error, code=code)

    return ctx.act_then(act, again, f"/console/requests/{request_id}?done={step}")


@router.post("/requests/{request_id}/identity")
def identity(
    request: Request,
    request_id: str,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    document: Annotated[IdentityDocument, Form()],
    reference: Short = "",
) -> Response:
    check_csrf(user.csrf, csrf)

    def act() -> None:
        data = IdentityCheckIn(document=document, reference=reference.strip() or None)
        container.requests.check_identity(request_id, data, user.actor)

    return _act(request, container, user, request_id, "identity", act)


@router.post("/requests/{request_id}/fee")
def fee(
    request: Request,
    request_id: str,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    method: Annotated[PaymentMethod, Form()],
    amount_jpy: Annotated[int, Form(ge=0)],
) -> Response:
    check_csrf(user.csrf, csrf)

    def act() -> None:
        container.requests.record_fee(request_id, FeeIn(method=method, amount_jpy=amount_jpy), user.actor)

    return _act(request, container, user, request_id, "fee", act)


@router.post("/requests/{request_id}/decision")
def decide(
    request: Request,
    request_id: str,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    outcome: Annotated[Outcome, Form()],
    ground: Short = "",
    reason: Text = "",
) -> Response:
    check_csrf(user.csrf, csrf)

    def act() -> None:  # a ground the Act does not know is the schema's to refuse (422, the form shown again)
        form = {"outcome": outcome, "ground": ground or None, "reason": reason.strip() or None}
        container.requests.decide(request_id, DecisionIn.model_validate(form), user.actor)

    return _act(request, container, user, request_id, "decision", act)


@router.post("/requests/{request_id}/fulfilment")
def fulfil(
    request: Request,
    request_id: str,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    item: Many | None = None,
    value: Many | None = None,
    withheld: Many | None = None,
    note: Short = "",
) -> Response:
    check_csrf(user.csrf, csrf)
    corrections = {i: v.strip() for i, v in zip(item or [], value or [], strict=False) if i and v.strip()}

    def act() -> None:
        data = FulfilIn(corrections=corrections, withheld=withheld or [], note=note.strip() or None)
        container.requests.fulfil(request_id, data, user.actor)

    return _act(request, container, user, request_id, "fulfilment", act)


@router.post("/requests/{request_id}/hand-over")
def hand_over(request: Request, request_id: str, user: ConsoleUserDep, container: ContainerDep, csrf: Csrf) -> Response:
    check_csrf(user.csrf, csrf)

    def act() -> None:
        container.requests.hand_over(request_id, user.actor)

    return _act(request, container, user, request_id, "hand-over", act)


@router.post("/requests/{request_id}/closure")
def close(request: Request, request_id: str, user: ConsoleUserDep, container: ContainerDep, csrf: Csrf) -> Response:
    check_csrf(user.csrf, csrf)

    def act() -> None:
        container.requests.close(request_id, user.actor)

    return _act(request, container, user, request_id, "closure", act)


@router.post("/requests/{request_id}/rejection")
def reject(
    request: Request,
    request_id: str,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    reason: Annotated[SafeText, Form(max_length=200)] = "",
) -> Response:
    check_csrf(user.csrf, csrf)

    def act() -> None:
        container.requests.reject(request_id, reason, user.actor)

    return _act(request, container, user, request_id, "rejection", act)


@router.post("/requests/{request_id}/withdrawal")
def withdraw(request: Request, request_id: str, user: ConsoleUserDep, container: ContainerDep, csrf: Csrf) -> Response:
    check_csrf(user.csrf, csrf)

    def act() -> None:
        container.requests.withdraw(request_id, user.actor)

    return _act(request, container, user, request_id, "withdrawal", act)


@router.post("/requests/{request_id}/person")
def link_person(
    request: Request,
    request_id: str,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    identifier_kind: Annotated[Literal["email", "phone", "member_id"], Form()],
    identifier: Short,
) -> Response:
    """Link a request filed for someone hogo could not find to the person the desk has found."""
    check_csrf(user.csrf, csrf)

    def act() -> None:
        container.requests.link_person(request_id, IdentifierIn(kind=identifier_kind, value=identifier), user.actor)

    return _act(request, container, user, request_id, "linked", act)


@router.post("/requests/{request_id}/details", response_class=HTMLResponse)
def details(request: Request, request_id: str, user: ConsoleUserDep, container: ContainerDep, csrf: Csrf) -> Response:
    """What the person wrote, shown on the request's page to an operator cleared for every item category (a POST:
    every showing is audited)."""
    check_csrf(user.csrf, csrf)
    try:
        shown = container.requests.details(request_id, user.actor)
    except DomainError as exc:
        return _page(request, container, user, request_id, error=exc.text("ja"), code=status_of(exc))
    return _page(request, container, user, request_id, shown=shown)


@router.post("/requests/{request_id}/letter-posted")
def letter_posted(
    request: Request, request_id: str, user: ConsoleUserDep, container: ContainerDep, csrf: Csrf
) -> Response:
    check_csrf(user.csrf, csrf)

    def act() -> None:
        container.requests.letter_posted(request_id, user.actor)

    return _act(request, container, user, request_id, "letter-posted", act)


@router.post("/requests/{request_id}/messages/{message_id}/resend")
def resend(
    request: Request, request_id: str, message_id: str, user: ConsoleUserDep, container: ContainerDep, csrf: Csrf
) -> Response:
    check_csrf(user.csrf, csrf)

    def act() -> None:
        container.requests.send_again(request_id, message_id, user.actor)

    return _act(request, container, user, request_id, "resend", act)


@router.get("/requests/{request_id}/letter", response_class=Response)
def letter(request_id: str, user: ConsoleUserDep, container: ContainerDep) -> Response:
    """The answer letter as PDF, addressed to the person, ready to post (the service audits the printing)."""
    pdf = container.requests.letter(request_id, user.actor)
    headers = {"Content-Disposition": f'attachment; filename="{request_id}.pdf"'}
    return Response(pdf, media_type="application/pdf", headers=headers)
