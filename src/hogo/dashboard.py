"""The officer's dashboard: what needs attention, as numbers that link to their lists, and a year in charts.

Each number is counted in the store by the same condition its list applies (the request queue's `open`,
`week`, `overdue` and `handover`, the outbox's failed messages, the records whose retention has run out),
so a number and the list it links to cannot disagree. Monthly series are grouped by the month in Japan.
Every query is indexed or runs over a small table (requests, consents per month): the dashboard must stay
fast with a million people and ten million audit events.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Date, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from hogo.clock import Clock, today_jst
from hogo.consent.models import Consent
from hogo.db.uow import UnitOfWorkFactory
from hogo.ledger.schemas.procedures import RequestChannel, RequestKind
from hogo.ledger.vocab import REQUEST_CHANNEL, REQUEST_KIND
from hogo.outbox.models import OutboxMessage
from hogo.outbox.policy import State
from hogo.requests.models import PersonRequest
from hogo.requests.workflow import OPEN, TERMINAL, Status
from hogo.subjects.models import Person, Record

WEEK_DAYS = 7
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
MONTHS = 12


class JstDate(FunctionElement[dt.date]):
    """The date in Japan of a stored UTC timestamp."""

    type = Date()
    inherit_cache = True


@compiles(JstDate, "sqlite")
def _date_sqlite(element: JstDate, compiler: Any, **kw: Any) -> str:
    return f"date({compiler.process(element.clauses, **kw)}, '+9 hours')"


@compiles(JstDate, "postgresql")
def _date_pg(element: JstDate, compiler: Any, **kw: Any) -> str:
    return f"CAST(({compiler.process(element.clauses, **kw)} AT TIME ZONE 'Asia/Tokyo') AS DATE)"


@dataclass(frozen=True)
class Series:
    label_ja: str
    label_en: str
    values: tuple[int, ...]


@dataclass(frozen=True)
class Chart:
    title_ja: str
    title_en: str
    months: tuple[str, ...]
    series: tuple[Series, ...]


@dataclass(frozen=True)
class Dashboard:
    today: dt.date
    persons: int
    requests_open: int
    requests_week: int
    requests_overdue: int
    requests_handover: int
    outbox_failed: int
    outbox_retrying: int
    retention_due: int
    """Records of persons still held whose retention has run out: due for disposal."""
    datasets_review_due: tuple[str, ...]
    """Datasets of the ledger whose last review is more than a year old (JIS Q 15001: at least yearly)."""
    charts: tuple[Chart, ...] = field(default_factory=tuple)
    extra: dict[str, Any] = field(default_factory=dict)
    """Numbers other parts add (incident clocks, provision checks, the yearly cycle)."""


def last_months(today: dt.date, n: int = MONTHS) -> tuple[str, ...]:
    """The `n` months up to and including today's, oldest first, as 'YYYY-MM'."""
    year, month = today.year, today.month
    out = []
    for _ in range(n):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return tuple(reversed(out))


def month_start_utc(month: str) -> dt.datetime:
    year, number = (int(p) for p in month.split("-"))
    return dt.datetime(year, number, 1, tzinfo=dt.timezone(dt.timedelta(hours=9))).astimezone(dt.UTC)


