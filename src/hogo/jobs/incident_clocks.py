"""Job: warn the officer of incident reports due in 2 days, in 1 day, or overdue — on the console and by mail — each
warning once (keyed by report, level and due date). Hourly, so a warning comes early on its day."""

from __future__ import annotations

import datetime as dt

from hogo.bootstrap import Container
from hogo.identity.policy import system_actor
from hogo.schedule.schemas import JobResult
from hogo.schedule.service import job_actor

NAME = "incident-clocks"


def run(container: Container, due_at: dt.datetime) -> JobResult:
    given = container.incidents.clocks.warn(system_actor(job_actor(NAME)))
    return JobResult(
        changed=len(given.warned), counts={"watching": given.watching, "warned": len(given.warned)}, ids=given.warned
    )
