"""Console pages of the yearly cycle (PMS): one page with what is due, the ledger reviews, the internal audits, the
training, the security measures and the responsible persons, each with its form; one page per audit with its
findings and their corrective actions; the training and audit records as CSV for the auditor.

The officer (and an administrator) writes; the auditor reads and downloads. Every change goes through the PMS
services (which check the role and audit); a refusal re-renders the page with the service's message and nothing
stored. Every form sends the session's CSRF token.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from hogo.bootstrap import Container
from hogo.clock import today_jst
from hogo.identity.operators import ConsoleUser
from hogo.identity.policy import Permission
from hogo.pms import messages
from hogo.pms.exports import audits_csv, training_csv
from hogo.pms.policy import MeasureCategory, MeasureStatus, ResponsibleRole, Severity
from hogo.pms.schemas import (
    ActionIn,
    AuditIn,
    CloseFindingIn,
    CourseIn,
    FindingIn,
    MeasureIn,
    MeasureReviewIn,
    ResponsibleIn,
    ReviewIn,
    TrainingIn,
)
from hogo.text import SafeText
from hogo.web.console import request_context as ctx
from hogo.web.console.auth import ConsoleUserDep, check_csrf
from hogo.web.deps import ContainerDep
from hogo.web.templating import templates

router = APIRouter(tags=["console"], include_in_schema=False)
Csrf = Annotated[SafeText, Form(max_length=100)]
Text = Annotated[SafeText, Form(max_length=4000)]
Short = Annotated[SafeText, Form(max_length=300)]
LABELS = {
    "severities": messages.SEVERITIES,
    "categories": messages.CATEGORIES,
    "statuses": messages.STATUSES,
    "roles": messages.ROLES,
    "due_kinds": messages.DUE_KINDS,
    "sections_ja": messages.SECTIONS,
}
DONE = {
    "review": ("台帳の見直しを記録しました", "the ledger review was recorded"),
    "course": ("研修コースを追加しました", "the course was added"),
    "training": ("受講を記録しました", "the attendance was recorded"),
    "audit": ("内部監査を計画しました", "the audit was planned"),
    "finding": ("指摘事項を記録しました", "the finding was recorded"),
    "action": ("是正処置を記録しました", "the corrective action was recorded"),
    "closed": ("完了にしました", "closed"),
    "measure": ("安全管理措置を記録しました", "the measure was recorded"),
    "people": ("責任者を登録しました", "the appointment was recorded"),
}


def _none(value: str) -> str | None:
    return value.strip() or None


def _page(request: Request, name: str, context: dict[str, Any], code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, f"console/{name}", {**LABELS, **context}, status_code=code)


def _index(container: Container, user: ConsoleUser, **extra: Any) -> dict[str, Any]:
    actor = user.actor
    actor.require(Permission.read_pms)
    pms = container.pms
    return {
        "user": user,
        "may_write": actor.may(Permission.manage_pms),
        "due": pms.due(actor),
        "sections": ["all", *pms.service.sections()],
        "section_due": pms.service.section_due(),
        "reviews": pms.service.reviews(actor, limit=50),
        "audits": pms.audits.audits(actor),
        "courses": pms.training.courses(actor),
        "trainings": pms.training.records(actor, limit=50),
        "training_overdue": pms.training.overdue(actor),
        "measures": pms.measures.measures(actor),
        "people": pms.service.responsibles(actor),
        "operators": [o for o in container.operators.directory() if not o.disabled],
        "severity_choices": list(Severity),
        "category_choices": list(MeasureCategory),
        "status_choices": list(MeasureStatus),
        "role_choices": list(ResponsibleRole),
        "today": today_jst(container.clock).isoformat(),
        "error": None,
        "done": None,
        **extra,
    }


@router.get("/pms", response_class=HTMLResponse)
def index(request: Request, user: ConsoleUserDep, container: ContainerDep, done: str | None = None) -> Response:
    return _page(request, "pms.html", _index(container, user, done=DONE.get(done or "")))


def _act(
    request: Request, container: Container, user: ConsoleUser, done: str, act: Callable[[], Any], back: str = ""
) -> Response:
    """Run one change; on a refusal show the page again with the reason (nothing was stored)."""
    audit_id = back

    def again(error: str, code: int) -> Response:
        if audit_id:
            return _page(request, "pms_audit.html", _audit(container, user, audit_id, error=error), code)
        return _page(request, "pms.html", _index(container, user, error=error), code)

    where = f"/console/pms/audits/{audit_id}" if audit_id else "/console/pms"
    return ctx.act_then(act, again, f"{where}?done={done}")


@router.post("/pms/reviews")
def record_review(
    request: Request,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    section: Short,
    findings: Text = "",
    reviewed_on: Short = "",
    next_due: Short = "",
) -> Response:
    """A review signed by whoever is signed in: the service refuses anyone but the officer (or an admin)."""
    check_csrf(user.csrf, csrf)

    def act() -> None:
        data = ReviewIn.model_validate(
            {
                "section": section,
                "reviewer": user.operator.login,
                "findings": findings,
                "reviewed_on": _none(reviewed_on),
                "next_due": _none(next_due),
            }
        )
        container.pms.service.record_review(data, user.actor)

    return _act(request, container, user, "review", act)


@router.post("/pms/courses")
def add_course(
    request: Request, user: ConsoleUserDep, container: ContainerDep, csrf: Csrf, title: Short, interval_months: Short
) -> Response:
    check_csrf(user.csrf, csrf)

    def act() -> None:
        data = CourseIn.model_validate({"title": title, "interval_months": interval_months or 12})
        container.pms.training.add_course(data, user.actor)

    return _act(request, container, user, "course", act)


@router.post("/pms/trainings")
def record_training(
    request: Request,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    course: Short,
    operator: Short,
    attended_on: Short,
) -> Response:
    check_csrf(user.csrf, csrf)

    def act() -> None:
        data = TrainingIn.model_validate({"course": course, "operator": operator, "attended_on": attended_on})
        container.pms.training.record(data, user.actor)

    return _act(request, container, user, "training", act)


@router.post("/pms/audits")
def plan_audit(
    request: Request,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    title: Short,
    planned_on: Short,
    auditor: Short,
    scope: Text = "",
) -> Response:
    check_csrf(user.csrf, csrf)

    def act() -> None:
        data = AuditIn.model_validate({"title": title, "scope": scope, "planned_on": planned_on, "auditor": auditor})
        container.pms.audits.plan_audit(data, user.actor)

    return _act(request, container, user, "audit", act)


@router.post("/pms/measures")
def add_measure(
    request: Request,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    category: Short,
    title: Text,
    status: Short = "in_place",
    evidence: Text = "",
) -> Response:
    check_csrf(user.csrf, csrf)

    def act() -> None:
        data = MeasureIn.model_validate({"category": category, "title": title, "status": status, "evidence": evidence})
        container.pms.measures.add(data, user.actor)

    return _act(request, container, user, "measure", act)


@router.post("/pms/measures/{measure_id}/review")
def review_measure(
    request: Request,
    measure_id: str,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    status: Short,
    evidence: Text = "",
) -> Response:
    check_csrf(user.csrf, csrf)

    def act() -> None:
        data = MeasureReviewIn.model_validate({"status": status, "evidence": _none(evidence)})
        container.pms.measures.review(measure_id, data, user.actor)

    return _act(request, container, user, "measure", act)


@router.post("/pms/people")
def appoint(
    request: Request,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    role: Short,
    since: Short,
    operator: Short = "",
    name: Short = "",
    title: Short = "",
    until: Short = "",
) -> Response:
    check_csrf(user.csrf, csrf)

    def act() -> None:
        data = ResponsibleIn.model_validate(
            {
                "role": role,
                "operator": _none(operator),
                "name": _none(name),
                "title": _none(title),
                "since": since,
                "until": _none(until),
            }
        )
        container.pms.service.appoint(data, user.actor)

    return _act(request, container, user, "people", act)


# -- one audit ----------------------------------------------------------------------------------------------
def _audit(container: Container, user: ConsoleUser, audit_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "user": user,
        "may_write": user.actor.may(Permission.manage_pms),
        "a": container.pms.audits.audit(audit_id, user.actor),
        "operators": [o for o in container.operators.directory() if not o.disabled],
        "severity_choices": list(Severity),
        "error": None,
        "done": None,
        **extra,
    }


@router.get("/pms/audits/{audit_id}", response_class=HTMLResponse)
def audit_page(
    request: Request, audit_id: str, user: ConsoleUserDep, container: ContainerDep, done: str | None = None
) -> Response:
    return _page(request, "pms_audit.html", _audit(container, user, audit_id, done=DONE.get(done or "")))


@router.post("/pms/audits/{audit_id}/findings")
def add_finding(
    request: Request,
    audit_id: str,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    text: Text,
    severity: Short = "minor",
) -> Response:
    check_csrf(user.csrf, csrf)

    def act() -> None:
        data = FindingIn.model_validate({"text": text, "severity": severity})
        container.pms.audits.add_finding(audit_id, data, user.actor)

    return _act(request, container, user, "finding", act, audit_id)


@router.post("/pms/audits/{audit_id}/close")
def close_audit(request: Request, audit_id: str, user: ConsoleUserDep, container: ContainerDep, csrf: Csrf) -> Response:
    check_csrf(user.csrf, csrf)
    return _act(
        request, container, user, "closed", lambda: container.pms.audits.close_audit(audit_id, user.actor), audit_id
    )


@router.post("/pms/audits/{audit_id}/findings/{finding_id}/action")
def set_action(
    request: Request,
    audit_id: str,
    finding_id: str,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    action: Text,
    owner: Short,
    due: Short,
) -> Response:
    check_csrf(user.csrf, csrf)

    def act() -> None:
        data = ActionIn.model_validate({"action": action, "owner": owner, "due": due})
        container.pms.audits.set_action(finding_id, data, user.actor)

    return _act(request, container, user, "action", act, audit_id)


@router.post("/pms/audits/{audit_id}/findings/{finding_id}/close")
def close_finding(
    request: Request,
    audit_id: str,
    finding_id: str,
    user: ConsoleUserDep,
    container: ContainerDep,
    csrf: Csrf,
    completion: Text = "",
) -> Response:
    check_csrf(user.csrf, csrf)

    def act() -> None:
        data = CloseFindingIn.model_validate({"completion": completion})
        container.pms.audits.close_finding(finding_id, data, user.actor)

    return _act(request, container, user, "closed", act, audit_id)


# -- downloads for the auditor --------------------------------------------------------------------------------
def _csv(lines: Iterator[str], name: str) -> StreamingResponse:
    def body() -> Iterator[bytes]:
        yield "\ufeff".encode()  # a BOM: Excel reads the file as UTF-8
        for line in lines:
            yield line.encode()

    return StreamingResponse(
        body(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )


@router.get("/pms/training.csv")
def training_export(user: ConsoleUserDep, container: ContainerDep) -> Response:
    return _csv(training_csv(container.pms.training.records(user.actor)), "training.csv")


@router.get("/pms/audits.csv")
def audits_export(user: ConsoleUserDep, container: ContainerDep) -> Response:
    return _csv(audits_csv(container.pms.audits.audits(user.actor)), "audits.csv")
