"""Console pages of processing jobs (仮名加工情報・匿名加工情報): the ledger's jobs, and one job's report — the law's
checks item by item, the privacy model's outcome (k, suppression, loss, risk) — with a chart of the information
loss against k. Computed on the source now; nothing is written (`hogo processed run` writes the files)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from hogo.errors import DomainError
from hogo.identity.policy import Permission
from hogo.ledger.schemas.processing import ProcessingKind
from hogo.web.charts import line_chart
from hogo.web.console.auth import ConsoleUserDep
from hogo.web.deps import ContainerDep
from hogo.web.errors import status_of
from hogo.web.templating import templates

router = APIRouter(tags=["console"], include_in_schema=False)
KS = (2, 3, 5, 10, 20, 50)


@router.get("/processed", response_class=HTMLResponse)
def jobs(request: Request, user: ConsoleUserDep, container: ContainerDep) -> Response:
    user.actor.require(Permission.read_audit)
    made = {p.job.id: p for p in container.processed.published()}
    context = {"user": user, "jobs": container.processed.jobs(), "made": made}
    return templates.TemplateResponse(request, "console/processed.html", context)


@router.get("/processed/{job_id}", response_class=HTMLResponse)
def detail(request: Request, job_id: str, user: ConsoleUserDep, container: ContainerDep) -> Response:
    user.actor.require(Permission.read_audit)
    job = container.processed.job(job_id)
    context: dict[str, Any] = {"user": user, "job": job, "report": None, "chart": None, "error": None}
    try:
        context["report"] = container.processed.outcome(job_id).report()
        if job.kind is ProcessingKind.anonymised:
            curve = container.processed.loss_curve(job_id, KS)
            points = [(float(p["k"]), float(p["loss"])) for p in curve]
            context["chart"] = line_chart(
                points, "loss-chart", "情報損失と k / Information loss against k", "k", "loss (LM)"
            )
    except DomainError as exc:
        context["error"] = exc.text("ja")
        return templates.TemplateResponse(request, "console/processed_detail.html", context, status_code=status_of(exc))
    return templates.TemplateResponse(request, "console/processed_detail.html", context)
