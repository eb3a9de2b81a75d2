"""Job: delete provision and receipt records whose retention period ended (Arts. 29(2), 30(4); Rules 21, 25, 29).

Registered as `provision-record-retention` (daily); `hogo provisions purge` runs the same by hand. It is
idempotent and one transaction.
"""

from __future__ import annotations

import datetime as dt

from hogo.bootstrap import Container
from hogo.identity.policy import system_actor
from hogo.schedule.schemas import JobResult
from hogo.schedule.service import job_actor

NAME = "provision-record-retention"
JOB_ACTOR = "hogo:job:provision-retention"


def run(container: Container, actor_name: str = JOB_ACTOR) -> int:
    """Purge what is due now by the container's clock; how many records were deleted."""
    return container.provision.purge_expired(container.clock.now(), system_actor(actor_name))


def job(container: Container, due_at: dt.datetime) -> JobResult:
    """The scheduled body: what is past its retention by the container's clock goes."""
    deleted = run(container, job_actor(NAME))
    return JobResult(changed=deleted, counts={"records_deleted": deleted})
