"""Console pages of the runs in the company's own databases: each dataset's step and its outcome, the holds."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from hogo.identity.policy import Permission
from hogo.web.console.auth import ConsoleUserDep
from hogo.web.deps import ContainerDep
from hogo.web.templating import templates

router = APIRouter(tags=["console"], include_in_schema=False)


@router.get("/datasets/runs", response_class=HTMLResponse)
def runs(request: Request, user: ConsoleUserDep, container: ContainerDep) -> Response:
    user.actor.require(Permission.read_people)
    context = {
        "user": user,
        "runs": container.datasets.runs(user.actor, limit=50),
        "datasets": container.datasets.datasets(),
    }
    return templates.TemplateResponse(request, "console/dataset_runs.html", context)


@router.get("/datasets/runs/{run_id}", response_class=HTMLResponse)
def run(request: Request, run_id: str, user: ConsoleUserDep, container: ContainerDep) -> Response:
    user.actor.require(Permission.read_people)
    context = {"user": user, "run": container.datasets.run(run_id, user.actor)}
    return templates.TemplateResponse(request, "console/dataset_run.html", context)
