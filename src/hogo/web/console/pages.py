"""The console (/console/): sign-in, the dashboard, person lookup and the audit trail, for staff.

Every page needs a signed-in operator; every form sends the session's CSRF token back. Identifiers typed
into the lookup travel in a POST body, never in a URL (URLs end up in logs and browser history).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from pydantic import BaseModel, Field

from hogo.audit.search import AuditQuery
from hogo.bootstrap import Container
from hogo.clock import JST
from hogo.errors import DomainError, InvalidInput, NoLedger
from hogo.identity.operators import ConsoleUser
from hogo.identity.policy import Permission
from hogo.provision.schemas import Register
from hogo.requests.policy import HANDLER_ROLES
from hogo.text import SafeText
from hogo.web.charts import stacked_bars
from hogo.web.console.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    ConsoleUserDep,
    check_csrf,
    new_login_csrf,
    set_cookie,
)
from hogo.web.console.provisions import CHECKED_ABROAD
from hogo.web.deps import ContainerDep
from hogo.web.errors import status_of
from hogo.web.templating import templates

router = APIRouter(tags=["console"], include_in_schema=False)
IDENTIFIER_KINDS = ["email", "phone", "member_id"]


class AuditFilter(BaseModel):
    """The audit page's filters, posted (a person's identifier never travels in a URL)."""

    csrf: SafeText = Field(default="", max_length=100)
    action: SafeText = Field(default="", max_length=100)
    actor: SafeText = Field(default="", max_length=200)
    entity: SafeText = Field(default="", max_length=200)
    person_kind: SafeText = Field(default="email", max_length=40)
    person_value: SafeText = Field(default="", max_length=300)
    person_id: SafeText = Field(default="", max_length=32)
    since: SafeText = Field(default="", max_length=40)
    until: SafeText = Field(default="", max_length=40)
    before: int | None = Field(default=None, ge=1)

    def query(self, container: Container, user: ConsoleUser) -> AuditQuery:
        """The query; the identifier typed is looked up once and kept only as the person's opaque id."""
        if self.person_value.strip():
            self.person_id = container.subjects.find(self.person_kind, self.person_value.strip(), user.actor)
            self.person_value = ""
        return AuditQuery(
            action=self.action.strip() or None,
            actor=self.actor.strip() or None,
            entity=self.entity.strip() or None,
            person_id=self.person_id or None,
            since=_jst_time(self.since),
            until=_jst_time(self.until),
        )


def _jst_time(value: str) -> dt.datetime | None:
    if not value.strip():
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(f"{value!r} is not a date or time (2026-12-01 or 2026-12-01T09:00)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=JST)


def _safe_next(target: str | None) -> str:
    return target if target and target.startswith("/console") and not target.startswith("//") else "/console/"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = None) -> Response:
    csrf = new_login_csrf()
    response = templates.TemplateResponse(request, "console/login.html", {"csrf": csrf, "next": _safe_next(next)})
    set_cookie(response, request, LOGIN_CSRF_COOKIE, csrf, max_age=3600)
    return response


@router.post("/login")
def login(
    request: Request,
    container: ContainerDep,
    login: Annotated[SafeText, Form(max_length=64)],
    password: Annotated[SafeText, Form(max_length=1024)],
    csrf: Annotated[SafeText, Form(max_length=100)],
    next: Annotated[SafeText, Form(max_length=500)] = "/console/",
) -> Response:
    check_csrf(request.cookies.get(LOGIN_CSRF_COOKIE, ""), csrf)
    try:
        signed_in = container.operators.sign_in(login, password)
    except DomainError as exc:
        fresh = new_login_csrf()
        context = {"csrf": fresh, "next": _safe_next(next), "error": exc.text("ja")}
        failed: Response = templates.TemplateResponse(request, "console/login.html", context, status_code=401)
        set_cookie(failed, request, LOGIN_CSRF_COOKIE, fresh, max_age=3600)
        return failed
    response = RedirectResponse(_safe_next(next), status_code=303)
    set_cookie(response, request, SESSION_COOKIE, signed_in.token)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/console")
    return response


