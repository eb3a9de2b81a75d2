"""Job: remove rate-limit windows that ended more than a day ago (the counts of anonymous filings)."""

from __future__ import annotations

import datetime as dt

from hogo.bootstrap import Container
from hogo.schedule.schemas import JobResult

NAME = "rate-limit-pruning"
KEEP = dt.timedelta(days=1)


def run(container: Container, due_at: dt.datetime) -> JobResult:
    gone = container.ratelimits.prune(KEEP)
    return JobResult(changed=gone, counts={"windows_deleted": gone})
