"""Job: rotate the master key once it is HOGO_MASTER_KEY_MAX_DAYS old, and finish a rotation left unfinished.

Run it at least daily (`hogo keys rotate --if-due`, or from the scheduler): it is idempotent, and a run killed at
any point is completed by the next. Its interval is part of the bound after which an erased person's wrapped data
key, wherever a copy of it was left, can no longer be unwrapped (ADR 0013).
"""

from __future__ import annotations

import datetime as dt

from hogo.bootstrap import Container
from hogo.identity.policy import system_actor
from hogo.schedule.schemas import JobResult
from hogo.subjects.keys import RotationResult, RotationStatus

NAME = "key-rotation"
JOB_ACTOR = "hogo:job:key-rotation"


def run(container: Container, actor_name: str = JOB_ACTOR) -> RotationResult:
    """Rotate if due by the container's clock and settings; what was done (status `busy`: another process is at it)."""
    max_age = dt.timedelta(days=container.settings.master_key_max_days)
    return container.subjects.rotate_if_due(system_actor(actor_name), max_age)


def job(container: Container, due_at: dt.datetime) -> JobResult:
    """The scheduled form: counts only (the key ids are in the `keys.rotated` audit event)."""
    if container.settings.master_key is not None:  # a key given directly cannot rotate (ADR 0013)
        return JobResult(changed=0, counts={"key_file": 0})
    done = run(container)
    return JobResult(
        changed=len(done.old_keys) + done.rewrapped,
        counts={
            "rewrapped": done.rewrapped,
            "destroyed": len(done.old_keys),
            "rotated": int(done.status in (RotationStatus.rotated, RotationStatus.resumed)),
        },
    )
