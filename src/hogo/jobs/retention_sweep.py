"""Job: the retention sweep (廃棄): resume a sweep left unfinished, then dispose of what is due (Art. 22).

Registered as `retention-sweep` (daily); `hogo retention run` does the same by hand. Resumable and idempotent:
a second run with nothing due does nothing (retention/sweep.py).
"""

from __future__ import annotations

import datetime as dt

from hogo.bootstrap import Container
from hogo.errors import NoLedger
from hogo.identity.policy import system_actor
from hogo.schedule.schemas import JobResult
from hogo.schedule.service import job_actor

NAME = "retention-sweep"


def run(container: Container, due_at: dt.datetime) -> JobResult:
    actor = system_actor(job_actor(NAME))
    try:
        result = container.retention.sweeps.run(actor)
    except NoLedger:  # nothing declared, nothing to keep or dispose of
        return JobResult(changed=0, counts={"no_ledger": 1})
    disposed = result.disposed
    return JobResult(
        changed=disposed,
        counts={"disposed": disposed, "held": result.held, "pending": result.pending, "sweeps": len(result.sweeps)},
    )
