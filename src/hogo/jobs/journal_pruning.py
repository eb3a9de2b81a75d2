"""Job: prune the change journal (`fact_changes`) of rows older than `HOGO_CHANGES_KEEP_HOURS`.

Every process's decision cache reads the journal at least once per `decision_cache_seconds`, so a row a
day old has long been read; a cache that has not looked since before the pruned range learns from
`Changes.since` that it missed changes and drops everything (ADR 0004). One batch per transaction.
"""

from __future__ import annotations

import datetime as dt

from hogo.bootstrap import Container
from hogo.schedule.schemas import JobResult

NAME = "change-journal-pruning"


def run(container: Container, due_at: dt.datetime) -> JobResult:
    pruned = container.journal.prune(dt.timedelta(hours=container.settings.changes_keep_hours))
    return JobResult(changed=pruned.deleted, counts={"rows_deleted": pruned.deleted})