@router.post("/logout")
def logout(
    request: Request, user: ConsoleUserDep, container: ContainerDep, csrf: Annotated[SafeText, Form(max_length=100)]
) -> Response:
    check_csrf(user.csrf, csrf)
    container.operators.sign_out(request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/console/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/console")
    return response


@router.get("/", response_class=HTMLResponse)
def home(request: Request, user: ConsoleUserDep, container: ContainerDep) -> Response:
    try:
        ledger = container.ledger.current()
        company, version = ledger.ledger.operator.name, ledger.version
    except NoLedger:
        ledger, company, version = None, None, None
    officer = user.actor.may(Permission.read_audit)
    handler = user.actor.role in HANDLER_ROLES
    board = None
    if officer or handler:
        reviews = {d.id: d.last_review for d in ledger.ledger.datasets} if ledger is not None else {}
        board = container.dashboard.build(reviews)
    context = {
        "user": user,
        "company": company,
        "version": version,
        "persons": board.persons if board is not None else container.subjects.count(),
        "may_lookup": user.actor.may(Permission.read_people),
        "may_audit": officer,
        "may_jobs": user.actor.may(Permission.read_jobs),
        "has_ledger": version is not None,
        "board": board,
        "handler": handler,
        "checks": _check_counts(container, user) if officer and ledger is not None else None,
        "pms": container.pms.due(user.actor) if ledger is not None and user.actor.may(Permission.read_pms) else None,
        "charts": [stacked_bars(c, f"chart-{n}") for n, c in enumerate(board.charts)] if board and officer else [],
        "incidents": container.incidents.service.dashboard(user.actor)
        if user.actor.may(Permission.manage_incidents)
        else None,
    }
    return templates.TemplateResponse(request, "console/home.html", context)


def _check_counts(container: Container, user: ConsoleUser) -> dict[str, int]:
    """Entrustee supervision and checks of recipients abroad that are due, overdue or failed (see /provisions)."""
    ledger = container.ledger.current().ledger
    states = [container.provision.check_state(Register.entrustee, e.id, user.actor).status for e in ledger.entrustees]
    states += [
        container.provision.check_state(Register.foreign, f.id, user.actor).status
        for f in ledger.foreign_recipients
        if f.basis in CHECKED_ABROAD
    ]
    return {status: states.count(status) for status in ("due", "overdue", "failed")}


@router.get("/people", response_class=HTMLResponse)
def people_page(request: Request, user: ConsoleUserDep) -> Response:
    user.actor.require(Permission.read_people)
    context = {"user": user, "kinds": IDENTIFIER_KINDS, "person": None, "error": None}
    return templates.TemplateResponse(request, "console/people.html", context)


@router.post("/people", response_class=HTMLResponse)
def people_lookup(
    request: Request,
    user: ConsoleUserDep,
    container: ContainerDep,
    kind: Annotated[SafeText, Form(max_length=40)],
    value: Annotated[SafeText, Form(max_length=300)],
    csrf: Annotated[SafeText, Form(max_length=100)],
) -> Response:
    check_csrf(user.csrf, csrf)
    person, error, status = None, None, 200
    try:
        person = container.subjects.person(container.subjects.find(kind, value, user.actor), user.actor)
    except DomainError as exc:
        error, status = exc.text("ja"), 404 if exc.code == "not-found" else 422
    context = {"user": user, "kinds": IDENTIFIER_KINDS, "person": person, "error": error, "kind": kind}
    return templates.TemplateResponse(request, "console/people.html", context, status_code=status)


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, user: ConsoleUserDep, container: ContainerDep) -> Response:
    user.actor.require(Permission.read_audit)
    container.usage.flush()
    return _audit(request, user, container, AuditFilter())


@router.post("/audit", response_class=HTMLResponse)
def audit_search(
    request: Request, user: ConsoleUserDep, container: ContainerDep, form: Annotated[AuditFilter, Form()]
) -> Response:
    check_csrf(user.csrf, form.csrf)
    user.actor.require(Permission.read_audit)
    container.usage.flush()
    return _audit(request, user, container, form)


@router.post("/audit/export.csv")
def audit_export(user: ConsoleUserDep, container: ContainerDep, form: Annotated[AuditFilter, Form()]) -> Response:
    check_csrf(user.csrf, form.csrf)
    user.actor.require(Permission.read_audit)
    container.usage.flush()
    query = form.query(container, user)
    stamp = container.clock.now().astimezone(JST).strftime("%Y%m%d-%H%M")
    return StreamingResponse(
        container.audit_search.export_csv(query),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="audit-{stamp}.csv"', "Cache-Control": "no-store"},
    )


def _audit(request: Request, user: ConsoleUser, container: ContainerDep, form: AuditFilter) -> Response:
    error, page, status = None, None, 200
    try:
        query = form.query(container, user)
        page = container.audit_search.page(query, before=form.before)
    except DomainError as exc:
        error, status = exc.text("ja"), status_of(exc)
    context = {"user": user, "page": page, "form": form, "error": error, "verified": None, "kinds": IDENTIFIER_KINDS}
    context["tree"] = None
    return templates.TemplateResponse(
        request, "console/audit.html", _checkpoints(container) | context, status_code=status
    )


@router.post("/audit/verify", response_class=HTMLResponse)
def audit_verify(
    request: Request, user: ConsoleUserDep, container: ContainerDep, csrf: Annotated[SafeText, Form(max_length=100)]
) -> Response:
    check_csrf(user.csrf, csrf)
    user.actor.require(Permission.read_audit)
    container.usage.flush()
    page = container.audit_search.page(AuditQuery())
    verified, tree = container.audit.verify(), container.checkpoints.verify_latest()
    context = {"user": user, "page": page, "form": AuditFilter(), "verified": verified, "tree": tree}
    context["kinds"] = IDENTIFIER_KINDS
    return templates.TemplateResponse(request, "console/audit.html", _checkpoints(container) | context)


def _checkpoints(container: Container) -> dict[str, Any]:
    """The latest signed checkpoint and the last one the log was verified against, for the audit page."""
    return {"checkpoint": container.checkpoints.latest(), "last_verified": container.checkpoints.last_verified()}
