"""Job: once a month, mail the privacy officer what is due or overdue in the yearly cycle of the management system
(ledger reviews, corrective actions, training, security-measure reviews).

The mail goes to HOGO_OFFICER_MAIL through the outbox; keyed by the month in Japan, so a second run that month
queues nothing more. Without an officer address, or with nothing due, nothing is sent.
"""

from __future__ import annotations

import datetime as dt

from hogo.bootstrap import Container
from hogo.errors import NoLedger
from hogo.identity.policy import system_actor
from hogo.schedule.schemas import JobResult

NAME = "pms-due-reminder"


def run(container: Container, due_at: dt.datetime) -> JobResult:
    to = container.settings.officer_mail
    if to is None:
        return JobResult(changed=0, counts={"no_officer_address": 1})
    try:
        container.ledger.index()
    except NoLedger:
        return JobResult(changed=0, counts={"no_ledger": 1})
    actor = system_actor(f"hogo:job:{NAME}")
    due = container.pms.service.remind(to, actor, container.settings.public_url)
    queued = int(bool(due.items))
    return JobResult(changed=queued, counts={**due.counts, "queued": queued}, ids=tuple(i.id for i in due.items[:50]))
