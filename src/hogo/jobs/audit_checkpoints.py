"""Job: sign a checkpoint of the audit log when `HOGO_AUDIT_CHECKPOINT_EVENTS` events came since the last one, or
the last one is `HOGO_AUDIT_CHECKPOINT_MINUTES` old and events came since; publish it (`HOGO_AUDIT_PUBLISH`).

Without a signing key (`hogo keys audit-init`) it does nothing. A log that no longer extends a published checkpoint
fails the run with the first divergent size (`RolledBack`), so the jobs page shows it.
"""

from __future__ import annotations

import datetime as dt

from hogo.bootstrap import Container
from hogo.schedule.schemas import JobResult

NAME = "audit-checkpoints"


def run(container: Container, due_at: dt.datetime) -> JobResult:
    checkpoints = container.checkpoints
    if not checkpoints.keys.exists():
        return JobResult()
    if not checkpoints.due():
        checkpoints.check_rollback()  # a database restored from a backup is caught within a minute
        return JobResult()
    written = checkpoints.write()
    return JobResult(changed=1, counts={"tree_size": written.size}, ids=(f"{written.origin}:{written.size}",))
