"""Job: remind the desk once a day of the requests past their due date or due within three days.

The mail goes to HOGO_DESK_MAIL, else to the desk's address in the ledger; it lists request ids, kinds and due
dates only. Keyed by the day in Japan: a second run on the same day queues nothing more.
"""

from __future__ import annotations

import datetime as dt

from hogo.bootstrap import Container
from hogo.errors import NoLedger
from hogo.identity.policy import system_actor
from hogo.schedule.schemas import JobResult

NAME = "request-reminders"


def run(container: Container, due_at: dt.datetime) -> JobResult:
    try:
        desk = container.ledger.index().ledger.operator.desk
    except NoLedger:
        return JobResult(changed=0, counts={"no_ledger": 1})
    to = container.settings.desk_mail or (str(desk.email) if desk.email else None)
    if to is None or container.ledger.index().ledger.requests is None:
        return JobResult(changed=0, counts={"no_desk_address": int(to is None)})
    reminder = container.requests.remind(to, system_actor("hogo:job:request-reminders"))
    counts = {"overdue": len(reminder.overdue), "near": len(reminder.near), "queued": int(reminder.queued)}
    return JobResult(changed=int(reminder.queued), counts=counts, ids=reminder.overdue + reminder.near)
