"""Console pages of incidents (漏えい等): the register, recording one, one incident (facts, the assessment and why,
the reports on their clocks, the people told, the announcement, the desk's enquiries, the timeline) and one
report's nine items to edit, export and mark filed.

Every change goes through the incident services (which check the role, move the state machine and audit); a
refusal re-renders the page with the service's message. Every form sends the session's CSRF token.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from hogo.bootstrap import Container
from hogo.clock import JST
from hogo.errors import DomainError
from hogo.identity.operators import ConsoleUser
from hogo.identity.policy import Permission
from hogo.incidents import messages
from hogo.incidents.content import ITEMS
from hogo.incidents.policy import FoundBy, Kind
from hogo.incidents.schemas import AnnouncementIn, AssessIn, EnquiryIn, FilingIn, IncidentIn, ReportEditIn
from hogo.text import SafeText
from hogo.web.console import request_context as ctx
from hogo.web.console.auth import ConsoleUserDep, check_csrf
from hogo.web.deps import ContainerDep
from hogo.web.errors import status_of
from hogo.web.templating import templates

router = APIRouter(tags=["console"], include_in_schema=False)
Csrf = Annotated[SafeText, Form(max_length=100)]
Text = Annotated[SafeText, Form(max_length=8000)]
Short = Annotated[SafeText, Form(max_length=300)]
Many = Annotated[list[SafeText], Form()]
LABELS = {
    "kinds": messages.KINDS,
    "statuses": messages.STATUSES,
    "outcomes": messages.OUTCOMES,
    "report_kinds": messages.REPORT_KINDS,
    "authorities": messages.AUTHORITIES,
    "bases": messages.BASES,
    "notice_duties": messages.NOTICE_DUTIES,
    "notice_states": messages.NOTICE_STATES,
    "skip_reasons": messages.SKIP_REASONS,
    "levels": messages.WARNING_LEVELS,
    "actions": messages.ACTIONS,
    "found_by": messages.FOUND_BY,
}
DONE = {
    "assessed": ("評価しました", "assessed"),
    "notices": ("本人への通知を送りました", "notices sent"),
    "announced": ("公表しました", "announced"),
    "closed": ("完了にしました", "closed"),
    "edited": ("報告書の新しい版を保存しました", "a new version was saved"),
    "filed": ("提出済みとして記録しました", "recorded as filed"),
    "letters": ("書面を郵送したことを記録しました", "letters recorded as posted"),
}


def _page(request: Request, name: str, context: dict[str, Any], code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, f"console/{name}", {**LABELS, **context}, status_code=code)


@router.get("/incidents", response_class=HTMLResponse)
def register(request: Request, user: ConsoleUserDep, container: ContainerDep) -> Response:
    rows = container.incidents.service.register(user.actor)
    return _page(request, "incidents.html", {"user": user, "rows": rows})


def _choices(container: Container, user: ConsoleUser) -> dict[str, Any]:
    ledger = container.ledger.index().ledger
    return {
        "user": user,
        "kind_choices": list(Kind),
        "found_choices": list(FoundBy),
        "items": ctx.cleared_items(container, user.actor),
        "subject_kinds": [k.id for k in ledger.subject_kinds],
        "datasets": [d.id for d in ledger.datasets],
        "entrustees": [e.id for e in ledger.entrustees],
        "now": container.clock.now().astimezone(JST).strftime("%Y-%m-%dT%H:%M"),
        "error": None,
    }


@router.get("/incidents/new", response_class=HTMLResponse)
def new_page(request: Request, user: ConsoleUserDep, container: ContainerDep) -> Response:
    user.actor.require(Permission.manage_incidents)
    return _page(request, "incidents_new.html", _choices(container, user))


def _jst(value: str) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value.strip()).replace(tzinfo=JST) if value.strip() else None


def _day(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value.strip()) if value.strip() else None


@router.post("/incidents/new", response_class=HTMLResponse)
def record(
    request: Request,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    kind: Short,
    aware_at: Short,
    occurred_at: Short = "",
    found_by: Short = "staff",
    description: Text = "",
    items: Many | None = None,
    subject_kinds: Many | None = None,
    datasets: Many | None = None,
    window_from: Short = "",
    window_to: Short = "",
    entrustee: Short = "",
    flags: Many | None = None,
) -> Response:
    check_csrf(user.csrf, csrf)
    chosen = set(flags or [])
    try:
        data = IncidentIn.model_validate(
            {
                "kind": kind,
                "aware_at": _jst(aware_at),
                "occurred_at": _jst(occurred_at),
                "found_by": found_by,
                "description": description.strip(),
                "items": items or [],
                "subject_kinds": subject_kinds or [],
                "datasets": datasets or [],
                "window_from": _day(window_from),
                "window_to": _day(window_to),
                "entrustee": entrustee or None,
                "as_entrustee": "as_entrustee" in chosen,
                "advanced_encryption": "advanced_encryption" in chosen,
                "data_being_acquired": "data_being_acquired" in chosen,
                "source": "vault" if "vault" in chosen else "company",
                **({"wrongful_purpose": "wrongful_purpose" in chosen} if "judge_wrongful" in chosen else {}),
            }
        )
        view = container.incidents.service.record(data, user.actor)
    except ValidationError as exc:
        return _page(request, "incidents_new.html", _choices(container, user) | {"error": ctx.invalid(exc)}, 422)
    except ValueError:
        return _page(request, "incidents_new.html", _choices(container, user) | {"error": "a date is not valid"}, 422)
    except DomainError as exc:
        return _page(
            request, "incidents_new.html", _choices(container, user) | {"error": exc.text("ja")}, status_of(exc)
        )
    return RedirectResponse(f"/console/incidents/{view.id}?done=assessed", status_code=303)


def _detail(container: Container, user: ConsoleUser, incident_id: str, **extra: Any) -> dict[str, Any]:
    service = container.incidents.service
    view = service.get(incident_id, user.actor)
    notices = container.incidents.notices.notices(incident_id, user.actor, limit=50)
    decision = (view.assessment or {}).get("decision") or {}
    return {
        "user": user,
        "i": view,
        "decision": decision,
        "count": (view.assessment or {}).get("headcount") or {},
        "timeline": service.timeline(incident_id, user.actor),
        "description": service.description(incident_id, user.actor),
        "notices": notices,
        "notice_summary": container.incidents.notices.counts(incident_id, user.actor),
        "may_notify": decision.get("notice") == "required" and view.status.value != "closed",
        "announcement": service.announcement(incident_id),
        "public_url": f"/portal/incidents/{incident_id}",
        "error": None,
        "done": None,
        "enquiry": None,
        **extra,
    }


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def detail(
    request: Request, incident_id: str, user: ConsoleUserDep, container: ContainerDep, done: str | None = None
) -> Response:
    return _page(request, "incidents_detail.html", _detail(container, user, incident_id, done=DONE.get(done or "")))


def _act(
    request: Request, container: Container, user: ConsoleUser, incident_id: str, done: str, act: Callable[[], Any]
) -> Response:
    def again(error: str, code: int) -> Response:
        return _page(request, "incidents_detail.html", _detail(container, user, incident_id, error=error), code)

    return ctx.act_then(act, again, f"/console/incidents/{incident_id}?done={done}")


@router.post("/incidents/{incident_id}/assessment")
def assess(
    request: Request,
    incident_id: str,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    flags: Many | None = None,
    note: Text = "",
) -> Response:
    check_csrf(user.csrf, csrf)
    chosen = set(flags or [])
    names = ("wrongful_purpose", "advanced_encryption", "data_being_acquired", "low_risk", "principal_notified")

    def act() -> None:
        data = AssessIn.model_validate({**{n: n in chosen for n in names}, "note": note.strip()})
        container.incidents.service.assess(incident_id, data, user.actor)

    return _act(request, container, user, incident_id, "assessed", act)


@router.post("/incidents/{incident_id}/notices")
def notify(request: Request, incident_id: str, user: ConsoleUserDep, container: ContainerDep, csrf: Csrf) -> Response:
    check_csrf(user.csrf, csrf)
    return _act(
        request,
        container,
        user,
        incident_id,
        "notices",
        lambda: container.incidents.notices.send(incident_id, user.actor),
    )


@router.post("/incidents/{incident_id}/letters-posted")
def letters_posted(
    request: Request, incident_id: str, user: ConsoleUserDep, container: ContainerDep, csrf: Csrf
) -> Response:
    check_csrf(user.csrf, csrf)
    return _act(
        request,
        container,
        user,
        incident_id,
        "letters",
        lambda: container.incidents.notices.letters_posted(incident_id, user.actor),
    )


@router.get("/incidents/{incident_id}/letters", response_class=Response)
def letters(incident_id: str, user: ConsoleUserDep, container: ContainerDep) -> Response:
    pdf = container.incidents.notices.letters(incident_id, user.actor)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{incident_id}-letters.pdf"'},
    )


@router.post("/incidents/{incident_id}/announcement")
def announce(
    request: Request, incident_id: str, user: ConsoleUserDep, container: ContainerDep, csrf: Csrf, text: Text = ""
) -> Response:
    check_csrf(user.csrf, csrf)
    return _act(
        request,
        container,
        user,
        incident_id,
        "announced",
        lambda: container.incidents.service.announce(incident_id, AnnouncementIn(text=text.strip()), user.actor),
    )


@router.post("/incidents/{incident_id}/enquiry", response_class=HTMLResponse)
def enquiry(
    request: Request,
    incident_id: str,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    kind: Short = "email",
    value: Short = "",
) -> Response:
    check_csrf(user.csrf, csrf)
    try:
        concerned = container.incidents.service.enquiry(incident_id, EnquiryIn(kind=kind, value=value), user.actor)
    except (ValidationError, DomainError) as exc:
        message = exc.text("ja") if isinstance(exc, DomainError) else ctx.invalid(exc)
        return _page(request, "incidents_detail.html", _detail(container, user, incident_id, error=message), 422)
    return _page(request, "incidents_detail.html", _detail(container, user, incident_id, enquiry=concerned))


@router.post("/incidents/{incident_id}/closure")
def close(
    request: Request, incident_id: str, user: ConsoleUserDep, container: ContainerDep, csrf: Csrf, note: Text = ""
) -> Response:
    check_csrf(user.csrf, csrf)
    return _act(
        request,
        container,
        user,
        incident_id,
        "closed",
        lambda: container.incidents.service.close(incident_id, user.actor, note.strip()),
    )


# -- one report ------------------------------------------------------------------------------------------------
def _report(container: Container, user: ConsoleUser, incident_id: str, report_id: str, **extra: Any) -> dict[str, Any]:
    items = container.incidents.reports.content(incident_id, report_id, user.actor)
    view = container.incidents.service.get(incident_id, user.actor)
    report = next(r for r in view.reports if r.id == report_id)
    return {"user": user, "i": view, "r": report, "items": items, "labels": ITEMS, "error": None, "done": None, **extra}


@router.get("/incidents/{incident_id}/reports/{report_id}", response_class=HTMLResponse)
def report_page(
    request: Request,
    incident_id: str,
    report_id: str,
    user: ConsoleUserDep,
    container: ContainerDep,
    done: str | None = None,
) -> Response:
    context = _report(container, user, incident_id, report_id, done=DONE.get(done or ""))
    return _page(request, "incidents_report.html", context)


def _report_act(
    request: Request,
    container: Container,
    user: ConsoleUser,
    incident_id: str,
    report_id: str,
    done: str,
    act: Callable[[], Any],
) -> Response:
    try:
        act()
    except (ValidationError, DomainError) as exc:
        message = exc.text("ja") if isinstance(exc, DomainError) else ctx.invalid(exc)
        code = status_of(exc) if isinstance(exc, DomainError) else 422
        context = _report(container, user, incident_id, report_id, error=message)
        return _page(request, "incidents_report.html", context, code)
    return RedirectResponse(f"/console/incidents/{incident_id}/reports/{report_id}?done={done}", status_code=303)


Item = Annotated[SafeText | None, Form(max_length=8000)]


@router.post("/incidents/{incident_id}/reports/{report_id}")
def edit(
    request: Request,
    incident_id: str,
    report_id: str,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    item_1: Item = None,
    item_2: Item = None,
    item_3: Item = None,
    item_4: Item = None,
    item_5: Item = None,
    item_6: Item = None,
    item_7: Item = None,
    item_8: Item = None,
    item_9: Item = None,
) -> Response:
    check_csrf(user.csrf, csrf)
    given = (item_1, item_2, item_3, item_4, item_5, item_6, item_7, item_8, item_9)
    texts = {str(n): text for n, text in enumerate(given, start=1) if text is not None}
    return _report_act(
        request,
        container,
        user,
        incident_id,
        report_id,
        "edited",
        lambda: container.incidents.reports.edit(incident_id, report_id, ReportEditIn(items=texts), user.actor),
    )


@router.post("/incidents/{incident_id}/reports/{report_id}/filing")
def file(
    request: Request,
    incident_id: str,
    report_id: str,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    reference: Short = "",
) -> Response:
    check_csrf(user.csrf, csrf)
    return _report_act(
        request,
        container,
        user,
        incident_id,
        report_id,
        "filed",
        lambda: container.incidents.reports.file(incident_id, report_id, FilingIn(reference=reference), user.actor),
    )


@router.get("/incidents/{incident_id}/reports/{report_id}/pdf", response_class=Response)
def pdf(incident_id: str, report_id: str, user: ConsoleUserDep, container: ContainerDep) -> Response:
    content = container.incidents.reports.pdf(incident_id, report_id, user.actor)
    return Response(
        content,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{report_id}.pdf"'},
    )


@router.get("/incidents/{incident_id}/reports/{report_id}/json")
def json_export(incident_id: str, report_id: str, user: ConsoleUserDep, container: ContainerDep) -> dict[str, Any]:
    return container.incidents.reports.document(incident_id, report_id, user.actor)
