"""Job: record the entrustee supervisions and the checks of recipients abroad that are overdue, once per due
date each (`provision.check_overdue`). A reminder mail to the officer may follow the ones noticed now."""

from __future__ import annotations

import datetime as dt

from hogo.bootstrap import Container
from hogo.identity.policy import system_actor
from hogo.schedule.schemas import JobResult
from hogo.schedule.service import job_actor

NAME = "periodic-checks-overdue"


def run(container: Container, due_at: dt.datetime) -> JobResult:
    found = container.overdue_checks.notice(system_actor(job_actor(NAME)))
    noticed = [f for f in found if f.noticed_now]
    return JobResult(
        changed=len(noticed),
        counts={"overdue": len(found), "noticed": len(noticed)},
        ids=tuple(f"{f.register}:{f.recipient}" for f in noticed),
    )
