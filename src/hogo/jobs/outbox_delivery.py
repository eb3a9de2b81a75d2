"""Job: deliver what the outbox holds that is due — retries after their back-off, attempts whose sender died
(lease run out), and messages another process queued. New messages are sent at once after their commit; this job
is what makes a failed or orphaned one go out in the end."""

from __future__ import annotations

import datetime as dt

from hogo.bootstrap import Container
from hogo.schedule.schemas import JobResult

NAME = "outbox-delivery"


def run(container: Container, due_at: dt.datetime) -> JobResult:
    done = container.outbox.deliver_due()
    counts = {"sent": done.sent, "retrying": done.retrying, "failed": done.failed, "expired": done.expired}
    return JobResult(changed=done.total, counts=counts)
