"""Console page of the scheduled duties: each job's last run, outcome, error and next due time (JST)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from hogo.identity.policy import Permission
from hogo.schedule.policy import every, lease_free
from hogo.web.console.auth import ConsoleUserDep
from hogo.web.deps import ContainerDep
from hogo.web.templating import templates

router = APIRouter(tags=["console"], include_in_schema=False)
templates.env.filters["every"] = every


@router.get("/jobs", response_class=HTMLResponse)
def jobs(request: Request, user: ConsoleUserDep, container: ContainerDep) -> Response:
    user.actor.require(Permission.read_jobs)
    now = container.clock.now()
    rows = [(job, not lease_free(job.lease_until, now)) for job in container.schedule.jobs()]
    context = {"user": user, "jobs": rows, "worker": container.settings.jobs_worker}
    return templates.TemplateResponse(request, "console/jobs.html", context)
