"""The officer's dashboard on a real store (SQLite and PostgreSQL): each number equals the list it links to,
and the monthly charts count what was received, answered and consented in each month in Japan."""

from __future__ import annotations

import datetime as dt

from request_support import Desk
from sqlalchemy import update

from hogo.clock import JST, FixedClock, today_jst
from hogo.consent.schemas import ConsentIn, ConsentKind, ConsentMethod
from hogo.dashboard import WEEK_DAYS, last_months
from hogo.identity.policy import Actor
from hogo.ledger.schemas.procedures import RequestChannel, RequestKind
from hogo.outbox.models import OutboxMessage
from hogo.requests.schemas import RequestIn
from hogo.subjects.schemas import AcquisitionIn, IdentifierIn


def file(desk: Desk, clerk: Actor, kind: RequestKind, days_ago: int, channel: RequestChannel) -> str:
    received = desk.c.clock.now() - dt.timedelta(days=days_ago)
    data = RequestIn(kind=kind, channel=channel, person_id=desk.hanako, received_at=received)
    return desk.c.requests.file(data, clerk).request.id


def test_numbers_equal_the_lists_they_link_to(desk: Desk, clerk: Actor, clock: FixedClock) -> None:
    c = desk.c
    old = file(desk, clerk, RequestKind.disclosure, 40, RequestChannel.post)
    file(desk, clerk, RequestKind.purpose_notification, 12, RequestChannel.post)
    file(desk, clerk, RequestKind.complaint, 3, RequestChannel.phone)
    file(desk, clerk, RequestKind.complaint, 0, RequestChannel.email)
    gone = file(desk, clerk, RequestKind.correction, 1, RequestChannel.email)
    c.requests.withdraw(gone, clerk)

    board = c.dashboard.build()
    queue = c.requests.queue(clerk)
    assert board.requests_open == len(queue) == 4
    assert board.requests_overdue == len(c.requests.queue(clerk, overdue_only=True)) >= 1
    assert old in {v.id for v in c.requests.queue(clerk, overdue_only=True)}
    week = c.requests.queue(clerk, due_within=WEEK_DAYS)
    assert board.requests_week == len(week) >= 1
    assert all(0 <= v.days_left <= WEEK_DAYS for v in week)
    assert board.requests_handover == len(c.requests.queue(clerk, handed_over_only=True)) == 0

    by_kind = {s.label_en: s.values for s in board.charts[0].series}
    this_month = board.charts[0].months.index(today_jst(clock).strftime("%Y-%m"))
    assert sum(sum(v) for v in by_kind.values()) == 5  # every request received in the year, withdrawn included
    by_channel = {s.label_en: sum(s.values) for s in board.charts[1].series}
    assert sum(by_channel.values()) == 5 and len(by_channel) == 3
    assert board.charts[0].months[-1] == today_jst(clock).strftime("%Y-%m") and this_month == 11


def test_mail_given_up_and_records_past_retention_are_counted(desk: Desk, admin: Actor, clock: FixedClock) -> None:
    c = desk.c
    assert c.dashboard.build().retention_due == 0
    applicants = [
        c.subjects.acquire(
            AcquisitionIn(
                subject_kind="applicant",
                identifiers=[IdentifierIn(kind="email", value=f"jiro{n}@example.jp")],
                values={"name": "鈴木 次郎", "email": f"jiro{n}@example.jp"},
                channel="recruit-form",
            ),
            admin,
        ).person_id
        for n in range(2)
    ]
    clock.advance(dt.timedelta(days=31))  # applicant-data: 30 days from acquisition
    assert c.dashboard.build().retention_due == 4
    c.subjects.erase(applicants[0], "REQ-9", admin)  # an erased person's records are nothing left to dispose of
    assert c.dashboard.build().retention_due == 2

    with c.uow() as uow:
        uow.session.execute(update(OutboxMessage).values(state="failed"))
        uow.commit()
        failed = uow.session.query(OutboxMessage).count()
    assert c.dashboard.build().outbox_failed == failed


def test_consents_given_and_withdrawn_per_month(desk: Desk, admin: Actor, clock: FixedClock) -> None:
    c = desk.c
    consent = ConsentIn(kind=ConsentKind.purpose, target="newsletter", method=ConsentMethod.web_checkbox)
    first = c.consents.give(desk.hanako, consent, admin)
    clock.advance(dt.timedelta(days=40))
    c.consents.give(desk.taro, consent, admin)
    c.consents.withdraw(first.id, ConsentMethod.web_checkbox, admin)
    chart = c.dashboard.build().charts[3]
    given = dict(zip(chart.months, chart.series[0].values, strict=True))
    withdrawn = dict(zip(chart.months, chart.series[1].values, strict=True))
    now = clock.now().astimezone(JST)
    then = (clock.now() - dt.timedelta(days=40)).astimezone(JST)
    assert given[now.strftime("%Y-%m")] == 1 and given[then.strftime("%Y-%m")] == 1
    assert withdrawn[now.strftime("%Y-%m")] == 1 and sum(withdrawn.values()) == 1


def test_last_months_cross_the_year() -> None:
    months = last_months(dt.date(2027, 2, 10), 4)
    assert months == ("2026-11", "2026-12", "2027-01", "2027-02")
