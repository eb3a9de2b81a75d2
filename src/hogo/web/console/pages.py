"""The console (/console/): sign-in, the dashboard, person lookup and the audit trail, for staff.

Every page needs a signed-in operator; every form sends the session's CSRF token back. Identifiers typed
into the lookup travel in a POST body, never in a URL (URLs end up in logs and browser history).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hogo.errors import DomainError, NoLedger
from hogo.identity.policy import Permission
from hogo.text import SafeText
from hogo.web.console.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    ConsoleUserDep,
    check_csrf,
    new_login_csrf,
    set_cookie,
)
from hogo.web.deps import ContainerDep
from hogo.web.templating import templates

router = APIRouter(tags=["console"], include_in_schema=False)
IDENTIFIER_KINDS = ["email", "phone", "member_id"]


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
        company, version = None, None
    context = {
        "user": user,
        "company": company,
        "version": version,
        "persons": container.subjects.count(),
        "may_lookup": user.actor.may(Permission.read_people),
        "may_audit": user.actor.may(Permission.read_audit),
        "may_jobs": user.actor.may(Permission.read_jobs),
        "has_ledger": version is not None,
        "incidents": container.incidents.service.dashboard(user.actor)
        if user.actor.may(Permission.manage_incidents)
        else None,
    }
    return templates.TemplateResponse(request, "console/home.html", context)


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
    context = {"user": user, "events": container.audit.events(limit=50), "verified": None}
    return templates.TemplateResponse(request, "console/audit.html", context)


@router.post("/audit/verify", response_class=HTMLResponse)
def audit_verify(
    request: Request, user: ConsoleUserDep, container: ContainerDep, csrf: Annotated[SafeText, Form(max_length=100)]
) -> Response:
    check_csrf(user.csrf, csrf)
    user.actor.require(Permission.read_audit)
    container.usage.flush()
    context = {"user": user, "events": container.audit.events(limit=50), "verified": container.audit.verify()}
    return templates.TemplateResponse(request, "console/audit.html", context)
