"""Console pages of the provision registers (Arts. 25, 27, 28) and the records of Arts. 29-31.

The registers come from the ledger in force; beside each entrustee and each recipient abroad under
equivalent measures the page shows the state of its periodic check (ok / due / overdue / failed: the
last two block the gate) and takes a new check result.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from hogo.bootstrap import Container
from hogo.clock import JST, today_jst
from hogo.identity.operators import ConsoleUser
from hogo.identity.policy import Permission
from hogo.ledger.schemas.recipients import TransferBasis
from hogo.provision.schemas import CheckIn, Register
from hogo.text import SafeText
from hogo.web.console.auth import ConsoleUserDep, check_csrf
from hogo.web.deps import ContainerDep
from hogo.web.templating import templates

router = APIRouter(tags=["console"], include_in_schema=False)
CHECKED_ABROAD = {TransferBasis.equivalent_measures, TransferBasis.cbpr}


def _registers(container: Container, user: ConsoleUser) -> dict[str, Any]:
    ledger = container.ledger.current().ledger
    entrustees = [(e, container.provision.check_state(Register.entrustee, e.id, user.actor)) for e in ledger.entrustees]
    abroad = [
        (f, container.provision.check_state(Register.foreign, f.id, user.actor) if f.basis in CHECKED_ABROAD else None)
        for f in ledger.foreign_recipients
    ]
    return {
        "user": user,
        "entrustees": entrustees,
        "abroad": abroad,
        "third_parties": ledger.third_parties,
        "joint_use": ledger.joint_use,
        "may_record": user.actor.may(Permission.manage_provision),
        "today": today_jst(container.clock).isoformat(),
        "saved": None,
    }


@router.get("/provisions", response_class=HTMLResponse)
def registers(request: Request, user: ConsoleUserDep, container: ContainerDep) -> Response:
    user.actor.require(Permission.read_people)
    return templates.TemplateResponse(request, "console/provisions.html", _registers(container, user))


@router.post("/provisions/checks", response_class=HTMLResponse)
def record_check(
    request: Request,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Annotated[SafeText, Form(max_length=100)],
    kind: Annotated[Register, Form()],
    recipient: Annotated[SafeText, Form(max_length=64)],
    checked_on: Annotated[dt.date, Form()],
    passed: Annotated[bool, Form()],
    findings: Annotated[SafeText, Form(max_length=500)] = "",
) -> Response:
    check_csrf(user.csrf, csrf)
    check = CheckIn(
        kind=kind, recipient=recipient, checked_on=checked_on, passed=passed, findings=findings.strip() or None
    )
    saved = container.provision.record_check(check, user.actor)
    context = _registers(container, user) | {"saved": saved}
    return templates.TemplateResponse(request, "console/provisions.html", context)


@router.get("/provisions/records.csv", response_class=Response)
def records_csv(user: ConsoleUserDep, container: ContainerDep) -> Response:
    """Every record of provision and receipt, for the auditor (the person by opaque id only)."""
    from hogo.adapters.csv_export import csv_text
    from hogo.provision.export import HEADER, record_row

    user.actor.require(Permission.read_people)
    rows = container.provision.records(user.actor, limit=None)
    stamp = container.clock.now().astimezone(JST).strftime("%Y%m%d")
    return Response(
        csv_text(HEADER, (record_row(r) for r in rows)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="provision-records-{stamp}.csv"'},
    )


@router.get("/provisions/records", response_class=HTMLResponse)
def records(request: Request, user: ConsoleUserDep, container: ContainerDep) -> Response:
    user.actor.require(Permission.read_people)
    rows = sorted(container.provision.records(user.actor, limit=200), key=lambda r: r.made_at, reverse=True)
    return templates.TemplateResponse(request, "console/provision_records.html", {"user": user, "records": rows})
