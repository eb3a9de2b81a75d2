"""Job: requests that waited longer than the ledger's `requests.unverified_days` (30 when unset) for the person to
prove who they are lapse (rejected, Art. 37), so that filings nobody confirms do not fill the desk's queue."""

from __future__ import annotations

import datetime as dt

from hogo.bootstrap import Container
from hogo.errors import NoLedger
from hogo.identity.policy import system_actor
from hogo.schedule.schemas import JobResult

NAME = "unverified-request-lapse"


def run(container: Container, due_at: dt.datetime) -> JobResult:
    try:
        if container.ledger.index().ledger.requests is None:
            return JobResult(changed=0, counts={"no_procedures": 1})
    except NoLedger:
        return JobResult(changed=0, counts={"no_ledger": 1})
    lapsed = container.requests.lapse_unverified(system_actor("hogo:job:unverified-request-lapse"))
    return JobResult(changed=len(lapsed), counts={"lapsed": len(lapsed)}, ids=tuple(lapsed))
