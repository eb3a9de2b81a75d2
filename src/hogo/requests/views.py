"""The desk's view of a request row, with its deadlines computed against the clock's instant."""

from __future__ import annotations

import datetime as dt

from hogo.ledger.schemas.procedures import RequestChannel, RequestKind
from hogo.requests import deadlines
from hogo.requests.models import PersonRequest
from hogo.requests.schemas import RequestView
from hogo.requests.workflow import OPEN, Status


def request_view(row: PersonRequest, now: dt.datetime) -> RequestView:
    """What the desk sees of a request: codes, dates and opaque ids; its deadlines against `now`."""
    d = deadlines.Deadlines(deadlines.jst_date(row.received_at), row.art39_from, row.target_days, row.due_on)
    status = Status(row.status)
    return RequestView(
        id=row.id,
        kind=RequestKind(row.kind),
        channel=RequestChannel(row.channel),
        status=status,
        person_id=row.person_id,
        language=row.language,
        claimed_ground=row.claimed_ground,
        scope=row.scope,
        disclosure_method=row.disclosure_method,
        agent_kind=row.agent_kind,
        agent_identity=row.agent_identity,
        identity_method=row.identity_method,
        identity_verified_at=row.identity_verified_at,
        fee_jpy=row.fee_jpy,
        fee_paid_at=row.fee_paid_at,
        received_at=row.received_at,
        target_days=row.target_days,
        due_on=row.due_on,
        art39_from=row.art39_from,
        overdue=status in OPEN and deadlines.overdue(d, now),
        days_left=deadlines.days_left(d, now),
        outcome=row.outcome,
        ground=row.ground,
        article=row.article,
        decided_at=row.decided_at,
        fulfilled_at=row.fulfilled_at,
        answered_at=row.answered_at,
        notified_at=row.notified_at,
        closed_at=row.closed_at,
        measures=row.measures,
        package_ready=row.package is not None and row.package_ended_at is None,
        package_until=row.package_until if row.package is not None else None,
    )