class DashboardService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def build(self, datasets_last_review: dict[str, dt.date] | None = None) -> Dashboard:
        today = today_jst(self._clock)
        now = self._clock.now()
        months = last_months(today)
        bounds = _bounds(months)
        open_states = [s.value for s in OPEN]
        with self._uow(read_only=True) as uow:
            s = uow.session
            persons = s.execute(select(func.count()).select_from(Person).where(Person.erased_at.is_(None))).scalar_one()

            def count_requests(*where: Any) -> int:
                query = select(func.count()).select_from(PersonRequest).where(*where)
                return int(s.execute(query).scalar_one())

            is_open = PersonRequest.status.in_(open_states)
            not_closed = count_requests(PersonRequest.status.not_in([t.value for t in TERMINAL]))
            overdue = count_requests(is_open, PersonRequest.due_on < today)
            week = count_requests(
                is_open, PersonRequest.due_on >= today, PersonRequest.due_on <= today + dt.timedelta(days=WEEK_DAYS)
            )
            handover = count_requests(PersonRequest.status == Status.handed_over.value)
            outbox = dict(
                s.execute(
                    select(OutboxMessage.state, func.count())
                    .where(OutboxMessage.state.in_([State.failed.value, State.retrying.value]))
                    .group_by(OutboxMessage.state)
                ).all()
            )
            # The erased are few: a range on their index (SQLite's planner scans the table for IS NOT NULL).
            erased = select(Person.id).where(Person.erased_at >= EPOCH)
            retention_due = s.execute(
                select(func.count())
                .select_from(Record)
                .where(
                    Record.retention_until <= now,
                    Record.superseded_at.is_(None),
                    Record.person_id.not_in(erased),
                )
            ).scalar_one()
            charts = (
                self._requests_by_kind(s, months, bounds),
                self._requests_by_channel(s, months, bounds),
                self._answer_times(s, months, bounds),
                self._consents(s, months, bounds),
            )
        stale = today - dt.timedelta(days=365)
        review_due = tuple(sorted(d for d, on in (datasets_last_review or {}).items() if on < stale))
        return Dashboard(
            today=today,
            persons=int(persons),
            requests_open=not_closed,
            requests_week=week,
            requests_overdue=overdue,
            requests_handover=handover,
            outbox_failed=int(outbox.get(State.failed.value, 0)),
            outbox_retrying=int(outbox.get(State.retrying.value, 0)),
            retention_due=int(retention_due),
            datasets_review_due=review_due,
            charts=charts,
        )

    def _counts(self, s: Any, bounds: list[dt.datetime], column: Any, *where: Any) -> tuple[int, ...]:
        """Rows per month: one count per month over an index range on `column` (no per-row date arithmetic)."""
        return tuple(
            int(s.execute(select(func.count()).where(column >= start, column < end, *where)).scalar_one())
            for start, end in itertools.pairwise(bounds)
        )

    def _by_key(
        self, s: Any, bounds: list[dt.datetime], column: Any, key: Any, labels: Any, enum: Any
    ) -> tuple[Series, ...]:
        """One series per value of `key` seen this year; each month counted over the (key, time) index."""
        present = s.execute(select(key).where(column >= bounds[0], column < bounds[-1]).distinct()).scalars()
        return tuple(
            Series(*_label(labels, enum, value), self._counts(s, bounds, column, key == value))
            for value in sorted(present)
        )

    def _requests_by_kind(self, s: Any, months: tuple[str, ...], bounds: list[dt.datetime]) -> Chart:
        series = self._by_key(s, bounds, PersonRequest.received_at, PersonRequest.kind, REQUEST_KIND, RequestKind)
        return Chart("種類別の請求件数（月別）", "Requests per month, by kind", months, series)

    def _requests_by_channel(self, s: Any, months: tuple[str, ...], bounds: list[dt.datetime]) -> Chart:
        series = self._by_key(
            s, bounds, PersonRequest.received_at, PersonRequest.channel, REQUEST_CHANNEL, RequestChannel
        )
        return Chart("受付方法別の請求件数（月別）", "Requests per month, by channel", months, series)

    def _answer_times(self, s: Any, months: tuple[str, ...], bounds: list[dt.datetime]) -> Chart:
        answered = func.coalesce(PersonRequest.notified_at, PersonRequest.answered_at, PersonRequest.fulfilled_at)
        on_time = JstDate(answered) <= PersonRequest.due_on
        column = PersonRequest.received_at
        in_time = self._counts(s, bounds, column, answered.is_not(None), on_time)
        all_answered = self._counts(s, bounds, column, answered.is_not(None))
        return Chart(
            "期限内に回答した請求（受付月別）",
            "Requests answered by their due date (by month received)",
            months,
            (
                Series("期限内", "on time", in_time),
                Series("期限超過", "late", tuple(a - t for a, t in zip(all_answered, in_time, strict=True))),
            ),
        )

    def _consents(self, s: Any, months: tuple[str, ...], bounds: list[dt.datetime]) -> Chart:
        return Chart(
            "同意の取得と撤回（月別）",
            "Consents given and withdrawn per month",
            months,
            (
                Series("取得", "given", self._counts(s, bounds, Consent.given_at)),
                Series("撤回", "withdrawn", self._counts(s, bounds, Consent.withdrawn_at)),
            ),
        )


def _bounds(months: tuple[str, ...]) -> list[dt.datetime]:
    """The instants (UTC) each month in Japan starts, and the next month's start after the last."""
    starts = [month_start_utc(m) for m in months]
    last = months[-1]
    year, number = (int(p) for p in last.split("-"))
    following = f"{year + number // 12:04d}-{number % 12 + 1:02d}"
    return [*starts, month_start_utc(following)]


def _label(labels: Any, enum: Any, code: str) -> tuple[str, str]:
    try:
        ja, en = labels[enum(code)]
        return (str(ja), str(en))
    except (ValueError, KeyError):
        return (code, code)
