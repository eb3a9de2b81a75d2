"""Console page of the ledger: the version in force, every version, and a safe apply for the officer.

Applying is two steps, as on the command line: the officer posts a ledger and sees what it changes and what it
does to the data held now (people and records under removed items, purposes and subject kinds, consents and
provision records whose target goes); the second post applies exactly the previewed text over exactly the
previewed version, with the officer's resolution for data that would be orphaned.
"""

from __future__ import annotations

import contextlib
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from hogo.clock import JST
from hogo.errors import DomainError, NoLedger
from hogo.identity.policy import Permission
from hogo.ledger.impact import Resolution
from hogo.ledger.loader import Problem, load_ledger_text
from hogo.text import SafeText
from hogo.web.console.auth import ConsoleUserDep, check_csrf
from hogo.web.deps import ContainerDep
from hogo.web.errors import status_of
from hogo.web.templating import templates

router = APIRouter(tags=["console"], include_in_schema=False)
Csrf = Annotated[SafeText, Form(max_length=100)]
LedgerText = Annotated[str, Form(max_length=200_000)]
Short = Annotated[SafeText, Form(max_length=100)]


def _page(
    request: Request, user: ConsoleUserDep, container: ContainerDep, status: int = 200, **extra: object
) -> Response:
    try:
        current = container.ledger.current()
    except NoLedger:
        current = None
    purposes = [p.id for p in current.ledger.purposes] if current is not None else []
    context = {
        "user": user,
        "current": current,
        "versions": list(reversed(container.ledger.versions())),
        "may_apply": user.actor.may(Permission.manage_ledger),
        "purposes": purposes,
        **extra,
    }
    return templates.TemplateResponse(request, "console/ledger.html", context, status_code=status)


@router.get("/ledger", response_class=HTMLResponse)
def ledger(request: Request, user: ConsoleUserDep, container: ContainerDep) -> Response:
    user.actor.require(Permission.read_audit)
    return _page(request, user, container)


@router.get("/ledger/register.xlsx", response_class=Response)
def register(user: ConsoleUserDep, container: ContainerDep) -> Response:
    """The ledger in force as a 個人情報管理台帳 workbook (JIS Q 15001), one row per item × purpose."""
    from hogo.adapters.register_xlsx import register_workbook
    from hogo.ledger.register import register_rows

    user.actor.require(Permission.read_audit)
    applied = container.ledger.current()
    data = register_workbook(
        register_rows(applied.ledger),
        company=applied.ledger.operator.name.ja,
        version=applied.version,
        applied_at=applied.applied_at.astimezone(JST),
        exported_at=container.clock.now().astimezone(JST),
    )
    name = f"kojin-joho-kanri-daicho-v{applied.version}.xlsx"
    return Response(
        data,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )


@router.post("/ledger/preview", response_class=HTMLResponse)
def preview(request: Request, user: ConsoleUserDep, container: ContainerDep, csrf: Csrf, text: LedgerText) -> Response:
    check_csrf(user.csrf, csrf)
    user.actor.require(Permission.manage_ledger)
    try:
        shown = container.ledger.preview(load_ledger_text(text, source="console"))
    except DomainError as exc:
        return _page(
            request, user, container, status=status_of(exc), error=exc.text("ja"), text=text, problems=_problems(exc)
        )
    return _page(request, user, container, preview=shown, text=text, problems=shown.findings)


@router.post("/ledger/apply", response_class=HTMLResponse)
def apply(
    request: Request,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    text: LedgerText,
    expected_version: Annotated[int, Form(ge=0)],
    retire_to: Short = "",
    dispose: Short = "",
) -> Response:
    check_csrf(user.csrf, csrf)
    user.actor.require(Permission.manage_ledger)
    resolution = Resolution(retire_to=retire_to or None, dispose=dispose == "yes")
    loaded = load_ledger_text(text, source="console")
    try:
        result = container.ledger.apply(
            loaded, actor=user.actor.id, resolution=resolution, expected_version=expected_version
        )
    except DomainError as exc:
        shown = None
        with contextlib.suppress(DomainError):
            shown = container.ledger.preview(loaded)
        problems = _problems(exc) or (shown.findings if shown is not None else [])
        return _page(
            request,
            user,
            container,
            status=status_of(exc),
            error=exc.text("ja"),
            text=text,
            preview=shown,
            problems=problems,
        )
    return _page(request, user, container, applied=result, problems=result.findings)


def _problems(exc: DomainError) -> list[Problem]:
    """The ledger's problems an invalid ledger was refused for (line, code, message), to show beside the text."""
    return [Problem(**p) for p in exc.details.get("problems", [])]
