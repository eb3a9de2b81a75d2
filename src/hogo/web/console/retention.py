"""Console page of retention (保存期間・廃棄): what is due per rule, held and pending; the holds; the sweeps with what
they disposed of; and forms to record an event, set or release a hold, and run the sweep (the officer).

Every change goes through the retention services (which check the role and audit); a refusal re-renders the page
with the service's message. Every form sends the session's CSRF token.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from hogo.bootstrap import Container
from hogo.clock import JST
from hogo.errors import InvalidInput
from hogo.identity.operators import ConsoleUser
from hogo.identity.policy import Permission
from hogo.retention.policy import EVENT_LABELS
from hogo.text import SafeText
from hogo.web.console import request_context as ctx
from hogo.web.console.auth import ConsoleUserDep, check_csrf
from hogo.web.deps import ContainerDep
from hogo.web.templating import templates

router = APIRouter(tags=["console"], include_in_schema=False)
Csrf = Annotated[SafeText, Form(max_length=100)]
Short = Annotated[SafeText, Form(max_length=300)]
DONE = {
    "event": ("事由を記録しました", "the event was recorded"),
    "reversed": ("事由を取り消しました", "the event was reversed"),
    "hold": ("保存義務（ホールド）を設定しました", "the hold was set"),
    "released": ("ホールドを解除しました", "the hold was released"),
    "swept": ("廃棄処理を実行しました", "the sweep ran"),
}


def _context(container: Container, user: ConsoleUser, **extra: Any) -> dict[str, Any]:
    actor = user.actor
    sweeps = container.retention.service.sweeps(actor, limit=20)
    return {
        "user": user,
        "preview": container.retention.service.preview(actor),
        "holds": container.retention.service.holds(actor),
        "events": container.retention.service.events(actor, limit=20),
        "sweeps": sweeps,
        "disposals": {s.id: container.retention.service.disposals(actor, sweep_id=s.id, limit=50) for s in sweeps[:5]},
        "event_labels": EVENT_LABELS,
        "may_manage": actor.may(Permission.manage_retention),
        **extra,
    }


def _page(request: Request, context: dict[str, Any], code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, "console/retention.html", context, status_code=code)


@router.get("/retention", response_class=HTMLResponse)
def page(request: Request, user: ConsoleUserDep, container: ContainerDep, done: str | None = None) -> Response:
    user.actor.require(Permission.read_people)
    return _page(request, _context(container, user, done=DONE.get(done or "")))


def _act(request: Request, container: Container, user: ConsoleUser, done: str, act: Callable[[], Any]) -> Response:
    def again(error: str, code: int) -> Response:
        return _page(request, _context(container, user, error=error), code)

    return ctx.act_then(act, again, f"/console/retention?done={done}")


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value.strip() else None
    except ValueError as exc:
        raise InvalidInput(f"日付の形式 / date format: {exc}") from None


@router.post("/retention/events")
def record_event(
    request: Request,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    event: Short,
    person: Short = "",
    email: Short = "",
    on: Short = "",
    reference: Short = "",
) -> Response:
    check_csrf(user.csrf, csrf)

    def act() -> None:
        if person.strip():
            person_id = person.strip()
        elif email.strip():
            person_id = container.subjects.find("email", email.strip(), user.actor)
        else:
            raise InvalidInput("本人のID またはメールアドレスを入力してください / give the person's id or e-mail")
        day = _day(on)
        at = dt.datetime.combine(day, dt.time(), JST) if day else None
        container.retention.service.record_event(person_id, event, user.actor, occurred_at=at, reference=reference)

    return _act(request, container, user, "event", act)


@router.post("/retention/events/{event_id}/reversal")
def reverse_event(
    request: Request, event_id: str, user: ConsoleUserDep, container: ContainerDep, csrf: Csrf, reason: Short = ""
) -> Response:
    check_csrf(user.csrf, csrf)
    return _act(
        request,
        container,
        user,
        "reversed",
        lambda: container.retention.service.reverse_event(event_id, reason, user.actor),
    )


@router.post("/retention/holds")
def set_hold(
    request: Request,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    kind: Short,
    statute: Short = "",
    person: Short = "",
    subject_kind: Short = "",
    items: Short = "",
    ends: Short = "",
    reason: Short = "",
) -> Response:
    check_csrf(user.csrf, csrf)
    return _act(
        request,
        container,
        user,
        "hold",
        lambda: container.retention.service.set_hold(
            kind,
            user.actor,
            statute=statute,
            person_id=person.strip() or None,
            subject_kinds=[k.strip() for k in subject_kind.split(",") if k.strip()],
            items=[i.strip() for i in items.split(",") if i.strip()],
            ends_on=_day(ends),
            reason=reason,
        ),
    )


@router.post("/retention/holds/{hold_id}/release")
def release_hold(request: Request, hold_id: str, user: ConsoleUserDep, container: ContainerDep, csrf: Csrf) -> Response:
    check_csrf(user.csrf, csrf)
    return _act(
        request, container, user, "released", lambda: container.retention.service.release_hold(hold_id, user.actor)
    )


@router.post("/retention/sweeps")
def run_sweep(request: Request, user: ConsoleUserDep, container: ContainerDep, csrf: Csrf) -> Response:
    check_csrf(user.csrf, csrf)
    return _act(request, container, user, "swept", lambda: container.retention.sweeps.run(user.actor))


@router.get("/retention/sweeps/{sweep_id}/certificate", response_class=Response)
def certificate(sweep_id: str, user: ConsoleUserDep, container: ContainerDep) -> Response:
    pdf = container.retention.certificates.pdf(sweep_id, user.actor)
    return Response(
        pdf, media_type="application/pdf", headers={"Content-Disposition": f'inline; filename="{sweep_id}.pdf"'}
    )
